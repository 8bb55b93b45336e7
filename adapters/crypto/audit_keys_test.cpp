#include "adapters/crypto/audit_keys.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

namespace tongban::crypto {
namespace {

struct TempDir {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("tongban-audit-keys-" + std::to_string(::getpid()) + "-" +
                                std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() { std::filesystem::remove_all(path); }
};

void write(const std::filesystem::path& p, const std::string& text) { std::ofstream(p) << text; }

// RFC 4231 test case 2 ("Jefe"), with the key zero-padded to 32 bytes as libsodium's
// HMAC-SHA256 takes a 32-byte key: the MAC of "what do ya want for nothing?" under
// "Jefe" followed by 28 zero bytes equals the one under "Jefe" (HMAC pads short keys).
constexpr const char* kJefe = "4a65666500000000000000000000000000000000000000000000000000000000";

TEST(AuditKeys, AMissingFileGetsOneFreshPrivateKey) {
  TempDir d;
  const auto file = d.path / "sub" / "audit.key";
  auto ring = load_audit_keyring(file.string());
  ASSERT_TRUE(ring) << ring.error().detail;
  EXPECT_EQ(ring->current, "k1");
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  // Read again: the same key, so the same MAC.
  auto again = load_audit_keyring(file.string());
  ASSERT_TRUE(again);
  EXPECT_EQ(*ring->mac("k1", "x"), *again->mac("k1", "x"));
  EXPECT_EQ(ring->mac("k1", "x")->size(), 64u);
  EXPECT_FALSE(ring->mac("k2", "x"));
}

TEST(AuditKeys, InstancesStartingTogetherAgreeOnTheKey) {
  TempDir d;
  const auto file = (d.path / "audit.key").string();
  std::vector<std::string> macs(8);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < macs.size(); ++i) {
    threads.emplace_back([&, i] {
      auto ring = load_audit_keyring(file);
      macs[i] = ring ? *ring->mac(ring->current, "x") : "error";
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& m : macs) EXPECT_EQ(m, macs[0]);
  EXPECT_NE(macs[0], "error");
}

TEST(AuditKeys, TheLastKeySealsTheEarlierOnesStillVerify) {
  TempDir d;
  const auto file = d.path / "audit.key";
  write(file, std::string("# rotated in June\nold ") + kJefe + "\n\n" + new_audit_key_line("new"));
  auto ring = load_audit_keyring(file.string());
  ASSERT_TRUE(ring) << ring.error().detail;
  EXPECT_EQ(ring->current, "new");
  EXPECT_EQ(*ring->mac("old", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(AuditKeys, MalformedLinesAreRefusedNamingTheLine) {
  TempDir d;
  const auto file = d.path / "audit.key";
  for (const std::string& bad : std::vector<std::string>{
           "k1 abcd\n", "k1\n", std::string("k1 ") + std::string(64, 'g') + "\n",
           std::string("k1 ") + std::string(64, 'a') + " extra\n",
           std::string("k/1 ") + std::string(64, 'a') + "\n", "# only\n"}) {
    write(file, bad);
    auto ring = load_audit_keyring(file.string());
    ASSERT_FALSE(ring) << bad;
    EXPECT_EQ(ring.error().code, ErrorCode::InvalidArgument) << bad;
  }
  write(file, "\n\nk1 zz\n");
  EXPECT_NE(load_audit_keyring(file.string()).error().detail.find(":3:"), std::string::npos);
}

}  // namespace
}  // namespace tongban::crypto
