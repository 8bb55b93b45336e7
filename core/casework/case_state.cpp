#include "core/casework/case_state.hpp"

#include <array>
#include <string>

namespace tongban::casework {
namespace {

constexpr std::array<std::string_view, 11> kStateNames = {
    "submitted",    "accepted",  "refused",  "supplement_requested",
    "under_review", "suspended", "approved", "denied",
    "delivered",    "withdrawn", "returned"};

constexpr std::array<std::string_view, 13> kCommandNames = {"accept",
                                                            "refuse",
                                                            "request_supplement",
                                                            "answer_at_window",
                                                            "answer_in_review",
                                                            "expire",
                                                            "start_review",
                                                            "suspend",
                                                            "resume",
                                                            "approve",
                                                            "deny",
                                                            "deliver",
                                                            "withdraw"};

struct Row {
  CaseState from;
  Command command;
  CaseState to;
};

using S = CaseState;
using C = Command;

// The whole machine. Anything not listed is an invalid transition.
constexpr Row kTable[] = {
    {S::Submitted, C::Accept, S::Accepted},
    {S::Submitted, C::Refuse, S::Refused},
    {S::Submitted, C::RequestSupplement, S::SupplementRequested},
    {S::Submitted, C::Withdraw, S::Withdrawn},
    {S::SupplementRequested, C::AnswerAtWindow, S::Submitted},
    {S::SupplementRequested, C::AnswerInReview, S::UnderReview},
    {S::SupplementRequested, C::Expire, S::Returned},
    {S::SupplementRequested, C::Withdraw, S::Withdrawn},
    {S::Accepted, C::StartReview, S::UnderReview},
    {S::Accepted, C::Approve, S::Approved},  // instant items: decided at the window
    {S::Accepted, C::Withdraw, S::Withdrawn},
    {S::UnderReview, C::RequestSupplement, S::SupplementRequested},
    {S::UnderReview, C::Suspend, S::Suspended},
    {S::UnderReview, C::Approve, S::Approved},
    {S::UnderReview, C::Deny, S::Denied},
    {S::UnderReview, C::Withdraw, S::Withdrawn},
    {S::Suspended, C::Resume, S::UnderReview},
    {S::Suspended, C::Withdraw, S::Withdrawn},
    {S::Approved, C::Deliver, S::Delivered},
    {S::Denied, C::Deliver, S::Delivered},
};

}  // namespace

std::string_view to_string(CaseState s) { return kStateNames.at(static_cast<std::size_t>(s)); }

std::optional<CaseState> case_state_from_string(std::string_view s) {
  for (std::size_t i = 0; i < kStateNames.size(); ++i) {
    if (kStateNames[i] == s) return static_cast<CaseState>(i);
  }
  return std::nullopt;
}

std::string_view to_string(Command c) { return kCommandNames.at(static_cast<std::size_t>(c)); }

Result<CaseState> transition(CaseState from, Command command) {
  for (const auto& row : kTable) {
    if (row.from == from && row.command == command) return row.to;
  }
  return Error{ErrorCode::InvalidTransition,
               std::string(to_string(command)) + " from " + std::string(to_string(from))};
}

bool is_final(CaseState s) {
  return s == S::Refused || s == S::Delivered || s == S::Withdrawn || s == S::Returned;
}

bool is_decided(CaseState s) { return s == S::Approved || s == S::Denied || s == S::Delivered; }

}  // namespace tongban::casework
