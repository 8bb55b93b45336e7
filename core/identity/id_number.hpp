// 居民身份证号码 (GB 11643-1999) and legacy 15-digit numbers. Pure functions: no clock reads;
// the caller passes the date a birth date must not exceed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/common/result.hpp"
#include "core/common/time.hpp"

namespace tongban::identity {

// Stable Error::detail values for ErrorCode::InvalidIdNumber, in the order they are checked.
// The first rule that fails is reported.
inline constexpr std::string_view kIdRuleLength = "length";          // not 18 (or 15) characters
inline constexpr std::string_view kIdRuleCharacters = "characters";  // non-digit; X only last
inline constexpr std::string_view kIdRuleRegion = "region";  // not a province prefix, see below
inline constexpr std::string_view kIdRuleBirthDate = "birth_date";  // impossible, <1800 or too late
inline constexpr std::string_view kIdRuleCheckDigit = "check_digit";  // ISO 7064 MOD 11-2 mismatch

enum class Sex { Male, Female };

struct IdNumber {
  // Canonical 18-character form, check character upper-case. For a legacy number this is the
  // upgraded form (century "19" inserted, check character computed), so one person has one key.
  std::string number;
  // The 15-digit number as given when parsed by parse_legacy_id_number; empty otherwise.
  std::string legacy_number;
  std::string region_code;  // 6 digits (GB/T 2260 at the time of issue; may no longer exist)
  Date birth_date;
  Sex sex = Sex::Male;  // 17th digit (15th of a legacy number): odd = male, even = female

  bool operator==(const IdNumber&) const = default;
};

// Parses an 18-character number. Accepts a lower-case 'x' check character and stores 'X'.
// No trimming: surrounding spaces fail the "length" rule. The birth date must lie in
// [1800-01-01, not_after]; without not_after the upper bound is 2100-12-31. Pass today's date
// (from the Clock port) to reject future birth dates.
// Failure: ErrorCode::InvalidIdNumber, detail one of the kIdRule* strings.
[[nodiscard]] Result<IdNumber> parse_id_number(std::string_view text,
                                               std::optional<Date> not_after = std::nullopt);

// Parses a legacy 15-digit number (6 region + YYMMDD, century 19 + 3 sequence, no check
// character). Only for fields that explicitly allow legacy numbers. Same rules and details as
// parse_id_number, without "check_digit".
[[nodiscard]] Result<IdNumber> parse_legacy_id_number(std::string_view text,
                                                      std::optional<Date> not_after = std::nullopt);

// The check character ('0'..'9' or 'X') for the first 17 characters.
// REQUIRES: first17 is 17 ASCII digits. Exposed for generating demo data.
[[nodiscard]] char id_number_check_char(std::string_view first17);

// True when the two digits name a province-level division of GB/T 2260 (11–15, 21–23, 31–37,
// 41–46, 50–54, 61–65, 71, 81, 82) or 83, which residence permits of Taiwan residents use
// (港澳台居民居住证 numbers start 810000 / 820000 / 830000). REQUIRES: two characters.
[[nodiscard]] bool is_province_prefix(std::string_view two_digits);

}  // namespace tongban::identity
