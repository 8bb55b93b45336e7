// Self-check rule sets (报件自检, rules as data in JSONLogic) and the review posts of each
// filing kind per region (三级联审): reading them, replacing a rule set (admin), importing the
// shipped data (data/projects/rules, data/projects/review-posts.json), and running a rule or a
// set over data without storing anything (the rule editor's preview, the owner's pre-check).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/common/result.hpp"
#include "core/reviews/filing.hpp"
#include "core/rules/self_check.hpp"
#include "ports/store.hpp"

namespace tongban::app {

// Public (the checks are no secret: owners read them before filing). Ordered by kind.
Result<ports::PageOf<rules::RuleSet>> list_rule_sets(const Env& env, ports::PageRequest page);
// Public. not_found for an unknown kind.
Result<rules::RuleSet> get_rule_set(const Env& env, const std::string& kind);

// Admin (the catalog permission). `s` is validated (rule_invalid with the field, e.g.
// "rules[2].logic"; nothing stored) and replaces the set of its kind. Filings already sent
// keep the results of the checks they passed. Audited as rule_set.put.
Result<rules::RuleSet> put_rule_set(const Env& env, const RequestContext& ctx, rules::RuleSet s);

struct ReviewSetupReport {
  int rule_sets = 0;
  int posts = 0;
};
// Admin. All or nothing: every set is validated and every post's department must exist
// (unknown_department naming posts[i]) before anything is stored; existing sets and posts of
// the same keys are replaced. Audited as review_setup.import.
Result<ReviewSetupReport> import_review_setup(const Env& env, const RequestContext& ctx,
                                              const std::vector<rules::RuleSet>& sets,
                                              const std::vector<reviews::PostAssignment>& posts);

// Public. Ordered by kind, region.
Result<std::vector<reviews::PostAssignment>> list_review_posts(
    const Env& env, const std::optional<std::string>& kind);

// Signed in. The rule's value over `data` (rule_invalid for a malformed rule or one over the
// limits). Nothing is stored.
Result<rules::Value> evaluate_rule(const rules::Value& logic, const rules::Value& data);
// Public. The set of `kind` over `data` (not_found for an unknown kind). Nothing is stored.
Result<rules::CheckReport> check_with_rule_set(const Env& env, const std::string& kind,
                                               const rules::Value& data);

}  // namespace tongban::app
