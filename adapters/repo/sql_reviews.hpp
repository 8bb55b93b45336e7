// Multi-level review and joint review meetings (ports/review_repository.hpp).
#pragma once

#include "ports/database.hpp"
#include "ports/review_repository.hpp"

namespace tongban::repo {

class SqlReviewRepository final : public ports::ReviewRepository {
 public:
  explicit SqlReviewRepository(ports::Tx& tx) : tx_(tx) {}

  void put_rule_set(const rules::RuleSet& s, Instant at, const std::string& by) override;
  std::optional<rules::RuleSet> find_rule_set(const std::string& kind) override;
  ports::PageOf<rules::RuleSet> list_rule_sets(ports::PageRequest page) override;

  void put_review_post(const reviews::PostAssignment& p) override;
  std::vector<reviews::PostAssignment> list_review_posts(
      const std::optional<std::string>& kind) override;

  std::int64_t insert_filing(const ports::FilingRecord& f) override;
  std::optional<ports::FilingRecord> find_filing(std::int64_t id) override;
  std::optional<ports::FilingRecord> lock_filing(std::int64_t id) override;
  ports::PageOf<ports::FilingRecord> list_filings(const ports::FilingFilter& f,
                                                  ports::PageRequest page) override;
  void update_filing(const ports::FilingRecord& f) override;

  void insert_round(std::int64_t filing_id, const ports::FilingRoundRecord& r) override;
  void set_round_notice(std::int64_t filing_id, const reviews::Notice& notice, Date on) override;
  std::vector<ports::FilingRoundRecord> list_rounds(std::int64_t filing_id) override;

  std::vector<ports::LateReviewRow> list_late_reviews(Date today) override;

  std::int64_t insert_meeting(const ports::MeetingRecord& m) override;
  std::optional<ports::MeetingRecord> find_meeting(std::int64_t id) override;
  std::optional<ports::MeetingRecord> lock_meeting(std::int64_t id) override;
  ports::PageOf<ports::MeetingRecord> list_meetings(const ports::MeetingFilter& f,
                                                    ports::PageRequest page) override;
  void update_meeting(const ports::MeetingRecord& m) override;

  std::int64_t insert_decision(const ports::MeetingDecisionRecord& d) override;
  std::optional<ports::MeetingDecisionRecord> lock_decision(std::int64_t id) override;
  ports::PageOf<ports::MeetingDecisionRecord> list_decisions(const ports::DecisionFilter& f,
                                                             ports::PageRequest page) override;
  void update_decision(const ports::MeetingDecisionRecord& d) override;

 private:
  std::vector<reviews::Review> load_reviews(std::int64_t filing_id);
  ports::Tx& tx_;
};

}  // namespace tongban::repo
