#include "main/bundle_cli.hpp"

#include <cstdio>
#include <filesystem>

#include "adapters/bundles/bundle_json.hpp"
#include "app/bundles/bundles.hpp"

namespace tongban::cli {

bool load_demo_bundles(const app::Env& env, const app::RequestContext& ctx,
                       const std::string& data_dir) {
  auto list = bundles::io::read_bundle_dir(std::filesystem::path(data_dir) / "bundles");
  auto report =
      list ? app::import_bundles(env, ctx, *list) : Result<app::BundleImportReport>(list.error());
  if (!report) {
    std::fprintf(stderr, "demo bundles: %s (%s) %s\n", std::string(report.error().name()).c_str(),
                 report.error().field.c_str(), report.error().detail.c_str());
    return false;
  }
  std::printf("demo bundles: %d created, %d already present\n", report->created, report->present);
  return true;
}

}  // namespace tongban::cli
