#include "app/audit/audit_trail.hpp"

#include "app/policy.hpp"

namespace tongban::app {

void append_audit(const Env& env, ports::UnitOfWork& uow, const RequestContext& ctx,
                  std::string_view action, std::string_view target, audit::Outcome outcome,
                  std::string_view detail) {
  audit::Entry e;
  e.at = env.clock.now();
  e.actor = ctx.actor.username;
  e.role = ctx.actor.role ? std::string(identity::role_name(*ctx.actor.role)) : std::string();
  e.action = action;
  e.target = target;
  e.request_id = ctx.request_id;
  e.outcome = audit::outcome_name(outcome);
  e.detail = detail;
  const auto tip = uow.audit().lock_tip();
  audit::link(e, tip, env.sha256_hex, env.audit_keys);
  uow.audit().append(e);
}

void append_audit_failure(const Env& env, const RequestContext& ctx, std::string_view action,
                          std::string_view target, const Error& error) {
  env.store.write([&](ports::UnitOfWork& uow) {
    append_audit(env, uow, ctx, action, target, audit::Outcome::Failure, error.name());
  });
}

void seal_audit_tip(const Env& env) {
  if (env.audit_keys.current.empty()) return;
  RequestContext ctx;
  ctx.actor.username = "system";
  ctx.request_id = "start";
  env.store.write([&](ports::UnitOfWork& uow) {
    const auto tip = uow.audit().tip();
    if (tip.seq == 0) return;
    const auto newest = uow.audit().find(tip.seq);
    if (newest && newest->key_id.empty())
      append_audit(env, uow, ctx, "audit.sealed", "audit", audit::Outcome::Success);
  });
}

audit::Verification verify_audit(const Env& env) {
  audit::ChainVerifier verifier(env.sha256_hex, env.audit_keys);
  env.store.read([&](ports::UnitOfWork& uow) {
    uow.audit().scan([&](const audit::Entry& e) { return verifier.feed(e); });
    verifier.finish(uow.audit().tip());
  });
  return verifier.result();
}

Result<ports::PageOf<audit::Entry>> list_audit(const Env& env, const RequestContext& ctx,
                                               const std::optional<std::string>& actor,
                                               const std::optional<std::string>& action,
                                               ports::PageRequest page) {
  if (!may(ctx.actor, Permission::ViewAudit)) return Error{ErrorCode::Forbidden};
  ports::PageOf<audit::Entry> out;
  env.store.read([&](ports::UnitOfWork& uow) { out = uow.audit().list(actor, action, page); });
  return out;
}

}  // namespace tongban::app
