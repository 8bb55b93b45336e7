#include "core/common/json_writer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace tongban {

void JsonWriter::separate() {
  if (!first_) put(',');
  first_ = false;
}

namespace {

// memcpy, but an empty view may have no data at all (memcpy's arguments must not be null).
char* copy(char* to, std::string_view s) {
  if (!s.empty()) std::memcpy(to, s.data(), s.size());
  return to + s.size();
}

}  // namespace

void JsonWriter::put(std::string_view s) { copy(grow(s.size()), s); }

JsonWriter& JsonWriter::object() {
  separate();
  put('{');
  first_ = true;
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  put('}');
  first_ = false;
  return *this;
}

JsonWriter& JsonWriter::array() {
  separate();
  put('[');
  first_ = true;
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  put(']');
  first_ = false;
  return *this;
}

namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;

// True when one of the 8 bytes of `v` is a control character, '"' or '\' (the usual
// bit tricks: a byte below n borrows into its high bit; exact as to whether any byte is).
constexpr bool needs_escape(std::uint64_t v) {
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  const auto below = [](std::uint64_t x, std::uint64_t n) { return (x - kOnes * n) & ~x & kHighs; };
  return (below(v, 0x20) | below(v ^ (kOnes * '"'), 1) | below(v ^ (kOnes * '\\'), 1)) != 0;
}

constexpr bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// How many bytes of `s` can be copied as they are, checked eight at a time (the last few
// padded with spaces): the text of a case's detail is mostly that.
std::size_t clean_prefix(std::string_view s) {
  std::size_t i = 0;
  for (; i < s.size(); i += 8) {
    std::uint64_t v = kOnes * ' ';
    std::memcpy(&v, s.data() + i, std::min<std::size_t>(8, s.size() - i));
    if (needs_escape(v)) break;
  }
  for (; i < s.size(); ++i) {
    if (needs_escape(static_cast<unsigned char>(s[i]))) return i;
  }
  return s.size();
}

}  // namespace

// `,"s"` + suffix with one resize: most values need no escaping.
void JsonWriter::quoted(std::string_view s, std::string_view suffix) {
  const std::size_t comma = first_ ? 0 : 1;
  char* p = grow(comma + s.size() + 2 + suffix.size());
  if (comma != 0) *p++ = ',';
  *p++ = '"';
  p = copy(p, s);
  *p++ = '"';
  copy(p, suffix);
}

JsonWriter& JsonWriter::key(std::string_view k) {
  if (clean_prefix(k) == k.size()) {
    quoted(k, ":");
  } else {
    value(k);
    put(':');
  }
  first_ = true;
  return *this;
}

// RFC 8259 §7: '"', '\' and the control characters are escaped; everything else (UTF-8
// included) is copied, runs at a time.
JsonWriter& JsonWriter::value(std::string_view s) {
  const std::size_t clean = clean_prefix(s);
  if (clean == s.size()) {
    quoted(s, {});
    first_ = false;
    return *this;
  }
  separate();
  put('"');
  std::size_t run = 0;
  for (std::size_t i = clean; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!needs_escape(c)) continue;
    put(std::string_view(s.data() + run, i - run));
    run = i + 1;
    switch (c) {
      case '"':
        put("\\\"");
        break;
      case '\\':
        put("\\\\");
        break;
      case '\b':
        put("\\b");
        break;
      case '\f':
        put("\\f");
        break;
      case '\n':
        put("\\n");
        break;
      case '\r':
        put("\\r");
        break;
      case '\t':
        put("\\t");
        break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        put("\\u00");
        put(kHex[c >> 4]);
        put(kHex[c & 0xf]);
      }
    }
  }
  put(std::string_view(s.data() + run, s.size() - run));
  put('"');
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t n) {
  separate();
  std::array<char, 24> buf{};
  const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), n);
  put(std::string_view(buf.data(), end));
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  separate();
  put(b ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::value(Instant t) { return value(std::string_view(format_instant(t))); }

JsonWriter& JsonWriter::null() {
  separate();
  put("null");
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  separate();
  put(json);
  return *this;
}

}  // namespace tongban
