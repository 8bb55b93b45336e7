#include "core/common/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tongban {
namespace {

TEST(Utf8, WellFormedTextOfEveryLength) {
  EXPECT_TRUE(valid_utf8(""));
  EXPECT_TRUE(valid_utf8("ascii"));
  EXPECT_TRUE(valid_utf8("é"));                 // 2 bytes
  EXPECT_TRUE(valid_utf8("通办"));              // 3 bytes each
  EXPECT_TRUE(valid_utf8("\xF0\x9F\x98\x80"));  // U+1F600, 4 bytes
  EXPECT_EQ(utf8_sequence("通", 0), 3u);
}

TEST(Utf8, MalformedSequencesAreRefused) {
  for (const std::string bad :
       {std::string("\x80"), std::string("\xC3"), std::string("\xC0\xAF"),
        std::string("\xE0\x80\xAF"), std::string("\xED\xA0\x80"), std::string("\xF4\x90\x80\x80"),
        std::string("\xFF"), std::string("ok\xE9\x80")}) {
    EXPECT_FALSE(valid_utf8(bad)) << bad.size();
  }
}

}  // namespace
}  // namespace tongban
