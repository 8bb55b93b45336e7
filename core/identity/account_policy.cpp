#include "core/identity/account_policy.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace tongban::identity {
namespace {

Status invalid(std::string_view field, const char* detail) {
  return Error{ErrorCode::ValidationFailed, detail, std::string(field)};
}

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return is_lower(c) || (c >= 'A' && c <= 'Z'); }

// Decodes one UTF-8 scalar value at s[i], advancing i. Rejects overlong forms, surrogates and
// values above U+10FFFF.
std::optional<std::uint32_t> decode(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t len = 0;
  std::uint32_t cp = 0;
  std::uint32_t min = 0;
  if (b0 < 0x80) {
    ++i;
    return b0;
  } else if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return std::nullopt;
  }
  if (i + len > s.size()) return std::nullopt;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  i += len;
  return cp;
}

bool is_space(std::uint32_t cp) { return cp == ' ' || cp == 0x3000 || cp == 0xA0; }

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Lower-cased. Passwords that pass the class rule yet top the published breach lists (and
// their Chinese-site variants); a short list on purpose: it stops the guesses an attacker
// tries first without a dictionary file to ship and keep.
constexpr std::array<std::string_view, 40> kCommonPasswords{
    "password1", "password12", "password123", "password1!", "p@ssw0rd",    "p@ssword1",
    "passw0rd",  "passw0rd!",  "admin123",    "admin@123",  "admin1234",   "admin@1234",
    "aa123456",  "aa123456!",  "aa123456789", "abc123456",  "abc@123",     "abc@1234",
    "abcd1234",  "abcd@1234",  "qwer1234",    "qwer@1234",  "qwe123!@#",   "qwerty123",
    "qwerty1!",  "1qaz@wsx",   "1qaz!qaz",    "1q2w3e4r!",  "zxcv1234",    "asdf1234",
    "welcome1",  "welcome@1",  "welcome123",  "woaini1314", "woaini@1314", "huawei@123",
    "root@123",  "test@123",   "test1234!",   "changeme1!"};

}  // namespace

Status check_username(std::string_view u) {
  if (u.size() < kUsernameMin) return invalid("username", "too_short");
  if (u.size() > kUsernameMax) return invalid("username", "too_long");
  for (char c : u) {
    if (!(is_lower(c) || is_digit(c) || c == '_' || c == '.' || c == '-')) {
      return invalid("username", "invalid_characters");
    }
  }
  if (!is_lower(u.front())) return invalid("username", "must_start_with_letter");
  return ok_status();
}

Status check_password(std::string_view p, std::string_view username) {
  if (p.size() < kPasswordMin) return invalid("password", "too_short");
  if (p.size() > kPasswordMax) return invalid("password", "too_long");
  bool lower = false;
  bool upper = false;
  bool digit = false;
  bool other = false;
  for (char c : p) {
    lower = lower || is_lower(c);
    upper = upper || (is_letter(c) && !is_lower(c));
    digit = digit || is_digit(c);
    other = other || !(is_letter(c) || is_digit(c));
  }
  if (int{lower} + int{upper} + int{digit} + int{other} < 3)
    return invalid("password", "needs_three_classes");
  const auto folded = ascii_lower(p);
  if (username.size() >= kUsernameMin && folded.find(ascii_lower(username)) != std::string::npos)
    return invalid("password", "contains_username");
  if (std::find(kCommonPasswords.begin(), kCommonPasswords.end(), folded) != kCommonPasswords.end())
    return invalid("password", "too_common");
  return ok_status();
}

Status check_name_text(std::string_view field, std::string_view name, std::size_t max) {
  std::size_t count = 0;
  bool only_space = true;
  bool control = false;
  for (std::size_t i = 0; i < name.size();) {
    const auto cp = decode(name, i);
    if (!cp) return invalid(field, "invalid_utf8");
    ++count;
    only_space = only_space && is_space(*cp);
    control = control || *cp < 0x20 || (*cp >= 0x7F && *cp <= 0x9F);
  }
  if (count == 0 || only_space) return invalid(field, "empty");
  if (count > max) return invalid(field, "too_long");
  if (control) return invalid(field, "control_character");
  return ok_status();
}

Status check_display_name(std::string_view name) {
  return check_name_text("display_name", name, kDisplayNameMax);
}

}  // namespace tongban::identity
