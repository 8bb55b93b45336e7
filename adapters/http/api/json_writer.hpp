// JsonWriter: JSON text written straight into a string, for the responses built on every call
// of the casework path (a case's detail answers every write of the standard case). Building a
// boost::json value first and serialising it cost ~11 % of the server's CPU there (an object
// per record, a key lookup per insert, then a second pass): docs/performance.md, seventh
// session. Everything else keeps boost::json values; a shape written here is parsed back where
// another resource embeds it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/time.hpp"

namespace tongban::http {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& object();
  JsonWriter& end_object();
  JsonWriter& array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);

  JsonWriter& value(std::string_view s);
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(std::int64_t n);
  JsonWriter& value(int n) { return value(static_cast<std::int64_t>(n)); }
  JsonWriter& value(bool b);
  JsonWriter& value(Instant t);  // RFC 3339 in UTC+8, as format_instant
  JsonWriter& null();
  template <class T>
  JsonWriter& value(const std::optional<T>& v) {
    return v ? value(*v) : null();
  }
  // JSON text already known to be valid (e.g. checked by valid_json), copied as it is.
  JsonWriter& raw(std::string_view json);

  template <class T>
  JsonWriter& field(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }

 private:
  void separate();

  std::string& out_;
  bool first_ = true;  // no comma before the next key or value
};

// True when `text` is one complete JSON value (RFC 8259).
[[nodiscard]] bool valid_json(std::string_view text);

}  // namespace tongban::http
