#include "app/identity/accounts.hpp"

#include <algorithm>
#include <chrono>

#include "app/audit/audit_trail.hpp"
#include "app/policy.hpp"
#include "core/identity/account_policy.hpp"
#include "core/identity/id_number.hpp"
#include "core/identity/uscc.hpp"

namespace tongban::app {

using identity::Role;

namespace {

constexpr std::size_t kMaxNameChars = 64;  // departments and service centres, code points
constexpr std::size_t kMaxDepartmentCode = 32;

std::string user_target(std::int64_t id) { return "user:" + std::to_string(id); }

// Sessions or accounts changed here: what the next calls resolve is read anew.
void forget_sessions(const Env& env) {
  if (env.sessions != nullptr) env.sessions->changed();
}

std::string department_target(std::int64_t id) { return "department:" + std::to_string(id); }

Result<Role> parse_role(const std::string& name) {
  auto r = identity::role_from_name(name);
  if (!r) return Error{ErrorCode::ValidationFailed, "unknown role", "role"};
  return r;
}

Status check_region(ports::UnitOfWork& uow, const std::optional<std::string>& code) {
  if (code && !uow.identity().find_region(*code)) {
    return Error{ErrorCode::ValidationFailed, "unknown region", "region_code"};
  }
  return ok_status();
}

Status check_department(ports::UnitOfWork& uow, const std::optional<std::int64_t>& id) {
  if (id && !uow.identity().find_department(*id)) {
    return Error{ErrorCode::ValidationFailed, "unknown department", "department_id"};
  }
  return ok_status();
}

Result<ports::UserRecord> check_registration(const Env& env, const Registration& reg);

// 三员分立: the accounts of the system, security and audit administrators are made and
// changed by the operator (`tongban user`), never through the API, so none of the three can
// give themselves another's rights.
Error privileged_account_error() {
  return Error{ErrorCode::Forbidden, "privileged_account", "role"};
}

// Records a failure that happened before the use case's transaction, and returns it.
Error audit_failure(const Env& env, const RequestContext& ctx, std::string_view action, Error e,
                    std::string_view target = {}) {
  append_audit_failure(env, ctx, action, target, e);
  return e;
}

// The hash of `replacement` for `user`'s password, or why it is refused: missing
// (password_expired), against the rules, or the same as the current one.
Result<std::string> check_replacement(const Env& env, const ports::UserRecord& user,
                                      const std::string& replacement) {
  if (replacement.empty()) return Error{ErrorCode::PasswordExpired};
  if (auto s = identity::check_password(replacement, user.username); !s) {
    return Error{s.error().code, s.error().detail, "new_password"};
  }
  if (env.hasher.verify(user.password_hash, replacement)) {
    return Error{ErrorCode::ValidationFailed, "same_as_current", "new_password"};
  }
  return env.hasher.hash(replacement);
}

}  // namespace

Actor actor_of(const ports::UserRecord& user) {
  Actor a;
  a.user_id = user.id;
  a.username = user.username;
  if (auto r = identity::role_from_name(user.role)) a.role = *r;
  a.department_id = user.department_id;
  a.region_code = user.region_code;
  return a;
}

bool LoginPolicy::requires_second_factor(const std::string& role) const {
  auto r = identity::role_from_name(role);
  return r && std::find(second_factor_roles.begin(), second_factor_roles.end(), *r) !=
                  second_factor_roles.end();
}

Result<LoginResult> login(const Env& env, const RequestContext& ctx, const LoginPolicy& policy,
                          const Credentials& credentials, SessionKind kind) {
  const std::string& username = credentials.username;
  const std::string& password = credentials.password;
  const Instant now = env.clock.now();
  const std::string account_key = "account:" + username;
  const std::string address_key = "address:" + ctx.remote_address;
  RequestContext as_user = ctx;
  as_user.actor.username = username.empty() ? "anonymous" : username;

  bool throttled = false;
  std::optional<ports::UserRecord> user;
  env.store.read([&](ports::UnitOfWork& uow) {
    const Instant since = now - policy.window;
    throttled =
        uow.identity().count_login_failures(account_key, since) >=
            policy.max_failures_per_account ||
        uow.identity().count_login_failures(address_key, since) >= policy.max_failures_per_address;
    if (!throttled) user = uow.identity().find_user_by_username(username);
  });
  if (throttled) {
    Error err{ErrorCode::TooManyRequests};
    append_audit_failure(env, as_user, "auth.login", "account:" + username, err);
    return err;
  }
  const auto record_failure = [&](ports::UnitOfWork& uow, const Error& err) {
    uow.identity().record_login_failure(account_key, now);
    uow.identity().record_login_failure(address_key, now);
    append_audit(env, uow, as_user, "auth.login", "account:" + username, audit::Outcome::Failure,
                 err.name());
  };
  // Verify even when the user does not exist so timing does not reveal which names exist.
  static const std::string kDummyHash = env.hasher.hash("tongban-dummy-password");
  const bool password_ok = env.hasher.verify(user ? user->password_hash : kDummyHash, password);
  if (!user || !password_ok || user->disabled) {
    Error err{ErrorCode::InvalidCredentials};
    env.store.write([&](ports::UnitOfWork& uow) { record_failure(uow, err); });
    return err;
  }

  RequestContext signed_in = ctx;
  signed_in.actor = actor_of(*user);
  // An expired password is replaced before anything else happens (the second factor's code is
  // not spent on a sign-in that cannot finish).
  std::optional<std::string> new_hash;
  if (policy.password_max_age.count() > 0 &&
      now - user->password_changed_at >= policy.password_max_age) {
    auto replacement = check_replacement(env, *user, credentials.new_password);
    if (!replacement) {
      env.store.write([&](ports::UnitOfWork& uow) {
        append_audit(env, uow, as_user, "auth.login", user_target(user->id),
                     audit::Outcome::Failure, replacement.error().name());
      });
      return replacement.error();
    }
    new_hash = std::move(*replacement);
  }

  LoginResult out;
  out.user = *user;
  std::optional<Error> refused;
  env.store.write([&](ports::UnitOfWork& uow) {
    auto step = second_factor_at_login(env, uow, *user, policy.requires_second_factor(user->role),
                                       policy.issuer, credentials.second_factor);
    if (!step) {
      refused = step.error();
      // A wrong code counts like a wrong password; a missing one is the dialogue's next step.
      if (step.error().code == ErrorCode::SecondFactorInvalid) {
        record_failure(uow, step.error());
      } else {
        append_audit(env, uow, as_user, "auth.login", user_target(user->id),
                     audit::Outcome::Failure, step.error().name());
      }
      return;
    }
    if (step->enrolment) {
      out.enrolment = std::move(step->enrolment);
      append_audit(env, uow, as_user, "auth.login", user_target(user->id), audit::Outcome::Failure,
                   error_info(ErrorCode::SecondFactorEnrolmentRequired).name);
      return;
    }
    out.recovery_codes = std::move(step->recovery_codes);
    if (new_hash) {
      out.user.password_hash = *new_hash;
      out.user.password_changed_at = now;
      uow.identity().update_user(out.user);
      uow.identity().delete_sessions_of_user(user->id);
      append_audit(env, uow, signed_in, "user.password_change", user_target(user->id),
                   audit::Outcome::Success, "expired");
    }
    out.token = env.random.token(32);
    out.csrf_token = env.random.token(24);
    out.expires_at = now + (kind == SessionKind::Cookie ? policy.cookie_ttl : policy.bearer_ttl);
    uow.identity().clear_login_failures(account_key);
    uow.identity().insert_session(ports::SessionRecord{
        env.sha256_hex(out.token), user->id, kind == SessionKind::Cookie ? "cookie" : "bearer",
        out.csrf_token, now, out.expires_at,
        kind == SessionKind::Cookie ? std::chrono::seconds(policy.idle_timeout)
                                    : std::chrono::seconds(0),
        now});
    append_audit(env, uow, signed_in, kind == SessionKind::Cookie ? "auth.login" : "auth.token",
                 user_target(user->id), audit::Outcome::Success);
  });
  if (refused) return *refused;
  return out;
}

Result<Authenticated> authenticate(const Env& env, const std::string& token) {
  if (token.empty()) return Error{ErrorCode::Unauthenticated};
  const std::string token_hash = env.sha256_hex(token);
  if (env.sessions == nullptr) return Error{ErrorCode::Unavailable, "no session lookup"};
  std::optional<Authenticated> out = env.sessions->find(token_hash);
  if (!out || out->user.disabled) return Error{ErrorCode::Unauthenticated};
  const Instant now = env.clock.now();
  if (now >= out->session.expires_at) return Error{ErrorCode::SessionExpired};
  const auto idle = out->session.idle_timeout;
  if (idle.count() > 0) {
    if (now - out->session.last_seen_at >= idle) {
      return Error{ErrorCode::SessionExpired, "idle"};
    }
    // Marked used at most once a minute: one write a minute per active session.
    if (now - out->session.last_seen_at >= std::chrono::minutes(1)) {
      env.store.write(
          [&](ports::UnitOfWork& uow) { uow.identity().touch_session(token_hash, now); });
      out->session.last_seen_at = now;
      env.sessions->touched(token_hash, *out);
    }
  }
  return std::move(*out);
}

Status logout(const Env& env, const RequestContext& ctx, const std::string& token) {
  auto r = audited_write<Ok>(env, ctx, "auth.logout",
                             [&](ports::UnitOfWork& uow, std::string& target) -> Status {
                               target = ctx.actor.user_id ? user_target(*ctx.actor.user_id) : "";
                               uow.identity().delete_session(env.sha256_hex(token));
                               return Ok{};
                             });
  forget_sessions(env);
  return r;
}

Status change_password(const Env& env, const RequestContext& ctx, const LoginPolicy& policy,
                       const std::string& current, const std::string& replacement) {
  constexpr std::string_view kAction = "user.password_change";
  if (!ctx.actor.user_id) return Error{ErrorCode::Unauthenticated};
  const Instant now = env.clock.now();
  const std::string account_key = "account:" + ctx.actor.username;
  std::optional<ports::UserRecord> user;
  bool throttled = false;
  env.store.read([&](ports::UnitOfWork& uow) {
    throttled = uow.identity().count_login_failures(account_key, now - policy.window) >=
                policy.max_failures_per_account;
    user = uow.identity().find_user(*ctx.actor.user_id);
  });
  if (!user) return Error{ErrorCode::Unauthenticated};
  const std::string target = user_target(user->id);
  if (throttled) return audit_failure(env, ctx, kAction, Error{ErrorCode::TooManyRequests}, target);
  if (!env.hasher.verify(user->password_hash, current)) {
    Error err{ErrorCode::ValidationFailed, "wrong_password", "current_password"};
    env.store.write([&](ports::UnitOfWork& uow) {
      uow.identity().record_login_failure(account_key, now);
      append_audit(env, uow, ctx, kAction, target, audit::Outcome::Failure, err.name());
    });
    return err;
  }
  if (replacement.empty()) {
    return audit_failure(env, ctx, kAction,
                         Error{ErrorCode::ValidationFailed, "required", "new_password"}, target);
  }
  auto hash = check_replacement(env, *user, replacement);
  if (!hash) return audit_failure(env, ctx, kAction, hash.error(), target);
  auto r = audited_write<Ok>(env, ctx, kAction,
                             [&](ports::UnitOfWork& uow, std::string& written) -> Status {
                               written = target;
                               auto u = uow.identity().find_user(user->id);
                               if (!u) return Error{ErrorCode::NotFound};
                               u->password_hash = *hash;
                               u->password_changed_at = now;
                               uow.identity().update_user(*u);
                               return Ok{};
                             });
  forget_sessions(env);
  return r;
}

Result<ports::UserRecord> register_applicant(const Env& env, const RequestContext& ctx,
                                             const Registration& reg) {
  auto checked = check_registration(env, reg);
  if (!checked) return audit_failure(env, ctx, "user.register", checked.error());
  return audited_write<ports::UserRecord>(
      env, ctx, "user.register",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<ports::UserRecord> {
        if (uow.identity().find_user_by_username(checked->username)) {
          return Error{ErrorCode::UsernameTaken, "", "username"};
        }
        auto copy = *checked;
        copy.id = uow.identity().insert_user(copy);
        target = user_target(copy.id);
        return copy;
      });
}

namespace {

Result<ports::UserRecord> check_registration(const Env& env, const Registration& reg) {
  if (auto s = identity::check_username(reg.username); !s) return s.error();
  if (auto s = identity::check_password(reg.password, reg.username); !s) return s.error();
  if (auto s = identity::check_display_name(reg.display_name); !s) return s.error();
  ports::UserRecord u;
  u.username = reg.username;
  u.display_name = reg.display_name;
  u.kind = reg.kind;
  if (reg.kind == "person") {
    if (!reg.id_number) return Error{ErrorCode::InvalidIdNumber, "length", "id_number"};
    auto id = identity::parse_id_number(
        *reg.id_number, Date{std::chrono::floor<std::chrono::days>(env.clock.now())});
    if (!id) return Error{id.error().code, id.error().detail, "id_number"};
    u.id_number = id->number;
    u.role = std::string(identity::role_name(Role::ApplicantPerson));
  } else if (reg.kind == "org") {
    if (!reg.uscc) return Error{ErrorCode::InvalidUscc, "length", "uscc"};
    auto code = identity::parse_uscc(*reg.uscc);
    if (!code) return Error{code.error().code, code.error().detail, "uscc"};
    u.uscc = code->code;
    u.role = std::string(identity::role_name(Role::ApplicantOrg));
  } else {
    return Error{ErrorCode::ValidationFailed, "kind must be person or org", "kind"};
  }
  u.password_hash = env.hasher.hash(reg.password);
  u.created_at = env.clock.now();
  return u;
}

}  // namespace

Result<ports::UserRecord> create_user(const Env& env, const RequestContext& ctx,
                                      const NewUser& in) {
  constexpr std::string_view kAction = "user.create";
  if (!may(ctx.actor, Permission::ManageUsers))
    return audit_failure(env, ctx, kAction, Error{ErrorCode::Forbidden});
  if (auto s = identity::check_username(in.username); !s)
    return audit_failure(env, ctx, kAction, s.error());
  if (auto s = identity::check_password(in.password, in.username); !s)
    return audit_failure(env, ctx, kAction, s.error());
  if (auto s = identity::check_display_name(in.display_name); !s) {
    return audit_failure(env, ctx, kAction, s.error());
  }
  auto role = parse_role(in.role);
  if (!role) return audit_failure(env, ctx, kAction, role.error());
  if (identity::is_privileged_administrator(*role) && !ctx.actor.console) {
    return audit_failure(env, ctx, kAction, privileged_account_error());
  }
  ports::UserRecord u;
  u.username = in.username;
  u.display_name = in.display_name;
  u.role = in.role;
  u.kind =
      identity::is_applicant(*role) ? (*role == Role::ApplicantOrg ? "org" : "person") : "staff";
  u.department_id = in.department_id;
  u.region_code = in.region_code;
  u.password_hash = env.hasher.hash(in.password);
  u.created_at = env.clock.now();
  return audited_write<ports::UserRecord>(
      env, ctx, kAction,
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<ports::UserRecord> {
        if (uow.identity().find_user_by_username(u.username)) {
          return Error{ErrorCode::UsernameTaken, "", "username"};
        }
        if (auto s = check_department(uow, u.department_id); !s) return s.error();
        if (auto s = check_region(uow, u.region_code); !s) return s.error();
        auto copy = u;
        copy.id = uow.identity().insert_user(copy);
        target = user_target(copy.id);
        return copy;
      });
}

Result<ports::UserRecord> update_user(const Env& env, const RequestContext& ctx, std::int64_t id,
                                      const UserChanges& c) {
  constexpr std::string_view kAction = "user.update";
  const std::string target_id = user_target(id);
  if (c.display_name) {
    if (auto s = identity::check_display_name(*c.display_name); !s) {
      return audit_failure(env, ctx, kAction, s.error(), target_id);
    }
  }
  if (c.password) {
    if (auto s = identity::check_password(*c.password); !s) {
      return audit_failure(env, ctx, kAction, s.error(), target_id);
    }
  }
  if (c.role) {
    auto r = parse_role(*c.role);
    if (!r) return audit_failure(env, ctx, kAction, r.error(), target_id);
    if (identity::is_privileged_administrator(*r) && !ctx.actor.console) {
      return audit_failure(env, ctx, kAction, privileged_account_error(), target_id);
    }
  }
  const std::optional<std::string> new_hash =
      c.password ? std::optional<std::string>(env.hasher.hash(*c.password)) : std::nullopt;
  auto r = audited_write<ports::UserRecord>(
      env, ctx, kAction,
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<ports::UserRecord> {
        target = user_target(id);
        if (!may(ctx.actor, Permission::ManageUsers)) return Error{ErrorCode::Forbidden};
        auto u = uow.identity().find_user(id);
        if (!u) return Error{ErrorCode::NotFound};
        if (auto held = identity::role_from_name(u->role);
            held && identity::is_privileged_administrator(*held) && !ctx.actor.console) {
          return privileged_account_error();
        }
        if (c.display_name) u->display_name = *c.display_name;
        if (c.role) u->role = *c.role;
        if (c.department_id) u->department_id = *c.department_id;
        if (c.region_code) u->region_code = *c.region_code;
        if (c.disabled) u->disabled = *c.disabled;
        if (new_hash) {
          u->password_hash = *new_hash;
          u->password_changed_at = env.clock.now();
        }
        if (ctx.actor.user_id == id && u->disabled) {
          return Error{ErrorCode::ValidationFailed, "cannot disable yourself", "disabled"};
        }
        if (auto s = check_department(uow, u->department_id); !s) return s.error();
        if (auto s = check_region(uow, u->region_code); !s) return s.error();
        uow.identity().update_user(*u);
        if (u->disabled || new_hash) uow.identity().delete_sessions_of_user(id);
        return *u;
      });
  forget_sessions(env);  // the user's sessions now resolve to the changed account
  return r;
}

Result<ports::PageOf<ports::UserRecord>> list_users(const Env& env, const RequestContext& ctx,
                                                    ports::UserFilter filter,
                                                    ports::PageRequest page) {
  if (!may(ctx.actor, Permission::ViewUsers)) return Error{ErrorCode::Forbidden};
  if (!ctx.actor.is(Role::Admin) && !ctx.actor.is(Role::SecurityAdmin)) {
    // A department head sees the users of their own department only.
    if (filter.department_id && filter.department_id != ctx.actor.department_id) {
      return Error{ErrorCode::Forbidden};
    }
    if (!ctx.actor.department_id) return Error{ErrorCode::Forbidden};
    filter.department_id = ctx.actor.department_id;
  }
  ports::PageOf<ports::UserRecord> out;
  env.store.read([&](ports::UnitOfWork& uow) { out = uow.identity().list_users(filter, page); });
  return out;
}

namespace {

Status check_department_fields(const ports::DepartmentRecord& d) {
  if (auto s = identity::check_name_text("name", d.name, kMaxNameChars); !s) return s;
  if (d.code.empty() || d.code.size() > kMaxDepartmentCode) {
    return Error{ErrorCode::ValidationFailed, "code must be 1..32 bytes", "code"};
  }
  return ok_status();
}

}  // namespace

Result<ports::DepartmentRecord> create_department(const Env& env, const RequestContext& ctx,
                                                  const DepartmentInput& in) {
  ports::DepartmentRecord d;
  d.name = in.name.value_or("");
  d.code = in.code.value_or("");
  d.parent_id = in.parent_id.value_or(std::nullopt);
  d.region_code = in.region_code.value_or("");
  d.created_at = env.clock.now();
  return audited_write<ports::DepartmentRecord>(
      env, ctx, "department.create",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<ports::DepartmentRecord> {
        if (!may(ctx.actor, Permission::ManageDepartments)) return Error{ErrorCode::Forbidden};
        if (auto s = check_department_fields(d); !s) return s.error();
        if (auto s = check_region(uow, d.region_code); !s) return s.error();
        if (auto s = check_department(uow, d.parent_id); !s) {
          return Error{ErrorCode::ValidationFailed, "unknown parent department", "parent_id"};
        }
        if (uow.identity().find_department_by_code(d.code)) {
          return Error{ErrorCode::Conflict, "department code taken", "code"};
        }
        auto copy = d;
        copy.id = uow.identity().insert_department(copy);
        target = department_target(copy.id);
        return copy;
      });
}

Result<ports::DepartmentRecord> update_department(const Env& env, const RequestContext& ctx,
                                                  std::int64_t id, const DepartmentInput& in) {
  return audited_write<ports::DepartmentRecord>(
      env, ctx, "department.update",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<ports::DepartmentRecord> {
        target = department_target(id);
        if (!may(ctx.actor, Permission::ManageDepartments)) return Error{ErrorCode::Forbidden};
        auto d = uow.identity().find_department(id);
        if (!d) return Error{ErrorCode::NotFound};
        if (in.name) d->name = *in.name;
        if (in.code) d->code = *in.code;
        if (in.parent_id) d->parent_id = *in.parent_id;
        if (in.region_code) d->region_code = *in.region_code;
        if (auto s = check_department_fields(*d); !s) return s.error();
        if (auto s = check_region(uow, d->region_code); !s) return s.error();
        if (d->parent_id == id) {
          return Error{ErrorCode::ValidationFailed, "a department cannot be its own parent",
                       "parent_id"};
        }
        // Walk up from the new parent: reaching `id` would close a cycle.
        for (auto p = d->parent_id; p;) {
          auto parent = uow.identity().find_department(*p);
          if (!parent)
            return Error{ErrorCode::ValidationFailed, "unknown parent department", "parent_id"};
          if (parent->parent_id == id) {
            return Error{ErrorCode::ValidationFailed, "parent would create a cycle", "parent_id"};
          }
          p = parent->parent_id;
        }
        if (auto other = uow.identity().find_department_by_code(d->code);
            other && other->id != id) {
          return Error{ErrorCode::Conflict, "department code taken", "code"};
        }
        uow.identity().update_department(*d);
        return *d;
      });
}

Result<ports::PageOf<ports::DepartmentRecord>> list_departments(const Env& env,
                                                                const ports::DepartmentFilter& f,
                                                                ports::PageRequest page) {
  ports::PageOf<ports::DepartmentRecord> out;
  env.store.read([&](ports::UnitOfWork& uow) { out = uow.identity().list_departments(f, page); });
  return out;
}

namespace {

Status check_centre_fields(ports::UnitOfWork& uow, const ports::ServiceCentreRecord& c) {
  if (auto s = identity::check_name_text("name", c.name, kMaxNameChars); !s) return s;
  if (c.address.size() > 512)
    return Error{ErrorCode::ValidationFailed, "address too long", "address"};
  if (c.region_code.empty()) return Error{ErrorCode::ValidationFailed, "required", "region_code"};
  return check_region(uow, c.region_code);
}

}  // namespace

Result<ports::ServiceCentreRecord> create_service_centre(const Env& env, const RequestContext& ctx,
                                                         const ServiceCentreInput& in) {
  ports::ServiceCentreRecord c{0, in.name.value_or(""), in.region_code.value_or(""),
                               in.address.value_or(""), env.clock.now()};
  return audited_write<ports::ServiceCentreRecord>(
      env, ctx, "service_centre.create",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<ports::ServiceCentreRecord> {
        if (!may(ctx.actor, Permission::ManageDepartments)) return Error{ErrorCode::Forbidden};
        if (auto s = check_centre_fields(uow, c); !s) return s.error();
        auto copy = c;
        copy.id = uow.identity().insert_service_centre(copy);
        target = "service_centre:" + std::to_string(copy.id);
        return copy;
      });
}

Result<ports::ServiceCentreRecord> update_service_centre(const Env& env, const RequestContext& ctx,
                                                         std::int64_t id,
                                                         const ServiceCentreInput& in) {
  return audited_write<ports::ServiceCentreRecord>(
      env, ctx, "service_centre.update",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<ports::ServiceCentreRecord> {
        target = "service_centre:" + std::to_string(id);
        if (!may(ctx.actor, Permission::ManageDepartments)) return Error{ErrorCode::Forbidden};
        auto c = uow.identity().find_service_centre(id);
        if (!c) return Error{ErrorCode::NotFound};
        if (in.name) c->name = *in.name;
        if (in.region_code) c->region_code = *in.region_code;
        if (in.address) c->address = *in.address;
        if (auto s = check_centre_fields(uow, *c); !s) return s.error();
        uow.identity().update_service_centre(*c);
        return *c;
      });
}

ports::PageOf<ports::ServiceCentreRecord> list_service_centres(
    const Env& env, const std::optional<std::string>& region_code, ports::PageRequest page) {
  ports::PageOf<ports::ServiceCentreRecord> out;
  env.store.read([&](ports::UnitOfWork& uow) {
    out = uow.identity().list_service_centres(region_code, page);
  });
  return out;
}

ports::PageOf<ports::RegionRecord> list_regions(const Env& env,
                                                const std::optional<std::string>& parent,
                                                ports::PageRequest page) {
  ports::PageOf<ports::RegionRecord> out;
  env.store.read([&](ports::UnitOfWork& uow) { out = uow.identity().list_regions(parent, page); });
  return out;
}

void load_regions(const Env& env, const std::vector<ports::RegionRecord>& regions) {
  env.store.write([&](ports::UnitOfWork& uow) {
    for (const auto& r : regions) uow.identity().upsert_region(r);
  });
}

}  // namespace tongban::app
