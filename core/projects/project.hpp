// Investment construction projects (工程建设项目): the project code (项目代码, 一码通全程) and
// the project's own fields. Pure values and rules; no I/O. The rules are written down in
// docs/projects.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/result.hpp"

namespace tongban::projects {

// ---- the project code ------------------------------------------------------------------

// Stable Error::detail values for ErrorCode::InvalidProjectCode.
inline constexpr std::string_view kCodeRuleShape = "shape";  // not YYYY-RRRRRR-GG-TT-XXXXXX
inline constexpr std::string_view kCodeRuleCharacters = "characters";  // outside [0-9A-Z]
inline constexpr std::string_view kCodeRuleYear = "year";              // outside 2014..2099
inline constexpr std::string_view kCodeRuleRegion = "region";          // not a GB/T 2260 shape

// New: 发改投资〔2020〕1439号 / GB/T 40058-2021, from 2021: 4 year + 6 region + 2 guiding
// department + 2 project type + 5 random + 1 check character (the check algorithm is not
// published: the character is kept, its value is not verified).
// Legacy: the national online platform's codes before the 2020 rule (e.g. 2018-450100-…):
// the same groups with a 6-digit serial and no check character.
enum class ProjectCodeFormat { New, Legacy };
[[nodiscard]] std::string_view to_string(ProjectCodeFormat f);  // new | legacy

struct ProjectCode {
  std::string code;  // canonical: upper-case, with hyphens, 24 characters
  ProjectCodeFormat format = ProjectCodeFormat::New;
  int year = 0;
  std::string region_code;  // GB/T 2260, 6 digits
  std::string guiding_department;
  std::string project_type;
  std::string serial;  // New: 5 random characters; Legacy: 6 digits
  char check = 0;      // New only; 0 for Legacy

  bool operator==(const ProjectCode&) const = default;
};

// Parses "YYYY-RRRRRR-GG-TT-XXXXXX" (24 characters, no trimming; lower-case letters are
// accepted and stored upper-case). The format follows from the last group and the year: a
// group of six digits with a year ≤ 2020 is Legacy, anything else New; a letter in a code
// dated ≤ 2020 is fine (the 2020 rule took effect that year).
// Failure: ErrorCode::InvalidProjectCode with detail one of the kCodeRule* strings.
[[nodiscard]] Result<ProjectCode> parse_project_code(std::string_view text);

// ---- the project -----------------------------------------------------------------------

// 审批 (government investment), 核准 (enterprise projects on the approval list), 备案 (every
// other enterprise project).
enum class ApprovalKind { Approval, Ratification, Filing };
[[nodiscard]] std::string_view to_string(ApprovalKind k);  // approval | ratification | filing
[[nodiscard]] std::optional<ApprovalKind> approval_kind_from_string(std::string_view s);

// 项目类型 as the stage templates are chosen by: 政府投资, 房地产, 实体产业 (industry), 园区
// (in an industrial park), 其他 (other social investment).
enum class ProjectType { Government, RealEstate, Industry, Park, Other };
[[nodiscard]] std::string_view to_string(ProjectType t);  // government | real_estate | ...
[[nodiscard]] std::optional<ProjectType> project_type_from_string(std::string_view s);

// 项目属性 of the national platform: 基本建设, 技术改造, 单纯购置, 信息化, 其他.
enum class ProjectKind { Construction, Renovation, Purchase, Informatisation, Other };
[[nodiscard]] std::string_view to_string(ProjectKind k);  // construction | renovation | ...
[[nodiscard]] std::optional<ProjectKind> project_kind_from_string(std::string_view s);

struct Project {
  std::string code;  // the project code, canonical after validate_project
  std::string name;
  std::string owner_uscc;  // 建设单位's 统一社会信用代码
  std::string owner_name;
  ApprovalKind approval_kind = ApprovalKind::Filing;
  ProjectType type = ProjectType::Industry;
  ProjectKind kind = ProjectKind::Construction;
  std::int64_t investment_yuan = 0;  // 总投资, whole yuan
  std::string region_code;           // where it is built (GB/T 2260)
  std::string site;                  // 建设地点
  bool fast_lane = false;            // 绿色通道: shorter stage limits
  std::string template_code;         // the stage template it runs on
};

// Checks and canonicalises p (code and owner upper-cased). Errors:
//  * invalid_project_code (field "code", detail a kCodeRule* string);
//  * invalid_uscc (field "owner_uscc", detail a kUsccRule* string; strict mode);
//  * project_invalid (field named) for an empty name, owner name or template code, an
//    investment ≤ 0, a region that is not 6 digits, and an approval kind that does not fit the
//    type: government investment is approved (审批) and only it; enterprise projects are
//    ratified (核准) or filed (备案).
[[nodiscard]] Status validate_project(Project& p);

}  // namespace tongban::projects
