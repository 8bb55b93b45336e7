#include "adapters/http/message.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace tongban::http {
namespace {

std::optional<std::string> preference(std::optional<std::string> prefer, std::string_view name) {
  HttpRequest req;
  if (prefer) req.headers["Prefer"] = std::move(*prefer);
  return req.preference(name);
}

TEST(PreferenceTest, ReadsTheNamedPreference) {
  EXPECT_EQ(preference("return=minimal", "return"), "minimal");
  EXPECT_EQ(preference("respond-async, return=representation", "return"), "representation");
  EXPECT_EQ(preference("respond-async, wait=10", "respond-async"), "");
  EXPECT_EQ(preference("wait=10", "wait"), "10");
}

TEST(PreferenceTest, NamesIgnoreCaseAndSpacesAroundTheEqualsSign) {
  EXPECT_EQ(preference("Return = minimal", "return"), "minimal");
  EXPECT_EQ(preference("  RETURN=minimal  ", "return"), "minimal");
  EXPECT_EQ(preference("return=minimal", "RETURN"), "minimal");
}

TEST(PreferenceTest, QuotedValuesAndParameters) {
  EXPECT_EQ(preference("return=\"minimal\"", "return"), "minimal");
  EXPECT_EQ(preference("foo=\"a,b;c\", return=minimal", "return"), "minimal");
  EXPECT_EQ(preference("foo=\"a,b;c\"", "foo"), "a,b;c");
  EXPECT_EQ(preference("foo=\"a\\\"b\"", "foo"), "a\"b");
  EXPECT_EQ(preference("return=minimal; foo=bar", "return"), "minimal");
  EXPECT_EQ(preference("handling=lenient; return=minimal", "return"), std::nullopt)
      << "a parameter of another preference is not a preference";
}

TEST(PreferenceTest, TheFirstOneCounts) {
  EXPECT_EQ(preference("return=representation, return=minimal", "return"), "representation");
}

TEST(PreferenceTest, AbsentOrMalformedIsNotAskedFor) {
  EXPECT_EQ(preference(std::nullopt, "return"), std::nullopt);
  EXPECT_EQ(preference("", "return"), std::nullopt);
  EXPECT_EQ(preference(",,;", "return"), std::nullopt);
  EXPECT_EQ(preference("returns=minimal", "return"), std::nullopt);
  EXPECT_EQ(preference("minimal", "return"), std::nullopt);
  EXPECT_EQ(preference("return", "return"), "");
  EXPECT_EQ(preference("return=\"minimal", "return"), "\"minimal") << "an unclosed quote";
}

}  // namespace
}  // namespace tongban::http
