#include "core/identity/id_number.hpp"

#include <array>
#include <chrono>

namespace tongban::identity {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCheckChars = "10X98765432";

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool all_digits(std::string_view s) {
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}
int num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

Error fail(std::string_view rule) { return Error{ErrorCode::InvalidIdNumber, std::string(rule)}; }

// The birth date if it exists and lies in [1800-01-01, not_after or 2100-12-31].
// REQUIRES: mmdd is 4 ASCII digits.
std::optional<Date> birth_date(int y, std::string_view mmdd, std::optional<Date> not_after) {
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(num(mmdd.substr(0, 2)))},
                           day{static_cast<unsigned>(num(mmdd.substr(2, 2)))}};
  if (!ymd.ok()) return std::nullopt;
  const Date d{ymd};
  const Date lower{year{1800} / 1 / 1};
  const Date upper = not_after.value_or(Date{year{2100} / 12 / 31});
  if (d < lower || d > upper) return std::nullopt;
  return d;
}

Sex sex_of(char sequence_last_digit) {
  return (sequence_last_digit - '0') % 2 == 1 ? Sex::Male : Sex::Female;
}

}  // namespace

bool is_province_prefix(std::string_view two) {
  if (two.size() != 2 || !all_digits(two)) return false;
  const int p = num(two);
  return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) || (p >= 31 && p <= 37) ||
         (p >= 41 && p <= 46) || (p >= 50 && p <= 54) || (p >= 61 && p <= 65) || p == 71 ||
         (p >= 81 && p <= 83);
}

char id_number_check_char(std::string_view first17) {
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size() && i < first17.size(); ++i) {
    sum += (first17[i] - '0') * kWeights[i];
  }
  return kCheckChars[static_cast<std::size_t>(sum % 11)];
}

Result<IdNumber> parse_id_number(std::string_view text, std::optional<Date> not_after) {
  if (text.size() != 18) return fail(kIdRuleLength);
  const char last = text[17];
  if (!all_digits(text.substr(0, 17)) || !(is_digit(last) || last == 'X' || last == 'x')) {
    return fail(kIdRuleCharacters);
  }
  if (!is_province_prefix(text.substr(0, 2))) return fail(kIdRuleRegion);
  const auto born = birth_date(num(text.substr(6, 4)), text.substr(10, 4), not_after);
  if (!born) return fail(kIdRuleBirthDate);
  const char normalised_last = last == 'x' ? 'X' : last;
  if (id_number_check_char(text.substr(0, 17)) != normalised_last) return fail(kIdRuleCheckDigit);

  IdNumber id;
  id.number.assign(text.substr(0, 17));
  id.number.push_back(normalised_last);
  id.region_code.assign(text.substr(0, 6));
  id.birth_date = *born;
  id.sex = sex_of(text[16]);
  return id;
}

Result<IdNumber> parse_legacy_id_number(std::string_view text, std::optional<Date> not_after) {
  if (text.size() != 15) return fail(kIdRuleLength);
  if (!all_digits(text)) return fail(kIdRuleCharacters);
  if (!is_province_prefix(text.substr(0, 2))) return fail(kIdRuleRegion);
  const auto born = birth_date(1900 + num(text.substr(6, 2)), text.substr(8, 4), not_after);
  if (!born) return fail(kIdRuleBirthDate);

  IdNumber id;
  id.number.assign(text.substr(0, 6));
  id.number.append("19");
  id.number.append(text.substr(6));
  id.number.push_back(id_number_check_char(id.number));
  id.legacy_number.assign(text);
  id.region_code.assign(text.substr(0, 6));
  id.birth_date = *born;
  id.sex = sex_of(text[14]);
  return id;
}

}  // namespace tongban::identity
