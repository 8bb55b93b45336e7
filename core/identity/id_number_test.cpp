#include "core/identity/id_number.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace tongban::identity {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

Date ymd(int y, unsigned m, unsigned d) { return Date{year{y} / month{m} / day{d}}; }

// Independent of the implementation's weight table (ISO 7064 MOD 11-2): the character at
// 1-based position i (i = 1..18, check character last) has weight 2^(18-i) mod 11, and the
// weighted sum of all 18 values is ≡ 1 (mod 11); a check value of 10 is written X.
char reference_check(const std::string& first17) {
  int sum = 0;
  for (int i = 1; i <= 17; ++i) {
    int w = 1;
    for (int k = 0; k < 18 - i; ++k) w = (w * 2) % 11;
    sum += (first17[static_cast<std::size_t>(i - 1)] - '0') * w;
  }
  const int c = (12 - sum % 11) % 11;
  return c == 10 ? 'X' : static_cast<char>('0' + c);
}

std::string with_check(const std::string& first17) { return first17 + reference_check(first17); }

std::string rule_of(const Result<IdNumber>& r) {
  EXPECT_FALSE(r.ok());
  if (r.ok()) return "<ok>";
  EXPECT_EQ(r.error().code, ErrorCode::InvalidIdNumber);
  return r.error().detail;
}

TEST(IdNumber, ReferenceExamplesAreValid) {
  auto a = parse_id_number("11010519491231002X");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->number, "11010519491231002X");
  EXPECT_EQ(a->region_code, "110105");
  EXPECT_EQ(a->birth_date, ymd(1949, 12, 31));
  EXPECT_EQ(a->sex, Sex::Female);  // 17th digit 2
  EXPECT_TRUE(a->legacy_number.empty());

  auto b = parse_id_number("34052419800101001X");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->region_code, "340524");
  EXPECT_EQ(b->birth_date, ymd(1980, 1, 1));
  EXPECT_EQ(b->sex, Sex::Male);  // 17th digit 1
}

TEST(IdNumber, LowerCaseXIsAcceptedAndStoredUpperCase) {
  auto r = parse_id_number("11010519491231002x");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->number, "11010519491231002X");
}

TEST(IdNumber, LengthRule) {
  EXPECT_EQ(rule_of(parse_id_number("")), "length");
  EXPECT_EQ(rule_of(parse_id_number("11010519491231002")), "length");
  EXPECT_EQ(rule_of(parse_id_number("11010519491231002X0")), "length");
  EXPECT_EQ(rule_of(parse_id_number(" 11010519491231002X")), "length");
  EXPECT_EQ(rule_of(parse_id_number("110105491231002")), "length");  // legacy needs its own call
}

TEST(IdNumber, CharactersRule) {
  EXPECT_EQ(rule_of(parse_id_number("1101051949123100XX")), "characters");
  EXPECT_EQ(rule_of(parse_id_number("11010519491231002Y")), "characters");
  EXPECT_EQ(rule_of(parse_id_number("1101051949123100-2")), "characters");
  EXPECT_EQ(rule_of(parse_id_number("A1010519491231002X")), "characters");
  EXPECT_EQ(rule_of(parse_id_number("11010519491231002\xEF")), "characters");
}

TEST(IdNumber, RegionRuleRejectsImplausibleProvinces) {
  for (const char* prefix : {"00", "10", "16", "20", "24", "30", "38", "40", "47", "55", "60", "66",
                             "70", "72", "80", "84", "99"}) {
    const std::string id = with_check(std::string(prefix) + "010519491231002");
    EXPECT_EQ(rule_of(parse_id_number(id)), "region") << id;
  }
  for (const char* prefix : {"11", "15", "21", "23", "31", "37", "41", "46", "50", "54", "61", "65",
                             "71", "81", "82", "83"}) {
    const std::string id = with_check(std::string(prefix) + "010519491231002");
    EXPECT_TRUE(parse_id_number(id).ok()) << id;
  }
}

TEST(IdNumber, BirthDateRule) {
  // Impossible dates, each with a correct check character so only the date can fail.
  for (const char* date :
       {"19490230", "19491301", "19490000", "19490100", "19000229", "17991231", "21010101"}) {
    const std::string id = with_check(std::string("110105") + date + "002");
    EXPECT_EQ(rule_of(parse_id_number(id)), "birth_date") << id;
  }
  EXPECT_TRUE(parse_id_number(with_check("11010520000229002")).ok());  // leap day
  EXPECT_TRUE(parse_id_number(with_check("11010518000101002")).ok());
  EXPECT_TRUE(parse_id_number(with_check("11010521001231002")).ok());
}

TEST(IdNumber, BirthDateNotAfterTheGivenDate) {
  const std::string id = with_check("11010520260315002");
  EXPECT_TRUE(parse_id_number(id, ymd(2026, 3, 15)).ok());
  EXPECT_EQ(rule_of(parse_id_number(id, ymd(2026, 3, 14))), "birth_date");
  EXPECT_TRUE(parse_id_number(id).ok());
}

TEST(IdNumber, CheckDigitRule) {
  EXPECT_EQ(rule_of(parse_id_number("110105194912310020")), "check_digit");
  EXPECT_EQ(rule_of(parse_id_number("340524198001010011")), "check_digit");
}

TEST(IdNumber, SexFollowsTheSeventeenthDigit) {
  for (char d = '0'; d <= '9'; ++d) {
    auto r = parse_id_number(with_check(std::string("4501021990061501") + d));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->sex, (d - '0') % 2 == 1 ? Sex::Male : Sex::Female) << d;
  }
}

// 60 generated numbers from a fixed linear congruential sequence (deterministic).
std::vector<std::string> generated_numbers() {
  const std::vector<std::string> regions = {"110105", "450102", "451481", "340524", "310104",
                                            "440305", "650102", "820000", "530102", "230103"};
  std::vector<std::string> out;
  std::uint32_t x = 20240601;
  auto next = [&x](std::uint32_t mod) {
    x = x * 1664525u + 1013904223u;
    return (x >> 8) % mod;
  };
  for (int n = 0; n < 60; ++n) {
    // Draw in a fixed order (argument evaluation order is unspecified).
    const auto& region = regions[next(static_cast<std::uint32_t>(regions.size()))];
    const unsigned y = 1920 + next(100);
    const unsigned m = 1 + next(12);
    const unsigned d = 1 + next(28);
    const unsigned seq = next(1000);
    char body[18];
    std::snprintf(body, sizeof body, "%s%04u%02u%02u%03u", region.c_str(), y, m, d, seq);
    out.push_back(with_check(body));
  }
  return out;
}

TEST(IdNumber, GeneratedTableIsValid) {
  const auto numbers = generated_numbers();
  ASSERT_GE(numbers.size(), 50u);
  int with_x = 0;
  for (const auto& id : numbers) {
    auto r = parse_id_number(id);
    ASSERT_TRUE(r.ok()) << id << " " << r.error().detail;
    EXPECT_EQ(r->number, id);
    EXPECT_EQ(id_number_check_char(id.substr(0, 17)), id[17]);
    with_x += id[17] == 'X';
  }
  EXPECT_GT(with_x, 0);  // the table exercises the X check character too
}

TEST(IdNumber, EverySingleCharacterSubstitutionIsRejected) {
  std::vector<std::string> valid = generated_numbers();
  valid.push_back("11010519491231002X");
  valid.push_back("34052419800101001X");
  const std::string symbols = "0123456789Xx";
  int tried = 0;
  for (const auto& id : valid) {
    for (std::size_t pos = 0; pos < id.size(); ++pos) {
      for (char c : symbols) {
        if (c == id[pos] || (pos == 17 && (c == 'x' || c == 'X') && id[pos] == 'X')) continue;
        std::string mutated = id;
        mutated[pos] = c;
        EXPECT_FALSE(parse_id_number(mutated).ok()) << mutated;
        ++tried;
      }
    }
  }
  EXPECT_GT(tried, 10000);
}

TEST(LegacyIdNumber, UpgradesToTheEighteenCharacterForm) {
  auto r = parse_legacy_id_number("110105491231002");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->number, "11010519491231002X");
  EXPECT_EQ(r->legacy_number, "110105491231002");
  EXPECT_EQ(r->region_code, "110105");
  EXPECT_EQ(r->birth_date, ymd(1949, 12, 31));
  EXPECT_EQ(r->sex, Sex::Female);
  EXPECT_EQ(parse_legacy_id_number("340524800101001")->sex, Sex::Male);
}

TEST(LegacyIdNumber, Rules) {
  auto rule = [](std::string_view s) { return rule_of(parse_legacy_id_number(s)); };
  EXPECT_EQ(rule("11010519491231002X"), "length");
  EXPECT_EQ(rule("11010549123100"), "length");
  EXPECT_EQ(rule("11010549123100X"), "characters");
  EXPECT_EQ(rule("000105491231002"), "region");
  EXPECT_EQ(rule("110105490231002"), "birth_date");
  EXPECT_EQ(rule("110105491331002"), "birth_date");
  EXPECT_EQ(rule_of(parse_legacy_id_number("110105491231002", ymd(1949, 12, 30))), "birth_date");
}

}  // namespace
}  // namespace tongban::identity
