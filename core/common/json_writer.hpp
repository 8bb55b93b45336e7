// JsonWriter: JSON text written straight into a buffer — the one JSON writer of the program:
// the HTTP layer's hot responses (a case's detail answers every write of the standard case)
// and the event and audit payloads of the use cases. Building a boost::json value first and
// serialising it cost ~11 % of the server's CPU on the casework path (an object per record, a
// key lookup per insert, then a second pass; docs/performance.md, "Why the design is as it
// is"). Reading JSON is the adapters' (adapters/http/api/json_io.hpp: boost::json).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/common/time.hpp"

namespace tongban {

class JsonWriter {
 public:
  explicit JsonWriter(std::size_t room = 1024) { buf_.resize(room); }

  // The text written; the writer is spent.
  [[nodiscard]] std::string take() && {
    buf_.resize(len_);
    return std::move(buf_);
  }
  // A copy of the text written so far (a payload built in one expression).
  [[nodiscard]] std::string text() const { return buf_.substr(0, len_); }

  JsonWriter& object();
  JsonWriter& end_object();
  JsonWriter& array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  // A key spelled in the code: copied without a check (no quote, backslash or control
  // character in this program's own names) -- keys are most of what a response writes.
  template <std::size_t N>
  JsonWriter& key(const char (&k)[N]) {
    constexpr std::size_t kLen = N - 1;
    const std::size_t comma = first_ ? 0 : 1;
    char* p = grow(comma + kLen + 3);
    if (comma != 0) *p++ = ',';
    *p++ = '"';
    std::memcpy(p, k, kLen);
    p += kLen;
    *p++ = '"';
    *p = ':';
    first_ = true;
    return *this;
  }

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

  template <class K, class T>
  JsonWriter& field(const K& k, const T& v) {
    key(k);
    return value(v);
  }

 private:
  void separate();
  void quoted(std::string_view s, std::string_view suffix);  // s needs no escaping
  // Room for n more bytes at the end; returns where they go (len_ moves past them).
  char* grow(std::size_t n) {
    if (len_ + n > buf_.size()) buf_.resize(std::max(2 * buf_.size(), len_ + n));
    char* p = buf_.data() + len_;
    len_ += n;
    return p;
  }
  void put(char c) { *grow(1) = c; }
  void put(std::string_view s);

  std::string buf_;  // [0, len_) written; the rest is room
  std::size_t len_ = 0;
  bool first_ = true;  // no comma before the next key or value
};

}  // namespace tongban
