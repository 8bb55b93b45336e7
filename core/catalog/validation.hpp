// The catalog's rules for one item, checked before any version is stored or imported.
// Pure: rules that need other data (does the department exist?) live in app/catalog.
#pragma once

#include <optional>

#include "core/catalog/service_item.hpp"
#include "core/common/result.hpp"

namespace tongban::catalog {

// Working hours per working day when a limit in working_hours is compared with one in
// working_days (the standard 8-hour day).
inline constexpr std::int64_t kHoursPerWorkingDay = 8;

// The limit in working hours, for comparing limits; nullopt for natural days (natural days
// and working days are not comparable without a calendar).
[[nodiscard]] std::optional<std::int64_t> comparable_hours(const calendar::Budget& b);

// Checks every rule below; the first broken one is returned as ItemInvalid with `field` the
// path of the offending field ("committed_limit", "materials[2].code") and a detail that
// starts with "item <code>:".
//
//  * code: 12..31 characters of 0-9 and A-Z (a 31-character 实施编码, or a 基本编码 of 12
//    or more where no 实施编码 is published); version >= 1; name 1..100 characters;
//    department_code non-empty; type a GB/T 39554.1 type.
//  * limits: amounts >= 0; legal and committed in comparable units (working days and
//    working hours compare at 8 h per day; natural days only with natural days);
//    committed <= legal. Commitment items (承诺件) have committed > 0; instant items (即办件)
//    have committed = 0 (legal may be 0 where the law sets no limit).
//  * visits 0..10; at least one channel, none twice; visits = 0 (一次不用跑) needs an online,
//    mobile or mail channel.
//  * commitment items have at least one process step, every step at least one post; posts
//    have a name, a department and a limit > 0 in a unit comparable with the committed
//    limit; the steps' limits (a step takes as long as its slowest parallel post) add up to
//    at most the committed limit.
//  * materials: code and name non-empty, codes unique; copies 1..99; a certificate-sourced
//    material names its certificate type.
//  * 容缺 (decided here, see docs/catalog.md): only required materials may be tolerable (an
//    optional one needs no commitment), and at least one required material must not be
//    tolerable — a case is never accepted on promises alone.
//  * fees have a name; warning_days >= 0; warning_percent 0..100.
[[nodiscard]] Status validate_item(const ServiceItem& item);

}  // namespace tongban::catalog
