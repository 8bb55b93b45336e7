// The case (办件) state machine as a table: state × command → new state, or
// ErrorCode::InvalidTransition. Pure; the app layer applies a command, appends the event that
// names it and saves the new state in one transaction, so a second identical effect (a job
// running twice, a double click) is rejected here rather than applied twice.
//
//   submitted ──accept──▶ accepted ──start_review──▶ under_review ◀─resume── suspended
//       │  └─refuse─▶ refused            │  (instant: approve)       │ └─suspend─▶ ┘
//       └─request_supplement─▶ supplement_requested ◀─request_supplement─┘
//            answer_at_window ─▶ submitted  |  answer_in_review ─▶ under_review
//            expire ─▶ returned (automatic, once)
//   under_review ──approve / deny──▶ approved / denied ──deliver──▶ delivered
//   withdraw (applicant): submitted, supplement_requested, accepted, under_review, suspended
#pragma once

#include <optional>
#include <string_view>

#include "core/common/result.hpp"

namespace tongban::casework {

enum class CaseState {
  Submitted,
  Accepted,
  Refused,
  SupplementRequested,
  UnderReview,
  Suspended,
  Approved,
  Denied,
  Delivered,
  Withdrawn,
  Returned,
};

enum class Command {
  Accept,
  Refuse,
  RequestSupplement,
  AnswerAtWindow,  // a supplement requested before acceptance was answered
  AnswerInReview,  // a supplement requested during review was answered
  Expire,          // the supplement period ran out (job)
  StartReview,
  Suspend,
  Resume,
  Approve,
  Deny,
  Deliver,
  Withdraw,
};

// Wire names (API, SQL, i18n keys): submitted, accepted, refused, supplement_requested,
// under_review, suspended, approved, denied, delivered, withdrawn, returned.
[[nodiscard]] std::string_view to_string(CaseState s);
[[nodiscard]] std::optional<CaseState> case_state_from_string(std::string_view s);
[[nodiscard]] std::string_view to_string(Command c);

// The next state, or InvalidTransition (detail "<command> from <state>").
[[nodiscard]] Result<CaseState> transition(CaseState from, Command command);

// No command leads out of these (evaluation aside).
[[nodiscard]] bool is_final(CaseState s);
// A decision was taken (approved, denied, delivered): withdrawal is no longer possible.
[[nodiscard]] bool is_decided(CaseState s);

}  // namespace tongban::casework
