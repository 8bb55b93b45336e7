// Total JSON decoding shared by the file and body decoders of adapters (catalog items,
// bundles): a Fields reader that remembers what it read so unknown keys are reported, and
// fail() that unwinds to the decoder's entry point, where DecodeError becomes an Error
// value (catch it there; it never leaves a decoder).
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "core/calendar/statutory_clock.hpp"
#include "core/common/result.hpp"

namespace tongban::catalog::io::json_fields {
namespace json = boost::json;

// Internal only: unwinds the decoder to its entry point, where it becomes an Error value.
struct DecodeError {
  std::string field;
  std::string detail;
};

[[noreturn]] inline void fail(const std::string& field, const std::string& detail) {
  throw DecodeError{field, detail};
}

inline std::string join(const std::string& prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
}
inline std::string index(const std::string& prefix, std::size_t i) {
  return prefix + "[" + std::to_string(i) + "]";
}

// Reads the fields of one JSON object; every field read is remembered so leftovers (unknown
// keys) can be reported.
class Fields {
 public:
  Fields(const json::value& v, std::string path) : path_(std::move(path)) {
    if (!v.is_object()) fail(path_, "expected an object");
    obj_ = &v.as_object();
  }

  const json::value* find(std::string_view key) {
    seen_.insert(std::string(key));
    return obj_->if_contains(key);
  }
  const json::value& need(std::string_view key) {
    const auto* v = find(key);
    if (v == nullptr) fail(join(path_, key), "missing");
    return *v;
  }

  std::string str(std::string_view key, bool required = false) {
    const auto* v = required ? &need(key) : find(key);
    if (v == nullptr) return {};
    if (!v->is_string()) fail(join(path_, key), "expected a string");
    return std::string(v->as_string());
  }
  std::int64_t integer(std::string_view key, std::int64_t fallback, bool required = false) {
    const auto* v = required ? &need(key) : find(key);
    if (v == nullptr) return fallback;
    return as_int(*v, join(path_, key));
  }
  bool boolean(std::string_view key, bool fallback) {
    const auto* v = find(key);
    if (v == nullptr) return fallback;
    if (!v->is_bool()) fail(join(path_, key), "expected true or false");
    return v->as_bool();
  }
  template <class E, class Parse>
  E enumeration(std::string_view key, E fallback, Parse parse, bool required = false) {
    const auto* v = required ? &need(key) : find(key);
    if (v == nullptr) return fallback;
    if (!v->is_string()) fail(join(path_, key), "expected a string");
    auto e = parse(std::string_view(v->as_string()));
    if (!e) fail(join(path_, key), "unknown value \"" + std::string(v->as_string()) + "\"");
    return *e;
  }
  const json::array* array(std::string_view key, bool required = false) {
    const auto* v = required ? &need(key) : find(key);
    if (v == nullptr) return nullptr;
    if (!v->is_array()) fail(join(path_, key), "expected an array");
    return &v->as_array();
  }
  // Call after reading every known key.
  void no_unknown_keys() const {
    for (const auto& kv : *obj_) {
      if (!seen_.contains(std::string(kv.key()))) fail(join(path_, kv.key()), "unknown field");
    }
  }
  [[nodiscard]] const std::string& path() const { return path_; }

  static std::int64_t as_int(const json::value& v, const std::string& field) {
    if (v.is_int64()) return v.as_int64();
    if (v.is_uint64() &&
        v.as_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return static_cast<std::int64_t>(v.as_uint64());
    }
    fail(field, "expected an integer");
  }

 private:
  const json::object* obj_ = nullptr;
  std::string path_;
  std::set<std::string> seen_;
};

inline calendar::Budget read_budget(Fields& parent, std::string_view key) {
  Fields f(parent.need(key), join(parent.path(), key));
  calendar::Budget b;
  b.amount = f.integer("amount", 0, true);
  b.unit =
      f.enumeration("unit", calendar::BudgetUnit::WorkingDays, calendar::budget_unit_from_string);
  f.no_unknown_keys();
  return b;
}

inline json::object budget_json(const calendar::Budget& b) {
  return json::object{{"amount", b.amount}, {"unit", calendar::to_string(b.unit)}};
}

// Every *.json file of `dir` through `parse(text)` (→ Result<T>), in file-name order (the data
// directories: bundles, stage templates, rule sets). NotFound when the directory cannot be
// read; the first file that does not decode is reported with its name in the detail.
template <class T, class Parse>
Result<std::vector<T>> read_json_dir(const std::filesystem::path& dir, Parse parse) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  if (ec) return Error{ErrorCode::NotFound, "cannot read " + dir.string()};
  std::sort(files.begin(), files.end());
  std::vector<T> out;
  for (const auto& p : files) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    Result<T> v = parse(text.str());
    if (!v) {
      auto e = v.error();
      e.detail = p.filename().string() + ": " + e.detail;
      return e;
    }
    out.push_back(std::move(*v));
  }
  return out;
}

}  // namespace tongban::catalog::io::json_fields
