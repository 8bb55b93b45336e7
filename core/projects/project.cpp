#include "core/projects/project.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/identity/uscc.hpp"

namespace tongban::projects {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

bool all_digits(std::string_view s) { return std::all_of(s.begin(), s.end(), is_digit); }

int to_int(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

// GB/T 2260 shape: six digits, a province part 11..82 (the assigned range).
bool region_shape(std::string_view r) {
  if (r.size() != 6 || !all_digits(r)) return false;
  const int province = to_int(r.substr(0, 2));
  return province >= 11 && province <= 82;
}

Error code_error(std::string_view rule) {
  return Error{ErrorCode::InvalidProjectCode, std::string(rule), "code"};
}

Error invalid(const std::string& field, const std::string& reason) {
  return Error{ErrorCode::ProjectInvalid, reason, field};
}

template <class E, std::size_t N>
std::optional<E> lookup(const std::array<std::pair<E, std::string_view>, N>& table,
                        std::string_view s) {
  for (const auto& [e, name] : table)
    if (name == s) return e;
  return std::nullopt;
}
template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E e) {
  for (const auto& [v, name] : table)
    if (v == e) return name;
  return "";
}

constexpr std::array<std::pair<ApprovalKind, std::string_view>, 3> kApprovalKinds{{
    {ApprovalKind::Approval, "approval"},
    {ApprovalKind::Ratification, "ratification"},
    {ApprovalKind::Filing, "filing"},
}};
constexpr std::array<std::pair<ProjectType, std::string_view>, 5> kTypes{{
    {ProjectType::Government, "government"},
    {ProjectType::RealEstate, "real_estate"},
    {ProjectType::Industry, "industry"},
    {ProjectType::Park, "park"},
    {ProjectType::Other, "other"},
}};
constexpr std::array<std::pair<ProjectKind, std::string_view>, 5> kKinds{{
    {ProjectKind::Construction, "construction"},
    {ProjectKind::Renovation, "renovation"},
    {ProjectKind::Purchase, "purchase"},
    {ProjectKind::Informatisation, "informatisation"},
    {ProjectKind::Other, "other"},
}};

}  // namespace

std::string_view to_string(ProjectCodeFormat f) {
  return f == ProjectCodeFormat::New ? "new" : "legacy";
}

Result<ProjectCode> parse_project_code(std::string_view text) {
  // YYYY-RRRRRR-GG-TT-XXXXXX: hyphens at 4, 11, 14, 17.
  if (text.size() != 24) return code_error(kCodeRuleShape);
  std::string code(text);
  for (std::size_t i = 0; i < code.size(); ++i) {
    const bool hyphen_slot = i == 4 || i == 11 || i == 14 || i == 17;
    if (hyphen_slot) {
      if (code[i] != '-') return code_error(kCodeRuleShape);
      continue;
    }
    code[i] = upper(code[i]);
    if (!is_digit(code[i]) && !is_upper(code[i])) return code_error(kCodeRuleCharacters);
  }
  ProjectCode pc;
  const std::string_view c = code;
  const auto year = c.substr(0, 4);
  pc.region_code = std::string(c.substr(5, 6));
  pc.guiding_department = std::string(c.substr(12, 2));
  pc.project_type = std::string(c.substr(15, 2));
  const auto last = c.substr(18, 6);
  // Only the last group may hold letters.
  if (!all_digits(year) || !all_digits(pc.region_code) || !all_digits(pc.guiding_department) ||
      !all_digits(pc.project_type))
    return code_error(kCodeRuleCharacters);
  pc.year = to_int(year);
  if (pc.year < 2014 || pc.year > 2099) return code_error(kCodeRuleYear);
  if (!region_shape(pc.region_code)) return code_error(kCodeRuleRegion);
  if (all_digits(last) && pc.year <= 2020) {
    pc.format = ProjectCodeFormat::Legacy;
    pc.serial = std::string(last);
  } else {
    pc.format = ProjectCodeFormat::New;
    pc.serial = std::string(last.substr(0, 5));
    pc.check = last[5];
  }
  pc.code = std::move(code);
  return pc;
}

std::string_view to_string(ApprovalKind k) { return name_of(kApprovalKinds, k); }
std::optional<ApprovalKind> approval_kind_from_string(std::string_view s) {
  return lookup(kApprovalKinds, s);
}
std::string_view to_string(ProjectType t) { return name_of(kTypes, t); }
std::optional<ProjectType> project_type_from_string(std::string_view s) {
  return lookup(kTypes, s);
}
std::string_view to_string(ProjectKind k) { return name_of(kKinds, k); }
std::optional<ProjectKind> project_kind_from_string(std::string_view s) {
  return lookup(kKinds, s);
}

Status validate_project(Project& p) {
  auto code = parse_project_code(p.code);
  if (!code) return code.error();
  auto owner = identity::parse_uscc(p.owner_uscc);
  if (!owner) {
    auto e = owner.error();
    e.field = "owner_uscc";
    return e;
  }
  if (p.name.empty()) return invalid("name", "a project has a name");
  if (p.owner_name.empty()) return invalid("owner_name", "a project names its owner");
  if (p.investment_yuan <= 0) return invalid("investment_yuan", "the investment is positive");
  if (!region_shape(p.region_code)) return invalid("region_code", "a 6-digit GB/T 2260 code");
  if (p.template_code.empty()) return invalid("template_code", "a project runs on a template");
  const bool government = p.type == ProjectType::Government;
  const bool approval = p.approval_kind == ApprovalKind::Approval;
  if (government != approval)
    return invalid("approval_kind",
                   government ? "government investment is approved (审批)"
                              : "enterprise projects are ratified (核准) or filed (备案)");
  p.code = code->code;
  p.owner_uscc = owner->code;
  return ok_status();
}

}  // namespace tongban::projects
