#include "core/common/json_writer.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>
#include <limits>
#include <optional>
#include <string>

namespace tongban {
namespace {

std::string written(const std::function<void(JsonWriter&)>& fn) {
  JsonWriter w(4);  // little room: growing is tested too
  fn(w);
  return std::move(w).take();
}

TEST(JsonWriter, WritesNestedObjectsAndArraysWithCommasInTheirPlaces) {
  const auto text = written([](JsonWriter& w) {
    w.object().field("a", 1).key("b").array().value("x").null().value(true).end_array();
    w.key("c").object().end_object().key("d").array().end_array();
    w.field("e", std::optional<std::int64_t>{}).field("f", std::optional<std::string>{"g"});
    w.end_object();
  });
  EXPECT_EQ(text, R"({"a":1,"b":["x",null,true],"c":{},"d":[],"e":null,"f":"g"})");
}

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharactersAndKeepsUtf8) {
  const std::string s = std::string("引号\"反斜杠\\换行\n制表\t\x01\x1f") + "末";
  const auto text = written([&](JsonWriter& w) { w.object().field(s, s).end_object(); });
  const auto parsed = boost::json::parse(text).as_object();  // valid JSON, same strings
  ASSERT_EQ(parsed.size(), 1U);
  EXPECT_EQ(std::string(parsed.begin()->key()), s);
  EXPECT_EQ(parsed.begin()->value().as_string(), s);
  EXPECT_NE(text.find("\\u0001"), std::string::npos);
  EXPECT_NE(text.find("\\n"), std::string::npos);
}

// Strings are checked eight bytes at a time: a character to escape anywhere in a long string
// (every offset, next to multi-byte UTF-8) must still be escaped, and nothing else changed.
TEST(JsonWriter, EscapesAtEveryOffsetOfALongString) {
  for (const char special : {'"', '\\', '\n', '\x01', '\x1f'}) {
    for (std::size_t at = 6; at <= 42; ++at) {  // between 办件 and 材料, in whole characters
      std::string s = "办件abcdefghijklmnopqrstuvwxyz0123456789材料";
      s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), special);
      const auto text = written([&](JsonWriter& w) { w.value(s); });
      EXPECT_EQ(text, boost::json::serialize(boost::json::value(s))) << at;
      EXPECT_EQ(boost::json::parse(text).as_string(), s) << at;
    }
  }
}

// A default string_view has no data at all: nothing may be copied from it (UBSan checks).
TEST(JsonWriter, EmptyViewsWriteEmptyStrings) {
  const auto text = written([](JsonWriter& w) {
    w.object().field("a", std::string_view{}).key(std::string_view{}).value("").end_object();
  });
  EXPECT_EQ(text, R"({"a":"","":""})");
}

TEST(JsonWriter, WritesTheExtremeIntegersAndInstantsAsTheApiDoes) {
  const auto text = written([](JsonWriter& w) {
    w.array()
        .value(std::numeric_limits<std::int64_t>::min())
        .value(std::numeric_limits<std::int64_t>::max())
        .value(0)
        .value(from_micros(0))
        .end_array();
  });
  EXPECT_EQ(text, "[-9223372036854775808,9223372036854775807,0,\"" +
                      format_instant(from_micros(0)) + "\"]");
}

TEST(JsonWriter, RawTextIsCopiedAsItIs) {
  const auto text =
      written([](JsonWriter& w) { w.array().raw(R"({"k":"v"})").raw("1").end_array(); });
  EXPECT_EQ(text, R"([{"k":"v"},1])");
}

TEST(JsonWriter, TextIsACopyOfWhatIsWrittenSoFar) {
  JsonWriter w(4);
  w.object().field("a", "x");
  EXPECT_EQ(w.text(), R"({"a":"x")");
  w.field("n", std::int64_t{2}).end_object();
  EXPECT_EQ(w.text(), R"({"a":"x","n":2})");
  EXPECT_EQ(std::move(w).take(), R"({"a":"x","n":2})");
}

}  // namespace
}  // namespace tongban
