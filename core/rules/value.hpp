// The values rules compute on: JSON's six kinds (null, boolean, number, string, array,
// object), immutable and cheap to copy (arrays, objects and strings are shared), with the
// JavaScript conversions JSONLogic is defined by (truthiness, ToNumber, ToString, loose and
// strict equality, relational comparison). Pure: core has no JSON library; the conversion
// from and to Boost.JSON lives in adapters/rules. Written down in docs/rules.md.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace tongban::rules {

class Value;
using Array = std::vector<Value>;
using Object = std::map<std::string, Value, std::less<>>;

class Value {
 public:
  enum class Type { Null, Bool, Number, String, Array, Object };

  Value() = default;          // null
  Value(std::nullptr_t) {}    // NOLINT(google-explicit-constructor)
  Value(bool b) : v_(b) {}    // NOLINT(google-explicit-constructor)
  Value(double n) : v_(n) {}  // NOLINT(google-explicit-constructor)
  template <class I>          // every integer type but bool: a number
  requires(std::is_integral_v<I> && !std::is_same_v<I, bool>) Value(I n)
      : v_(static_cast<double>(n)) {}                   // NOLINT(google-explicit-constructor)
  Value(const char* s) : Value(std::string(s)) {}       // NOLINT(google-explicit-constructor)
  Value(std::string_view s) : Value(std::string(s)) {}  // NOLINT(google-explicit-constructor)
  Value(std::string s)                                  // NOLINT(google-explicit-constructor)
      : v_(std::make_shared<const std::string>(std::move(s))) {}
  Value(Array a)  // NOLINT(google-explicit-constructor)
      : v_(std::make_shared<const Array>(std::move(a))) {}
  Value(Object o)  // NOLINT(google-explicit-constructor)
      : v_(std::make_shared<const Object>(std::move(o))) {}

  [[nodiscard]] Type type() const { return static_cast<Type>(v_.index()); }
  [[nodiscard]] bool is_null() const { return type() == Type::Null; }
  [[nodiscard]] bool is_bool() const { return type() == Type::Bool; }
  [[nodiscard]] bool is_number() const { return type() == Type::Number; }
  [[nodiscard]] bool is_string() const { return type() == Type::String; }
  [[nodiscard]] bool is_array() const { return type() == Type::Array; }
  [[nodiscard]] bool is_object() const { return type() == Type::Object; }

  // REQUIRES: the matching is_*().
  [[nodiscard]] bool as_bool() const { return std::get<bool>(v_); }
  [[nodiscard]] double as_number() const { return std::get<double>(v_); }
  [[nodiscard]] const std::string& as_string() const { return *std::get<3>(v_); }
  [[nodiscard]] const Array& as_array() const { return *std::get<4>(v_); }
  [[nodiscard]] const Object& as_object() const { return *std::get<5>(v_); }

  // A member of an object; nullptr when this is not an object or has no such key.
  [[nodiscard]] const Value* find(std::string_view key) const;

 private:
  std::variant<std::monostate, bool, double, std::shared_ptr<const std::string>,
               std::shared_ptr<const Array>, std::shared_ptr<const Object>>
      v_;
};

// ---- JavaScript's conversions, as JSONLogic (json-logic-js) applies them ----------------

// false, 0, NaN, "", null and the empty array are falsy; everything else is truthy (an empty
// object too). JSONLogic's one change to JavaScript: [] is falsy.
[[nodiscard]] bool truthy(const Value& v);

// ToNumber: null → 0, true → 1, false → 0, strings as numeric literals after trimming
// white space ("" → 0, "0x1A" → 26, "12px" → NaN), arrays through their string ("[5]" → 5,
// "[]" → 0), objects → NaN.
[[nodiscard]] double to_number(const Value& v);
// parseFloat(ToString(v)): the longest decimal prefix ("12px" → 12), NaN when there is none
// (null, booleans, "").
[[nodiscard]] double parse_float(const Value& v);

// ToString: numbers as JavaScript prints them (1, 1.5, 1e+21, 1e-7), arrays joined with ","
// (null elements empty), objects "[object Object]".
[[nodiscard]] std::string to_string(const Value& v);
[[nodiscard]] std::string number_to_string(double n);

// ===: the same kind and the same value (NaN equals nothing). Arrays and objects compare by
// content (JavaScript compares references, which a rule written as data cannot rely on).
[[nodiscard]] bool strict_equal(const Value& a, const Value& b);
// ==: JavaScript's abstract equality (1 == "1", 0 == false, null == null only, arrays
// against primitives through their string), arrays and objects among themselves as ===.
[[nodiscard]] bool loose_equal(const Value& a, const Value& b);
// a < b and a <= b as JavaScript: two strings (arrays and objects through their strings)
// compare by code point; anything else as numbers, false when either is NaN.
[[nodiscard]] bool less_than(const Value& a, const Value& b);
[[nodiscard]] bool less_equal(const Value& a, const Value& b);

}  // namespace tongban::rules
