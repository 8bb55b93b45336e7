// Self-checks (报件自检) as data: a rule set is a list of JSONLogic rules over a filing's data,
// each blocking (强制性: a failure stops the filing) or advisory (说明性: a failure is a
// warning). A rule passes when its logic is truthy over the data. Pure. docs/rules.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/rules/jsonlogic.hpp"

namespace tongban::rules {

enum class Severity { Blocking, Advisory };
[[nodiscard]] std::string_view to_string(Severity s);  // blocking | advisory
[[nodiscard]] std::optional<Severity> severity_from_string(std::string_view s);

struct Rule {
  std::string code;  // [A-Za-z0-9-], unique in its set, e.g. "LU-01"
  std::string name;  // zh, e.g. 用地面积与容积率一致
  Severity severity = Severity::Blocking;
  Value logic;             // the JSONLogic as written (kept for storage and display)
  std::string message_zh;  // shown when the rule fails
  std::string message_en;
};

struct RuleSet {
  std::string kind;  // the filing kind the set checks, [a-z0-9-], e.g. "land-use-approval"
  std::string name;  // zh, e.g. 建设用地报批
  std::vector<Rule> rules;
};

// rule_invalid with field the path ("rules[2].logic", "rules[0].code") for: a malformed or
// empty kind, an empty name, no rules, a rule code malformed or twice, an empty rule name or
// zh message, and logic that does not compile (the detail says where in the logic).
[[nodiscard]] Status validate_rule_set(const RuleSet& s, const Limits& limits = {});

struct Finding {
  std::string code;
  std::string name;
  Severity severity = Severity::Blocking;
  std::string message_zh;
  std::string message_en;
  std::string error;  // set when the rule could not be evaluated (it then counts as failed)
};

struct CheckReport {
  int passed = 0;
  std::vector<Finding> blocking;  // failed blocking rules, in rule order
  std::vector<Finding> advisory;  // failed advisory rules, in rule order
  [[nodiscard]] bool ok() const { return blocking.empty(); }
};

// Runs every rule of `s` over `data`. A rule whose logic cannot run (it does not compile or
// exceeds the step limit) fails: a check that cannot be made never lets a filing through.
[[nodiscard]] CheckReport run_self_checks(const RuleSet& s, const Value& data,
                                          const Limits& limits = {});

}  // namespace tongban::rules
