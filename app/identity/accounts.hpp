// Identity use cases: registration, sign-in, sessions, users, departments, regions.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/identity/second_factor.hpp"
#include "core/common/result.hpp"

namespace tongban::app {

// ---- sign-in and sessions -------------------------------------------------------------

struct LoginPolicy {
  int max_failures_per_account = 5;   // within `window`, then 429 for that account
  int max_failures_per_address = 30;  // within `window`, then 429 for that address
  std::chrono::minutes window{15};
  std::chrono::hours cookie_ttl{8};
  std::chrono::hours bearer_ttl{1};
  // A cookie session (a person at a browser) unused this long ends (GB/T 22239 level 3);
  // 0: never. Bearer tokens (programs) only expire.
  std::chrono::minutes idle_timeout{30};
  // Roles that must sign in with a second factor (app/identity/second_factor.hpp).
  std::vector<identity::Role> second_factor_roles = {
      identity::Role::Admin, identity::Role::SecurityAdmin, identity::Role::AuditAdmin,
      identity::Role::Supervisor};
  std::string issuer = "通办";  // the name authenticator apps show beside the code
  // A password older than this must be replaced at sign-in (GB/T 22239 level 3 "定期更换");
  // 0: passwords do not expire.
  std::chrono::days password_max_age{0};

  [[nodiscard]] bool requires_second_factor(const std::string& role) const;
};

enum class SessionKind { Cookie, Bearer };

struct LoginResult {
  ports::UserRecord user;
  std::string token;  // the secret; only its SHA-256 is stored
  std::string csrf_token;
  Instant expires_at{};
  // Set when the account must first enrol a second factor: no session was created (token is
  // empty); sign in again with the first code.
  std::optional<Enrolment> enrolment;
  std::vector<std::string> recovery_codes;  // enrolment confirmed by this sign-in: shown once
};

struct Credentials {
  std::string username;
  std::string password;
  std::string second_factor;  // the code (or a recovery code) typed with the password; "" none
  std::string new_password;   // replaces an expired password (password_expired); "" none
};

// Errors: invalid_credentials, too_many_requests, password_expired (sign in again with
// new_password), validation_failed (new_password breaks the rules or repeats the old one),
// second_factor_required, second_factor_invalid. The new password is stored only when the
// whole sign-in succeeds.
Result<LoginResult> login(const Env& env, const RequestContext& ctx, const LoginPolicy& policy,
                          const Credentials& credentials, SessionKind kind);

// A signed-in user replaces their password. A wrong current password answers
// validation_failed (field current_password) and counts like a failed sign-in (too many:
// too_many_requests, as at sign-in).
Status change_password(const Env& env, const RequestContext& ctx, const LoginPolicy& policy,
                       const std::string& current, const std::string& replacement);

using Authenticated = ports::ActiveSession;

// Resolves a session token (cookie or bearer) and marks the session used (at most once a
// minute). Errors: unauthenticated, session_expired (past its lifetime or idle too long).
Result<Authenticated> authenticate(const Env& env, const std::string& token);

// The acting user as use cases see it.
[[nodiscard]] Actor actor_of(const ports::UserRecord& user);

Status logout(const Env& env, const RequestContext& ctx, const std::string& token);

// ---- accounts ------------------------------------------------------------------------

struct Registration {
  std::string username;
  std::string password;
  std::string display_name;
  std::string kind;  // "person" (id_number) | "org" (uscc)
  std::optional<std::string> id_number;
  std::optional<std::string> uscc;
};
Result<ports::UserRecord> register_applicant(const Env& env, const RequestContext& ctx,
                                             const Registration& reg);

struct NewUser {
  std::string username;
  std::string password;
  std::string display_name;
  std::string role;
  std::optional<std::int64_t> department_id;
  std::optional<std::string> region_code;
};
Result<ports::UserRecord> create_user(const Env& env, const RequestContext& ctx, const NewUser& u);

struct UserChanges {
  std::optional<std::string> display_name;
  std::optional<std::string> role;
  std::optional<std::optional<std::int64_t>> department_id;  // set to a value or to null
  std::optional<std::optional<std::string>> region_code;
  std::optional<bool> disabled;
  std::optional<std::string> password;
};
Result<ports::UserRecord> update_user(const Env& env, const RequestContext& ctx, std::int64_t id,
                                      const UserChanges& c);

Result<ports::PageOf<ports::UserRecord>> list_users(const Env& env, const RequestContext& ctx,
                                                    ports::UserFilter filter,
                                                    ports::PageRequest page);

// ---- departments and regions --------------------------------------------------------------

struct DepartmentInput {
  std::optional<std::string> name;
  std::optional<std::string> code;
  std::optional<std::optional<std::int64_t>> parent_id;
  std::optional<std::string> region_code;
};
Result<ports::DepartmentRecord> create_department(const Env& env, const RequestContext& ctx,
                                                  const DepartmentInput& in);
Result<ports::DepartmentRecord> update_department(const Env& env, const RequestContext& ctx,
                                                  std::int64_t id, const DepartmentInput& in);
Result<ports::PageOf<ports::DepartmentRecord>> list_departments(const Env& env,
                                                                const ports::DepartmentFilter& f,
                                                                ports::PageRequest page);

struct ServiceCentreInput {
  std::optional<std::string> name;
  std::optional<std::string> region_code;
  std::optional<std::string> address;
};
Result<ports::ServiceCentreRecord> create_service_centre(const Env& env, const RequestContext& ctx,
                                                         const ServiceCentreInput& in);
Result<ports::ServiceCentreRecord> update_service_centre(const Env& env, const RequestContext& ctx,
                                                         std::int64_t id,
                                                         const ServiceCentreInput& in);
// Public: applicants look up where to go.
ports::PageOf<ports::ServiceCentreRecord> list_service_centres(
    const Env& env, const std::optional<std::string>& region_code, ports::PageRequest page);

ports::PageOf<ports::RegionRecord> list_regions(const Env& env,
                                                const std::optional<std::string>& parent,
                                                ports::PageRequest page);

// Loads GB/T 2260 rows (parents before children). Idempotent.
void load_regions(const Env& env, const std::vector<ports::RegionRecord>& regions);

}  // namespace tongban::app
