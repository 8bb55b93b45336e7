// The second factor's primitives against the RFCs' own vectors, with the real HMAC-SHA1, and
// the data keys' secret box.
#include <gtest/gtest.h>

#include <filesystem>

#include <unistd.h>

#include <fstream>

#include "adapters/crypto/key_file.hpp"
#include "adapters/crypto/secret_box.hpp"
#include "adapters/crypto/sodium.hpp"
#include "core/identity/totp.hpp"

namespace tongban::crypto {
namespace {

namespace totp = identity::totp;

TEST(HmacSha1, MatchesRfc2202) {
  // RFC 2202 test case 2
  const std::string mac = hmac_sha1("Jefe", "what do ya want for nothing?");
  std::string hex;
  for (const unsigned char c : mac) {
    static constexpr std::string_view kHex = "0123456789abcdef";
    hex += kHex[c >> 4U];
    hex += kHex[c & 0xFU];
  }
  EXPECT_EQ(hex, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}

// RFC 4226 Appendix D: the secret "12345678901234567890", counters 0..9.
TEST(Hotp, MatchesRfc4226AppendixD) {
  const std::string key = "12345678901234567890";
  const std::array<std::string_view, 10> expected = {"755224", "287082", "359152", "969429",
                                                     "338314", "254676", "287922", "162583",
                                                     "399871", "520489"};
  for (std::uint64_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(totp::hotp(hmac_sha1, key, i), expected[i]) << "counter " << i;
  }
}

// RFC 6238 Appendix B, SHA-1 rows (8 digits).
TEST(Totp, MatchesRfc6238AppendixB) {
  const std::string key = "12345678901234567890";
  const std::array<std::pair<std::int64_t, std::string_view>, 6> rows = {{
      {59, "94287082"},
      {1111111109, "07081804"},
      {1111111111, "14050471"},
      {1234567890, "89005924"},
      {2000000000, "69279037"},
      {20000000000, "65353130"},
  }};
  for (const auto& [t, code] : rows) {
    EXPECT_EQ(totp::hotp(hmac_sha1, key, static_cast<std::uint64_t>(totp::step_at(t)), 8), code)
        << "T=" << t;
  }
  // and the six-digit form accepted by match() at that time
  EXPECT_EQ(totp::match(hmac_sha1, key, "287082", 59, std::nullopt), 1);
}

class SecretBoxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tongban-secretbox-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(SecretBoxTest, SealsOpensAndRefusesTamperingAndForeignKeys) {
  const auto path = (dir_ / "data.key").string();
  auto box = load_secret_box(path);
  ASSERT_TRUE(box.ok());
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  const std::string sealed = (*box)->seal("JBSWY3DPEHPK3PXP");
  EXPECT_EQ(sealed.rfind("k1:", 0), 0U);
  EXPECT_EQ(sealed.find("JBSWY3DPEHPK3PXP"), std::string::npos);
  EXPECT_NE((*box)->seal("JBSWY3DPEHPK3PXP"), sealed);  // a fresh nonce each time
  EXPECT_EQ((*box)->open(sealed), "JBSWY3DPEHPK3PXP");

  std::string altered = sealed;
  altered[altered.size() - 2] = altered[altered.size() - 2] == 'A' ? 'B' : 'A';
  EXPECT_EQ((*box)->open(altered), std::nullopt);
  EXPECT_EQ((*box)->open("k9:" + sealed.substr(3)), std::nullopt);
  EXPECT_EQ((*box)->open("no colon"), std::nullopt);

  // Another key file cannot open it; after rotation (a line appended) the old value opens.
  auto other = load_secret_box((dir_ / "other.key").string());
  ASSERT_TRUE(other.ok());
  EXPECT_EQ((*other)->open(sealed), std::nullopt);
  {
    std::ofstream out(path, std::ios::app);
    out << new_key_line("k2");
  }
  auto rotated = load_secret_box(path);
  ASSERT_TRUE(rotated.ok());
  EXPECT_EQ((*rotated)->open(sealed), "JBSWY3DPEHPK3PXP");
  EXPECT_EQ((*rotated)->seal("x").rfind("k2:", 0), 0U);
  EXPECT_EQ((*rotated)->current_key_id(), "k2");
}

TEST_F(SecretBoxTest, SealsBytesAsBytesAndOpensThemUnderTheKeyNamed) {
  const auto path = (dir_ / "data.key").string();
  auto box = load_secret_box(path);
  ASSERT_TRUE(box.ok());
  EXPECT_EQ((*box)->current_key_id(), "k1");
  std::string plain = "%PDF-1.7";
  plain.push_back('\0');
  plain += std::string(1000, '\xff');
  const auto sealed = (*box)->seal_bytes(plain);
  EXPECT_EQ(sealed.rfind("k1:", 0), 0U);
  EXPECT_EQ(sealed.size(), plain.size() + 3 + 24 + 16);  // "k1:", nonce, MAC: no base64
  EXPECT_EQ(sealed.find("%PDF"), std::string::npos);
  EXPECT_EQ((*box)->open_bytes(sealed), plain);
  EXPECT_EQ((*box)->open(sealed), std::nullopt);  // text and bytes do not mix
  EXPECT_EQ((*box)->open_bytes((*box)->seal("x")), std::nullopt);

  std::string altered = sealed;
  altered[100] = static_cast<char>(altered[100] ^ 1);
  EXPECT_EQ((*box)->open_bytes(altered), std::nullopt);
  EXPECT_EQ((*box)->open_bytes(sealed.substr(0, 3 + 24 + 15)), std::nullopt);  // cut short
  EXPECT_EQ((*box)->open_bytes(plain), std::nullopt);                          // never sealed
  EXPECT_EQ((*box)->open_bytes(std::string(17, 'k') + ":" + sealed.substr(3)), std::nullopt);

  {
    std::ofstream out(path, std::ios::app);
    out << new_key_line("k2");
  }
  auto rotated = load_secret_box(path);
  ASSERT_TRUE(rotated.ok());
  EXPECT_EQ((*rotated)->open_bytes(sealed), plain);
  EXPECT_EQ((*rotated)->seal_bytes("x").rfind("k2:", 0), 0U);
}

}  // namespace
}  // namespace tongban::crypto
