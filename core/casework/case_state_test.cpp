#include "core/casework/case_state.hpp"

#include <gtest/gtest.h>

namespace tongban::casework {
namespace {

using S = CaseState;
using C = Command;

TEST(CaseState, WireNamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(S::Returned); ++i) {
    const auto s = static_cast<S>(i);
    EXPECT_EQ(case_state_from_string(to_string(s)), s);
  }
  EXPECT_EQ(to_string(S::SupplementRequested), "supplement_requested");
  EXPECT_FALSE(case_state_from_string("SUBMITTED").has_value());
}

TEST(CaseState, HappyPathOfACommitmentItem) {
  EXPECT_EQ(*transition(S::Submitted, C::Accept), S::Accepted);
  EXPECT_EQ(*transition(S::Accepted, C::StartReview), S::UnderReview);
  EXPECT_EQ(*transition(S::UnderReview, C::Suspend), S::Suspended);
  EXPECT_EQ(*transition(S::Suspended, C::Resume), S::UnderReview);
  EXPECT_EQ(*transition(S::UnderReview, C::Approve), S::Approved);
  EXPECT_EQ(*transition(S::Approved, C::Deliver), S::Delivered);
  EXPECT_EQ(*transition(S::Denied, C::Deliver), S::Delivered);
}

TEST(CaseState, InstantItemsAreDecidedRightAfterAcceptance) {
  EXPECT_EQ(*transition(S::Accepted, C::Approve), S::Approved);
  EXPECT_EQ(transition(S::Accepted, C::Deny).error().code, ErrorCode::InvalidTransition);
}

TEST(CaseState, SupplementReturnsToWhereItCameFromOrExpiresOnce) {
  EXPECT_EQ(*transition(S::Submitted, C::RequestSupplement), S::SupplementRequested);
  EXPECT_EQ(*transition(S::UnderReview, C::RequestSupplement), S::SupplementRequested);
  EXPECT_EQ(*transition(S::SupplementRequested, C::AnswerAtWindow), S::Submitted);
  EXPECT_EQ(*transition(S::SupplementRequested, C::AnswerInReview), S::UnderReview);
  EXPECT_EQ(*transition(S::SupplementRequested, C::Expire), S::Returned);
  // A second expiry (a second job instance) finds the case returned and is rejected.
  EXPECT_EQ(transition(S::Returned, C::Expire).error().code, ErrorCode::InvalidTransition);
  // A second notice while one is open is rejected: one notice per round.
  EXPECT_FALSE(transition(S::SupplementRequested, C::RequestSupplement).ok());
}

TEST(CaseState, WithdrawalOnlyBeforeADecision) {
  for (auto s : {S::Submitted, S::SupplementRequested, S::Accepted, S::UnderReview, S::Suspended}) {
    EXPECT_EQ(*transition(s, C::Withdraw), S::Withdrawn) << to_string(s);
  }
  for (auto s : {S::Approved, S::Denied, S::Delivered, S::Refused, S::Returned, S::Withdrawn}) {
    EXPECT_EQ(transition(s, C::Withdraw).error().code, ErrorCode::InvalidTransition)
        << to_string(s);
  }
}

TEST(CaseState, FinalStatesAcceptNoCommand) {
  for (auto s : {S::Refused, S::Delivered, S::Withdrawn, S::Returned}) {
    EXPECT_TRUE(is_final(s));
    for (int c = 0; c <= static_cast<int>(C::Withdraw); ++c) {
      EXPECT_FALSE(transition(s, static_cast<C>(c)).ok()) << to_string(s) << " " << c;
    }
  }
  EXPECT_FALSE(is_final(S::Approved));
  EXPECT_TRUE(is_decided(S::Denied));
  EXPECT_FALSE(is_decided(S::Suspended));
}

TEST(CaseState, WrongStateIsAnError) {
  auto r = transition(S::Submitted, C::Approve);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::InvalidTransition);
  EXPECT_EQ(transition(S::Suspended, C::Suspend).error().code, ErrorCode::InvalidTransition);
  EXPECT_EQ(transition(S::UnderReview, C::Resume).error().code, ErrorCode::InvalidTransition);
  EXPECT_EQ(transition(S::Refused, C::Accept).error().code, ErrorCode::InvalidTransition);
}

}  // namespace
}  // namespace tongban::casework
