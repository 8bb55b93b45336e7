// 统一社会信用代码 (GB 32100-2015), with the optional inner organisation-code check (GB 11714).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"

namespace tongban::identity {

// Stable Error::detail values for ErrorCode::InvalidUscc (also the warning strings).
inline constexpr std::string_view kUsccRuleLength = "length";                // not 18 characters
inline constexpr std::string_view kUsccRuleCharacters = "characters";        // outside the alphabet
inline constexpr std::string_view kUsccRuleCheckDigit = "check_digit";       // 18th char mismatch
inline constexpr std::string_view kUsccRuleOrgCodeCheck = "org_code_check";  // GB 11714, opt-in

// The 31 symbols, value = index. No I, O, Z, S, V.
inline constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

enum class UsccMode {
  Strict,  // any failed check is an error
  Warn,    // a failed check character (or org-code check) is reported in Uscc::warnings instead:
           // "warn, don't reject" for codes imported from legacy registries
};

// Whether to verify the 9th character of the organisation code (positions 9..17). Off by
// default: many real codes (e.g. the "MA..." series) were issued without a valid inner check.
enum class OrgCodeCheck { Skip, Verify };

struct Uscc {
  std::string code;                // 18 characters, upper-case
  char registering_authority = 0;  // position 1: 1 机构编制, 5 民政, 9 工商, Y 其他 ...
  char kind = 0;                   // position 2: meaning depends on the authority (9+1 = 企业)
  std::string region_code;         // positions 3..8, 6 digits
  std::string org_code;            // positions 9..17 (GB 11714 organisation code)
  // Only in UsccMode::Warn: the rules that failed but were tolerated (kUsccRule* strings).
  std::vector<std::string> warnings;

  bool operator==(const Uscc&) const = default;
};

// Parses a code. Lower-case letters are accepted and stored upper-case; no trimming.
// Structure rules ("length", "characters": alphabet, and digits in positions 3..8) fail in every
// mode. Failure: ErrorCode::InvalidUscc with detail one of the kUsccRule* strings.
[[nodiscard]] Result<Uscc> parse_uscc(std::string_view text, UsccMode mode = UsccMode::Strict,
                                      OrgCodeCheck org_check = OrgCodeCheck::Skip);

// The check character for the first 17 characters.
// REQUIRES: first17 has 17 characters from kUsccAlphabet (upper-case).
[[nodiscard]] char uscc_check_char(std::string_view first17);

}  // namespace tongban::identity
