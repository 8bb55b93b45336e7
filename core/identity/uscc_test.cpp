#include "core/identity/uscc.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace tongban::identity {
namespace {

const std::string kSymbols = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// Independent of the implementation's weight table: w_i = 3^(i-1) mod 31.
char reference_check(const std::string& first17) {
  int sum = 0;
  int w = 1;
  for (std::size_t i = 0; i < 17; ++i) {
    sum += static_cast<int>(kSymbols.find(first17[i])) * w;
    w = (w * 3) % 31;
  }
  return kSymbols[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

// GB 11714 check character of an 8-character organisation-code body (A–Z = 10–35).
char reference_org_check(const std::string& body8) {
  const int weights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    const char c = body8[i];
    sum += (c <= '9' ? c - '0' : c - 'A' + 10) * weights[i];
  }
  const int r = 11 - sum % 11;
  return r == 10 ? 'X' : r == 11 ? '0' : static_cast<char>('0' + r);
}

std::string with_check(const std::string& first17) { return first17 + reference_check(first17); }

std::string rule_of(const Result<Uscc>& r) {
  EXPECT_FALSE(r.ok());
  if (r.ok()) return "<ok>";
  EXPECT_EQ(r.error().code, ErrorCode::InvalidUscc);
  return r.error().detail;
}

const std::vector<std::string> kExamples = {"91350100M000100Y43", "91512081MA62K0260E",
                                            "913502000728319549", "123502001549897397",
                                            "11100000000013338W"};

TEST(Uscc, ReferenceExamplesAreValid) {
  for (const auto& code : kExamples) {
    auto r = parse_uscc(code);
    ASSERT_TRUE(r.ok()) << code;
    EXPECT_EQ(r->code, code);
    EXPECT_TRUE(r->warnings.empty());
    EXPECT_EQ(uscc_check_char(code.substr(0, 17)), code[17]);
    // The examples also carry a valid inner organisation code.
    EXPECT_TRUE(parse_uscc(code, UsccMode::Strict, OrgCodeCheck::Verify).ok()) << code;
  }
}

TEST(Uscc, SplitsTheFields) {
  auto r = parse_uscc("91350100M000100Y43");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->registering_authority, '9');
  EXPECT_EQ(r->kind, '1');
  EXPECT_EQ(r->region_code, "350100");
  EXPECT_EQ(r->org_code, "M000100Y4");
  auto g = parse_uscc("11100000000013338W");
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->registering_authority, '1');
  EXPECT_EQ(g->region_code, "100000");
}

TEST(Uscc, LowerCaseIsStoredUpperCase) {
  auto r = parse_uscc("91512081ma62k0260e");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->code, "91512081MA62K0260E");
}

TEST(Uscc, LengthRule) {
  EXPECT_EQ(rule_of(parse_uscc("")), "length");
  EXPECT_EQ(rule_of(parse_uscc("91350100M000100Y4")), "length");
  EXPECT_EQ(rule_of(parse_uscc("91350100M000100Y430")), "length");
  EXPECT_EQ(rule_of(parse_uscc("91350100M000100Y43 ")), "length");
  EXPECT_EQ(rule_of(parse_uscc("91350100M000100Y4", UsccMode::Warn)), "length");
}

TEST(Uscc, CharactersRule) {
  // I, O, Z, S and V are outside the alphabet, whatever the check character says.
  for (char bad : {'I', 'O', 'Z', 'S', 'V', 'i', 'o', '-', ' ', '*'}) {
    std::string code = "91350100M000100Y43";
    code[8] = bad;
    EXPECT_EQ(rule_of(parse_uscc(code)), "characters") << code;
    EXPECT_EQ(rule_of(parse_uscc(code, UsccMode::Warn)), "characters") << code;
  }
  // Positions 3..8 are a GB/T 2260 region code: digits only.
  EXPECT_EQ(rule_of(parse_uscc(with_check("9135A100M000100Y4"))), "characters");
}

TEST(Uscc, CheckDigitRuleAndWarnMode) {
  const std::string bad = "91350100M000100Y44";
  EXPECT_EQ(rule_of(parse_uscc(bad)), "check_digit");
  auto warned = parse_uscc(bad, UsccMode::Warn);
  ASSERT_TRUE(warned.ok());
  EXPECT_EQ(warned->code, bad);
  EXPECT_EQ(warned->warnings, std::vector<std::string>{"check_digit"});
  EXPECT_EQ(warned->org_code, "M000100Y4");
}

TEST(Uscc, OrgCodeCheckIsOptIn) {
  // Valid outer check character, wrong inner GB 11714 character (position 17).
  std::string body = "913502000728319549";
  const char good_inner = reference_org_check(body.substr(8, 8));
  ASSERT_EQ(good_inner, body[16]);
  body[16] = good_inner == '1' ? '2' : '1';
  const std::string code = with_check(body.substr(0, 17));

  EXPECT_TRUE(parse_uscc(code).ok());
  EXPECT_EQ(rule_of(parse_uscc(code, UsccMode::Strict, OrgCodeCheck::Verify)), "org_code_check");
  auto warned = parse_uscc(code, UsccMode::Warn, OrgCodeCheck::Verify);
  ASSERT_TRUE(warned.ok());
  EXPECT_EQ(warned->warnings, std::vector<std::string>{"org_code_check"});
}

TEST(Uscc, WarnModeReportsBothChecks) {
  std::string body = "91350100M000100Y4";
  body[16] = body[16] == '1' ? '2' : '1';  // break the inner check
  std::string code = with_check(body);
  code[17] = code[17] == '0' ? '1' : '0';  // and the outer one
  auto r = parse_uscc(code, UsccMode::Warn, OrgCodeCheck::Verify);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->warnings, (std::vector<std::string>{"check_digit", "org_code_check"}));
  EXPECT_EQ(rule_of(parse_uscc(code, UsccMode::Strict, OrgCodeCheck::Verify)), "check_digit");
}

// 60 generated codes from a fixed linear congruential sequence (deterministic).
std::vector<std::string> generated_codes() {
  const std::string authorities = "159Y";
  const std::vector<std::string> regions = {"450102", "450100", "451481", "350100",
                                            "110000", "100000", "440305", "650102"};
  std::vector<std::string> out;
  std::uint32_t x = 32100;
  auto next = [&x](std::size_t mod) {
    x = x * 1103515245u + 12345u;
    return static_cast<std::size_t>((x >> 8) % mod);
  };
  for (int n = 0; n < 60; ++n) {
    std::string first17;
    first17 += authorities[next(authorities.size())];
    first17 += "123"[next(3)];
    first17 += regions[next(regions.size())];
    for (int k = 0; k < 9; ++k) first17 += kSymbols[next(kSymbols.size())];
    out.push_back(with_check(first17));
  }
  return out;
}

TEST(Uscc, GeneratedTableIsValid) {
  const auto codes = generated_codes();
  ASSERT_GE(codes.size(), 50u);
  for (const auto& code : codes) {
    auto r = parse_uscc(code);
    ASSERT_TRUE(r.ok()) << code << " " << r.error().detail;
    EXPECT_EQ(r->code, code);
  }
}

TEST(Uscc, EverySingleCharacterSubstitutionIsRejected) {
  std::vector<std::string> valid = generated_codes();
  valid.insert(valid.end(), kExamples.begin(), kExamples.end());
  int tried = 0;
  for (const auto& code : valid) {
    for (std::size_t pos = 0; pos < code.size(); ++pos) {
      for (char c : kSymbols) {
        if (c == code[pos]) continue;
        std::string mutated = code;
        mutated[pos] = c;
        EXPECT_FALSE(parse_uscc(mutated).ok()) << mutated;
        ++tried;
      }
    }
  }
  EXPECT_GT(tried, 30000);
}

}  // namespace
}  // namespace tongban::identity
