// The SQL implementation of ports::CaseRepository (portable SQL; migration 0020).
#pragma once

#include <unordered_map>
#include <vector>

#include "adapters/repo/sql_personal_data.hpp"
#include "adapters/repo/where.hpp"
#include "ports/case_repository.hpp"
#include "ports/database.hpp"

namespace tongban::repo {

class SqlCaseRepository final : public ports::CaseRepository {
 public:
  // cases.form_json is sealed with `keys.box` (sql_personal_data.hpp).
  SqlCaseRepository(ports::Tx& tx, ports::Dialect d, const PersonalDataKeys& keys)
      : tx_(tx), dialect_(d), keys_(keys) {}

  std::int64_t next_serial(const std::string& item_code, const std::string& day) override;
  std::int64_t insert_case(const ports::CaseRecord& c) override;
  void update_case(const ports::CaseRecord& c, const ports::CaseRecord& stored) override;
  std::optional<ports::CaseRecord> find_case(std::int64_t id) override;
  std::optional<ports::CaseRecord> lock_case(std::int64_t id) override;
  std::optional<ports::CaseRecord> find_case_by_decision_number(const std::string& number) override;
  ports::PageOf<ports::CaseRecord> list_cases(const ports::CaseFilter& f, Instant now,
                                              ports::PageRequest page) override;
  ClosedCount count_closed(const std::string& department_code, Instant from, Instant to) override;

  void upsert_material(const ports::CaseMaterialRecord& m) override;
  std::vector<ports::CaseMaterialRecord> list_materials(std::int64_t case_id) override;

  std::int64_t append_event(const ports::CaseEventRecord& e) override;
  std::vector<ports::CaseEventRecord> list_events(std::int64_t case_id) override;

  void insert_suspension(const ports::SuspensionRecord& s) override;
  void update_suspension(const ports::SuspensionRecord& s) override;
  std::vector<ports::SuspensionRecord> list_suspensions(std::int64_t case_id) override;

  std::int64_t insert_task(const ports::TaskRecord& t) override;
  void update_task(const ports::TaskRecord& t) override;
  std::optional<ports::TaskRecord> find_task(std::int64_t id) override;
  std::vector<ports::TaskRecord> list_tasks(std::int64_t case_id) override;
  ports::PageOf<ports::TaskRecord> list_queue(const ports::TaskFilter& f, Instant now,
                                              ports::PageRequest page) override;

  std::int64_t insert_supplement(const ports::SupplementRecord& s) override;
  void update_supplement(const ports::SupplementRecord& s) override;
  std::vector<ports::SupplementRecord> list_supplements(std::int64_t case_id) override;

  std::int64_t insert_commitment(const ports::CommitmentRecord& c) override;
  void update_commitment(const ports::CommitmentRecord& c) override;
  std::optional<ports::CommitmentRecord> find_commitment(std::int64_t case_id) override;

  std::int64_t insert_credit(const ports::CreditRecord& r) override;
  ports::PageOf<ports::CreditRecord> list_credits(std::optional<std::int64_t> applicant_id,
                                                  ports::PageRequest page) override;
  std::optional<Instant> eligibility_suspended_until(std::int64_t applicant_id,
                                                     Instant now) override;

  std::optional<ports::IdempotencyRecord> find_idempotency(std::int64_t user_id,
                                                           const std::string& key) override;
  void insert_idempotency(const ports::IdempotencyRecord& r) override;

  void schedule_job(const std::string& kind, const std::string& target, Instant due_at) override;
  std::optional<ports::JobRecord> claim_job(const std::string& worker, Instant now,
                                            Instant stale_before) override;
  bool complete_job(std::int64_t id, const std::string& worker, Instant at,
                    const std::string& outcome) override;
  std::optional<ports::JobRecord> find_job(const std::string& kind,
                                           const std::string& target) override;

 private:
  ports::PageOf<ports::CaseRecord> list_overdue(const Where& filters, Instant now,
                                                ports::PageRequest page);
  ports::TaskRecord* remembered_task(std::int64_t id);

  ports::Tx& tx_;
  ports::Dialect dialect_;
  const PersonalDataKeys& keys_;
  // A repository lives as long as its transaction. It remembers the tasks and suspensions of
  // the cases it has read, kept exact by its own writes: nothing else writes those tables in
  // the transaction, and the case row is locked (PostgreSQL) or the writer alone (SQLite).
  // A transition reads them several times (scope, the clock of each task, the response).
  std::unordered_map<std::int64_t, std::vector<ports::TaskRecord>> tasks_;
  std::unordered_map<std::int64_t, std::vector<ports::SuspensionRecord>> suspensions_;
};

}  // namespace tongban::repo
