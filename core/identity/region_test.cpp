#include "core/identity/region.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace tongban::identity {
namespace {

const std::string kHead = "code,name,parent_code,level\n";
const std::string kRoot = "000000,中华人民共和国,,country\n";

std::string detail_of(const Result<std::vector<Region>>& r) {
  EXPECT_FALSE(r.ok());
  if (r.ok()) return "<ok>";
  EXPECT_EQ(r.error().code, ErrorCode::ValidationFailed);
  return r.error().detail;
}

TEST(RegionCsv, ParsesAWellFormedTable) {
  const std::string text = "\xEF\xBB\xBF" + kHead + kRoot +
                           "450000,广西壮族自治区,000000,province\r\n"
                           "\n"
                           "450102,兴宁区,450100,county\n"  // parent may come later
                           "450100,南宁市,450000,city\n"
                           "469001,五指山市,460000,county\n"  // county directly under a province
                           "460000,海南省,000000,province";
  auto r = parse_region_csv(text);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  ASSERT_EQ(r->size(), 6u);
  EXPECT_EQ((*r)[0], (Region{"000000", "中华人民共和国", "", RegionLevel::Country}));
  EXPECT_EQ((*r)[2], (Region{"450102", "兴宁区", "450100", RegionLevel::County}));
}

TEST(RegionCsv, ErrorsNameTheLine) {
  EXPECT_EQ(detail_of(parse_region_csv("")), "line 1: header must be code,name,parent_code,level");
  EXPECT_EQ(detail_of(parse_region_csv("code,name\n")),
            "line 1: header must be code,name,parent_code,level");
  EXPECT_EQ(detail_of(parse_region_csv(kHead + kRoot + "45000,广西,000000,province\n")),
            "line 3: code must be 6 digits");
  EXPECT_EQ(detail_of(parse_region_csv(kHead + kRoot + "45000A,广西,000000,province\n")),
            "line 3: code must be 6 digits");
  EXPECT_EQ(detail_of(parse_region_csv(kHead + kRoot + "450000,广西,000000\n")),
            "line 3: expected 4 fields");
  EXPECT_EQ(detail_of(parse_region_csv(kHead + kRoot + "450000,广西,000000,province,x\n")),
            "line 3: expected 4 fields");
  EXPECT_EQ(detail_of(parse_region_csv(kHead + kRoot + "450000,,000000,province\n")),
            "line 3: name is empty");
  EXPECT_EQ(detail_of(parse_region_csv(kHead + kRoot + "450000,广西,000000,state\n")),
            "line 3: unknown level");
  EXPECT_EQ(detail_of(parse_region_csv(kHead + kRoot + "000000,中国,,country\n")),
            "line 3: duplicate code");
  EXPECT_EQ(detail_of(parse_region_csv(kHead + kRoot + "450000,广西,,province\n")),
            "line 3: parent_code must be 6 digits");
  EXPECT_EQ(detail_of(parse_region_csv(kHead + "000000,中国,110000,country\n")),
            "line 2: the country has no parent");
}

TEST(RegionCsv, LevelMustMatchTheCodeShape) {
  const std::string p = "450000,广西,000000,province\n";
  EXPECT_EQ(detail_of(parse_region_csv(kHead + kRoot + "450000,广西,000000,city\n")),
            "line 3: level does not match the code");
  EXPECT_EQ(detail_of(parse_region_csv(kHead + kRoot + p + "450100,南宁,450000,county\n")),
            "line 4: level does not match the code");
  EXPECT_EQ(detail_of(parse_region_csv(kHead + kRoot + p + "450102,兴宁,450000,city\n")),
            "line 4: level does not match the code");
  EXPECT_EQ(detail_of(parse_region_csv(kHead + "000001,x,,country\n")),
            "line 2: level does not match the code");
}

TEST(RegionCsv, ParentMustExistAboveAndContainTheCode) {
  const std::string p = "450000,广西,000000,province\n";
  EXPECT_EQ(detail_of(parse_region_csv(kHead + kRoot + p + "450102,兴宁区,450100,county\n")),
            "line 4: parent does not exist");
  EXPECT_EQ(detail_of(parse_region_csv(kHead + kRoot + p + "450100,南宁,450000,city\n" +
                                       "450102,兴宁区,450103,county\n" +
                                       "450103,青秀区,450100,county\n")),
            "line 5: parent is not at a higher level");
  EXPECT_EQ(detail_of(parse_region_csv(kHead + kRoot + p + "460100,海口,450000,city\n")),
            "line 4: code does not lie under the parent");
}

TEST(RegionTable, FindsLooksUpAndListsChildren) {
  auto parsed = parse_region_csv(kHead + kRoot + "450000,广西,000000,province\n" +
                                 "450100,南宁市,450000,city\n" + "450102,兴宁区,450100,county\n" +
                                 "450103,青秀区,450100,county\n");
  ASSERT_TRUE(parsed.ok());
  const RegionTable table(std::move(parsed).value());
  ASSERT_NE(table.find("450103"), nullptr);
  EXPECT_EQ(table.find("450103")->name, "青秀区");
  EXPECT_EQ(table.find("450104"), nullptr);
  EXPECT_EQ(table.lookup("450104").error().code, ErrorCode::UnknownRegion);
  EXPECT_EQ(table.lookup("450100")->name, "南宁市");
  const auto kids = table.children("450100");
  ASSERT_EQ(kids.size(), 2u);
  EXPECT_EQ(kids[0]->code, "450102");
  EXPECT_EQ(kids[1]->code, "450103");
  EXPECT_EQ(table.children("000000").size(), 1u);
}

TEST(RegionLevel, NamesRoundTrip) {
  for (auto level :
       {RegionLevel::Country, RegionLevel::Province, RegionLevel::City, RegionLevel::County}) {
    EXPECT_EQ(region_level_from_name(region_level_name(level)), level);
  }
  EXPECT_FALSE(region_level_from_name("County").has_value());
}

// The shipped GB/T 2260 table for 广西 (data/regions/450000.csv).
class GuangxiRegions : public ::testing::Test {
 protected:
  static std::string read_file() {
    const char* root = std::getenv("TONGBAN_SOURCE_DIR");
    const std::string path = std::string(root ? root : ".") + "/data/regions/450000.csv";
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    return buf.str();
  }
};

TEST_F(GuangxiRegions, FileParsesWithExpectedCounts) {
  const std::string text = read_file();
  ASSERT_FALSE(text.empty()) << "set TONGBAN_SOURCE_DIR to the repository root";
  auto r = parse_region_csv(text);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  std::map<RegionLevel, int> counts;
  for (const auto& region : *r) ++counts[region.level];
  EXPECT_EQ(counts[RegionLevel::Country], 1);
  EXPECT_EQ(counts[RegionLevel::Province], 1);
  EXPECT_EQ(counts[RegionLevel::City], 14);
  // 41 市辖区 + 48 县 + 12 自治县 + 10 县级市 = 111 county-level units (民政部 2025).
  EXPECT_EQ(counts[RegionLevel::County], 111);
}

TEST_F(GuangxiRegions, SpotChecksAgainstTheSource) {
  auto r = parse_region_csv(read_file());
  ASSERT_TRUE(r.ok());
  const RegionTable table(std::move(r).value());
  const std::map<std::string, std::string> expected = {
      {"450000", "广西壮族自治区"}, {"450100", "南宁市"}, {"450102", "兴宁区"},
      {"450181", "横州市"},         {"450300", "桂林市"}, {"450381", "荔浦市"},
      {"450800", "贵港市"},         {"451082", "平果市"}, {"451003", "田阳区"},
      {"451203", "宜州区"},         {"451300", "来宾市"}, {"451400", "崇左市"},
      {"451481", "凭祥市"},
  };
  for (const auto& [code, name] : expected) {
    const Region* region = table.find(code);
    ASSERT_NE(region, nullptr) << code;
    EXPECT_EQ(region->name, name) << code;
  }
  EXPECT_EQ(table.children("450000").size(), 14u);
  EXPECT_EQ(table.children("451400").size(), 7u);  // 江州区 扶绥 宁明 龙州 大新 天等 凭祥
  // Codes that were abolished and must not linger: 横县, 平果县, 田阳县, 宜州市.
  for (const char* gone : {"450127", "451023", "451021", "451281"}) {
    EXPECT_EQ(table.find(gone), nullptr) << gone;
  }
}

}  // namespace
}  // namespace tongban::identity
