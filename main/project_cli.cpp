#include "main/project_cli.hpp"

#include <cstdio>
#include <filesystem>

#include "adapters/projects/template_json.hpp"
#include "app/projects/templates.hpp"

namespace tongban::cli {

bool load_demo_project_templates(const app::Env& env, const app::RequestContext& ctx,
                                 const std::string& data_dir) {
  auto list =
      projects::io::read_template_dir(std::filesystem::path(data_dir) / "projects" / "templates");
  auto report = list ? app::import_project_templates(env, ctx, *list)
                     : Result<app::TemplateImportReport>(list.error());
  if (!report) {
    std::fprintf(stderr, "demo project templates: %s (%s) %s\n",
                 std::string(report.error().name()).c_str(), report.error().field.c_str(),
                 report.error().detail.c_str());
    return false;
  }
  std::printf("demo project templates: %d created, %d already present\n", report->created,
              report->present);
  return true;
}

}  // namespace tongban::cli
