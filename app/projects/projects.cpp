#include "app/projects/projects.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "app/audit/audit_trail.hpp"
#include "app/policy.hpp"
#include "core/calendar/calendar_set.hpp"
#include "core/identity/role.hpp"

namespace tongban::app {
namespace {

using identity::Role;
using CalendarSetPtr = std::shared_ptr<const calendar::CalendarSet>;

std::string project_target(const std::string& code) { return "project:" + code; }
std::string task_target(std::int64_t id) { return "joint_task:" + std::to_string(id); }

Date today(const Env& env) { return calendar::to_local_date(env.clock.now()); }

std::optional<std::string> department_of(ports::UnitOfWork& uow, const Actor& a) {
  if (!a.department_id) return std::nullopt;
  auto d = uow.identity().find_department(*a.department_id);
  if (!d) return std::nullopt;
  return d->code;
}

bool owns(ports::UnitOfWork& uow, const Actor& a, const ports::ProjectRecord& p) {
  auto uscc = org_uscc(uow, a);
  return uscc && *uscc == p.project.owner_uscc;
}

bool helps(const Actor& a, const ports::ProjectRecord& p) {
  return a.user_id && p.helper_user_id == a.user_id;
}

bool may_see(ports::UnitOfWork& uow, const Actor& a, const ports::ProjectRecord& p) {
  return is_staff(a) || owns(uow, a, p) || helps(a, p);
}

// The project as the caller may see it; not_found otherwise.
// In a write, `lock` holds the project's row so writes on one project run one at a time.
Result<ports::ProjectRecord> load_visible(ports::UnitOfWork& uow, const Actor& a,
                                          const std::string& code, bool lock = false) {
  if (!a.signed_in()) return Error{ErrorCode::Unauthenticated};
  auto p = lock ? uow.projects().lock_project(code) : uow.projects().find_project(code);
  if (!p || !may_see(uow, a, *p)) return Error{ErrorCode::NotFound, "no such project", "code"};
  return std::move(*p);
}

Result<const calendar::WorkCalendar*> calendar_in(const CalendarSetPtr& set,
                                                  const std::string& region) {
  auto cal = set->resolve(region);
  if (!cal) return cal.error();
  return *cal;
}

const projects::Stage* stage_of(const projects::StageTemplate& t, std::string_view code) {
  for (const auto& s : t.stages)
    if (s.code == code) return &s;
  return nullptr;
}

projects::StageStates states_of(const std::vector<ports::ProjectStageRecord>& rows) {
  projects::StageStates out;
  for (const auto& r : rows)
    out[r.stage_code] =
        projects::stage_state_from_string(r.state).value_or(projects::StageState::Pending);
  return out;
}

// Opens a stage on `day`: its own due date is `limit` working days later — unknown (none) when
// the calendar does not reach it yet (computed on reads once it does).
void open_on(ports::UnitOfWork& uow, ports::ProjectStageRecord& rec, int limit, Date day,
             const calendar::WorkCalendar& cal) {
  auto due = cal.add_workdays(day, limit);
  rec.state = std::string(projects::to_string(projects::StageState::Open));
  rec.opened_on = day;
  rec.due_on = due ? std::optional<Date>(*due) : std::nullopt;
  uow.projects().update_stage(rec);
}

// Opens every pending stage whose predecessors are all closed.
void open_ready(ports::UnitOfWork& uow, const ports::ProjectRecord& p,
                std::vector<ports::ProjectStageRecord>& rows, Date day,
                const calendar::WorkCalendar& cal) {
  const auto& t = p.stage_template;
  for (const auto& code : projects::ready_stages(t, states_of(rows))) {
    auto it =
        std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.stage_code == code; });
    if (it == rows.end()) continue;
    const int limit = projects::effective_limit(t, *stage_of(t, code), p.project.fast_lane);
    open_on(uow, *it, limit, day, cal);
  }
}

Result<ProjectView> load_view(ports::UnitOfWork& uow, ports::ProjectRecord p, Date day,
                              const calendar::WorkCalendar& cal) {
  ProjectView v;
  const auto& t = p.stage_template;
  const bool fast = p.project.fast_lane;
  const auto sched = projects::schedule(t, fast);
  v.figures = projects::schedule(t, false).figures;
  v.fast_lane_days = projects::schedule(t, true).figures.parallel_days;
  v.critical_path = sched.critical_path;
  if (p.helper_user_id) {
    if (auto u = uow.identity().find_user(*p.helper_user_id))
      v.helper = HelperView{u->id, u->username, u->display_name};
  }
  auto rows = uow.projects().list_stages(p.project.code);
  auto cases = uow.projects().list_project_cases(p.project.code);
  auto tasks = uow.projects().list_joint_tasks({.project_code = p.project.code}, {1, 200}).data;
  std::map<std::string, ports::ProjectStageRecord> by_code;
  for (auto& r : rows) by_code.emplace(r.stage_code, r);
  // Planned dates past the calendar's coverage at registration: from the current calendar.
  const auto now_plan = projects::plan_within(t, p.registered_on, cal, fast);
  if (!p.planned_due) p.planned_due = now_plan.due;
  for (std::size_t i = 0; i < t.stages.size(); ++i) {
    const auto& s = t.stages[i];
    StageView sv;
    sv.stage = s;
    sv.limit_days = projects::effective_limit(t, s, fast);
    sv.record = by_code[s.code];
    if (!sv.record.planned_start) sv.record.planned_start = now_plan.stages[i].start;
    if (!sv.record.planned_due) sv.record.planned_due = now_plan.stages[i].due;
    sv.progress =
        projects::stage_progress({sv.limit_days, sv.record.planned_due, sv.record.opened_on,
                                  sv.record.closed_on, sv.record.due_on},
                                 day, cal);
    if (sv.record.state == "open" && sv.progress.overdue) v.overdue = true;
    for (const auto& c : cases)
      if (c.stage_code == s.code) sv.cases.push_back(c);
    for (auto it = tasks.rbegin(); it != tasks.rend(); ++it)
      if (it->stage_code == s.code) sv.joint_tasks.push_back(*it);
    for (const auto& pred : s.predecessors) {
      const auto& pr = by_code[pred];
      if (pr.state != "closed") continue;
      ResultsIn in{pred, stage_of(t, pred)->name, pr.closed_on, {}};
      for (const auto& c : cases)
        if (c.stage_code == pred) in.cases.push_back(c);
      sv.results_in.push_back(std::move(in));
    }
    v.stages.push_back(std::move(sv));
  }
  v.record = std::move(p);
  return v;
}

// The lead department of a stage: its dept_head or reviewer, or an admin.
Status check_lead(ports::UnitOfWork& uow, const Actor& a, const projects::Stage& s) {
  if (a.is(Role::Admin)) return ok_status();
  if (!(a.is(Role::DeptHead) || a.is(Role::Reviewer)))
    return Error{ErrorCode::Forbidden, "only the lead department " + s.lead_dept};
  if (department_of(uow, a) != s.lead_dept)
    return Error{ErrorCode::Forbidden, "only the lead department " + s.lead_dept};
  return ok_status();
}

// Who may assign a project's helper: the window, an admin, the owner, the lead departments.
bool may_assign_helper(ports::UnitOfWork& uow, const Actor& a, const ports::ProjectRecord& p) {
  if (a.is(Role::FrontClerk) || a.is(Role::Admin) || owns(uow, a, p)) return true;
  if (!(a.is(Role::DeptHead) || a.is(Role::Reviewer))) return false;
  const auto mine = department_of(uow, a);
  const auto& stages = p.stage_template.stages;
  return mine && std::any_of(stages.begin(), stages.end(),
                             [&](const projects::Stage& s) { return s.lead_dept == *mine; });
}

struct StageContext {
  ports::ProjectRecord project;
  const projects::Stage* stage = nullptr;
  std::vector<ports::ProjectStageRecord> rows;
  const calendar::WorkCalendar* cal = nullptr;
};

// Loads the project (visible), its stage (not_found) and the calendar.
Result<StageContext> load_stage(ports::UnitOfWork& uow, const Actor& a, const CalendarSetPtr& set,
                                const std::string& code, const std::string& stage,
                                bool lock = false) {
  auto p = load_visible(uow, a, code, lock);
  if (!p) return p.error();
  StageContext sc;
  sc.project = std::move(*p);
  sc.stage = stage_of(sc.project.stage_template, stage);
  if (!sc.stage) return Error{ErrorCode::NotFound, "no such stage", "stage"};
  sc.rows = uow.projects().list_stages(code);
  auto cal = calendar_in(set, sc.project.project.region_code);
  if (!cal) return cal.error();
  sc.cal = *cal;
  return sc;
}

ports::ProjectStageRecord& row_of(StageContext& sc, const std::string& stage) {
  return *std::find_if(sc.rows.begin(), sc.rows.end(),
                       [&](const auto& r) { return r.stage_code == stage; });
}

// stage_state_invalid unless the stage is open (cases and joint tasks need it open).
Status check_stage_open(StageContext& sc, const std::string& stage) {
  const auto& row = row_of(sc, stage);
  if (row.state == "open") return ok_status();
  return Error{ErrorCode::StageStateInvalid, stage + " is " + row.state, "stage"};
}

// A write of the stage's lead: the project (visible), the stage, the calendar and the lead
// check, then `fn` with today's date. Audited as `action` on project:<code>/<stage>.
template <class T>
Result<T> lead_write(
    const Env& env, const RequestContext& ctx, std::string_view action, const std::string& code,
    const std::string& stage,
    const std::function<Result<T>(ports::UnitOfWork&, StageContext&, Date, std::string&)>& fn) {
  const auto set = env.calendars.current();
  const Date day = today(env);
  return audited_write<T>(env, ctx, action,
                          [&](ports::UnitOfWork& uow, std::string& target) -> Result<T> {
                            target = project_target(code) + "/" + stage;
                            auto sc = load_stage(uow, ctx.actor, set, code, stage, true);
                            if (!sc) return sc.error();
                            if (auto s = check_lead(uow, ctx.actor, *sc->stage); !s)
                              return s.error();
                            return fn(uow, *sc, day, target);
                          });
}

projects::JointTask joint_of(const ports::JointTaskRecord& r) {
  projects::JointTask t;
  t.consolidated = r.state == "consolidated";
  t.due_on = r.due_on;
  for (const auto& a : r.answers) {
    projects::JointAnswer ja;
    ja.department_code = a.department_code;
    if (a.opinion) ja.opinion = projects::opinion_from_string(*a.opinion);
    ja.answered_on = a.answered_on;
    ja.late = a.late;
    t.answers.push_back(std::move(ja));
  }
  return t;
}

}  // namespace

// ---- projects ------------------------------------------------------------------------------

Result<ProjectView> register_project(const Env& env, const RequestContext& ctx, projects::Project p,
                                     std::optional<Date> registered_on) {
  const auto set = env.calendars.current();
  const Date day = registered_on.value_or(today(env));
  return audited_write<ProjectView>(
      env, ctx, "project.register",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<ProjectView> {
        const auto& a = ctx.actor;
        target = project_target(p.code);
        if (!a.signed_in()) return Error{ErrorCode::Unauthenticated};
        if (!(a.is(Role::ApplicantOrg) || a.is(Role::FrontClerk) || a.is(Role::Admin)))
          return Error{ErrorCode::Forbidden};
        if (registered_on && !(a.is(Role::FrontClerk) || a.is(Role::Admin)))
          return Error{ErrorCode::Forbidden, "only staff backdate a registration", "registered_on"};
        if (registered_on && *registered_on > today(env))
          return Error{ErrorCode::InvalidDate, "after today", "registered_on"};
        if (auto s = projects::validate_project(p); !s) return s.error();
        target = project_target(p.code);
        if (a.is(Role::ApplicantOrg) && org_uscc(uow, a) != p.owner_uscc)
          return Error{ErrorCode::Forbidden, "an organisation registers its own projects",
                       "owner_uscc"};
        auto t = uow.projects().find_template(p.template_code);
        if (!t) return Error{ErrorCode::NotFound, "no such stage template", "template_code"};
        if (auto s = projects::check_template_fits(p, *t); !s) return s.error();
        if (!uow.identity().find_region(p.region_code))
          return Error{ErrorCode::UnknownRegion, p.region_code, "region_code"};
        auto cal = calendar_in(set, p.region_code);
        if (!cal) return cal.error();
        // As far as the calendar reaches: a plan past its coverage leaves those dates unknown.
        const auto plan = projects::plan_within(*t, day, **cal, p.fast_lane);
        ports::ProjectRecord rec;
        rec.project = p;
        rec.stage_template = *t;
        rec.registered_on = day;
        rec.planned_due = plan.due;
        rec.registered_by = a.username;
        rec.created_at = env.clock.now();
        if (!uow.projects().insert_project(rec))
          return Error{ErrorCode::ProjectExists, p.code, "code"};
        std::vector<ports::ProjectStageRecord> rows;
        for (std::size_t i = 0; i < t->stages.size(); ++i) {
          ports::ProjectStageRecord s;
          s.project_code = p.code;
          s.stage_code = t->stages[i].code;
          s.lead_dept = t->stages[i].lead_dept;
          s.planned_start = plan.stages[i].start;
          s.planned_due = plan.stages[i].due;
          uow.projects().insert_stage(s);
          rows.push_back(std::move(s));
        }
        open_ready(uow, rec, rows, day, **cal);
        return load_view(uow, std::move(rec), today(env), **cal);
      });
}

Result<ports::PageOf<ProjectSummary>> list_projects(const Env& env, const RequestContext& ctx,
                                                    const ProjectQuery& q,
                                                    ports::PageRequest page) {
  const auto& a = ctx.actor;
  if (!a.signed_in()) return Error{ErrorCode::Unauthenticated};
  if (!is_staff(a) && !a.is(Role::ApplicantOrg) && !a.is(Role::Agency))
    return Error{ErrorCode::Forbidden};
  ports::PageOf<ProjectSummary> out;
  const Date day = today(env);
  env.store.read([&](ports::UnitOfWork& uow) {
    ports::ProjectFilter f{q.q, q.region, q.type, q.template_code, q.state, q.lead_dept};
    if (q.overdue) f.overdue_on = day;
    if (!is_staff(a)) {
      f.owner_uscc = org_uscc(uow, a).value_or("-");
      f.helper_user_id = a.user_id;
    }
    auto page_of = uow.projects().list_projects(f, page);
    std::vector<std::string> codes;
    for (const auto& p : page_of.data) codes.push_back(p.project.code);
    auto open = uow.projects().list_open_stages(codes);
    out.total = page_of.total;
    out.data.clear();
    for (auto& p : page_of.data) {
      ProjectSummary s;
      for (const auto& st : p.stage_template.stages)
        for (const auto& o : open)
          if (o.project_code == p.project.code && o.stage_code == st.code) {
            s.open_stages.push_back(o);
            s.open_stage_names.push_back(st.name);
            if (o.due_on && *o.due_on < day) s.overdue = true;
          }
      s.record = std::move(p);
      out.data.push_back(std::move(s));
    }
  });
  return out;
}

Result<ProjectView> get_project(const Env& env, const RequestContext& ctx,
                                const std::string& code) {
  const auto set = env.calendars.current();
  std::optional<Result<ProjectView>> out;
  env.store.read([&](ports::UnitOfWork& uow) {
    auto p = load_visible(uow, ctx.actor, code);
    if (!p) {
      out.emplace(p.error());
      return;
    }
    auto cal = calendar_in(set, p->project.region_code);
    if (!cal) {
      out.emplace(cal.error());
      return;
    }
    out.emplace(load_view(uow, std::move(*p), today(env), **cal));
  });
  return std::move(*out);
}

Result<ProjectView> assign_helper(const Env& env, const RequestContext& ctx,
                                  const std::string& code, std::optional<std::int64_t> user_id) {
  const auto set = env.calendars.current();
  return audited_write<ProjectView>(
      env, ctx, "project.helper",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<ProjectView> {
        const auto& a = ctx.actor;
        target = project_target(code);
        auto p = load_visible(uow, a, code, true);
        if (!p) return p.error();
        if (!may_assign_helper(uow, a, *p))
          return Error{ErrorCode::Forbidden,
                       "the window, an admin, the owner or a lead department"};
        if (user_id) {
          auto u = uow.identity().find_user(*user_id);
          auto role = u ? identity::role_from_name(u->role) : Result<Role>(ErrorCode::NotFound);
          if (!u || u->disabled || !role.ok() ||
              !(*role == Role::ApplicantOrg || *role == Role::Agency))
            return Error{ErrorCode::ValidationFailed, "an organisation or agency account",
                         "user_id"};
        }
        uow.projects().set_helper(code, user_id);
        p->helper_user_id = user_id;
        auto cal = calendar_in(set, p->project.region_code);
        if (!cal) return cal.error();
        return load_view(uow, std::move(*p), today(env), **cal);
      });
}

Result<ports::PageOf<ports::UserRecord>> list_helper_candidates(const Env& env,
                                                                const RequestContext& ctx,
                                                                const std::string& code,
                                                                const std::optional<std::string>& q,
                                                                ports::PageRequest page) {
  std::optional<Result<ports::PageOf<ports::UserRecord>>> out;
  env.store.read([&](ports::UnitOfWork& uow) {
    auto p = load_visible(uow, ctx.actor, code);
    if (!p) {
      out.emplace(p.error());
      return;
    }
    if (!may_assign_helper(uow, ctx.actor, *p)) {
      out.emplace(
          Error{ErrorCode::Forbidden, "the window, an admin, the owner or a lead department"});
      return;
    }
    ports::UserFilter f;
    f.q = q;
    f.roles = {std::string(identity::role_name(Role::ApplicantOrg)),
               std::string(identity::role_name(Role::Agency))};
    f.enabled_only = true;
    out.emplace(uow.identity().list_users(f, page));
  });
  return std::move(*out);
}

// ---- running stages ------------------------------------------------------------------------

Result<ProjectView> open_stage(const Env& env, const RequestContext& ctx, const std::string& code,
                               const std::string& stage) {
  return lead_write<ProjectView>(
      env, ctx, "project.stage_open", code, stage,
      [&](ports::UnitOfWork& uow, StageContext& sc, Date day, std::string&) -> Result<ProjectView> {
        const auto& t = sc.project.stage_template;
        if (auto s = projects::check_open(t, stage, states_of(sc.rows)); !s) return s.error();
        const int limit = projects::effective_limit(t, *sc.stage, sc.project.project.fast_lane);
        open_on(uow, row_of(sc, stage), limit, day, *sc.cal);
        return load_view(uow, std::move(sc.project), day, *sc.cal);
      });
}

Result<StageCaseStarted> start_stage_case(const Env& env, const RequestContext& ctx,
                                          const std::string& code, const std::string& stage,
                                          CaseSubmission in) {
  const auto set = env.calendars.current();
  const auto& a = ctx.actor;
  const std::string target = project_target(code) + "/" + stage;
  // (1) Checked before any case exists.
  Status checked = ok_status();
  env.store.read([&](ports::UnitOfWork& uow) {
    auto sc = load_stage(uow, a, set, code, stage);
    if (!sc) {
      checked = sc.error();
      return;
    }
    const bool owner = owns(uow, a, sc->project);
    const bool helper = helps(a, sc->project);
    if (!owner && !helper && !a.is(Role::FrontClerk)) {
      checked = Error{ErrorCode::Forbidden, "the owner, the helper or a front clerk"};
      return;
    }
    if (auto s = projects::check_item_in_stage(sc->project.stage_template, stage, in.item_code);
        !s) {
      checked = s;
      return;
    }
    if (auto s = check_stage_open(*sc, stage); !s) {
      checked = s;
      return;
    }
    if (!owner) {
      auto account = uow.projects().find_owner_account(sc->project.project.owner_uscc);
      if (!account) {
        checked = Error{ErrorCode::ValidationFailed, "the owner has no account", "owner_uscc"};
        return;
      }
      in.applicant_id = *account;
      in.on_behalf = helper && !a.is(Role::FrontClerk);
    } else {
      in.applicant_id.reset();
    }
  });
  if (!checked) {
    append_audit_failure(env, ctx, "project.stage_case", target, checked.error());
    return checked.error();
  }
  // (2) The case itself, in its department, like any case. A client's Idempotency-Key is
  // scoped to the project's stage, so the same key elsewhere starts another case.
  if (in.idempotency_key)
    in.idempotency_key = "project-case:" + code + ":" + stage + ":" + *in.idempotency_key;
  auto submitted = submit_case(env, ctx, in);
  if (!submitted) return submitted.error();
  const auto case_id = submitted->detail.c.id;
  // (3) Linked to the stage (the stage may have closed in between: then the case stays a
  // case of its own and the refusal says so).
  const Date day = today(env);
  return audited_write<StageCaseStarted>(
      env, ctx, "project.stage_case",
      [&](ports::UnitOfWork& uow, std::string& tgt) -> Result<StageCaseStarted> {
        tgt = target + "/case:" + std::to_string(case_id);
        auto sc = load_stage(uow, a, set, code, stage, true);
        if (!sc) return sc.error();
        if (auto s = check_stage_open(*sc, stage); !s) return s.error();
        StageCaseStarted out;
        auto linked = [&] {
          for (const auto& c : uow.projects().list_project_cases(code))
            if (c.case_id == case_id) out.c = c;
          return out.c.case_id == case_id;
        };
        // A replay (the same Idempotency-Key) links the first case once.
        if (!linked()) {
          uow.projects().insert_project_case(code, stage, case_id, in.item_code);
          linked();
        }
        auto v = load_view(uow, std::move(sc->project), day, *sc->cal);
        if (!v) return v.error();
        out.project = std::move(*v);
        return out;
      });
}

Result<ProjectView> close_stage(const Env& env, const RequestContext& ctx, const std::string& code,
                                const std::string& stage) {
  return lead_write<ProjectView>(
      env, ctx, "project.stage_close", code, stage,
      [&](ports::UnitOfWork& uow, StageContext& sc, Date day, std::string&) -> Result<ProjectView> {
        const auto& t = sc.project.stage_template;
        if (auto s = projects::check_close(t, stage, states_of(sc.rows)); !s) return s.error();
        std::vector<projects::StageCase> cases;
        for (const auto& c : uow.projects().list_project_cases(code))
          if (c.stage_code == stage) cases.push_back({c.number, c.case_state});
        std::vector<projects::StageJointTask> tasks;
        for (const auto& jt :
             uow.projects().list_joint_tasks({.project_code = code}, {1, 200}).data)
          if (jt.stage_code == stage) tasks.push_back({jt.id, jt.state == "consolidated"});
        if (auto s = projects::check_stage_finished(cases, tasks); !s) return s.error();
        auto& row = row_of(sc, stage);
        row.state = std::string(projects::to_string(projects::StageState::Closed));
        row.closed_on = day;
        uow.projects().update_stage(row);
        open_ready(uow, sc.project, sc.rows, day, *sc.cal);
        if (std::all_of(sc.rows.begin(), sc.rows.end(),
                        [](const auto& r) { return r.state == "closed"; })) {
          uow.projects().update_project_state(code, "completed");
          sc.project.state = "completed";
        }
        return load_view(uow, std::move(sc.project), day, *sc.cal);
      });
}

// ---- timeline per template -----------------------------------------------------------------

namespace {

// One project's run: its stages' working days on its region's calendar (none without one).
projects::ProjectRun run_of(ports::UnitOfWork& uow, const ports::ProjectRecord& p,
                            const CalendarSetPtr& set, Date day) {
  const auto& t = p.stage_template;
  const bool fast = p.project.fast_lane;
  projects::ProjectRun run;
  run.completed = p.state == "completed";
  run.planned_days = projects::schedule(t, fast).figures.parallel_days;
  auto cal = calendar_in(set, p.project.region_code);
  std::optional<Date> last_close;
  for (const auto& row : uow.projects().list_stages(p.project.code)) {
    const auto* s = stage_of(t, row.stage_code);
    if (!s) continue;
    projects::StageRun sr;
    sr.code = row.stage_code;
    sr.limit_days = projects::effective_limit(t, *s, fast);
    sr.state = projects::stage_state_from_string(row.state).value_or(projects::StageState::Pending);
    if (cal) {
      const auto progress = projects::stage_progress(
          {sr.limit_days, row.planned_due, row.opened_on, row.closed_on, row.due_on}, day, **cal);
      sr.overdue = progress.overdue;
      if (row.closed_on) sr.actual_days = progress.actual_days;
    }
    if (row.closed_on && (!last_close || *row.closed_on > *last_close)) last_close = row.closed_on;
    run.stages.push_back(std::move(sr));
  }
  if (run.completed && last_close && cal) {
    if (auto total = (*cal)->workdays_between(p.registered_on, *last_close))
      run.actual_days = std::max<std::int64_t>(0, *total);
  }
  return run;
}

}  // namespace

Result<projects::TemplateTimeline> template_timeline(const Env& env, const RequestContext& ctx,
                                                     const std::string& code) {
  const auto& a = ctx.actor;
  if (!a.signed_in()) return Error{ErrorCode::Unauthenticated};
  const auto set = env.calendars.current();
  const Date day = today(env);
  std::optional<Result<projects::TemplateTimeline>> out;
  env.store.read([&](ports::UnitOfWork& uow) {
    auto t = uow.projects().find_template(code);
    if (!t) {
      out.emplace(Error{ErrorCode::NotFound, "no such stage template"});
      return;
    }
    bool lead = false;
    if (a.is(Role::DeptHead) || a.is(Role::Reviewer)) {
      const auto mine = department_of(uow, a);
      lead = mine && std::any_of(t->stages.begin(), t->stages.end(),
                                 [&](const projects::Stage& s) { return s.lead_dept == *mine; });
    }
    if (!(a.is(Role::Supervisor) || a.is(Role::Admin) || lead)) {
      out.emplace(Error{ErrorCode::Forbidden, "supervisors, admins and the lead departments"});
      return;
    }
    std::vector<projects::ProjectRun> runs;
    ports::ProjectFilter f;
    f.template_code = code;
    constexpr std::int64_t kPage = 200;
    for (std::int64_t page = 1;; ++page) {
      auto rows = uow.projects().list_projects(f, {page, kPage});
      for (const auto& p : rows.data) runs.push_back(run_of(uow, p, set, day));
      if (rows.data.empty() || page * kPage >= rows.total) break;
    }
    out.emplace(projects::template_timeline(*t, runs));
  });
  return std::move(*out);
}

// ---- joint tasks ---------------------------------------------------------------------------

Result<ports::JointTaskRecord> request_joint_task(const Env& env, const RequestContext& ctx,
                                                  const std::string& code, const std::string& stage,
                                                  const JointRequest& in) {
  return lead_write<ports::JointTaskRecord>(
      env, ctx, "joint_task.request", code, stage,
      [&](ports::UnitOfWork& uow, StageContext& sc, Date day,
          std::string& target) -> Result<ports::JointTaskRecord> {
        if (auto s = check_stage_open(sc, stage); !s) return s.error();
        if (!projects::joint_task_kind_from_string(in.kind))
          return Error{ErrorCode::ValidationFailed, "unknown kind", "kind"};
        if (auto s = projects::validate_joint_request(*sc.stage, in.departments, in.limit_days); !s)
          return s.error();
        for (const auto& d : in.departments)
          if (!uow.identity().find_department_by_code(d))
            return Error{ErrorCode::ValidationFailed, "unknown department " + d, "departments"};
        auto due = projects::joint_due(day, in.limit_days, *sc.cal);
        if (!due) return due.error();
        ports::JointTaskRecord t;
        t.project_code = code;
        t.project_name = sc.project.project.name;
        t.stage_code = stage;
        t.kind = in.kind;
        t.lead_dept = sc.stage->lead_dept;
        t.requested_on = day;
        t.limit_days = in.limit_days;
        t.due_on = *due;
        t.requested_by = ctx.actor.username;
        for (const auto& d : in.departments)
          t.answers.push_back({d, std::nullopt, "", {}, "", false});
        t.id = uow.projects().insert_joint_task(t);
        target = task_target(t.id);
        return t;
      });
}

Result<ports::PageOf<ports::JointTaskRecord>> list_joint_tasks(const Env& env,
                                                               const RequestContext& ctx,
                                                               const ports::JointTaskFilter& f,
                                                               ports::PageRequest page) {
  if (!ctx.actor.signed_in()) return Error{ErrorCode::Unauthenticated};
  if (!is_staff(ctx.actor)) return Error{ErrorCode::Forbidden};
  ports::PageOf<ports::JointTaskRecord> out;
  env.store.read([&](ports::UnitOfWork& uow) { out = uow.projects().list_joint_tasks(f, page); });
  return out;
}

Result<ports::JointTaskRecord> get_joint_task(const Env& env, const RequestContext& ctx,
                                              std::int64_t id) {
  if (!ctx.actor.signed_in()) return Error{ErrorCode::Unauthenticated};
  std::optional<Result<ports::JointTaskRecord>> out;
  env.store.read([&](ports::UnitOfWork& uow) {
    auto t = uow.projects().find_joint_task(id);
    if (!t || !load_visible(uow, ctx.actor, t->project_code))
      out.emplace(Error{ErrorCode::NotFound, "no such joint task"});
    else
      out.emplace(std::move(*t));
  });
  return std::move(*out);
}

Result<ports::JointTaskRecord> answer_joint_task(const Env& env, const RequestContext& ctx,
                                                 std::int64_t id, const std::string& department,
                                                 const std::string& opinion,
                                                 const std::string& comment) {
  const Date day = today(env);
  return audited_write<ports::JointTaskRecord>(
      env, ctx, "joint_task.answer",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<ports::JointTaskRecord> {
        const auto& a = ctx.actor;
        target = task_target(id);
        if (!a.signed_in()) return Error{ErrorCode::Unauthenticated};
        if (!is_staff(a)) return Error{ErrorCode::Forbidden};
        auto t = uow.projects().lock_joint_task(id);
        if (!t) return Error{ErrorCode::NotFound, "no such joint task"};
        auto o = projects::opinion_from_string(opinion);
        if (!o)
          return Error{ErrorCode::ValidationFailed, "agree, disagree or conditions", "opinion"};
        auto jt = joint_of(*t);
        const auto mine =
            (a.is(Role::Reviewer) || a.is(Role::DeptHead)) ? department_of(uow, a) : std::nullopt;
        if (auto s = projects::check_answer(jt, department, mine); !s) return s.error();
        projects::record_answer(jt, department, *o, day);
        for (std::size_t i = 0; i < t->answers.size(); ++i) {
          auto& ar = t->answers[i];
          if (ar.department_code != department) continue;
          ar.opinion = std::string(projects::to_string(*o));
          ar.comment = comment;
          ar.answered_on = jt.answers[i].answered_on;
          ar.answered_by = a.username;
          ar.late = jt.answers[i].late;
        }
        uow.projects().update_joint_task(*t);
        return std::move(*t);
      });
}

Result<ports::JointTaskRecord> consolidate_joint_task(const Env& env, const RequestContext& ctx,
                                                      std::int64_t id,
                                                      const std::string& conclusion) {
  const Date day = today(env);
  return audited_write<ports::JointTaskRecord>(
      env, ctx, "joint_task.consolidate",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<ports::JointTaskRecord> {
        target = task_target(id);
        if (!ctx.actor.signed_in()) return Error{ErrorCode::Unauthenticated};
        auto t = uow.projects().lock_joint_task(id);
        if (!t) return Error{ErrorCode::NotFound, "no such joint task"};
        auto p = uow.projects().find_project(t->project_code);
        const auto* s = p ? stage_of(p->stage_template, t->stage_code) : nullptr;
        if (!s) return Error{ErrorCode::NotFound, "no such joint task"};
        if (auto st = check_lead(uow, ctx.actor, *s); !st) return st.error();
        if (auto st = projects::check_consolidate(joint_of(*t)); !st) return st.error();
        t->state = "consolidated";
        t->conclusion = conclusion;
        t->consolidated_on = day;
        uow.projects().update_joint_task(*t);
        return std::move(*t);
      });
}

}  // namespace tongban::app
