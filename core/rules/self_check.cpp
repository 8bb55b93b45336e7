#include "core/rules/self_check.hpp"

#include <algorithm>
#include <set>

namespace tongban::rules {
namespace {

bool code_chars(std::string_view s, bool upper) {
  return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           (upper && c >= 'A' && c <= 'Z');
  });
}

Error invalid(std::string field, std::string detail) {
  return Error{ErrorCode::RuleInvalid, std::move(detail), std::move(field)};
}

}  // namespace

std::string_view to_string(Severity s) { return s == Severity::Blocking ? "blocking" : "advisory"; }

std::optional<Severity> severity_from_string(std::string_view s) {
  if (s == "blocking") return Severity::Blocking;
  if (s == "advisory") return Severity::Advisory;
  return std::nullopt;
}

Status validate_rule_set(const RuleSet& s, const Limits& limits) {
  if (!code_chars(s.kind, false)) return invalid("kind", "[a-z0-9-], 1..64 characters");
  if (s.name.empty()) return invalid("name", "required");
  if (s.rules.empty()) return invalid("rules", "at least one rule");
  std::set<std::string> codes;
  for (std::size_t i = 0; i < s.rules.size(); ++i) {
    const auto& r = s.rules[i];
    const std::string at = "rules[" + std::to_string(i) + "].";
    if (!code_chars(r.code, true)) return invalid(at + "code", "[A-Za-z0-9-], 1..64 characters");
    if (!codes.insert(r.code).second) return invalid(at + "code", r.code + " twice");
    if (r.name.empty()) return invalid(at + "name", "required");
    if (r.message_zh.empty()) return invalid(at + "message.zh", "required");
    auto l = Logic::compile(r.logic, limits);
    if (!l) return invalid(at + "logic", l.error().detail);
  }
  return ok_status();
}

CheckReport run_self_checks(const RuleSet& s, const Value& data, const Limits& limits) {
  CheckReport out;
  for (const auto& r : s.rules) {
    Finding f{r.code, r.name, r.severity, r.message_zh, r.message_en, {}};
    bool pass = false;
    auto l = Logic::compile(r.logic, limits);
    if (l) {
      auto v = l->apply(data);
      if (v)
        pass = truthy(*v);
      else
        f.error = v.error().detail;
    } else {
      f.error = l.error().detail;
    }
    if (pass)
      ++out.passed;
    else
      (r.severity == Severity::Blocking ? out.blocking : out.advisory).push_back(std::move(f));
  }
  return out;
}

}  // namespace tongban::rules
