#include "adapters/rules/rules_json.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "adapters/catalog/json_fields.hpp"

namespace tongban::rules::io {
namespace json = boost::json;
using namespace catalog::io::json_fields;  // NOLINT(google-build-using-namespace)

Value from_json(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return {};
    case json::kind::bool_:
      return v.get_bool();
    case json::kind::int64:
      return static_cast<double>(v.get_int64());
    case json::kind::uint64:
      return static_cast<double>(v.get_uint64());
    case json::kind::double_:
      return v.get_double();
    case json::kind::string:
      return std::string(v.get_string());
    case json::kind::array: {
      Array a;
      a.reserve(v.get_array().size());
      for (const auto& e : v.get_array()) a.push_back(from_json(e));
      return a;
    }
    case json::kind::object: {
      Object o;
      for (const auto& kv : v.get_object())
        o.insert_or_assign(std::string(kv.key()), from_json(kv.value()));
      return o;
    }
  }
  return {};
}

json::value to_json(const Value& v) {
  switch (v.type()) {
    case Value::Type::Null:
      return nullptr;
    case Value::Type::Bool:
      return v.as_bool();
    case Value::Type::Number: {
      const double d = v.as_number();
      if (!std::isfinite(d)) return nullptr;
      // Whole numbers print as integers ("3", not "3.0").
      if (d == std::trunc(d) && std::fabs(d) < 9.007199254740992e15)
        return static_cast<std::int64_t>(d);
      return d;
    }
    case Value::Type::String:
      return json::string(v.as_string());
    case Value::Type::Array: {
      json::array a;
      a.reserve(v.as_array().size());
      for (const auto& e : v.as_array()) a.push_back(to_json(e));
      return a;
    }
    case Value::Type::Object: {
      json::object o;
      for (const auto& [k, e] : v.as_object()) o[k] = to_json(e);
      return o;
    }
  }
  return nullptr;
}

Result<Value> parse_value(std::string_view json_text) {
  boost::system::error_code ec;
  auto v = json::parse(json_text, ec);
  if (ec) return Error{ErrorCode::RuleInvalid, "not JSON: " + ec.message(), "logic"};
  return from_json(v);
}

namespace {

Rule read_rule(const json::value& v, const std::string& path) {
  Fields f(v, path);
  Rule r;
  r.code = f.str("code", true);
  r.name = f.str("name", true);
  r.severity = f.enumeration("severity", Severity::Blocking, severity_from_string, true);
  r.logic = from_json(f.need("logic"));
  Fields m(f.need("message"), join(path, "message"));
  r.message_zh = m.str("zh", true);
  r.message_en = m.str("en");
  m.no_unknown_keys();
  f.no_unknown_keys();
  return r;
}

}  // namespace

Result<RuleSet> rule_set_from_json(const json::value& v) {
  RuleSet s;
  try {
    Fields f(v, "");
    s.kind = f.str("kind", true);
    s.name = f.str("name", true);
    if (const auto* a = f.array("rules", true))
      for (std::size_t i = 0; i < a->size(); ++i)
        s.rules.push_back(read_rule((*a)[i], index("rules", i)));
    f.no_unknown_keys();
  } catch (const DecodeError& e) {
    return Error{ErrorCode::RuleInvalid, e.detail, e.field};
  }
  if (auto ok = validate_rule_set(s); !ok) return ok.error();
  return s;
}

Result<RuleSet> parse_rule_set(std::string_view json_text) {
  boost::system::error_code ec;
  auto v = json::parse(json_text, ec);
  if (ec) return Error{ErrorCode::RuleInvalid, "not JSON: " + ec.message()};
  return rule_set_from_json(v);
}

json::object to_json(const RuleSet& s) {
  json::array rules;
  for (const auto& r : s.rules)
    rules.push_back(
        json::object{{"code", r.code},
                     {"name", r.name},
                     {"severity", to_string(r.severity)},
                     {"logic", to_json(r.logic)},
                     {"message", json::object{{"zh", r.message_zh}, {"en", r.message_en}}}});
  return json::object{{"kind", s.kind}, {"name", s.name}, {"rules", std::move(rules)}};
}

std::string serialize_rule_set(const RuleSet& s) { return json::serialize(to_json(s)); }

json::object to_json(const Finding& f) {
  json::object o{{"code", f.code},
                 {"name", f.name},
                 {"severity", to_string(f.severity)},
                 {"message", json::object{{"zh", f.message_zh}, {"en", f.message_en}}}};
  if (!f.error.empty()) o["error"] = f.error;
  return o;
}

json::object to_json(const CheckReport& r) {
  json::array blocking;
  for (const auto& f : r.blocking) blocking.push_back(to_json(f));
  json::array advisory;
  for (const auto& f : r.advisory) advisory.push_back(to_json(f));
  return json::object{{"ok", r.ok()},
                      {"passed", r.passed},
                      {"blocking", std::move(blocking)},
                      {"advisory", std::move(advisory)}};
}

Result<std::vector<reviews::PostAssignment>> parse_review_posts(std::string_view json_text) {
  boost::system::error_code ec;
  auto v = json::parse(json_text, ec);
  if (ec) return Error{ErrorCode::ValidationFailed, "not JSON: " + ec.message()};
  std::vector<reviews::PostAssignment> out;
  try {
    Fields f(v, "");
    (void)f.str("note");
    if (const auto* a = f.array("posts", true)) {
      for (std::size_t i = 0; i < a->size(); ++i) {
        Fields p((*a)[i], index("posts", i));
        out.push_back(
            {p.str("kind", true), p.str("region_code", true), p.str("department_code", true)});
        p.no_unknown_keys();
      }
    }
    f.no_unknown_keys();
  } catch (const DecodeError& e) {
    return Error{ErrorCode::ValidationFailed, e.detail, e.field};
  }
  return out;
}

Result<std::vector<reviews::PostAssignment>> read_review_posts(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error{ErrorCode::NotFound, "cannot read " + file.string()};
  std::stringstream text;
  text << in.rdbuf();
  return parse_review_posts(text.str());
}

Result<std::vector<RuleSet>> read_rule_dir(const std::filesystem::path& dir) {
  return read_json_dir<RuleSet>(dir, [](const std::string& text) { return parse_rule_set(text); });
}

}  // namespace tongban::rules::io
