#include "adapters/crypto/sodium.hpp"

#include <gtest/gtest.h>

namespace tongban::crypto {

TEST(Sha256, MatchesKnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Argon2Hasher, VerifiesOnlyTheRightPassword) {
  Argon2Hasher h(/*fast=*/true);
  const auto stored = h.hash("Tongban@2026");
  EXPECT_EQ(stored.rfind("$argon2id$", 0), 0U);
  EXPECT_TRUE(h.verify(stored, "Tongban@2026"));
  EXPECT_FALSE(h.verify(stored, "Tongban@2027"));
  EXPECT_FALSE(h.verify("not a hash", "Tongban@2026"));
  EXPECT_NE(h.hash("same"), h.hash("same"));  // salted
}

TEST(SodiumRandom, TokensAreUrlSafeAndDistinct) {
  SodiumRandom r;
  const auto a = r.token(32);
  const auto b = r.token(32);
  EXPECT_EQ(a.size(), 43U);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
}

}  // namespace tongban::crypto
