// JSONLogic (jsonlogic.com): rules written as data, evaluated over data. The one evaluator of
// tongban's rules — the self-checks of multi-level review today, automatic decisions later
// (docs/rules.md). Pure: no I/O, no clock; hostile rules are bounded (depth, size, steps).
//
// Semantics follow the reference implementation json-logic-js (JavaScript's conversions, see
// value.hpp), with these deliberate differences, each stricter or more predictable:
//  * compile() rejects what json-logic-js would only find (or silently accept) when running:
//    an unknown operator, an object that is not exactly one operator (json-logic-js treats it
//    as a literal), a wrong number of arguments;
//  * arrays and objects compare by content (value.hpp);
//  * substr counts Unicode code points (JavaScript: UTF-16 units; the same for Chinese);
//  * "*" with one argument gives that argument as a number;
//  * no "log" and no method calls (no effects, no access to the host).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/common/result.hpp"
#include "core/rules/value.hpp"

namespace tongban::rules {

struct Limits {
  int max_depth = 64;                // nesting of operators and arrays in a rule
  std::int64_t max_nodes = 10000;    // operators, arrays and literals in a rule
  std::int64_t max_steps = 200'000;  // evaluation work: operations plus elements produced
};

// A checked rule, ready to run any number of times. Cheap to copy; thread-safe to apply.
class Logic {
 public:
  // rule_invalid, detail "<path>: <reason>" (path like `and[1].<[0]`), for: an unknown
  // operator, an object with no key or several keys, a wrong number of arguments, a rule
  // nested deeper than max_depth or larger than max_nodes.
  [[nodiscard]] static Result<Logic> compile(const Value& rule, const Limits& limits = {});

  // The rule's value over `data`. rule_invalid ("evaluation exceeds N steps") when a rule
  // works harder than max_steps (e.g. merges doubling a list), never a crash or a hang.
  [[nodiscard]] Result<Value> apply(const Value& data) const;

  struct Node;

 private:
  std::shared_ptr<const Node> root_;
  Limits limits_;
};

// compile + apply (named evaluate: std::apply would be found by argument lookup).
[[nodiscard]] Result<Value> evaluate(const Value& rule, const Value& data,
                                     const Limits& limits = {});

}  // namespace tongban::rules
