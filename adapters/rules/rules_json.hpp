// Rules ↔ JSON: rules::Value from and to Boost.JSON, self-check rule sets (the files under
// data/projects/rules/ and the admin API's bodies) and their check reports. Decoding is total
// (an Error value, never an exception); unknown keys are refused. Errors: rule_invalid with
// `field` = the path inside the value ("rules[2].severity").
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "core/common/result.hpp"
#include "core/reviews/filing.hpp"
#include "core/rules/self_check.hpp"
#include "core/rules/value.hpp"

namespace tongban::rules::io {

// Numbers become doubles (integers beyond 2^53 lose precision, as in JavaScript).
[[nodiscard]] Value from_json(const boost::json::value& v);
// NaN and ±Infinity become null (as JSON.stringify).
[[nodiscard]] boost::json::value to_json(const Value& v);
// rule_invalid (field "logic") when the text is not JSON.
[[nodiscard]] Result<Value> parse_value(std::string_view json_text);

// {"kind", "name", "rules": [{"code", "name", "severity", "logic", "message": {"zh", "en"}}]},
// checked with validate_rule_set.
[[nodiscard]] Result<RuleSet> rule_set_from_json(const boost::json::value& v);
[[nodiscard]] Result<RuleSet> parse_rule_set(std::string_view json_text);
[[nodiscard]] boost::json::object to_json(const RuleSet& s);
[[nodiscard]] std::string serialize_rule_set(const RuleSet& s);

// {"ok", "passed", "blocking": [finding], "advisory": [finding]}; a finding is {"code",
// "name", "severity", "message": {"zh", "en"}, "error"?}.
[[nodiscard]] boost::json::object to_json(const CheckReport& r);
[[nodiscard]] boost::json::object to_json(const Finding& f);

// Every *.json file of `dir` (one rule set each), in file-name order. NotFound when the
// directory cannot be read; the first file that does not decode is reported by name.
[[nodiscard]] Result<std::vector<RuleSet>> read_rule_dir(const std::filesystem::path& dir);

// The review posts file (data/projects/review-posts.json): {"note"?, "posts": [{"kind",
// "region_code", "department_code"}]}. validation_failed with the field path otherwise.
[[nodiscard]] Result<std::vector<reviews::PostAssignment>> parse_review_posts(
    std::string_view json_text);
[[nodiscard]] Result<std::vector<reviews::PostAssignment>> read_review_posts(
    const std::filesystem::path& file);

}  // namespace tongban::rules::io
