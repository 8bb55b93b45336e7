#include "core/projects/project.hpp"

#include <gtest/gtest.h>

#include "core/identity/uscc.hpp"

namespace tongban::projects {
namespace {

std::string rule_of(const Result<ProjectCode>& r) { return r.ok() ? "" : r.error().detail; }

TEST(ProjectCode, ParsesTheNewFormat) {
  auto c = parse_project_code("2023-450500-47-01-3a81fK");
  ASSERT_TRUE(c.ok()) << c.error().detail;
  EXPECT_EQ(c->code, "2023-450500-47-01-3A81FK");
  EXPECT_EQ(c->format, ProjectCodeFormat::New);
  EXPECT_EQ(c->year, 2023);
  EXPECT_EQ(c->region_code, "450500");
  EXPECT_EQ(c->guiding_department, "47");
  EXPECT_EQ(c->project_type, "01");
  EXPECT_EQ(c->serial, "3A81F");
  EXPECT_EQ(c->check, 'K');
  EXPECT_EQ(to_string(c->format), "new");
  // All digits from 2021 on is still the new format (the check character may be a digit).
  auto digits = parse_project_code("2024-450100-48-02-123456");
  ASSERT_TRUE(digits.ok());
  EXPECT_EQ(digits->format, ProjectCodeFormat::New);
  EXPECT_EQ(digits->check, '6');
}

TEST(ProjectCode, AcceptsLegacyCodes) {
  auto c = parse_project_code("2018-450100-78-01-008123");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->format, ProjectCodeFormat::Legacy);
  EXPECT_EQ(c->serial, "008123");
  EXPECT_EQ(c->check, 0);
  // A letter in a 2020 code: issued under the new rule that year.
  auto y2020 = parse_project_code("2020-450800-47-03-00A12B");
  ASSERT_TRUE(y2020.ok());
  EXPECT_EQ(y2020->format, ProjectCodeFormat::New);
}

TEST(ProjectCode, RefusesMalformedCodesWithARule) {
  struct Case {
    const char* text;
    std::string_view rule;
  };
  for (const auto& c : {
           Case{"", kCodeRuleShape},
           Case{"2023-450500-47-01-3A81F", kCodeRuleShape},    // 23 characters
           Case{"2023-450500-47-01-3A81FKK", kCodeRuleShape},  // 25
           Case{"2023 450500-47-01-3A81FK", kCodeRuleShape},   // a space for a hyphen
           Case{"20234505004701-3A81FK----", kCodeRuleShape},  // hyphens misplaced
           Case{"2023-450500-47-01-3A81F!", kCodeRuleCharacters},
           Case{"2023-45050A-47-01-3A81FK", kCodeRuleCharacters},  // letter outside the tail
           Case{"2023-450500-4B-01-3A81FK", kCodeRuleCharacters},
           Case{"2023-450500-47-01-3A81F\xE5", kCodeRuleCharacters},
           Case{"2013-450500-47-01-000001", kCodeRuleYear},
           Case{"2100-450500-47-01-000001", kCodeRuleYear},
           Case{"2023-000000-47-01-3A81FK", kCodeRuleRegion},
           Case{"2023-990000-47-01-3A81FK", kCodeRuleRegion},
       }) {
    auto r = parse_project_code(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.error().code, ErrorCode::InvalidProjectCode) << c.text;
    EXPECT_EQ(r.error().field, "code");
    EXPECT_EQ(rule_of(r), c.rule) << c.text;
  }
}

Project valid_project() {
  Project p;
  p.code = "2023-450500-47-01-3a81fk";
  p.name = "北海市某标准厂房项目";
  p.owner_uscc = "91512081ma62k0260e";
  p.owner_name = "某实业有限公司";
  p.approval_kind = ApprovalKind::Filing;
  p.type = ProjectType::Industry;
  p.kind = ProjectKind::Construction;
  p.investment_yuan = 120'000'000;
  p.region_code = "450502";
  p.site = "北海市海城区";
  p.template_code = "beihai-five-stages";
  return p;
}

TEST(Project, ValidatesAndCanonicalises) {
  auto p = valid_project();
  auto s = validate_project(p);
  ASSERT_TRUE(s.ok()) << s.error().field << " " << s.error().detail;
  EXPECT_EQ(p.code, "2023-450500-47-01-3A81FK");
  EXPECT_EQ(p.owner_uscc, "91512081MA62K0260E");
}

TEST(Project, RefusesBrokenFields) {
  struct Case {
    void (*edit)(Project&);
    ErrorCode code;
    std::string field;
  };
  for (const auto& c : {
           Case{[](Project& p) { p.code = "2023-450500"; }, ErrorCode::InvalidProjectCode, "code"},
           Case{[](Project& p) { p.owner_uscc = "91512081MA62K0260F"; }, ErrorCode::InvalidUscc,
                "owner_uscc"},
           Case{[](Project& p) { p.name.clear(); }, ErrorCode::ProjectInvalid, "name"},
           Case{[](Project& p) { p.owner_name.clear(); }, ErrorCode::ProjectInvalid, "owner_name"},
           Case{[](Project& p) { p.investment_yuan = 0; }, ErrorCode::ProjectInvalid,
                "investment_yuan"},
           Case{[](Project& p) { p.region_code = "4505"; }, ErrorCode::ProjectInvalid,
                "region_code"},
           Case{[](Project& p) { p.template_code.clear(); }, ErrorCode::ProjectInvalid,
                "template_code"},
           // Government investment is approved (审批) and only it.
           Case{[](Project& p) { p.type = ProjectType::Government; }, ErrorCode::ProjectInvalid,
                "approval_kind"},
           Case{[](Project& p) { p.approval_kind = ApprovalKind::Approval; },
                ErrorCode::ProjectInvalid, "approval_kind"},
       }) {
    auto p = valid_project();
    c.edit(p);
    auto s = validate_project(p);
    ASSERT_FALSE(s.ok()) << c.field;
    EXPECT_EQ(s.error().code, c.code) << c.field;
    EXPECT_EQ(s.error().field, c.field);
  }
  auto gov = valid_project();
  gov.type = ProjectType::Government;
  gov.approval_kind = ApprovalKind::Approval;
  EXPECT_TRUE(validate_project(gov).ok());
  auto ratified = valid_project();
  ratified.approval_kind = ApprovalKind::Ratification;
  EXPECT_TRUE(validate_project(ratified).ok());
}

TEST(Project, WireNamesRoundTrip) {
  for (auto k : {ApprovalKind::Approval, ApprovalKind::Ratification, ApprovalKind::Filing})
    EXPECT_EQ(approval_kind_from_string(to_string(k)), k);
  for (auto t : {ProjectType::Government, ProjectType::RealEstate, ProjectType::Industry,
                 ProjectType::Park, ProjectType::Other})
    EXPECT_EQ(project_type_from_string(to_string(t)), t);
  for (auto k : {ProjectKind::Construction, ProjectKind::Renovation, ProjectKind::Purchase,
                 ProjectKind::Informatisation, ProjectKind::Other})
    EXPECT_EQ(project_kind_from_string(to_string(k)), k);
  EXPECT_FALSE(approval_kind_from_string("审批"));
  EXPECT_FALSE(project_type_from_string(""));
}

}  // namespace
}  // namespace tongban::projects
