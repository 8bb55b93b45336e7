// Username, password and display-name rules, as pure functions. Each failure is
// ErrorCode::ValidationFailed with Error::field naming the input and a stable Error::detail.
#pragma once

#include <string_view>

#include "core/common/result.hpp"

namespace tongban::identity {

// field "username": 3–32 characters from [a-z0-9_.-], the first a letter. Upper case is
// rejected, not folded: callers that want case-insensitive names lower-case first.
// details: "too_short", "too_long", "invalid_characters", "must_start_with_letter".
inline constexpr std::size_t kUsernameMin = 3;
inline constexpr std::size_t kUsernameMax = 32;
[[nodiscard]] Status check_username(std::string_view username);

// field "password", GB/T 22239 level 3 (口令复杂度): 8–128 bytes from at least three of four
// classes — lower-case letters, upper-case letters, digits, anything else (symbols, CJK,
// spaces); not containing the username (ignoring case); not one of the passwords that
// breach lists show people pick most often to pass such rules (kCommonPasswords, ignoring
// case). details: "too_short", "too_long", "needs_three_classes", "contains_username",
// "too_common".
inline constexpr std::size_t kPasswordMin = 8;
inline constexpr std::size_t kPasswordMax = 128;
[[nodiscard]] Status check_password(std::string_view password, std::string_view username = {});

// field "display_name": valid UTF-8, 1–64 code points, no control characters (U+0000–U+001F,
// U+007F–U+009F), not only white space. details: "invalid_utf8", "empty", "too_long",
// "control_character".
inline constexpr std::size_t kDisplayNameMax = 64;
[[nodiscard]] Status check_display_name(std::string_view display_name);

// The same rules for any name-like text in `field` with at most `max` code points (names of
// departments and service centres: 64).
[[nodiscard]] Status check_name_text(std::string_view field, std::string_view text,
                                     std::size_t max);

}  // namespace tongban::identity
