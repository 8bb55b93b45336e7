// Storage of multi-level review (三级联审) and joint review meetings (联审会): self-check rule
// sets, the review posts per filing kind and region, filings with their rounds and reviews,
// meetings and the decisions of their minutes. One SQL implementation
// (adapters/repo/sql_reviews.cpp) runs on SQLite and PostgreSQL; all methods run inside the
// unit of work's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/time.hpp"
#include "core/reviews/filing.hpp"
#include "core/reviews/meeting.hpp"
#include "core/rules/self_check.hpp"
#include "ports/store.hpp"

namespace tongban::ports {

struct FilingAttachment {
  std::string code;  // what the rules check, e.g. "survey-map"
  std::string name;
  std::optional<std::string> file_id;  // an upload (sha256), when there is one
};

struct FilingRecord {
  std::int64_t id = 0;
  std::string project_code;
  std::string project_name;
  std::string owner_uscc;  // the project's owner (建设单位), copied at creation
  std::string kind;        // the rule set's kind
  std::string title;
  reviews::Filing filing;  // state, round, posts, reviews (every round)
  rules::Value form;       // an object: the filing's form
  std::vector<FilingAttachment> attachments;
  std::int64_t created_by = 0;
  Instant created_at{};
  Instant updated_at{};
  std::optional<Date> decided_on;  // the day every post had approved
};

// One sending (round 1) or resubmission: the self-check results at that moment and, once the
// round's answers are in with supplement points, the consolidated notice.
struct FilingRoundRecord {
  int round = 0;
  Date sent_on{};
  std::string sent_by;  // username
  rules::CheckReport checks;
  std::optional<reviews::Notice> notice;
  std::optional<Date> notice_on;
};

struct FilingFilter {
  std::optional<std::string> level;       // has a post at this level (any round)
  std::optional<std::string> department;  // has a post of this department (any round)
  bool pending = false;  // with department: its review of the current round is unanswered
  std::optional<std::string> state;
  std::optional<std::string> project_code;
  // An organisation's view: filings of projects it owns or filings it created (both set).
  std::optional<std::string> owner_uscc;
  std::optional<std::int64_t> created_by;
  // A current-round review unanswered with due_on before this day (overdue), in review.
  std::optional<Date> overdue_on;
};

// A current-round review unanswered past its due date (for meeting agendas).
struct LateReviewRow {
  std::int64_t filing_id = 0;
  std::string project_code;
  std::string project_name;
  std::string title;
  reviews::Review review;
};

struct MeetingRecord {
  std::int64_t id = 0;
  Date meeting_on{};
  std::string chair_department;
  std::string title;
  std::string state = "scheduled";  // scheduled | held
  std::vector<reviews::AgendaCandidate> agenda;
  std::string summary;
  std::string created_by;
  Instant created_at{};
  std::optional<Instant> held_at;
};

struct MeetingFilter {
  std::optional<Date> from;  // meeting_on ≥ from
  std::optional<Date> to;    // meeting_on ≤ to
  std::optional<std::string> chair_department;
  std::optional<std::string> state;
  // Meetings that took up a project: on their recorded agenda or with a decision for it.
  std::optional<std::string> project_code;
};

struct MeetingDecisionRecord {
  std::int64_t id = 0;
  std::int64_t meeting_id = 0;
  std::string project_code;
  std::string text;
  std::string owner_department;
  Date due_on{};
  std::string state = "open";  // open | closed
  std::optional<Date> closed_on;
  std::optional<std::string> closed_by;
  std::string close_note;
};

struct DecisionFilter {
  std::optional<std::int64_t> meeting_id;
  std::optional<std::string> state;
  std::optional<std::string> owner_department;
  std::optional<std::string> project_code;
  std::optional<Date> due_before;  // due_on < this day (with state open: overdue)
};

class ReviewRepository {
 public:
  virtual ~ReviewRepository() = default;

  // Rule sets by kind; put replaces a set of the same kind.
  virtual void put_rule_set(const rules::RuleSet& s, Instant at, const std::string& by) = 0;
  virtual std::optional<rules::RuleSet> find_rule_set(const std::string& kind) = 0;
  // Ordered by kind.
  virtual PageOf<rules::RuleSet> list_rule_sets(PageRequest page) = 0;

  // put replaces the department of (kind, region).
  virtual void put_review_post(const reviews::PostAssignment& p) = 0;
  // Every post of `kind` (all kinds when nullopt), ordered by kind, region.
  virtual std::vector<reviews::PostAssignment> list_review_posts(
      const std::optional<std::string>& kind) = 0;

  // Returns the new id (reviews are stored by update_filing).
  virtual std::int64_t insert_filing(const FilingRecord& f) = 0;
  virtual std::optional<FilingRecord> find_filing(std::int64_t id) = 0;
  // find_filing that also locks the row until the transaction ends (posts answering at once).
  virtual std::optional<FilingRecord> lock_filing(std::int64_t id) = 0;
  // Newest first.
  virtual PageOf<FilingRecord> list_filings(const FilingFilter& f, PageRequest page) = 0;
  // State, round, posts, form, attachments, updated_at, decided_on and every review.
  virtual void update_filing(const FilingRecord& f) = 0;

  virtual void insert_round(std::int64_t filing_id, const FilingRoundRecord& r) = 0;
  virtual void set_round_notice(std::int64_t filing_id, const reviews::Notice& notice, Date on) = 0;
  // In round order.
  virtual std::vector<FilingRoundRecord> list_rounds(std::int64_t filing_id) = 0;

  // Current-round reviews unanswered with due_on < today, oldest due first.
  virtual std::vector<LateReviewRow> list_late_reviews(Date today) = 0;

  virtual std::int64_t insert_meeting(const MeetingRecord& m) = 0;
  virtual std::optional<MeetingRecord> find_meeting(std::int64_t id) = 0;
  virtual std::optional<MeetingRecord> lock_meeting(std::int64_t id) = 0;
  // By date, newest first.
  virtual PageOf<MeetingRecord> list_meetings(const MeetingFilter& f, PageRequest page) = 0;
  virtual void update_meeting(const MeetingRecord& m) = 0;  // state, summary, held_at

  virtual std::int64_t insert_decision(const MeetingDecisionRecord& d) = 0;
  virtual std::optional<MeetingDecisionRecord> lock_decision(std::int64_t id) = 0;
  // By due date, then id.
  virtual PageOf<MeetingDecisionRecord> list_decisions(const DecisionFilter& f,
                                                       PageRequest page) = 0;
  virtual void update_decision(const MeetingDecisionRecord& d) = 0;  // state, closed_*, note
};

}  // namespace tongban::ports
