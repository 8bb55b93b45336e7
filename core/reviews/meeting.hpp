// Joint review meetings (联审会): a weekly meeting chaired by one department; its agenda is
// built from what is stuck or late — stages open past their due date, stages behind the
// project's plan, multi-level review posts that have not answered in time, and decisions of
// earlier meetings still open past their due date; its minutes record decisions, each with
// an owner department and a due date, followed until closed. Pure. docs/projects.md §9.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/common/time.hpp"

namespace tongban::reviews {

enum class AgendaKind {
  OverdueStage,  // overdue_stage: an open stage past its due date (opened + limit)
  BehindPlan,    // behind_plan: an open stage past its planned due date (the blueprint)
  LateReview,    // late_review: a review post of a filing unanswered past its due date
  OpenDecision,  // open_decision: an earlier meeting's decision open past its due date
};
[[nodiscard]] std::string_view to_string(AgendaKind k);
[[nodiscard]] std::optional<AgendaKind> agenda_kind_from_string(std::string_view s);

// Something that may need the meeting: the app collects them from storage.
struct AgendaCandidate {
  AgendaKind kind = AgendaKind::OverdueStage;
  std::string project_code;
  std::string project_name;
  std::string subject;     // the stage code, "filing:<id>/<department>", "decision:<id>"
  std::string detail;      // zh, one line, e.g. 施工许可 阶段（牵头：BH-ZJJ）
  std::string department;  // who is behind: the lead, the post, the decision's owner
  Date due_on{};
  int days_late = 0;  // working days past due_on on the meeting's date
};

// The agenda of a meeting on `date`: the candidates due before `date`, most late first (then
// by kind, project code, subject), each subject once.
[[nodiscard]] std::vector<AgendaCandidate> build_agenda(std::vector<AgendaCandidate> candidates,
                                                        Date date);

// A decision in the minutes (会议纪要 议定事项).
struct DecisionInput {
  std::string project_code;
  std::string text;              // 1..1000 bytes
  std::string owner_department;  // department code
  Date due_on{};                 // on or after the meeting's date
};
// validation_failed with the field ("decisions[1].due_on"): an empty project code, text or
// owner, text over 1000 bytes, a due date before the meeting, no decisions, more than 50,
// minutes (summary) over 10000 bytes.
[[nodiscard]] Status validate_minutes(const std::string& summary,
                                      const std::vector<DecisionInput>& decisions,
                                      Date meeting_date);

}  // namespace tongban::reviews
