#include "core/bundles/library.hpp"

#include <gtest/gtest.h>

namespace tongban::bundles {
namespace {

UnifiedDocument doc(std::string key) {
  UnifiedDocument d;
  d.key = std::move(key);
  d.name = d.key;
  return d;
}

OnFileCandidate candidate(std::string key, OnFileOrigin o, std::int64_t ref, int day,
                          std::optional<Date> until = std::nullopt) {
  OnFileCandidate c;
  c.document_key = std::move(key);
  c.origin = o;
  c.ref = ref;
  c.file_id = "f" + std::to_string(ref);
  c.valid_until = until;
  c.at = Instant{} + std::chrono::days(day);
  return c;
}

TEST(DocumentsOnFile, TheNewestValidOneFromAnyEarlierApplication) {
  const auto today = *parse_date("2026-03-10");
  const std::vector<UnifiedDocument> docs = {doc("营业执照"), doc("施工合同"), doc("户口簿"),
                                             doc("授权委托书")};
  const std::vector<OnFileCandidate> cs = {
      candidate("营业执照", OnFileOrigin::Library, 1, 1, *parse_date("2027-01-01")),
      // A later ordinary case handed in a newer licence: it wins.
      candidate("营业执照", OnFileOrigin::Case, 40, 5),
      // Valid through today (the day counts) vs an older entry without expiry.
      candidate("施工合同", OnFileOrigin::Library, 2, 2),
      candidate("施工合同", OnFileOrigin::Library, 3, 3, today),
      // Only an expired one: shown as expired, to be handed in anew.
      candidate("户口簿", OnFileOrigin::Library, 4, 4, *parse_date("2026-03-09")),
  };
  const auto out = documents_on_file(docs, cs, today);
  ASSERT_EQ(out.size(), 4u);
  ASSERT_TRUE(out[0].valid);
  EXPECT_EQ(out[0].valid->origin, OnFileOrigin::Case);
  EXPECT_EQ(out[0].valid->ref, 40);
  EXPECT_EQ(out[1].valid->ref, 3);
  EXPECT_FALSE(out[1].expired);
  EXPECT_FALSE(out[2].valid);
  ASSERT_TRUE(out[2].expired);
  EXPECT_EQ(out[2].expired->ref, 4);
  EXPECT_FALSE(out[3].valid);
  EXPECT_FALSE(out[3].expired);
  // The day after, the contract's newest entry has expired: the older one without expiry wins.
  EXPECT_EQ(documents_on_file(docs, cs, *parse_date("2026-03-11"))[1].valid->ref, 2);
}

}  // namespace
}  // namespace tongban::bundles
