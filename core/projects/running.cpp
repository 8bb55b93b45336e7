#include "core/projects/running.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace tongban::projects {
namespace {

bool region_within(std::string_view region, std::string_view scope) {
  if (scope == "000000" || region == scope) return true;
  if (scope.size() != 6 || region.size() != 6) return false;
  if (scope.ends_with("0000")) return region.substr(0, 2) == scope.substr(0, 2);
  if (scope.ends_with("00")) return region.substr(0, 4) == scope.substr(0, 4);
  return false;
}

JointAnswer* answer_of(JointTask& t, std::string_view department) {
  auto it = std::find_if(t.answers.begin(), t.answers.end(),
                         [&](const JointAnswer& a) { return a.department_code == department; });
  return it == t.answers.end() ? nullptr : &*it;
}

}  // namespace

Status check_template_fits(const Project& p, const StageTemplate& t) {
  const auto type = to_string(p.type);
  if (!t.project_types.empty() &&
      std::find(t.project_types.begin(), t.project_types.end(), type) == t.project_types.end())
    return Error{ErrorCode::ProjectInvalid,
                 t.code + " does not serve " + std::string(type) + " projects", "template_code"};
  if (!region_within(p.region_code, t.region))
    return Error{ErrorCode::ProjectInvalid, t.code + " applies to region " + t.region,
                 "template_code"};
  return ok_status();
}

PartialPlan plan_within(const StageTemplate& t, Date start, const calendar::WorkCalendar& cal,
                        bool fast_lane) {
  PartialPlan out;
  auto day = [&](int offset) -> std::optional<Date> {
    auto d = cal.add_workdays(start, offset);
    return d ? std::optional<Date>(*d) : std::nullopt;
  };
  bool complete = true;
  for (const auto& s : schedule(t, fast_lane).stages) {
    PlannedStage ps{s.code, day(s.earliest_start + 1), day(s.earliest_finish)};
    if (!ps.due) complete = false;
    if (ps.due && (!out.due || *ps.due > *out.due)) out.due = ps.due;
    out.stages.push_back(std::move(ps));
  }
  if (!complete) out.due.reset();
  return out;
}

StageProgress stage_progress(const StageDates& s, Date today, const calendar::WorkCalendar& cal) {
  StageProgress out;
  if (!s.opened_on) return out;
  out.due = s.due_on;
  if (!out.due) {
    auto due = cal.add_workdays(*s.opened_on, s.limit_days);
    if (due) out.due = *due;
  }
  const Date end = s.closed_on ? *s.closed_on : today;
  out.overdue = out.due && end > *out.due;
  if (auto actual = cal.workdays_between(*s.opened_on, end))
    out.actual_days = std::max<std::int64_t>(0, *actual);
  if (s.planned_due) {
    if (auto delay = cal.workdays_between(*s.planned_due, end))
      out.delay_days = std::max<std::int64_t>(0, *delay);
  }
  return out;
}

bool case_decided(std::string_view case_state) {
  static constexpr std::array<std::string_view, 6> kDecided = {"approved", "denied",    "delivered",
                                                               "refused",  "withdrawn", "returned"};
  return std::find(kDecided.begin(), kDecided.end(), case_state) != kDecided.end();
}

Status check_stage_finished(const std::vector<StageCase>& cases,
                            const std::vector<StageJointTask>& tasks) {
  for (const auto& c : cases)
    if (!case_decided(c.state))
      return Error{ErrorCode::StageUnfinished, "case " + c.number + " is " + c.state};
  for (const auto& t : tasks)
    if (!t.consolidated)
      return Error{ErrorCode::StageUnfinished,
                   "joint_task " + std::to_string(t.id) + " is not consolidated"};
  return ok_status();
}

std::string_view to_string(JointTaskKind k) {
  switch (k) {
    case JointTaskKind::MultiAssessment:
      return "multi_assessment";
    case JointTaskKind::JointDrawingReview:
      return "joint_drawing_review";
    case JointTaskKind::JointAcceptance:
      return "joint_acceptance";
    case JointTaskKind::JointSurvey:
      return "joint_survey";
  }
  return "multi_assessment";
}

std::optional<JointTaskKind> joint_task_kind_from_string(std::string_view s) {
  for (auto k : {JointTaskKind::MultiAssessment, JointTaskKind::JointDrawingReview,
                 JointTaskKind::JointAcceptance, JointTaskKind::JointSurvey})
    if (to_string(k) == s) return k;
  return std::nullopt;
}

std::string_view to_string(Opinion o) {
  switch (o) {
    case Opinion::Agree:
      return "agree";
    case Opinion::Disagree:
      return "disagree";
    case Opinion::Conditions:
      return "conditions";
  }
  return "agree";
}

std::optional<Opinion> opinion_from_string(std::string_view s) {
  for (auto o : {Opinion::Agree, Opinion::Disagree, Opinion::Conditions})
    if (to_string(o) == s) return o;
  return std::nullopt;
}

Status validate_joint_request(const Stage& s, const std::vector<std::string>& departments,
                              int limit_days) {
  auto bad = [](std::string why, const char* field) {
    return Error{ErrorCode::ValidationFailed, std::move(why), field};
  };
  if (departments.empty()) return bad("at least one department", "departments");
  if (departments.size() > 20) return bad("at most 20 departments", "departments");
  std::set<std::string> seen;
  for (const auto& d : departments) {
    if (d.empty()) return bad("a department code is empty", "departments");
    if (d == s.lead_dept) return bad(d + " leads the stage", "departments");
    if (!seen.insert(d).second) return bad(d + " listed twice", "departments");
  }
  if (limit_days < 1 || limit_days > kMaxStageLimit)
    return bad("1.." + std::to_string(kMaxStageLimit) + " working days", "limit_days");
  return ok_status();
}

Result<Date> joint_due(Date requested_on, int limit_days, const calendar::WorkCalendar& cal) {
  return cal.add_workdays(requested_on, limit_days);
}

Status check_answer(const JointTask& t, std::string_view department,
                    const std::optional<std::string>& caller_department) {
  if (t.consolidated) return Error{ErrorCode::JointTaskClosed};
  if (!caller_department || *caller_department != department)
    return Error{ErrorCode::AnswerWrongDepartment,
                 "the caller belongs to " + caller_department.value_or("no department"),
                 "department_code"};
  auto it = std::find_if(t.answers.begin(), t.answers.end(),
                         [&](const JointAnswer& a) { return a.department_code == department; });
  if (it == t.answers.end())
    return Error{ErrorCode::JointTaskNotAsked, std::string(department), "department_code"};
  if (it->opinion) return Error{ErrorCode::JointTaskAnswered, std::string(department)};
  return ok_status();
}

void record_answer(JointTask& t, std::string_view department, Opinion o, Date today) {
  if (auto* a = answer_of(t, department)) {
    a->opinion = o;
    a->answered_on = today;
    a->late = today > t.due_on;
  }
}

Status check_consolidate(const JointTask& t) {
  if (t.consolidated) return Error{ErrorCode::JointTaskClosed};
  for (const auto& a : t.answers)
    if (!a.opinion) return Error{ErrorCode::JointTaskUnanswered, a.department_code};
  return ok_status();
}

}  // namespace tongban::projects
