#include "adapters/http/api/access_table.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <utility>

namespace tongban::http {
namespace {

using identity::Role;
using S = Scope;

// An Access::Public route: anyone, signed in or not.
OperationAccess anyone(std::string method, std::string pattern) {
  OperationAccess row{std::move(method), std::move(pattern), true, {}};
  for (const Role r : identity::kAllRoles) row.grants.push_back({r, Scope::Public});
  return row;
}

// A signed-in route every role may call, each reaching `scope`.
OperationAccess every_role(std::string method, std::string pattern, Scope scope) {
  OperationAccess row{std::move(method), std::move(pattern), false, {}};
  for (const Role r : identity::kAllRoles) row.grants.push_back({r, scope});
  return row;
}

// Recurring sets of grants, as the use cases enforce them.
// Reading cases (app/casework check_scope(View) / case_scope): an applicant their own, a front
// clerk their region, a reviewer or head their department, supervisors and admins all.
const std::vector<Grant> kCaseReaders = {{Role::ApplicantPerson, S::Own},
                                         {Role::ApplicantOrg, S::Own},
                                         {Role::FrontClerk, S::Region},
                                         {Role::Reviewer, S::Department},
                                         {Role::DeptHead, S::Department},
                                         {Role::Supervisor, S::All},
                                         {Role::Admin, S::All}};
// Need::OwnerOrWindow: the applicant, or a front clerk of the item's region.
const std::vector<Grant> kOwnerOrWindow = {
    {Role::ApplicantPerson, S::Own}, {Role::ApplicantOrg, S::Own}, {Role::FrontClerk, S::Region}};
// Need::Owner.
const std::vector<Grant> kOwner = {{Role::ApplicantPerson, S::Own}, {Role::ApplicantOrg, S::Own}};
// Need::Window.
const std::vector<Grant> kWindow = {{Role::FrontClerk, S::Region}};
// A review task of the caller's department (reviewer or head).
const std::vector<Grant> kTaskDepartment = {{Role::Reviewer, S::Department},
                                            {Role::DeptHead, S::Department}};
// Staff (app::is_staff) reading shared review records.
const std::vector<Grant> kStaffAll = {{Role::FrontClerk, S::All},
                                      {Role::Reviewer, S::All},
                                      {Role::DeptHead, S::All},
                                      {Role::Supervisor, S::All},
                                      {Role::Admin, S::All}};
// Staff all, plus the owner organisation and the project's helper (an org or an agency).
const std::vector<Grant> kProjectReaders = {
    {Role::ApplicantOrg, S::Own}, {Role::FrontClerk, S::All}, {Role::Reviewer, S::All},
    {Role::DeptHead, S::All},     {Role::Supervisor, S::All}, {Role::Agency, S::Own},
    {Role::Admin, S::All}};
// Acting for a project's owner (app/reviews acts_for_owner): the owner organisation, the
// helper, a front clerk or an admin.
const std::vector<Grant> kForOwner = {{Role::ApplicantOrg, S::Own},
                                      {Role::FrontClerk, S::All},
                                      {Role::Agency, S::Own},
                                      {Role::Admin, S::All}};
// The lead department of a project stage (app/projects check_lead), or an admin.
const std::vector<Grant> kStageLead = {
    {Role::Reviewer, S::Department}, {Role::DeptHead, S::Department}, {Role::Admin, S::All}};
// Who assigns a project's helper: the window, an admin, the owner, a lead department.
const std::vector<Grant> kHelperAssigners = {{Role::ApplicantOrg, S::Own},
                                             {Role::FrontClerk, S::All},
                                             {Role::Reviewer, S::Department},
                                             {Role::DeptHead, S::Department},
                                             {Role::Admin, S::All}};
// The material library (app/bundles library_owner): an applicant their own, a front clerk an
// applicant with a case in their region.
const std::vector<Grant> kLibrary = kOwnerOrWindow;
// Configuration: the administrator only.
const std::vector<Grant> kAdmin = {{Role::Admin, S::All}};
// Reading the audit log (Permission::ViewAudit): the audit administrator alone (三员分立).
const std::vector<Grant> kAuditors = {{Role::AuditAdmin, S::All}};

std::vector<OperationAccess> rows() {
  return {
      // ---- system (system_routes.cpp) --------------------------------------------------------
      anyone("GET", "/healthz"),
      anyone("GET", "/metrics"),  // a token or a loopback peer, checked by the handler
      anyone("GET", "/api/v1/openapi.json"),

      // ---- identity (identity_routes.cpp) ----------------------------------------------------
      anyone("POST", "/api/v1/auth/login"),
      anyone("POST", "/api/v1/auth/token"),
      every_role("POST", "/api/v1/auth/logout", S::Own),
      every_role("GET", "/api/v1/auth/me", S::Own),
      anyone("POST", "/api/v1/auth/register"),
      anyone("GET", "/api/v1/roles"),
      {"GET",
       "/api/v1/users",
       false,
       {{Role::DeptHead, S::Department}, {Role::Admin, S::All}, {Role::SecurityAdmin, S::All}}},
      {"POST", "/api/v1/users", false, kAdmin},
      {"PATCH", "/api/v1/users/{id}", false, kAdmin},
      {"POST", "/api/v1/users/{id}/second-factor/reset", false, {{Role::SecurityAdmin, S::All}}},
      every_role("POST", "/api/v1/me/password", S::Own),
      every_role("GET", "/api/v1/me/second-factor", S::Own),
      every_role("POST", "/api/v1/me/second-factor", S::Own),
      every_role("POST", "/api/v1/me/second-factor/confirm", S::Own),
      every_role("POST", "/api/v1/me/second-factor/remove", S::Own),
      anyone("GET", "/api/v1/departments"),
      {"POST", "/api/v1/departments", false, kAdmin},
      {"PATCH", "/api/v1/departments/{id}", false, kAdmin},
      anyone("GET", "/api/v1/service-centres"),
      {"POST", "/api/v1/service-centres", false, kAdmin},
      {"PATCH", "/api/v1/service-centres/{id}", false, kAdmin},
      anyone("GET", "/api/v1/regions"),

      // ---- audit (audit_routes.cpp) ----------------------------------------------------------
      {"GET", "/api/v1/audit", false, kAuditors},
      {"GET", "/api/v1/audit/verify", false, kAuditors},

      // ---- calendars (calendar_routes.cpp) ---------------------------------------------------
      anyone("GET", "/api/v1/calendars"),
      anyone("GET", "/api/v1/calendars/{region}/is-working-day"),
      anyone("GET", "/api/v1/calendars/{region}/add"),
      anyone("GET", "/api/v1/calendars/{region}/between"),
      anyone("GET", "/api/v1/calendars/{region}/days"),
      every_role("GET", "/api/v1/calendars/{region}/exceptions", S::Public),
      {"POST", "/api/v1/calendars/{region}/exceptions", false, kAdmin},
      {"POST", "/api/v1/calendars/recompute-deadlines", false, kAdmin},
      {"DELETE", "/api/v1/calendar-exceptions/{id}", false, kAdmin},

      // ---- files and messages (file_routes.cpp, message_routes.cpp) --------------------------
      every_role("POST", "/api/v1/files", S::Own),
      // The uploader; whoever may view a case holding it (kCaseReaders) or open a filing
      // listing it (the filing's owner side; staff of a department it was posted to).
      {"GET",
       "/api/v1/files/{id}",
       false,
       {{Role::ApplicantPerson, S::Own},
        {Role::ApplicantOrg, S::Own},
        {Role::FrontClerk, S::Region},
        {Role::Reviewer, S::Department},
        {Role::DeptHead, S::Department},
        {Role::Supervisor, S::All},
        {Role::Agency, S::Own},
        {Role::HotlineOperator, S::Own},
        {Role::Admin, S::All}}},
      every_role("GET", "/api/v1/messages", S::Own),
      every_role("POST", "/api/v1/messages/{id}/read", S::Own),

      // ---- catalogue (catalog_routes.cpp) ----------------------------------------------------
      anyone("GET", "/api/v1/items"),
      anyone("GET", "/api/v1/items/{code}"),
      {"POST", "/api/v1/items", false, kAdmin},
      {"PUT", "/api/v1/items/{code}", false, kAdmin},
      anyone("GET", "/api/v1/items/{code}/checklist.pdf"),
      anyone("GET", "/api/v1/catalog/lists/{list}"),
      anyone("GET", "/api/v1/catalog/indicators"),

      // ---- cases (case_routes.cpp, decision_document_routes.cpp) -----------------------------
      {"POST",
       "/api/v1/cases",
       false,
       {{Role::ApplicantPerson, S::Own},
        {Role::ApplicantOrg, S::Own},
        {Role::FrontClerk, S::Region}}},
      {"GET", "/api/v1/cases", false, kCaseReaders},
      {"GET", "/api/v1/cases/{id}", false, kCaseReaders},
      {"GET", "/api/v1/cases/{id}/decision.pdf", false, kCaseReaders},
      {"POST", "/api/v1/cases/{id}/accept", false, kWindow},
      {"POST", "/api/v1/cases/{id}/refuse", false, kWindow},
      // Before review the window, in review a department with an active task.
      {"POST",
       "/api/v1/cases/{id}/request-supplement",
       false,
       {{Role::FrontClerk, S::Region},
        {Role::Reviewer, S::Department},
        {Role::DeptHead, S::Department}}},
      {"POST", "/api/v1/cases/{id}/supplement", false, kOwnerOrWindow},
      {"POST", "/api/v1/cases/{id}/fulfil-commitment", false, kOwnerOrWindow},
      // Staff who may view the case; applicants see their own in full without it.
      {"POST",
       "/api/v1/cases/{id}/reveal",
       false,
       {{Role::FrontClerk, S::Region},
        {Role::Reviewer, S::Department},
        {Role::DeptHead, S::Department},
        {Role::Supervisor, S::All},
        {Role::Admin, S::All}}},
      every_role("GET", "/api/v1/me/personal-data-access", S::Own),
      {"POST", "/api/v1/cases/{id}/withdraw", false, kOwner},
      {"POST", "/api/v1/cases/{id}/decide", false, kTaskDepartment},
      {"POST", "/api/v1/cases/{id}/deliver", false, kOwnerOrWindow},
      {"POST", "/api/v1/cases/{id}/evaluate", false, kOwner},
      {"GET",
       "/api/v1/tasks",
       false,
       {{Role::Reviewer, S::Department},
        {Role::DeptHead, S::Department},
        {Role::Supervisor, S::All},
        {Role::Admin, S::All}}},
      {"POST", "/api/v1/tasks/{id}/opinion", false, kTaskDepartment},
      {"POST", "/api/v1/tasks/{id}/reassign", false, {{Role::DeptHead, S::Department}}},
      {"POST", "/api/v1/tasks/{id}/urge", false, {{Role::DeptHead, S::Department}}},
      {"POST", "/api/v1/tasks/{id}/suspend", false, kTaskDepartment},
      {"POST", "/api/v1/tasks/{id}/resume", false, kTaskDepartment},
      // An applicant their own; a clerk or head an applicant with a case in their reach.
      {"GET",
       "/api/v1/credit-records",
       false,
       {{Role::ApplicantPerson, S::Own},
        {Role::ApplicantOrg, S::Own},
        {Role::FrontClerk, S::Region},
        {Role::DeptHead, S::Department},
        {Role::Supervisor, S::All},
        {Role::Admin, S::All}}},
      {"GET",
       "/api/v1/supervision/ontime",
       false,
       {{Role::Reviewer, S::Department},
        {Role::DeptHead, S::Department},
        {Role::Supervisor, S::All},
        {Role::Admin, S::All}}},
      anyone("GET", "/api/v1/public/decisions/{number}"),

      // ---- bundles, the desk and the material library (bundle_routes.cpp) --------------------
      anyone("GET", "/api/v1/bundles"),
      anyone("GET", "/api/v1/bundles/{code}"),
      {"POST", "/api/v1/bundles", false, kAdmin},
      {"PUT", "/api/v1/bundles/{code}", false, kAdmin},
      {"GET", "/api/v1/bundles/{code}/on-file", false, kLibrary},
      anyone("GET", "/api/v1/bundles/{code}/versions"),
      {"POST", "/api/v1/bundles/{code}/applications", false, kOwnerOrWindow},
      {"GET",
       "/api/v1/bundle-cases",
       false,
       {{Role::ApplicantPerson, S::Own},
        {Role::ApplicantOrg, S::Own},
        {Role::FrontClerk, S::Region},
        {Role::Supervisor, S::All},
        {Role::Admin, S::All}}},
      // Whoever may view one of its children.
      {"GET", "/api/v1/bundle-cases/{id}", false, kCaseReaders},
      {"POST", "/api/v1/bundle-cases/{id}/accept", false, kWindow},
      {"POST", "/api/v1/bundle-cases/{id}/deliver", false, kWindow},
      {"GET",
       "/api/v1/desk",
       false,
       {{Role::FrontClerk, S::Region}, {Role::Supervisor, S::All}, {Role::Admin, S::All}}},
      {"GET", "/api/v1/desk-categories", false, kStaffAll},
      {"POST", "/api/v1/desk-categories", false, kAdmin},
      {"PUT", "/api/v1/desk-categories/{id}", false, kAdmin},
      {"DELETE", "/api/v1/desk-categories/{id}", false, kAdmin},
      {"GET", "/api/v1/documents", false, kLibrary},
      {"POST", "/api/v1/documents", false, kOwner},

      // ---- project templates and projects (project_template_routes.cpp, project_routes.cpp) --
      {"POST", "/api/v1/project-templates", false, kAdmin},
      {"PUT", "/api/v1/project-templates/{code}", false, kAdmin},
      anyone("GET", "/api/v1/project-templates"),
      anyone("GET", "/api/v1/project-templates/{code}"),
      anyone("GET", "/api/v1/project-templates/{code}/plan"),
      {"GET",
       "/api/v1/project-templates/{code}/timeline",
       false,
       {{Role::Reviewer, S::Department},
        {Role::DeptHead, S::Department},
        {Role::Supervisor, S::All},
        {Role::Admin, S::All}}},
      {"POST",
       "/api/v1/projects",
       false,
       {{Role::ApplicantOrg, S::Own}, {Role::FrontClerk, S::All}, {Role::Admin, S::All}}},
      {"GET", "/api/v1/projects", false, kProjectReaders},
      {"GET", "/api/v1/projects/{code}", false, kProjectReaders},
      {"PUT", "/api/v1/projects/{code}/helper", false, kHelperAssigners},
      {"GET", "/api/v1/projects/{code}/helper-candidates", false, kHelperAssigners},
      {"POST", "/api/v1/projects/{code}/stages/{stage}/open", false, kStageLead},
      {"POST", "/api/v1/projects/{code}/stages/{stage}/close", false, kStageLead},
      {"POST",
       "/api/v1/projects/{code}/stages/{stage}/cases",
       false,
       {{Role::ApplicantOrg, S::Own}, {Role::FrontClerk, S::Region}, {Role::Agency, S::Own}}},
      {"POST", "/api/v1/projects/{code}/stages/{stage}/joint-tasks", false, kStageLead},
      {"GET", "/api/v1/joint-tasks", false, kStaffAll},
      {"GET", "/api/v1/joint-tasks/{id}", false, kProjectReaders},
      {"POST", "/api/v1/joint-tasks/{id}/answers", false, kTaskDepartment},
      {"POST", "/api/v1/joint-tasks/{id}/consolidate", false, kStageLead},

      // ---- rule sets and filings (rule_set_routes.cpp, filing_routes.cpp) --------------------
      anyone("GET", "/api/v1/rule-sets"),
      anyone("GET", "/api/v1/rule-sets/{kind}"),
      {"PUT", "/api/v1/rule-sets/{kind}", false, kAdmin},
      anyone("POST", "/api/v1/rule-sets/{kind}/check"),
      every_role("POST", "/api/v1/rules/evaluate", S::Public),
      anyone("GET", "/api/v1/review-posts"),
      {"POST", "/api/v1/projects/{code}/filings", false, kForOwner},
      {"GET",
       "/api/v1/filings",
       false,
       {{Role::ApplicantOrg, S::Own},
        {Role::FrontClerk, S::All},
        {Role::Reviewer, S::All},
        {Role::DeptHead, S::All},
        {Role::Supervisor, S::All},
        {Role::Admin, S::All}}},
      {"GET", "/api/v1/filings/{id}", false, kProjectReaders},
      {"POST", "/api/v1/filings/{id}/send", false, kForOwner},
      {"POST", "/api/v1/filings/{id}/resubmit", false, kForOwner},
      {"POST", "/api/v1/filings/{id}/reviews", false, kTaskDepartment},
      {"GET", "/api/v1/filings/{id}/report.pdf", false, kProjectReaders},

      // ---- expert meetings (meeting_routes.cpp) ----------------------------------------------
      {"POST",
       "/api/v1/meetings",
       false,
       {{Role::DeptHead, S::Department}, {Role::Supervisor, S::All}, {Role::Admin, S::All}}},
      {"GET", "/api/v1/meetings", false, kStaffAll},
      {"GET", "/api/v1/meetings/{id}", false, kStaffAll},
      {"POST",
       "/api/v1/meetings/{id}/minutes",
       false,
       {{Role::Reviewer, S::Department}, {Role::DeptHead, S::Department}, {Role::Admin, S::All}}},
      {"GET", "/api/v1/meeting-decisions", false, kStaffAll},
      {"POST",
       "/api/v1/meeting-decisions/{id}/close",
       false,
       {{Role::FrontClerk, S::Department},
        {Role::Reviewer, S::Department},
        {Role::DeptHead, S::Department},
        {Role::Supervisor, S::All},
        {Role::Admin, S::All}}},
  };
}

std::string key(std::string_view method, std::string_view pattern) {
  return std::string(method) + " " + std::string(pattern);
}

}  // namespace

std::string_view scope_name(Scope s) {
  switch (s) {
    case Scope::Public:
      return "public";
    case Scope::Own:
      return "own";
    case Scope::Department:
      return "department";
    case Scope::Region:
      return "region";
    case Scope::All:
      return "all";
  }
  return "public";
}

std::optional<Scope> OperationAccess::scope_of(identity::Role role) const {
  for (const auto& g : grants)
    if (g.role == role) return g.scope;
  return std::nullopt;
}

const std::vector<OperationAccess>& access_table() {
  static const std::vector<OperationAccess> table = rows();
  return table;
}

const OperationAccess* find_access(std::string_view method, std::string_view pattern) {
  static const std::map<std::string, const OperationAccess*, std::less<>> index = [] {
    std::map<std::string, const OperationAccess*, std::less<>> m;
    for (const auto& row : access_table()) {
      if (!m.emplace(key(row.method, row.pattern), &row).second)
        throw std::logic_error("access table: two rows for " + key(row.method, row.pattern));
    }
    return m;
  }();
  const auto it = index.find(key(method, pattern));
  return it == index.end() ? nullptr : it->second;
}

std::vector<const OperationAccess*> access_rows_for(const Router& router) {
  std::vector<const OperationAccess*> out;
  std::string problems;
  std::map<const OperationAccess*, bool> used;
  for (const auto& route : router.routes()) {
    const auto* row = find_access(route.method, route.pattern);
    if (!row) {
      problems += "\n  no row for " + key(route.method, route.pattern);
    } else if (row->anonymous != (route.access == Access::Public)) {
      problems += "\n  " + key(route.method, route.pattern) + ": the route is " +
                  (route.access == Access::Public ? "public" : "signed-in") + ", its row is not";
    } else {
      used[row] = true;
    }
    out.push_back(row);
  }
  for (const auto& row : access_table()) {
    if (!used.contains(&row))
      problems += "\n  no route for the row " + key(row.method, row.pattern);
  }
  if (!problems.empty()) {
    throw std::logic_error(
        "the access table (adapters/http/api/access_table.cpp) disagrees "
        "with the routes:" +
        problems);
  }
  return out;
}

boost::json::array access_extension(const OperationAccess& row) {
  boost::json::array out;
  if (row.anonymous) out.push_back(boost::json::object{{"role", "anonymous"}, {"scope", "public"}});
  for (const auto role : identity::kAllRoles) {
    if (auto s = row.scope_of(role)) {
      out.push_back(
          boost::json::object{{"role", identity::role_name(role)}, {"scope", scope_name(*s)}});
    }
  }
  return out;
}

}  // namespace tongban::http
