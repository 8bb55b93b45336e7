#include "app/reviews/meetings.hpp"

#include <set>

#include "app/audit/audit_trail.hpp"
#include "app/policy.hpp"
#include "core/calendar/calendar_set.hpp"
#include "core/identity/role.hpp"
#include "ports/project_repository.hpp"

namespace tongban::app {
namespace {

using identity::Role;
using std::chrono::days;

constexpr int kMaxAgendaProjects = 2000;

// Working days from `due` to `day` on the calendar of `region` (0 when it cannot be told).
int late_by(const std::shared_ptr<const calendar::CalendarSet>& cals, const std::string& region,
            Date due, Date day) {
  auto cal = cals->resolve(region);
  if (!cal) return 0;
  auto n = (*cal)->workdays_between(due, day);
  return n ? static_cast<int>(*n) : 0;
}

std::vector<reviews::AgendaCandidate> candidates(const Env& env, ports::UnitOfWork& uow, Date day) {
  const auto cals = env.calendars.current();
  std::vector<reviews::AgendaCandidate> out;
  // Projects: open stages past their own due date, or past the plan's.
  std::map<std::string, ports::ProjectRecord> running;
  for (std::int64_t page = 1; static_cast<int>(running.size()) < kMaxAgendaProjects; ++page) {
    ports::ProjectFilter f;
    f.state = "running";
    auto p = uow.projects().list_projects(f, {page, 200});
    for (auto& r : p.data) running.emplace(r.project.code, std::move(r));
    if (p.data.size() < 200) break;
  }
  std::vector<std::string> codes;
  for (const auto& [code, _] : running) codes.push_back(code);
  for (const auto& s : uow.projects().list_open_stages(codes)) {
    const auto& p = running.at(s.project_code);
    std::string name = s.stage_code;
    for (const auto& st : p.stage_template.stages)
      if (st.code == s.stage_code) name = st.name;
    const std::string detail = name + "（牵头：" + s.lead_dept + "）";
    if (s.due_on && *s.due_on < day) {
      out.push_back({reviews::AgendaKind::OverdueStage, p.project.code, p.project.name,
                     s.stage_code, detail + " 超过阶段时限", s.lead_dept, *s.due_on,
                     late_by(cals, p.project.region_code, *s.due_on, day)});
    } else if (s.planned_due && *s.planned_due < day) {  // no plan past the calendar's coverage
      out.push_back({reviews::AgendaKind::BehindPlan, p.project.code, p.project.name, s.stage_code,
                     detail + " 落后于计划", s.lead_dept, *s.planned_due,
                     late_by(cals, p.project.region_code, *s.planned_due, day)});
    }
  }
  // Review posts late with their answer.
  for (const auto& r : uow.reviews().list_late_reviews(day)) {
    out.push_back({reviews::AgendaKind::LateReview, r.project_code, r.project_name,
                   "filing:" + std::to_string(r.filing_id) + "/" + r.review.post.department_code,
                   r.title + " 第" + std::to_string(r.review.round) + "轮 " +
                       std::string(reviews::to_string(r.review.post.level)) + " 审查逾期",
                   r.review.post.department_code, r.review.due_on,
                   late_by(cals, r.review.post.region_code, r.review.due_on, day)});
  }
  // Earlier decisions still open past their due date.
  ports::DecisionFilter df;
  df.state = "open";
  df.due_before = day;
  for (const auto& d : uow.reviews().list_decisions(df, {1, 200}).data) {
    const auto p = running.find(d.project_code);
    const bool known = p != running.end();
    out.push_back({reviews::AgendaKind::OpenDecision, d.project_code,
                   known ? p->second.project.name : std::string(),
                   "decision:" + std::to_string(d.id), d.text, d.owner_department, d.due_on,
                   late_by(cals, known ? p->second.project.region_code : "000000", d.due_on, day)});
  }
  return out;
}

MeetingView view_of(const Env& env, ports::UnitOfWork& uow, ports::MeetingRecord m) {
  MeetingView v;
  v.today = review_today(env);
  // A meeting ahead looks at what will be late by its date.
  const Date day = std::max(v.today, m.meeting_on);
  v.agenda = m.state == "held" ? m.agenda : reviews::build_agenda(candidates(env, uow, day), day);
  ports::DecisionFilter f;
  f.meeting_id = m.id;
  v.decisions = uow.reviews().list_decisions(f, {1, 200}).data;
  std::set<std::string> depts{m.chair_department};
  for (const auto& a : v.agenda) depts.insert(a.department);
  for (const auto& d : v.decisions) depts.insert(d.owner_department);
  for (const auto& code : depts)
    if (auto d = uow.identity().find_department_by_code(code)) v.department_names[code] = d->name;
  v.meeting = std::move(m);
  return v;
}

}  // namespace

Date review_today(const Env& env) { return calendar::to_local_date(env.clock.now()); }

Result<MeetingView> schedule_meeting(const Env& env, const RequestContext& ctx,
                                     const NewMeeting& in) {
  return audited_write<MeetingView>(
      env, ctx, "meeting.schedule",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<MeetingView> {
        target = "meeting:" + format_date(in.date);
        if (!is_staff(ctx.actor)) return Error{ErrorCode::Forbidden};
        auto chair = uow.identity().find_department_by_code(in.chair_department);
        if (!chair)
          return Error{ErrorCode::UnknownDepartment, in.chair_department, "chair_department"};
        const bool chairs = ctx.actor.is(Role::DeptHead) && ctx.actor.department_id == chair->id;
        if (!ctx.actor.is(Role::Admin) && !ctx.actor.is(Role::Supervisor) && !chairs)
          return Error{ErrorCode::Forbidden, "the chair department's head schedules"};
        if (in.weeks < 1 || in.weeks > 12)
          return Error{ErrorCode::ValidationFailed, "1..12", "weeks"};
        if (in.title.size() > 256)
          return Error{ErrorCode::ValidationFailed, "at most 256 bytes", "title"};
        if (in.date < review_today(env))
          return Error{ErrorCode::ValidationFailed, "in the past", "date"};
        auto cal = env.calendars.current()->resolve(chair->region_code);
        if (!cal) return cal.error();
        auto working = (*cal)->is_working_day(in.date);
        if (!working) return working.error();
        if (!*working) return Error{ErrorCode::ValidationFailed, "not a working day", "date"};
        std::vector<std::pair<std::int64_t, Date>> series;
        for (int w = 0; w < in.weeks; ++w) {
          auto day = (*cal)->add_workdays(in.date + days(7 * w), 0);
          if (!day) return day.error();
          ports::MeetingRecord m;
          m.meeting_on = *day;
          m.chair_department = chair->code;
          m.title = in.title.empty() ? "工程建设项目联审会" : in.title;
          m.created_by = ctx.actor.username;
          m.created_at = env.clock.now();
          m.id = uow.reviews().insert_meeting(m);
          series.emplace_back(m.id, m.meeting_on);
        }
        target = "meeting:" + std::to_string(series.front().first);
        auto v = view_of(env, uow, *uow.reviews().find_meeting(series.front().first));
        v.series = std::move(series);
        return v;
      });
}

Result<ports::PageOf<ports::MeetingRecord>> list_meetings(const Env& env, const RequestContext& ctx,
                                                          const ports::MeetingFilter& f,
                                                          ports::PageRequest page) {
  if (!is_staff(ctx.actor)) return Error{ErrorCode::Forbidden};
  ports::PageOf<ports::MeetingRecord> out;
  env.store.read([&](ports::UnitOfWork& uow) { out = uow.reviews().list_meetings(f, page); });
  return out;
}

Result<MeetingView> get_meeting(const Env& env, const RequestContext& ctx, std::int64_t id) {
  if (!is_staff(ctx.actor)) return Error{ErrorCode::Forbidden};
  std::optional<MeetingView> out;
  env.store.read([&](ports::UnitOfWork& uow) {
    if (auto m = uow.reviews().find_meeting(id)) out = view_of(env, uow, std::move(*m));
  });
  if (!out) return Error{ErrorCode::NotFound, "no such meeting"};
  return std::move(*out);
}

Result<MeetingView> record_minutes(const Env& env, const RequestContext& ctx, std::int64_t id,
                                   const Minutes& in) {
  return audited_write<MeetingView>(
      env, ctx, "meeting.minutes",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<MeetingView> {
        target = "meeting:" + std::to_string(id);
        if (!is_staff(ctx.actor)) return Error{ErrorCode::Forbidden};
        auto m = uow.reviews().lock_meeting(id);
        if (!m) return Error{ErrorCode::NotFound, "no such meeting"};
        const bool chair_staff =
            (ctx.actor.is(Role::DeptHead) || ctx.actor.is(Role::Reviewer)) &&
            department_code_of(uow, ctx.actor).value_or("") == m->chair_department;
        if (!ctx.actor.is(Role::Admin) && !chair_staff)
          return Error{ErrorCode::Forbidden, "the chair department records the minutes"};
        if (m->state != "scheduled") return Error{ErrorCode::MeetingStateInvalid, m->state};
        if (auto ok = reviews::validate_minutes(in.summary, in.decisions, m->meeting_on); !ok)
          return ok.error();
        for (std::size_t i = 0; i < in.decisions.size(); ++i) {
          const auto& d = in.decisions[i];
          const std::string at = "decisions[" + std::to_string(i) + "].";
          if (!uow.identity().find_department_by_code(d.owner_department))
            return Error{ErrorCode::UnknownDepartment, d.owner_department, at + "owner_department"};
          if (!uow.projects().find_project(d.project_code))
            return Error{ErrorCode::NotFound, "no such project", at + "project_code"};
        }
        const Date day = std::max(review_today(env), m->meeting_on);
        m->agenda = reviews::build_agenda(candidates(env, uow, day), day);
        m->state = "held";
        m->summary = in.summary;
        m->held_at = env.clock.now();
        uow.reviews().update_meeting(*m);
        for (const auto& d : in.decisions) {
          ports::MeetingDecisionRecord rec;
          rec.meeting_id = m->id;
          rec.project_code = d.project_code;
          rec.text = d.text;
          rec.owner_department = d.owner_department;
          rec.due_on = d.due_on;
          uow.reviews().insert_decision(rec);
        }
        return view_of(env, uow, std::move(*m));
      });
}

Result<ports::PageOf<ports::MeetingDecisionRecord>> list_meeting_decisions(
    const Env& env, const RequestContext& ctx, const DecisionQuery& q, ports::PageRequest page) {
  if (!is_staff(ctx.actor)) return Error{ErrorCode::Forbidden};
  if (q.state && *q.state != "open" && *q.state != "closed")
    return Error{ErrorCode::ValidationFailed, "open or closed", "state"};
  ports::DecisionFilter f{q.meeting_id, q.state, q.owner_department, q.project_code, {}};
  if (q.overdue) {
    f.state = "open";
    f.due_before = review_today(env);
  }
  ports::PageOf<ports::MeetingDecisionRecord> out;
  env.store.read([&](ports::UnitOfWork& uow) { out = uow.reviews().list_decisions(f, page); });
  return out;
}

Result<ports::MeetingDecisionRecord> close_meeting_decision(const Env& env,
                                                            const RequestContext& ctx,
                                                            std::int64_t id,
                                                            const std::string& note) {
  return audited_write<ports::MeetingDecisionRecord>(
      env, ctx, "meeting_decision.close",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<ports::MeetingDecisionRecord> {
        target = "meeting_decision:" + std::to_string(id);
        if (!is_staff(ctx.actor)) return Error{ErrorCode::Forbidden};
        auto d = uow.reviews().lock_decision(id);
        if (!d) return Error{ErrorCode::NotFound, "no such decision"};
        const auto m = uow.reviews().find_meeting(d->meeting_id);
        const auto own = department_code_of(uow, ctx.actor).value_or("");
        const bool may =
            ctx.actor.is(Role::Admin) || ctx.actor.is(Role::Supervisor) ||
            (!own.empty() && (own == d->owner_department || (m && own == m->chair_department)));
        if (!may) return Error{ErrorCode::Forbidden, "the owner department closes its decision"};
        if (d->state != "open") return Error{ErrorCode::MeetingStateInvalid, d->state};
        if (note.size() > 2000)
          return Error{ErrorCode::ValidationFailed, "at most 2000 bytes", "note"};
        d->state = "closed";
        d->closed_on = review_today(env);
        d->closed_by = ctx.actor.username;
        d->close_note = note;
        uow.reviews().update_decision(*d);
        return std::move(*d);
      });
}

}  // namespace tongban::app
