#include "main/review_cli.hpp"

#include <cstdio>
#include <filesystem>

#include "adapters/rules/rules_json.hpp"
#include "app/reviews/rule_sets.hpp"

namespace tongban::cli {

bool load_demo_review_setup(const app::Env& env, const app::RequestContext& ctx,
                            const std::string& data_dir) {
  const auto projects = std::filesystem::path(data_dir) / "projects";
  auto sets = rules::io::read_rule_dir(projects / "rules");
  auto posts = rules::io::read_review_posts(projects / "review-posts.json");
  Result<app::ReviewSetupReport> report = !sets ? Result<app::ReviewSetupReport>(sets.error())
                                          : !posts
                                              ? Result<app::ReviewSetupReport>(posts.error())
                                              : app::import_review_setup(env, ctx, *sets, *posts);
  if (!report) {
    std::fprintf(stderr, "demo review setup: %s (%s) %s\n",
                 std::string(report.error().name()).c_str(), report.error().field.c_str(),
                 report.error().detail.c_str());
    return false;
  }
  std::printf("demo review setup: %d rule sets, %d review posts\n", report->rule_sets,
              report->posts);
  return true;
}

}  // namespace tongban::cli
