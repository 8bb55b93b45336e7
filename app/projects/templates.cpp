#include "app/projects/templates.hpp"

#include <optional>
#include <set>
#include <string>

#include "app/audit/audit_trail.hpp"
#include "app/calendar/calendars.hpp"
#include "app/policy.hpp"
#include "ports/catalog_repository.hpp"

namespace tongban::app {
namespace {

TemplateView view(projects::StageTemplate t) {
  TemplateView v;
  v.schedule = projects::schedule(t, false);
  v.fast_lane = projects::schedule(t, true);
  v.stage_template = std::move(t);
  return v;
}

projects::ItemIndex load_items(ports::UnitOfWork& uow, const projects::StageTemplate& t) {
  projects::ItemIndex idx;
  for (const auto& s : t.stages)
    for (const auto& code : s.items)
      if (auto it = uow.catalog().find_item(code)) idx.emplace(code, std::move(*it));
  return idx;
}

// validate_template, then check_items against the catalog and check_departments against
// the departments on record, as they are in this transaction.
Status check_template(ports::UnitOfWork& uow, const projects::StageTemplate& t) {
  if (auto s = projects::validate_template(t); !s) return s;
  const auto items = load_items(uow, t);
  if (auto s = projects::check_items(t, items); !s) return s;
  std::set<std::string> known;
  for (const auto& code : projects::named_departments(t, items))
    if (uow.identity().find_department_by_code(code)) known.insert(code);
  return projects::check_departments(t, known, items);
}

}  // namespace

Result<ports::PageOf<TemplateView>> list_project_templates(const Env& env,
                                                           const ports::TemplateFilter& f,
                                                           ports::PageRequest page) {
  ports::PageOf<TemplateView> out;
  env.store.read([&](ports::UnitOfWork& uow) {
    auto ts = uow.projects().list_templates(f, page);
    out.total = ts.total;
    out.data.clear();
    for (auto& t : ts.data) out.data.push_back(view(std::move(t)));
  });
  return out;
}

Result<TemplateView> get_project_template(const Env& env, const std::string& code) {
  std::optional<projects::StageTemplate> t;
  env.store.read([&](ports::UnitOfWork& uow) { t = uow.projects().find_template(code); });
  if (!t) return Error{ErrorCode::NotFound, "no such stage template"};
  return view(std::move(*t));
}

Result<TemplatePlan> plan_project_template(const Env& env, const std::string& code, Date start,
                                           const std::optional<std::string>& region,
                                           bool fast_lane) {
  auto t = get_project_template(env, code);
  if (!t) return t.error();
  TemplatePlan out;
  out.region = region ? *region : t->stage_template.region;
  out.fast_lane = fast_lane;
  auto h = calendar_for(env, out.region);
  if (!h) return h.error();
  auto p = projects::plan(t->stage_template, start, *h->calendar, fast_lane);
  if (!p) return p.error();
  out.plan = std::move(*p);
  out.stage_template = std::move(t->stage_template);
  return out;
}

Result<TemplateImportReport> import_project_templates(
    const Env& env, const RequestContext& ctx, const std::vector<projects::StageTemplate>& list) {
  return audited_write<TemplateImportReport>(
      env, ctx, "project_template.import",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<TemplateImportReport> {
        target = "project_templates:" + std::to_string(list.size());
        if (!may(ctx.actor, Permission::ManageCatalog)) return Error{ErrorCode::Forbidden};
        std::set<std::string> codes;
        for (std::size_t i = 0; i < list.size(); ++i) {
          auto s = check_template(uow, list[i]);
          if (s.ok() && !codes.insert(list[i].code).second)
            s = Error{ErrorCode::TemplateInvalid, list[i].code + ": listed twice", "code"};
          if (!s) {
            Error e = s.error();
            e.detail = "templates[" + std::to_string(i) + "] " + e.detail;
            return e;
          }
        }
        TemplateImportReport r;
        for (const auto& t : list)
          (uow.projects().insert_template(t, env.clock.now()) ? r.created : r.present)++;
        return r;
      });
}

Result<TemplateView> create_project_template(const Env& env, const RequestContext& ctx,
                                             projects::StageTemplate t) {
  return audited_write<TemplateView>(
      env, ctx, "project_template.create",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<TemplateView> {
        target = "project_template:" + t.code;
        if (!may(ctx.actor, Permission::ManageCatalog)) return Error{ErrorCode::Forbidden};
        if (auto s = check_template(uow, t); !s) return s.error();
        if (!uow.projects().insert_template(t, env.clock.now()))
          return Error{ErrorCode::Conflict, "a stage template with this code exists", "code"};
        return view(std::move(t));
      });
}

Result<TemplateView> replace_project_template(const Env& env, const RequestContext& ctx,
                                              const std::string& code, projects::StageTemplate t) {
  return audited_write<TemplateView>(
      env, ctx, "project_template.update",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<TemplateView> {
        target = "project_template:" + code;
        if (!may(ctx.actor, Permission::ManageCatalog)) return Error{ErrorCode::Forbidden};
        if (t.code != code)
          return Error{ErrorCode::InvalidArgument, "code differs from the path", "code"};
        if (!uow.projects().find_template(code))
          return Error{ErrorCode::NotFound, "no such stage template"};
        if (auto s = check_template(uow, t); !s) return s.error();
        uow.projects().replace_template(t, env.clock.now());
        return view(std::move(t));
      });
}

}  // namespace tongban::app
