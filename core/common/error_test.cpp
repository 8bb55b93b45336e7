#include "core/common/error.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/common/result.hpp"

namespace tongban {

TEST(ErrorTable, NamesAreUniqueAndRoundTrip) {
  std::set<std::string> names;
  for (int i = 0; i <= static_cast<int>(ErrorCode::Unavailable); ++i) {
    const auto code = static_cast<ErrorCode>(i);
    const auto& info = error_info(code);
    EXPECT_TRUE(names.insert(std::string(info.name)).second) << info.name;
    EXPECT_GE(info.http_status, 400);
    EXPECT_FALSE(info.zh.empty());
    EXPECT_FALSE(info.en.empty());
    ErrorCode back{};
    ASSERT_TRUE(error_code_from_name(info.name, back));
    EXPECT_EQ(back, code);
  }
  ErrorCode unused{};
  EXPECT_FALSE(error_code_from_name("no_such_code", unused));
}

TEST(Result, CarriesValueOrError) {
  Result<int> good = 7;
  Result<int> bad{ErrorCode::InvalidDate, "2026-02-30"};
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 7);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().name(), "invalid_date");
  EXPECT_EQ(error_info(bad.error().code).http_status, 400);
}

}  // namespace tongban
