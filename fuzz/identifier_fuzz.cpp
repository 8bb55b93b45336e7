// libFuzzer target for the identity parsers: 身份证号码 (18 and 15 digits), 统一社会信用代码 in
// every mode, the region CSV, role names and account-input rules. Beyond "no crash", it checks
// the invariants callers rely on and traps when one breaks.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/identity/identity.hpp"

namespace {

using namespace tongban;
using namespace tongban::identity;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

void fuzz_id(std::string_view s) {
  if (auto r = parse_id_number(s); r.ok()) {
    require(r->number.size() == 18 && r->legacy_number.empty());
    auto again = parse_id_number(r->number);  // the canonical form parses to itself
    require(again.ok() && *again == *r);
  } else {
    require(r.error().code == ErrorCode::InvalidIdNumber);
  }
  if (auto r = parse_legacy_id_number(s); r.ok()) {
    require(r->legacy_number == s && r->number.size() == 18);
    require(parse_id_number(r->number).ok());
  } else {
    require(r.error().code == ErrorCode::InvalidIdNumber);
  }
}

void fuzz_uscc(std::string_view s) {
  auto strict = parse_uscc(s);
  auto warn = parse_uscc(s, UsccMode::Warn, OrgCodeCheck::Verify);
  if (strict.ok()) {
    require(strict->code.size() == 18 && strict->warnings.empty());
    require(warn.ok() && warn->code == strict->code);
    require(parse_uscc(strict->code).ok());
  } else {
    require(strict.error().code == ErrorCode::InvalidUscc);
  }
  // Warn mode only ever tolerates check failures, never structure failures.
  if (!warn.ok()) {
    const auto& d = warn.error().detail;
    require(d == kUsccRuleLength || d == kUsccRuleCharacters);
  }
}

void fuzz_regions(std::string_view s) {
  auto r = parse_region_csv(s);
  if (!r.ok()) {
    require(r.error().code == ErrorCode::ValidationFailed &&
            r.error().detail.rfind("line ", 0) == 0);
    return;
  }
  const RegionTable table(std::move(r).value());
  for (const Region& region : table.all()) {
    require(table.find(region.code) == &region);
    if (region.level != RegionLevel::Country) require(table.find(region.parent_code) != nullptr);
  }
}

void fuzz_account(std::string_view s) {
  if (auto r = role_from_name(s); r.ok()) require(role_name(*r) == s);
  (void)check_username(s);
  (void)check_password(s);
  (void)check_display_name(s);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  fuzz_id(input);
  fuzz_uscc(input);
  fuzz_account(input);
  // Region files are long; prefix short inputs with the header so the body gets exercised.
  fuzz_regions(input);
  fuzz_regions(std::string("code,name,parent_code,level\n") + std::string(input));
  return 0;
}
