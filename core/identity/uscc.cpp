#include "core/identity/uscc.hpp"

#include <array>

namespace tongban::identity {
namespace {

constexpr std::array<int, 17> kWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8,  24, 10, 30, 28};
// GB 11714: weights for the 8 body characters of the organisation code.
constexpr std::array<int, 8> kOrgWeights = {3, 7, 9, 10, 5, 8, 4, 2};

char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

// Value in the 31-symbol alphabet, or -1.
int value_of(char c) {
  const auto pos = kUsccAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// GB 11714 character value: digits 0–9, letters A–Z = 10–35.
int org_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}

bool org_code_valid(std::string_view org) {
  int sum = 0;
  for (std::size_t i = 0; i < kOrgWeights.size(); ++i) sum += org_value(org[i]) * kOrgWeights[i];
  const int r = 11 - sum % 11;
  const char expected = r == 10 ? 'X' : r == 11 ? '0' : static_cast<char>('0' + r);
  return org[8] == expected;
}

}  // namespace

char uscc_check_char(std::string_view first17) {
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size() && i < first17.size(); ++i) {
    sum += value_of(first17[i]) * kWeights[i];
  }
  return kUsccAlphabet[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

Result<Uscc> parse_uscc(std::string_view text, UsccMode mode, OrgCodeCheck org_check) {
  if (text.size() != 18) return Error{ErrorCode::InvalidUscc, std::string(kUsccRuleLength)};
  std::string code(18, '0');
  for (std::size_t i = 0; i < 18; ++i) {
    code[i] = upper(text[i]);
    const bool region_pos = i >= 2 && i < 8;
    const bool ok = region_pos ? (code[i] >= '0' && code[i] <= '9') : value_of(code[i]) >= 0;
    if (!ok) return Error{ErrorCode::InvalidUscc, std::string(kUsccRuleCharacters)};
  }

  Uscc u;
  if (uscc_check_char(std::string_view(code).substr(0, 17)) != code[17]) {
    if (mode == UsccMode::Strict) {
      return Error{ErrorCode::InvalidUscc, std::string(kUsccRuleCheckDigit)};
    }
    u.warnings.emplace_back(kUsccRuleCheckDigit);
  }
  if (org_check == OrgCodeCheck::Verify && !org_code_valid(std::string_view(code).substr(8, 9))) {
    if (mode == UsccMode::Strict) {
      return Error{ErrorCode::InvalidUscc, std::string(kUsccRuleOrgCodeCheck)};
    }
    u.warnings.emplace_back(kUsccRuleOrgCodeCheck);
  }
  u.registering_authority = code[0];
  u.kind = code[1];
  u.region_code = code.substr(2, 6);
  u.org_code = code.substr(8, 9);
  u.code = std::move(code);
  return u;
}

}  // namespace tongban::identity
