// Public header of the identity context: identifiers (身份证号码, 统一社会信用代码), regions
// (GB/T 2260), roles and account-input rules. All pure; no I/O, no clock.
#pragma once

#include "core/identity/account_policy.hpp"  // IWYU pragma: export
#include "core/identity/id_number.hpp"       // IWYU pragma: export
#include "core/identity/region.hpp"          // IWYU pragma: export
#include "core/identity/role.hpp"            // IWYU pragma: export
#include "core/identity/uscc.hpp"            // IWYU pragma: export
