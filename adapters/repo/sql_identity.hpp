#pragma once

#include "adapters/repo/sql_personal_data.hpp"
#include "ports/database.hpp"
#include "ports/store.hpp"

namespace tongban::repo {

class SqlIdentityRepository final : public ports::IdentityRepository {
 public:
  // users.id_number is sealed and indexed with `keys` (sql_personal_data.hpp).
  SqlIdentityRepository(ports::Tx& tx, const PersonalDataKeys& keys) : tx_(tx), keys_(keys) {}
  void upsert_region(const ports::RegionRecord& r) override;
  std::optional<ports::RegionRecord> find_region(const std::string& code) override;
  ports::PageOf<ports::RegionRecord> list_regions(const std::optional<std::string>& parent,
                                                  ports::PageRequest page) override;
  std::int64_t insert_department(const ports::DepartmentRecord& d) override;
  void update_department(const ports::DepartmentRecord& d) override;
  std::optional<ports::DepartmentRecord> find_department(std::int64_t id) override;
  std::optional<ports::DepartmentRecord> find_department_by_code(const std::string& code) override;
  ports::PageOf<ports::DepartmentRecord> list_departments(const ports::DepartmentFilter& f,
                                                          ports::PageRequest page) override;
  std::int64_t insert_service_centre(const ports::ServiceCentreRecord& c) override;
  void update_service_centre(const ports::ServiceCentreRecord& c) override;
  std::optional<ports::ServiceCentreRecord> find_service_centre(std::int64_t id) override;
  ports::PageOf<ports::ServiceCentreRecord> list_service_centres(
      const std::optional<std::string>& region_code, ports::PageRequest page) override;
  std::int64_t insert_user(const ports::UserRecord& u) override;
  void update_user(const ports::UserRecord& u) override;
  std::optional<ports::UserRecord> find_user(std::int64_t id) override;
  std::optional<ports::UserRecord> find_user_by_username(const std::string& username) override;
  ports::PageOf<ports::UserRecord> list_users(const ports::UserFilter& f,
                                              ports::PageRequest page) override;
  void insert_session(const ports::SessionRecord& s) override;
  std::optional<ports::SessionRecord> find_session(const std::string& token_hash) override;
  void delete_session(const std::string& token_hash) override;
  void touch_session(const std::string& token_hash, Instant at) override;
  void delete_sessions_of_user(std::int64_t user_id) override;
  void record_login_failure(const std::string& key, Instant at) override;
  std::optional<ports::SecondFactorRecord> find_second_factor(std::int64_t user_id) override;
  void put_second_factor(const ports::SecondFactorRecord& f) override;
  void delete_second_factor(std::int64_t user_id) override;
  bool advance_second_factor_step(std::int64_t user_id, std::int64_t step) override;
  void replace_recovery_codes(std::int64_t user_id,
                              const std::vector<std::string>& code_hashes) override;
  bool use_recovery_code(std::int64_t user_id, const std::string& code_hash, Instant at) override;
  std::int64_t count_unused_recovery_codes(std::int64_t user_id) override;
  void record_personal_data_access(const ports::PersonalDataAccessRecord& r) override;
  ports::PageOf<ports::PersonalDataAccessRecord> list_personal_data_access(
      std::int64_t subject_id, ports::PageRequest page) override;
  std::int64_t count_login_failures(const std::string& key, Instant since) override;
  void clear_login_failures(const std::string& key) override;

 private:
  ports::Tx& tx_;
  const PersonalDataKeys& keys_;
};

}  // namespace tongban::repo
