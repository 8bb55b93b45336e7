// libFuzzer target for JSONLogic (rules are outside input: the admin API's rule sets and,
// later, automatic decisions): the input is a JSON array [logic, data] or a rule set. Beyond
// "no crash, no hang": compiling is the only way to a rule_invalid before running, running
// twice gives the same value, and a result survives a JSON round trip.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "adapters/rules/rules_json.hpp"
#include "core/rules/jsonlogic.hpp"

namespace {

void require(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tongban::rules;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  boost::system::error_code ec;
  auto parsed = boost::json::parse(text, ec);
  if (ec) return 0;
  if (parsed.is_object()) {
    auto s = io::rule_set_from_json(parsed);
    if (!s) {
      require(s.error().code == tongban::ErrorCode::RuleInvalid);
      return 0;
    }
    require(io::serialize_rule_set(*io::parse_rule_set(io::serialize_rule_set(*s))) ==
            io::serialize_rule_set(*s));
    (void)run_self_checks(*s, Value());
    return 0;
  }
  if (!parsed.is_array() || parsed.as_array().size() != 2) return 0;
  Limits limits;
  limits.max_steps = 20000;
  auto logic = Logic::compile(io::from_json(parsed.as_array()[0]), limits);
  if (!logic) {
    require(logic.error().code == tongban::ErrorCode::RuleInvalid);
    return 0;
  }
  const Value input = io::from_json(parsed.as_array()[1]);
  auto once = logic->apply(input);
  auto twice = logic->apply(input);
  require(once.ok() == twice.ok());
  if (!once) return 0;
  const auto j = io::to_json(*once);
  require(j == io::to_json(*twice));
  require(io::to_json(io::from_json(j)) == j);
  (void)to_string(*once);
  (void)truthy(*once);
  return 0;
}
