// Stage template use cases (阶段模板): the public list and detail with computed figures
// (serial vs parallel totals, the critical path, the fast lane), and the admin import of
// data/projects/templates (validated against the latest catalog, all or nothing).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/common/result.hpp"
#include "core/projects/stage_template.hpp"
#include "ports/project_repository.hpp"

namespace tongban::app {

struct TemplateView {
  projects::StageTemplate stage_template;
  projects::Schedule schedule;   // normal limits
  projects::Schedule fast_lane;  // 绿色通道 limits
};

// Public. Ordered by region, then code.
Result<ports::PageOf<TemplateView>> list_project_templates(const Env& env,
                                                           const ports::TemplateFilter& f,
                                                           ports::PageRequest page);
// Public. not_found for an unknown code.
Result<TemplateView> get_project_template(const Env& env, const std::string& code);

// The template's stages on the working-day calendar of `region` (default: the template's own
// region) from `start`, the day the project is registered (it does not count). Public.
// not_found for an unknown template; unknown_region for a region without a calendar;
// calendar_out_of_range when the plan runs past the calendar's coverage.
struct TemplatePlan {
  projects::StageTemplate stage_template;
  std::string region;
  bool fast_lane = false;
  projects::Plan plan;
};
Result<TemplatePlan> plan_project_template(const Env& env, const std::string& code, Date start,
                                           const std::optional<std::string>& region,
                                           bool fast_lane);

struct TemplateImportReport {
  int created = 0;
  int present = 0;  // a template with that code exists (left alone)
};
// Admin (the catalog permission): a new template, validated (template_invalid with the field
// path, e.g. stages[1].predecessors[0]) and checked against the latest catalog; conflict when
// the code exists. Audited as project_template.create.
Result<TemplateView> create_project_template(const Env& env, const RequestContext& ctx,
                                             projects::StageTemplate t);
// Admin: replaces the definition of template `code` (the same checks); not_found for an unknown
// code, invalid_argument (field code) when the body names another code. Projects already
// registered keep the stage plan they were given. Audited as project_template.update.
Result<TemplateView> replace_project_template(const Env& env, const RequestContext& ctx,
                                              const std::string& code, projects::StageTemplate t);

// Admin (the catalog permission). Every template is validated (template_invalid, the detail
// naming templates[i]) and checked against the latest catalog before any is stored. Audited
// as project_template.import.
Result<TemplateImportReport> import_project_templates(
    const Env& env, const RequestContext& ctx, const std::vector<projects::StageTemplate>& list);

}  // namespace tongban::app
