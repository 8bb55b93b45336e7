#include "core/rules/value.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>

namespace tongban::rules {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// JavaScript's white space and line terminators (ASCII, NBSP U+00A0, BOM U+FEFF, the Zs
// block U+2000..U+200A, U+1680, U+202F, U+205F, U+3000, U+2028/U+2029), in UTF-8.
std::size_t space_at(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || (c >= 0x09 && c <= 0x0D)) return 1;
  auto starts = [&](std::string_view p) { return s.substr(i, p.size()) == p; };
  if (starts("\xC2\xA0")) return 2;
  if (starts("\xEF\xBB\xBF") || starts("\xE1\x9A\x80") || starts("\xE2\x80\xAF") ||
      starts("\xE2\x81\x9F") || starts("\xE3\x80\x80") || starts("\xE2\x80\xA8") ||
      starts("\xE2\x80\xA9"))
    return 3;
  if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
    const auto c2 = static_cast<unsigned char>(s[i + 2]);
    if (c2 >= 0x80 && c2 <= 0x8A) return 3;
  }
  return 0;
}

std::string_view trim(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size()) {
    const auto k = space_at(s, n);
    if (k == 0) break;
    n += k;
  }
  s.remove_prefix(n);
  // Trailing: scan forward, remembering where the last non-space ended.
  std::size_t end = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto k = space_at(s, i);
    if (k != 0) {
      i += k;
    } else {
      ++i;
      end = i;
    }
  }
  return s.substr(0, end);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Length of the StrUnsignedDecimalLiteral at the start of s (digits, a point, an exponent),
// 0 when there is none. "Infinity" is handled by the callers.
std::size_t decimal_prefix(std::string_view s) {
  std::size_t i = 0;
  std::size_t digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    std::size_t j = i + 1;
    std::size_t frac = 0;
    while (j < s.size() && is_digit(s[j])) ++j, ++frac;
    if (digits + frac == 0) return 0;
    i = j;
    digits += frac;
  }
  if (digits == 0) return 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    const std::size_t start = j;
    while (j < s.size() && is_digit(s[j])) ++j;
    if (j > start) i = j;
  }
  return i;
}

double parse_decimal(std::string_view s) {
  double out = 0;
  // The text is a checked decimal literal; from_chars reads it exactly (out of range → ±inf
  // or 0 as JavaScript gives).
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec == std::errc::result_out_of_range) {
    const std::string copy(s);
    out = std::strtod(copy.c_str(), nullptr);
  }
  (void)ptr;
  return out;
}

// A signed decimal literal or Infinity at the start of s: its value and length.
std::optional<std::pair<double, std::size_t>> signed_prefix(std::string_view s) {
  double sign = 1;
  std::size_t i = 0;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    sign = s[0] == '-' ? -1 : 1;
    i = 1;
  }
  const auto rest = s.substr(i);
  if (rest.substr(0, 8) == "Infinity") return std::pair{sign * kInf, i + 8};
  const auto n = decimal_prefix(rest);
  if (n == 0) return std::nullopt;
  return std::pair{sign * parse_decimal(rest.substr(0, n)), i + n};
}

double string_to_number(std::string_view text) {
  const auto s = trim(text);
  if (s.empty()) return 0;
  if (s.size() > 2 && s[0] == '0') {
    int base = 0;
    if (s[1] == 'x' || s[1] == 'X') base = 16;
    if (s[1] == 'o' || s[1] == 'O') base = 8;
    if (s[1] == 'b' || s[1] == 'B') base = 2;
    if (base != 0) {
      double out = 0;
      for (char c : s.substr(2)) {
        int d = -1;
        if (is_digit(c)) d = c - '0';
        if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
        if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
        if (d < 0 || d >= base) return kNaN;
        out = out * base + d;
      }
      return out;
    }
  }
  auto p = signed_prefix(s);
  if (!p || p->second != s.size()) return kNaN;
  return p->first;
}

// ToPrimitive for arrays and objects (their string); other values are primitives already.
Value primitive(const Value& v) { return v.is_array() || v.is_object() ? Value(to_string(v)) : v; }

}  // namespace

const Value* Value::find(std::string_view key) const {
  if (!is_object()) return nullptr;
  const auto& o = as_object();
  auto it = o.find(key);
  return it == o.end() ? nullptr : &it->second;
}

bool truthy(const Value& v) {
  switch (v.type()) {
    case Value::Type::Null:
      return false;
    case Value::Type::Bool:
      return v.as_bool();
    case Value::Type::Number:
      return v.as_number() != 0 && !std::isnan(v.as_number());
    case Value::Type::String:
      return !v.as_string().empty();
    case Value::Type::Array:
      return !v.as_array().empty();
    case Value::Type::Object:
      return true;
  }
  return false;
}

double to_number(const Value& v) {
  switch (v.type()) {
    case Value::Type::Null:
      return 0;
    case Value::Type::Bool:
      return v.as_bool() ? 1 : 0;
    case Value::Type::Number:
      return v.as_number();
    case Value::Type::String:
      return string_to_number(v.as_string());
    case Value::Type::Array:
      return string_to_number(to_string(v));
    case Value::Type::Object:
      return kNaN;
  }
  return kNaN;
}

double parse_float(const Value& v) {
  const std::string text = v.is_string() ? v.as_string() : to_string(v);
  std::string_view s = text;
  std::size_t n = 0;
  while (n < s.size()) {
    const auto k = space_at(s, n);
    if (k == 0) break;
    n += k;
  }
  auto p = signed_prefix(s.substr(n));
  return p ? p->first : kNaN;
}

std::string number_to_string(double n) {
  if (std::isnan(n)) return "NaN";
  if (std::isinf(n)) return n < 0 ? "-Infinity" : "Infinity";
  if (n == 0) return "0";  // +0 and -0
  // The shortest digits that read back as n, then ECMAScript's Number::toString layout.
  std::array<char, 64> buf{};
  auto res = std::to_chars(buf.data(), buf.data() + buf.size(), n, std::chars_format::scientific);
  std::string_view sci(buf.data(), static_cast<std::size_t>(res.ptr - buf.data()));
  std::string out;
  if (sci.front() == '-') {
    out = "-";
    sci.remove_prefix(1);
  }
  const auto e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e))
    if (c != '.') digits += c;
  const int exp = std::atoi(std::string(sci.substr(e + 1)).c_str());
  const int k = static_cast<int>(digits.size());
  const int pos = exp + 1;  // ECMAScript's n: the decimal point's place after the digits' start
  if (k <= pos && pos <= 21) {
    out += digits + std::string(static_cast<std::size_t>(pos - k), '0');
  } else if (0 < pos && pos <= 21) {
    out += digits.substr(0, static_cast<std::size_t>(pos)) + "." +
           digits.substr(static_cast<std::size_t>(pos));
  } else if (-6 < pos && pos <= 0) {
    out += "0." + std::string(static_cast<std::size_t>(-pos), '0') + digits;
  } else {
    out += digits.substr(0, 1);
    if (k > 1) out += "." + digits.substr(1);
    out += exp >= 0 ? "e+" : "e-";
    out += std::to_string(exp >= 0 ? exp : -exp);
  }
  return out;
}

std::string to_string(const Value& v) {
  switch (v.type()) {
    case Value::Type::Null:
      return "null";
    case Value::Type::Bool:
      return v.as_bool() ? "true" : "false";
    case Value::Type::Number:
      return number_to_string(v.as_number());
    case Value::Type::String:
      return v.as_string();
    case Value::Type::Array: {
      std::string out;
      bool first = true;
      for (const auto& e : v.as_array()) {
        if (!first) out += ',';
        first = false;
        if (!e.is_null()) out += to_string(e);
      }
      return out;
    }
    case Value::Type::Object:
      return "[object Object]";
  }
  return {};
}

bool strict_equal(const Value& a, const Value& b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case Value::Type::Null:
      return true;
    case Value::Type::Bool:
      return a.as_bool() == b.as_bool();
    case Value::Type::Number:
      return a.as_number() == b.as_number();
    case Value::Type::String:
      return a.as_string() == b.as_string();
    case Value::Type::Array: {
      const auto& x = a.as_array();
      const auto& y = b.as_array();
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i)
        if (!strict_equal(x[i], y[i])) return false;
      return true;
    }
    case Value::Type::Object: {
      const auto& x = a.as_object();
      const auto& y = b.as_object();
      if (x.size() != y.size()) return false;
      for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j)
        if (i->first != j->first || !strict_equal(i->second, j->second)) return false;
      return true;
    }
  }
  return false;
}

bool loose_equal(const Value& a, const Value& b) {
  if (a.type() == b.type()) return strict_equal(a, b);
  if (a.is_null() || b.is_null()) return false;  // null == undefined only
  const bool a_obj = a.is_array() || a.is_object();
  const bool b_obj = b.is_array() || b.is_object();
  if (a_obj && b_obj) return false;  // different kinds of object
  if (a.is_bool()) return loose_equal(Value(to_number(a)), b);
  if (b.is_bool()) return loose_equal(a, Value(to_number(b)));
  if (a_obj) return loose_equal(primitive(a), b);
  if (b_obj) return loose_equal(a, primitive(b));
  // One number, one string.
  return to_number(a) == to_number(b);
}

namespace {

// JavaScript's abstract relational comparison: nullopt for "undefined" (a NaN).
std::optional<bool> compare_less(const Value& x, const Value& y, bool or_equal) {
  const Value a = primitive(x);
  const Value b = primitive(y);
  if (a.is_string() && b.is_string())
    return or_equal ? a.as_string() <= b.as_string() : a.as_string() < b.as_string();
  const double m = to_number(a);
  const double n = to_number(b);
  if (std::isnan(m) || std::isnan(n)) return std::nullopt;
  return or_equal ? m <= n : m < n;
}

}  // namespace

bool less_than(const Value& a, const Value& b) { return compare_less(a, b, false).value_or(false); }
bool less_equal(const Value& a, const Value& b) { return compare_less(a, b, true).value_or(false); }

}  // namespace tongban::rules
