#include "app/identity/second_factor.hpp"

#include "app/audit/audit_trail.hpp"
#include "app/identity/accounts.hpp"
#include "app/policy.hpp"
#include "core/identity/totp.hpp"

namespace tongban::app {

namespace totp = identity::totp;

namespace {

std::string user_target(std::int64_t id) { return "user:" + std::to_string(id); }

std::int64_t unix_seconds(Instant t) { return to_micros(t) / 1'000'000; }

bool available(const Env& env) { return env.secrets != nullptr && env.hmac_sha1 != nullptr; }

Error unavailable() { return Error{ErrorCode::Unavailable, "second factor keys not configured"}; }

// A fresh secret, stored sealed and unconfirmed (replacing any earlier one).
Enrolment enrol(const Env& env, ports::UnitOfWork& uow, const ports::UserRecord& user,
                const std::string& issuer) {
  Enrolment e;
  e.secret = totp::base32_encode(env.random.bytes(totp::kSecretBytes));
  e.otpauth_uri = totp::otpauth_uri(issuer, user.username, e.secret);
  uow.identity().put_second_factor(ports::SecondFactorRecord{
      user.id, env.secrets->seal(e.secret), std::nullopt, std::nullopt, env.clock.now()});
  return e;
}

// The enrolment of an unconfirmed record, shown again (the user may not have scanned it yet).
Result<Enrolment> pending_enrolment(const Env& env, const ports::SecondFactorRecord& f,
                                    const ports::UserRecord& user, const std::string& issuer) {
  auto secret = env.secrets->open(f.secret);
  if (!secret) return Error{ErrorCode::Unavailable, "second factor secret cannot be opened"};
  return Enrolment{*secret, totp::otpauth_uri(issuer, user.username, *secret)};
}

// Checks a six-digit code against the record and consumes its time step (answered).
Result<std::int64_t> accept_code(const Env& env, ports::UnitOfWork& uow,
                                 const ports::SecondFactorRecord& f, const std::string& code) {
  auto secret = env.secrets->open(f.secret);
  if (!secret) return Error{ErrorCode::Unavailable, "second factor secret cannot be opened"};
  auto key = totp::base32_decode(*secret);
  if (!key) return Error{ErrorCode::Unavailable, "second factor secret is malformed"};
  const auto step =
      totp::match(env.hmac_sha1, *key, code, unix_seconds(env.clock.now()), f.last_step);
  if (!step || !uow.identity().advance_second_factor_step(f.user_id, *step)) {
    return Error{ErrorCode::SecondFactorInvalid};
  }
  return *step;
}

// Six digits are a TOTP code; anything else is tried as a recovery code.
Status accept(const Env& env, ports::UnitOfWork& uow, const ports::SecondFactorRecord& f,
              const std::string& code) {
  if (totp::looks_like_code(code)) {
    auto step = accept_code(env, uow, f, code);
    if (!step) return step.error();
    return ok_status();
  }
  const auto hash = env.sha256_hex(totp::normalise_recovery_code(code));
  if (!uow.identity().use_recovery_code(f.user_id, hash, env.clock.now())) {
    return Error{ErrorCode::SecondFactorInvalid};
  }
  return ok_status();
}

// Marks the record confirmed by the code of `step` and issues its recovery codes (only their
// hashes are kept).
std::vector<std::string> confirm(const Env& env, ports::UnitOfWork& uow,
                                 ports::SecondFactorRecord f, std::int64_t step) {
  f.confirmed_at = env.clock.now();
  f.last_step = step;
  uow.identity().put_second_factor(f);
  std::vector<std::string> codes;
  std::vector<std::string> hashes;
  for (int i = 0; i < totp::kRecoveryCodes; ++i) {
    codes.push_back(totp::recovery_code(env.random.bytes(7)));
    hashes.push_back(env.sha256_hex(totp::normalise_recovery_code(codes.back())));
  }
  uow.identity().replace_recovery_codes(f.user_id, hashes);
  return codes;
}

}  // namespace

Result<SecondFactorStep> second_factor_at_login(const Env& env, ports::UnitOfWork& uow,
                                                const ports::UserRecord& user, bool required,
                                                const std::string& issuer,
                                                const std::string& code) {
  auto f = uow.identity().find_second_factor(user.id);
  const bool enrolled = f && f->confirmed_at;
  if (!enrolled && !required) return SecondFactorStep{};
  if (!available(env)) return unavailable();
  SecondFactorStep out;
  if (enrolled) {
    if (code.empty()) return Error{ErrorCode::SecondFactorRequired};
    if (auto s = accept(env, uow, *f, code); !s) return s.error();
    return out;
  }
  // Required but not enrolled: issue a secret, or show the pending one again until its first
  // code arrives with the password.
  if (!f) {
    out.enrolment = enrol(env, uow, user, issuer);
    return out;
  }
  if (code.empty()) {
    auto e = pending_enrolment(env, *f, user, issuer);
    if (!e) return e.error();
    out.enrolment = std::move(*e);
    return out;
  }
  auto step = accept_code(env, uow, *f, code);
  if (!step) return step.error();
  out.recovery_codes = confirm(env, uow, *f, *step);
  return out;
}

Result<SecondFactorStatus> second_factor_status(const Env& env, const RequestContext& ctx,
                                                bool required) {
  if (!ctx.actor.user_id) return Error{ErrorCode::Unauthenticated};
  SecondFactorStatus out;
  out.required = required;
  env.store.read([&](ports::UnitOfWork& uow) {
    auto f = uow.identity().find_second_factor(*ctx.actor.user_id);
    out.enrolled = f && f->confirmed_at;
    if (out.enrolled) {
      out.recovery_codes_left = uow.identity().count_unused_recovery_codes(*ctx.actor.user_id);
    }
  });
  return out;
}

Result<Enrolment> begin_second_factor(const Env& env, const RequestContext& ctx,
                                      const std::string& issuer) {
  if (!ctx.actor.user_id) return Error{ErrorCode::Unauthenticated};
  if (!available(env)) return unavailable();
  return audited_write<Enrolment>(
      env, ctx, "second_factor.begin",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<Enrolment> {
        target = user_target(*ctx.actor.user_id);
        auto f = uow.identity().find_second_factor(*ctx.actor.user_id);
        if (f && f->confirmed_at) return Error{ErrorCode::Conflict, "already enrolled"};
        auto user = uow.identity().find_user(*ctx.actor.user_id);
        if (!user) return Error{ErrorCode::NotFound};
        return enrol(env, uow, *user, issuer);
      });
}

Result<std::vector<std::string>> confirm_second_factor(const Env& env, const RequestContext& ctx,
                                                       const std::string& code) {
  if (!ctx.actor.user_id) return Error{ErrorCode::Unauthenticated};
  if (!available(env)) return unavailable();
  // A wrong code must still consume nothing and count as a failed attempt: the failure is
  // audited by audited_write; the step only advances on success (same transaction).
  return audited_write<std::vector<std::string>>(
      env, ctx, "second_factor.confirm",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<std::vector<std::string>> {
        target = user_target(*ctx.actor.user_id);
        auto f = uow.identity().find_second_factor(*ctx.actor.user_id);
        if (!f || f->confirmed_at) return Error{ErrorCode::NotFound, "no enrolment begun"};
        auto step = accept_code(env, uow, *f, code);
        if (!step) return step.error();
        return confirm(env, uow, *f, *step);
      });
}

Status remove_second_factor(const Env& env, const RequestContext& ctx, bool required,
                            const std::string& code) {
  if (!ctx.actor.user_id) return Error{ErrorCode::Unauthenticated};
  if (!available(env)) return unavailable();
  return audited_write<Ok>(env, ctx, "second_factor.remove",
                           [&](ports::UnitOfWork& uow, std::string& target) -> Status {
                             target = user_target(*ctx.actor.user_id);
                             if (required) {
                               return Error{ErrorCode::Forbidden, "required for this role"};
                             }
                             auto f = uow.identity().find_second_factor(*ctx.actor.user_id);
                             if (!f || !f->confirmed_at) return Error{ErrorCode::NotFound};
                             if (auto s = accept(env, uow, *f, code); !s) return s.error();
                             uow.identity().delete_second_factor(*ctx.actor.user_id);
                             return Ok{};
                           });
}

Status reset_second_factor(const Env& env, const RequestContext& ctx, std::int64_t user_id) {
  if (!ctx.actor.user_id) return Error{ErrorCode::Unauthenticated};
  auto r = audited_write<Ok>(
      env, ctx, "second_factor.reset", [&](ports::UnitOfWork& uow, std::string& target) -> Status {
        target = user_target(user_id);
        if (!may(ctx.actor, Permission::ResetSecondFactors) && !ctx.actor.console) {
          return Error{ErrorCode::Forbidden};
        }
        if (ctx.actor.user_id == user_id) {
          // One's own factor goes with a code (/me/second-factor/remove).
          return Error{ErrorCode::Forbidden, "own account"};
        }
        if (!uow.identity().find_user(user_id)) {
          return Error{ErrorCode::NotFound};
        }
        if (!uow.identity().find_second_factor(user_id)) {
          return Error{ErrorCode::NotFound, "no second factor"};
        }
        uow.identity().delete_second_factor(user_id);
        uow.identity().delete_sessions_of_user(user_id);
        return Ok{};
      });
  if (r && env.sessions != nullptr) env.sessions->changed();
  return r;
}

}  // namespace tongban::app
