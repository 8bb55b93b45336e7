#include "core/identity/totp.hpp"

#include <gtest/gtest.h>

namespace tongban::identity::totp {
namespace {

// RFC 4648 §10 test vectors (without padding).
TEST(Base32, EncodesTheRfc4648Vectors) {
  EXPECT_EQ(base32_encode(""), "");
  EXPECT_EQ(base32_encode("f"), "MY");
  EXPECT_EQ(base32_encode("fo"), "MZXQ");
  EXPECT_EQ(base32_encode("foo"), "MZXW6");
  EXPECT_EQ(base32_encode("foob"), "MZXW6YQ");
  EXPECT_EQ(base32_encode("fooba"), "MZXW6YTB");
  EXPECT_EQ(base32_encode("foobar"), "MZXW6YTBOI");
}

TEST(Base32, DecodesWhatItEncodesInAnyCaseWithPaddingAndSpaces) {
  EXPECT_EQ(base32_decode("MZXW6YTBOI======"), "foobar");
  EXPECT_EQ(base32_decode("mzxw 6ytb oi"), "foobar");
  EXPECT_EQ(base32_decode("MZXW6YQ"), "foob");
  const std::string secret = "12345678901234567890";
  EXPECT_EQ(base32_decode(base32_encode(secret)), secret);
}

TEST(Base32, RefusesForeignCharactersAndImpossibleLengths) {
  EXPECT_EQ(base32_decode("MZXW1"), std::nullopt);  // '1' is not in the alphabet
  EXPECT_EQ(base32_decode("M"), std::nullopt);      // 5 bits: never a whole byte
  EXPECT_EQ(base32_decode("MZX"), std::nullopt);
  EXPECT_EQ(base32_decode("MZ"), std::nullopt);  // "MY" is "f"; Z leaves non-zero bits
}

// A stand-in MAC whose last byte selects offset 0: the truncation reads bytes 0..3.
std::string fixed_mac(std::string_view, std::string_view message) {
  std::string mac(20, '\0');
  mac[0] = static_cast<char>(0x80 | 0x12);  // the top bit is masked off
  mac[1] = 0x34;
  mac[2] = 0x56;
  mac[3] = static_cast<char>(message.back());
  return mac;
}

TEST(Hotp, TruncatesDynamicallyAndPadsWithZeros) {
  // 0x12345601 = 305419777 → last six digits 419777
  EXPECT_EQ(hotp(fixed_mac, "k", 1), "419777");
  // eight digits keep the leading ones
  EXPECT_EQ(hotp(fixed_mac, "k", 1, 8), "05419777");
}

TEST(Totp, StepsAreThirtySeconds) {
  EXPECT_EQ(step_at(0), 0);
  EXPECT_EQ(step_at(29), 0);
  EXPECT_EQ(step_at(30), 1);
  EXPECT_EQ(step_at(59), 1);
  EXPECT_EQ(step_at(-1), -1);
}

// A MAC that encodes the counter so each step has a distinct, predictable code.
std::string counter_mac(std::string_view, std::string_view message) {
  std::string mac(20, '\0');
  for (std::size_t i = 0; i < 4; ++i) mac[i] = message[4 + i];
  return mac;
}

TEST(Totp, MatchesTheCurrentAndNeighbouringStepsOnce) {
  const std::int64_t t = 30 * 1000 + 7;  // step 1000
  const auto code = [](std::int64_t step) {
    return hotp(counter_mac, "k", static_cast<std::uint64_t>(step));
  };
  EXPECT_EQ(match(counter_mac, "k", code(1000), t, std::nullopt), 1000);
  EXPECT_EQ(match(counter_mac, "k", code(999), t, std::nullopt), 999);
  EXPECT_EQ(match(counter_mac, "k", code(1001), t, std::nullopt), 1001);
  EXPECT_EQ(match(counter_mac, "k", code(998), t, std::nullopt), std::nullopt);
  EXPECT_EQ(match(counter_mac, "k", code(1002), t, std::nullopt), std::nullopt);
  // replay: a step at or before the last used one is refused
  EXPECT_EQ(match(counter_mac, "k", code(1000), t, 1000), std::nullopt);
  EXPECT_EQ(match(counter_mac, "k", code(1001), t, 1000), 1001);
  // not six digits
  EXPECT_EQ(match(counter_mac, "k", "12345", t, std::nullopt), std::nullopt);
  EXPECT_EQ(match(counter_mac, "k", "12345a", t, std::nullopt), std::nullopt);
}

TEST(Totp, OtpauthUriCarriesTheParametersAndEncodesNames) {
  EXPECT_EQ(otpauth_uri("通办", "admin@x", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/%E9%80%9A%E5%8A%9E:admin%40x?secret=JBSWY3DPEHPK3PXP"
            "&issuer=%E9%80%9A%E5%8A%9E&algorithm=SHA1&digits=6&period=30");
}

TEST(RecoveryCodes, AreTwoGroupsOfFiveAndNormaliseForComparison) {
  const std::string code = recovery_code("\x01\x02\x03\x04\x05\x06\x07");
  EXPECT_EQ(code, "aebag-bafay");  // base32 AEBAGBAFAYDQ, first ten, lower case
  EXPECT_EQ(normalise_recovery_code(" AEBAG-BAFAY "), "aebagbafay");
  EXPECT_EQ(normalise_recovery_code(code).size(), 10U);
}

}  // namespace
}  // namespace tongban::identity::totp
