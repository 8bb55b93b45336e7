#include "core/reviews/meeting.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace tongban::reviews {

std::string_view to_string(AgendaKind k) {
  switch (k) {
    case AgendaKind::OverdueStage:
      return "overdue_stage";
    case AgendaKind::BehindPlan:
      return "behind_plan";
    case AgendaKind::LateReview:
      return "late_review";
    case AgendaKind::OpenDecision:
      return "open_decision";
  }
  return "overdue_stage";
}

std::optional<AgendaKind> agenda_kind_from_string(std::string_view s) {
  for (auto k : {AgendaKind::OverdueStage, AgendaKind::BehindPlan, AgendaKind::LateReview,
                 AgendaKind::OpenDecision})
    if (to_string(k) == s) return k;
  return std::nullopt;
}

std::vector<AgendaCandidate> build_agenda(std::vector<AgendaCandidate> candidates, Date date) {
  std::vector<AgendaCandidate> out;
  std::set<std::pair<std::string, std::string>> seen;
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const AgendaCandidate& a, const AgendaCandidate& b) {
                     return std::tie(b.days_late, a.kind, a.project_code, a.subject) <
                            std::tie(a.days_late, b.kind, b.project_code, b.subject);
                   });
  for (auto& c : candidates) {
    if (c.due_on >= date) continue;
    if (!seen.insert({c.project_code, c.subject}).second) continue;
    out.push_back(std::move(c));
  }
  return out;
}

Status validate_minutes(const std::string& summary, const std::vector<DecisionInput>& decisions,
                        Date meeting_date) {
  auto bad = [](std::string why, std::string field) {
    return Error{ErrorCode::ValidationFailed, std::move(why), std::move(field)};
  };
  if (summary.size() > 10000) return bad("at most 10000 bytes", "summary");
  if (decisions.empty()) return bad("at least one decision", "decisions");
  if (decisions.size() > 50) return bad("at most 50 decisions", "decisions");
  for (std::size_t i = 0; i < decisions.size(); ++i) {
    const auto& d = decisions[i];
    const std::string at = "decisions[" + std::to_string(i) + "].";
    if (d.project_code.empty()) return bad("required", at + "project_code");
    if (d.text.empty() || d.text.size() > 1000) return bad("1..1000 bytes", at + "text");
    if (d.owner_department.empty()) return bad("required", at + "owner_department");
    if (d.due_on < meeting_date) return bad("on or after the meeting", at + "due_on");
  }
  return ok_status();
}

}  // namespace tongban::reviews
