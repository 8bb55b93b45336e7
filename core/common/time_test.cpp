#include "core/common/time.hpp"

#include <gtest/gtest.h>

namespace tongban {

TEST(Date, ParsesAndFormatsRoundTrip) {
  auto d = parse_date("2026-11-26");
  ASSERT_TRUE(d);
  EXPECT_EQ(format_date(*d), "2026-11-26");
}

TEST(Date, RejectsImpossibleAndMalformedDates) {
  EXPECT_FALSE(parse_date("2026-02-30"));
  EXPECT_FALSE(parse_date("2026-13-01"));
  EXPECT_FALSE(parse_date("2026-1-01"));
  EXPECT_FALSE(parse_date("2026/01/01"));
  EXPECT_FALSE(parse_date("+026-01-01"));
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_FALSE(parse_date("2025-02-29"));
}

TEST(Instant, ParsesOffsetsIntoUtc) {
  auto a = parse_instant("2026-11-26T16:00:00+08:00");
  auto b = parse_instant("2026-11-26T08:00:00Z");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(format_instant(*a), "2026-11-26T08:00:00.000Z");
  auto c = parse_instant("2026-11-26T08:00:00.123456Z");
  ASSERT_TRUE(c);
  EXPECT_EQ(to_micros(*c) % 1000000, 123456);
  EXPECT_FALSE(parse_instant("2026-11-26T24:00:00Z"));
  EXPECT_FALSE(parse_instant("2026-11-26T08:00:00"));
}

TEST(Instant, FormatsEveryFieldZeroPadded) {
  for (const char* text : {"2026-01-02T03:04:05.678Z", "0999-12-31T23:59:59.999Z",
                           "1970-01-01T00:00:00.000Z", "9999-12-31T00:00:00.001Z"}) {
    auto t = parse_instant(text);
    ASSERT_TRUE(t) << text;
    EXPECT_EQ(format_instant(*t), text);
  }
  EXPECT_EQ(format_date(*parse_date("0007-03-09")), "0007-03-09");
}

}  // namespace tongban
