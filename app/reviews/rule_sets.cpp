#include "app/reviews/rule_sets.hpp"

#include "app/audit/audit_trail.hpp"
#include "app/policy.hpp"
#include "ports/review_repository.hpp"

namespace tongban::app {

Result<ports::PageOf<rules::RuleSet>> list_rule_sets(const Env& env, ports::PageRequest page) {
  ports::PageOf<rules::RuleSet> out;
  env.store.read([&](ports::UnitOfWork& uow) { out = uow.reviews().list_rule_sets(page); });
  return out;
}

Result<rules::RuleSet> get_rule_set(const Env& env, const std::string& kind) {
  std::optional<rules::RuleSet> s;
  env.store.read([&](ports::UnitOfWork& uow) { s = uow.reviews().find_rule_set(kind); });
  if (!s) return Error{ErrorCode::NotFound, "no rule set for this kind", "kind"};
  return std::move(*s);
}

Result<rules::RuleSet> put_rule_set(const Env& env, const RequestContext& ctx, rules::RuleSet s) {
  return audited_write<rules::RuleSet>(
      env, ctx, "rule_set.put",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<rules::RuleSet> {
        target = "rule_set:" + s.kind;
        if (!may(ctx.actor, Permission::ManageCatalog)) return Error{ErrorCode::Forbidden};
        if (auto ok = rules::validate_rule_set(s); !ok) return ok.error();
        uow.reviews().put_rule_set(s, env.clock.now(), ctx.actor.username);
        return s;
      });
}

Result<ReviewSetupReport> import_review_setup(const Env& env, const RequestContext& ctx,
                                              const std::vector<rules::RuleSet>& sets,
                                              const std::vector<reviews::PostAssignment>& posts) {
  return audited_write<ReviewSetupReport>(
      env, ctx, "review_setup.import",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<ReviewSetupReport> {
        target = "rule_sets:" + std::to_string(sets.size());
        if (!may(ctx.actor, Permission::ManageCatalog)) return Error{ErrorCode::Forbidden};
        for (std::size_t i = 0; i < sets.size(); ++i) {
          if (auto ok = rules::validate_rule_set(sets[i]); !ok) {
            Error e = ok.error();
            e.detail = "rule_sets[" + std::to_string(i) + "] " + e.detail;
            return e;
          }
        }
        for (std::size_t i = 0; i < posts.size(); ++i) {
          if (!uow.identity().find_department_by_code(posts[i].department_code))
            return Error{ErrorCode::UnknownDepartment,
                         "posts[" + std::to_string(i) + "] " + posts[i].department_code,
                         "department_code"};
          if (!reviews::review_levels(posts[i].region_code))
            return Error{ErrorCode::ValidationFailed, "posts[" + std::to_string(i) + "]",
                         "region_code"};
        }
        ReviewSetupReport r;
        for (const auto& s : sets) {
          uow.reviews().put_rule_set(s, env.clock.now(), ctx.actor.username);
          ++r.rule_sets;
        }
        for (const auto& p : posts) {
          uow.reviews().put_review_post(p);
          ++r.posts;
        }
        return r;
      });
}

Result<std::vector<reviews::PostAssignment>> list_review_posts(
    const Env& env, const std::optional<std::string>& kind) {
  std::vector<reviews::PostAssignment> out;
  env.store.read([&](ports::UnitOfWork& uow) { out = uow.reviews().list_review_posts(kind); });
  return out;
}

Result<rules::Value> evaluate_rule(const rules::Value& logic, const rules::Value& data) {
  return rules::evaluate(logic, data);
}

Result<rules::CheckReport> check_with_rule_set(const Env& env, const std::string& kind,
                                               const rules::Value& data) {
  auto s = get_rule_set(env, kind);
  if (!s) return s.error();
  return rules::run_self_checks(*s, data);
}

}  // namespace tongban::app
