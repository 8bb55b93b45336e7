// Appending to and checking the hash-chained audit log, and the wrapper every
// state-changing use case runs in: the change and its success entry commit together;
// a failure rolls the change back and is recorded in a transaction of its own.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "app/context.hpp"
#include "core/common/result.hpp"
#include "ports/database.hpp"

namespace tongban::app {

// Appends one entry linked to the chain's tip, inside the caller's transaction.
void append_audit(const Env& env, ports::UnitOfWork& uow, const RequestContext& ctx,
                  std::string_view action, std::string_view target, audit::Outcome outcome,
                  std::string_view detail = {});

// Appends a failure entry in its own transaction (the failed change was rolled back).
void append_audit_failure(const Env& env, const RequestContext& ctx, std::string_view action,
                          std::string_view target, const Error& error);

// When a key seals new entries (Env::audit_keys) but the newest entry is plain (written
// before the key was configured), appends an `audit.sealed` entry by "system" so the chain
// ends keyed at once; otherwise nothing. The server calls it as it starts.
void seal_audit_tip(const Env& env);

// Walks the whole chain and reports the first broken link.
[[nodiscard]] audit::Verification verify_audit(const Env& env);

[[nodiscard]] Result<ports::PageOf<audit::Entry>> list_audit(
    const Env& env, const RequestContext& ctx, const std::optional<std::string>& actor,
    const std::optional<std::string>& action, ports::PageRequest page);

namespace detail {
struct Rollback {
  Error error;
};
}  // namespace detail

// Runs `fn(uow, target)` in a write transaction. On an Ok result the success entry is
// appended in the same transaction; on an error value everything fn wrote is rolled back
// and a failure entry is appended. `target` is filled by fn ("user:42") as soon as it knows it.
template <class T>
Result<T> audited_write(const Env& env, const RequestContext& ctx, std::string_view action,
                        const std::function<Result<T>(ports::UnitOfWork&, std::string&)>& fn) {
  std::optional<Result<T>> out;
  std::string target;
  try {
    env.store.write([&](ports::UnitOfWork& uow) {
      target.clear();
      Result<T> r = fn(uow, target);
      if (!r.ok()) throw detail::Rollback{r.error()};
      append_audit(env, uow, ctx, action, target, audit::Outcome::Success);
      out.emplace(std::move(r));
    });
  } catch (const detail::Rollback& rb) {
    append_audit_failure(env, ctx, action, target, rb.error);
    return rb.error;
  } catch (const ports::DbError& e) {
    if (e.kind() != ports::DbError::Kind::UniqueViolation &&
        e.kind() != ports::DbError::Kind::ForeignKeyViolation) {
      throw;
    }
    Error err{ErrorCode::Conflict, e.what()};
    append_audit_failure(env, ctx, action, target, err);
    return err;
  }
  return std::move(*out);
}

}  // namespace tongban::app
