#include "adapters/catalog/item_json.hpp"

#include <gtest/gtest.h>

#include "tests/catalog/sample_items.hpp"

namespace tongban::catalog::io {
namespace {

using testing::commitment_item;

TEST(ItemJson, RoundTripsThroughText) {
  auto it = commitment_item("ROUNDTRIP0001");
  it.version = 3;
  it.fees.push_back(Fee{"工本费", "每证 10 元", "桂价费〔2018〕1号", true});
  it.intermediary_services = {"施工图审查", "测绘"};
  it.service_object = ServiceObject::Organisation;
  it.level = ExerciseLevel::County;
  it.materials[1].source = MaterialSource::SharedData;
  auto back = parse_item(serialize_item(it));
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_EQ(serialize_item(*back), serialize_item(it));
  EXPECT_EQ(back->version, 3);
}

TEST(ItemJson, UsesStableLowerCaseNames) {
  auto v = to_json(commitment_item("NAMES00000001"));
  EXPECT_EQ(v.at("type").as_string(), "licensing");
  EXPECT_EQ(v.at("handling").as_string(), "commitment");
  EXPECT_EQ(v.at("legal_limit").at("unit").as_string(), "working_days");
  EXPECT_EQ(v.at("materials").at(0).at("source").as_string(), "applicant_upload");
  EXPECT_EQ(v.at("channels").at(1).as_string(), "online");
}

// Each malformed variant names the field it broke.
struct Case {
  const char* patch_key;
  boost::json::value value;
  const char* field;
};

TEST(ItemJson, ErrorsNameTheField) {
  const auto base = to_json(commitment_item("BROKEN0000001"));
  const std::vector<Case> cases = {
      {"type", "permit", "type"},
      {"visits", "one", "visits"},
      {"visits", 1.5, "visits"},
      {"handling", nullptr, "handling"},
      {"channels", boost::json::array{"window", "fax"}, "channels[1]"},
      {"legal_limit", boost::json::object{{"amount", 5}, {"unit", "weeks"}}, "legal_limit.unit"},
      {"materials", boost::json::array{boost::json::object{{"code", "M1"}}}, "materials[0].name"},
      {"colour", "red", "colour"},
  };
  for (const auto& c : cases) {
    boost::json::value v = base;
    v.as_object()[c.patch_key] = c.value;
    auto r = item_from_json(v);
    ASSERT_FALSE(r.ok()) << c.patch_key;
    EXPECT_EQ(r.error().code, ErrorCode::CatalogMalformed);
    EXPECT_EQ(r.error().field, c.field);
    EXPECT_NE(r.error().detail.find("BROKEN0000001"), std::string::npos);
  }
  auto missing = base;
  missing.erase("legal_limit");
  EXPECT_EQ(item_from_json(missing).error().field, "legal_limit");
}

TEST(ItemJson, NotJsonIsInvalidJson) {
  EXPECT_EQ(parse_item("{").error().code, ErrorCode::InvalidJson);
  EXPECT_EQ(parse_item("[]").error().code, ErrorCode::CatalogMalformed);
}

TEST(CatalogFile, JsonAndTomlRoundTrip) {
  std::vector<ServiceItem> items{commitment_item("FILE000000001"),
                                 testing::instant_item("FILE000000002")};
  items[0].fees.push_back(Fee{"登记费", "每件 80 元", "", false});
  for (auto f : {FileFormat::Json, FileFormat::Toml}) {
    const auto text = write_catalog(items, f);
    auto back = parse_catalog(text, f);
    ASSERT_TRUE(back.ok()) << back.error().detail << "\n" << text;
    ASSERT_EQ(back->size(), 2u);
    EXPECT_EQ(serialize_item((*back)[0]), serialize_item(items[0]));
    EXPECT_EQ(serialize_item((*back)[1]), serialize_item(items[1]));
  }
}

TEST(CatalogFile, ErrorsNameTheItemIndexAndCode) {
  auto r = parse_catalog(R"({"items": [)" + serialize_item(commitment_item("GOOD000000001")) +
                             R"(, {"code": "BAD0000000001", "name": "x"}]})",
                         FileFormat::Json);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::CatalogMalformed);
  EXPECT_NE(r.error().detail.find("items[1]"), std::string::npos);
  EXPECT_NE(r.error().detail.find("BAD0000000001"), std::string::npos);
  EXPECT_EQ(r.error().field, "type");
}

TEST(CatalogFile, TomlSyntaxAndTypeErrors) {
  EXPECT_EQ(parse_catalog("[[items]\n", FileFormat::Toml).error().code,
            ErrorCode::CatalogMalformed);
  EXPECT_EQ(parse_catalog("[[items]]\nvisits = 1.5\n", FileFormat::Toml).error().code,
            ErrorCode::CatalogMalformed);
  EXPECT_EQ(parse_catalog(R"({"things": []})", FileFormat::Json).error().code,
            ErrorCode::CatalogMalformed);
  auto empty = parse_catalog("", FileFormat::Toml);
  EXPECT_FALSE(empty.ok());  // no items array
}

TEST(CatalogFile, FormatFromExtension) {
  EXPECT_EQ(format_of("a/b.json"), FileFormat::Json);
  EXPECT_EQ(format_of("c.toml"), FileFormat::Toml);
  EXPECT_FALSE(format_of("c.yaml"));
}

}  // namespace
}  // namespace tongban::catalog::io
