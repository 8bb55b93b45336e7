// Repositories: what the use cases load and save, behind one unit of work per
// transaction. One SQL implementation (adapters/repo) runs on both databases; the same
// contract tests cover it on SQLite and PostgreSQL.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/common/time.hpp"

namespace tongban::ports {

struct PageRequest {
  std::int64_t page = 1;        // 1-based
  std::int64_t page_size = 20;  // 1..200
  [[nodiscard]] std::int64_t offset() const { return (page - 1) * page_size; }
};

template <class T>
struct PageOf {
  std::vector<T> data;
  std::int64_t total = 0;
};

struct RegionRecord {
  std::string code;
  std::string name;
  std::optional<std::string> parent_code;
  std::string level;
};

struct DepartmentRecord {
  std::int64_t id = 0;
  std::string name;
  std::string code;
  std::optional<std::int64_t> parent_id;
  std::string region_code;
  Instant created_at{};
};

struct ServiceCentreRecord {
  std::int64_t id = 0;
  std::string name;
  std::string region_code;
  std::string address;
  Instant created_at{};
};

struct UserRecord {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string password_hash;
  std::string role;  // identity::Role wire name
  std::string kind;  // "staff" | "person" | "org"
  std::optional<std::int64_t> department_id;
  std::optional<std::string> region_code;
  std::optional<std::string> id_number;
  std::optional<std::string> uscc;
  bool disabled = false;
  Instant created_at{};
  Instant password_changed_at{};  // when the password was last set (expiry counts from it)
};

struct SessionRecord {
  std::string token_hash;
  std::int64_t user_id = 0;
  std::string kind;  // "cookie" | "bearer"
  std::string csrf_token;
  Instant created_at{};
  Instant expires_at{};
  std::chrono::seconds idle_timeout{0};  // unused this long, the session ends; 0: never
  Instant last_seen_at{};                // moved forward at most once a minute
};

struct UserFilter {
  std::optional<std::string> q;  // substring of username, display name or 信用代码
  std::optional<std::string> role;
  std::optional<std::int64_t> department_id;
  std::vector<std::string> roles;  // when not empty: one of these roles
  bool enabled_only = false;       // leave disabled accounts out
};

// One look at a person's information by someone else (staff): reading their case, a file they
// handed in, their material library or credit records, or revealing their masked identity.
// The person reads these ("谁查看了我的信息"); nobody edits them.
struct PersonalDataAccessRecord {
  std::int64_t id = 0;
  std::int64_t subject_id = 0;  // whose information (a user id)
  std::int64_t viewer_id = 0;
  std::string viewer_name;        // display name at the time
  std::string viewer_role;        // identity::Role wire name
  std::string viewer_department;  // department name at the time; "" when none
  std::string action;             // view_case | download_file | view_library | view_credit | reveal
  std::string target;             // case:<id>, file:<sha256>, library, credit
  std::string reason;             // what the viewer stated (reveal); "" otherwise
  Instant at{};
};

struct DepartmentFilter {
  std::optional<std::string> q;
  std::optional<std::string> region_code;
};

// A user's TOTP second factor; `secret` is sealed (ports::SecretBox).
struct SecondFactorRecord {
  std::int64_t user_id = 0;
  std::string secret;
  std::optional<Instant> confirmed_at;  // nullopt: enrolment not yet confirmed by a code
  std::optional<std::int64_t> last_step;
  Instant created_at{};
};

class IdentityRepository {
 public:
  virtual ~IdentityRepository() = default;
  virtual void upsert_region(const RegionRecord& r) = 0;
  virtual std::optional<RegionRecord> find_region(const std::string& code) = 0;
  virtual PageOf<RegionRecord> list_regions(const std::optional<std::string>& parent,
                                            PageRequest page) = 0;

  // Returns the new id. Throws DbError UniqueViolation when the code is taken.
  virtual std::int64_t insert_department(const DepartmentRecord& d) = 0;
  virtual void update_department(const DepartmentRecord& d) = 0;
  virtual std::optional<DepartmentRecord> find_department(std::int64_t id) = 0;
  virtual std::optional<DepartmentRecord> find_department_by_code(const std::string& code) = 0;
  virtual PageOf<DepartmentRecord> list_departments(const DepartmentFilter& f,
                                                    PageRequest page) = 0;

  virtual std::int64_t insert_service_centre(const ServiceCentreRecord& c) = 0;
  virtual void update_service_centre(const ServiceCentreRecord& c) = 0;
  virtual std::optional<ServiceCentreRecord> find_service_centre(std::int64_t id) = 0;
  virtual PageOf<ServiceCentreRecord> list_service_centres(
      const std::optional<std::string>& region_code, PageRequest page) = 0;

  // Returns the new id. Throws DbError UniqueViolation when username/id number/USCC is taken.
  virtual std::int64_t insert_user(const UserRecord& u) = 0;
  virtual void update_user(const UserRecord& u) = 0;
  virtual std::optional<UserRecord> find_user(std::int64_t id) = 0;
  virtual std::optional<UserRecord> find_user_by_username(const std::string& username) = 0;
  virtual PageOf<UserRecord> list_users(const UserFilter& f, PageRequest page) = 0;

  virtual void insert_session(const SessionRecord& s) = 0;
  virtual std::optional<SessionRecord> find_session(const std::string& token_hash) = 0;
  virtual void delete_session(const std::string& token_hash) = 0;
  virtual void touch_session(const std::string& token_hash, Instant at) = 0;
  virtual void delete_sessions_of_user(std::int64_t user_id) = 0;

  virtual void record_login_failure(const std::string& key, Instant at) = 0;
  virtual std::int64_t count_login_failures(const std::string& key, Instant since) = 0;
  virtual void clear_login_failures(const std::string& key) = 0;

  virtual std::optional<SecondFactorRecord> find_second_factor(std::int64_t user_id) = 0;
  // Inserts or replaces the user's second factor.
  virtual void put_second_factor(const SecondFactorRecord& f) = 0;
  // The second factor and its recovery codes.
  virtual void delete_second_factor(std::int64_t user_id) = 0;
  // Moves last_step to `step` when it is earlier (or unset); false when a code of this or a
  // later step was already accepted (a replay, also across instances).
  virtual bool advance_second_factor_step(std::int64_t user_id, std::int64_t step) = 0;
  virtual void replace_recovery_codes(std::int64_t user_id,
                                      const std::vector<std::string>& code_hashes) = 0;
  // Marks an unused code used; false when unknown or already used.
  virtual bool use_recovery_code(std::int64_t user_id, const std::string& code_hash,
                                 Instant at) = 0;
  virtual std::int64_t count_unused_recovery_codes(std::int64_t user_id) = 0;

  virtual void record_personal_data_access(const PersonalDataAccessRecord& r) = 0;
  // Newest first.
  virtual PageOf<PersonalDataAccessRecord> list_personal_data_access(std::int64_t subject_id,
                                                                     PageRequest page) = 0;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // The chain's tip, locked until the (write) transaction ends.
  virtual audit::Tip lock_tip() = 0;
  // The chain's tip as recorded, without a lock (usable in read transactions).
  virtual audit::Tip tip() = 0;
  // Appends an entry that was linked to the locked tip; moves the tip.
  virtual void append(const audit::Entry& e) = 0;
  virtual PageOf<audit::Entry> list(const std::optional<std::string>& actor,
                                    const std::optional<std::string>& action, PageRequest page) = 0;
  // Visits every entry in seq order; stop by returning false.
  virtual void scan(const std::function<bool(const audit::Entry&)>& visit) = 0;
  virtual std::optional<audit::Entry> find(std::int64_t seq) = 0;
};

struct CalendarExceptionRecord {
  std::int64_t id = 0;
  std::string region_code;
  std::string centre;  // empty unless kind == "closure"
  std::string day;     // YYYY-MM-DD
  std::string kind;    // "off" | "work" | "closure"
  std::string label;
  std::string created_by;
  Instant created_at{};
};

class CalendarRepository {
 public:
  virtual ~CalendarRepository() = default;
  [[nodiscard]] virtual std::int64_t revision() = 0;
  // Every change bumps the revision in the same transaction.
  virtual std::int64_t insert_exception(const CalendarExceptionRecord& e) = 0;
  virtual std::optional<CalendarExceptionRecord> find_exception(std::int64_t id) = 0;
  virtual void delete_exception(std::int64_t id) = 0;
  // All of them, or those of one region, ordered by day.
  virtual std::vector<CalendarExceptionRecord> list_exceptions(
      const std::optional<std::string>& region) = 0;
};

class CatalogRepository;
class CaseRepository;
class FileRepository;     // ports/file_store.hpp
class MessageRepository;  // ports/notifier.hpp
class BundleRepository;   // ports/bundle_repository.hpp
class ProjectRepository;  // ports/project_repository.hpp
class ReviewRepository;   // ports/review_repository.hpp

class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;
  virtual IdentityRepository& identity() = 0;
  virtual AuditRepository& audit() = 0;
  virtual CalendarRepository& calendar() = 0;
  virtual CatalogRepository& catalog() = 0;  // ports/catalog_repository.hpp
  virtual CaseRepository& cases() = 0;       // ports/case_repository.hpp
  virtual FileRepository& files() = 0;
  virtual MessageRepository& messages() = 0;
  virtual BundleRepository& bundles() = 0;
  virtual ProjectRepository& projects() = 0;
  virtual ReviewRepository& reviews() = 0;
};

// Thread-safe. fn may run more than once (retries on contention): no effects outside it.
class Store {
 public:
  virtual ~Store() = default;
  virtual void write(const std::function<void(UnitOfWork&)>& fn) = 0;
  virtual void read(const std::function<void(UnitOfWork&)>& fn) = 0;
};

}  // namespace tongban::ports
