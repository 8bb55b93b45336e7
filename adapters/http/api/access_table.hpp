// Who may call which operation, as data: one row per route (method + pattern exactly as
// registered with Router::add), naming for each role allowed the scope of the records that
// role reaches through it. The API refuses a signed-in caller whose role has no grant in the
// operation's row (403 forbidden) before the handler runs; the use case then enforces the
// scope on the record itself (app/*: check_scope, case_scope, reach_applicant, load_visible…).
// The table is served in the OpenAPI document as `x-tongban-access` on every operation
// (tests/http/openapi_test.cpp checks that the document equals access_table()), and
// tests/http/access_matrix_test.cpp calls every operation as every role with another owner's
// ids and fails on any 2xx the table does not grant. docs/security.md describes both.
//
// Adding a route: add its row to kRows in access_table.cpp next to the rows of its resource,
//   {"POST", "/api/v1/things/{id}/close", {{Role::DeptHead, Scope::Department},
//                                          {Role::Admin, Scope::All}}},
// or `anyone("GET", "/api/v1/things")` for an Access::Public route, or
// `every_role("GET", "/api/v1/me/things", Scope::Own)` for one any signed-in caller may call.
// A role left out is refused; a route without a row (or a row without a route, or a row whose
// anonymity disagrees with the route's Access) stops the API from starting
// (check_access_table). Then regenerate the OpenAPI extension: scripts/openapi-access.sh <build
// dir>.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/http/api/router.hpp"
#include "core/identity/role.hpp"

namespace tongban::http {

// The records a role reaches through an operation.
enum class Scope {
  Public,      // no one's records: catalogue, calendars, the caller's own session
  Own,         // the caller's own (cases they applied for, their uploads, their organisation's
               // projects and filings or those they help with, their messages)
  Department,  // those of the caller's department (a case or task of it, a stage it leads)
  Region,      // those of the caller's region and its subregions (a front clerk's window)
  All,         // everybody's
};

[[nodiscard]] std::string_view scope_name(Scope s);

struct Grant {
  identity::Role role;
  Scope scope;
};

struct OperationAccess {
  std::string method;
  std::string pattern;
  bool anonymous = false;  // Access::Public: callers without a session too
  std::vector<Grant> grants;

  // The scope `role` has, or nullopt when the role is refused.
  [[nodiscard]] std::optional<Scope> scope_of(identity::Role role) const;
};

// Every row, in a stable order.
[[nodiscard]] const std::vector<OperationAccess>& access_table();
// The row of (method, pattern), or null.
[[nodiscard]] const OperationAccess* find_access(std::string_view method, std::string_view pattern);

// The row of every route of `router`, indexed like router.routes(). Throws std::logic_error
// naming each route without a row, each row without a route and each row whose `anonymous`
// disagrees with the route's Access.
[[nodiscard]] std::vector<const OperationAccess*> access_rows_for(const Router& router);

// The value of `x-tongban-access` for a row: [{"role": …, "scope": …}, …], role "anonymous"
// first for Access::Public rows, then the granted roles in identity::kAllRoles order.
[[nodiscard]] boost::json::array access_extension(const OperationAccess& row);

}  // namespace tongban::http
