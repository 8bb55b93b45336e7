#include "adapters/crypto/blind_index.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "adapters/crypto/key_file.hpp"

namespace tongban::crypto {
namespace {

struct TempDir {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("tongban-blind-index-" + std::to_string(::getpid()) + "-" +
                                std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() { std::filesystem::remove_all(path); }
};

// "Jefe" zero-padded to 32 bytes (RFC 4231 case 2's key; HMAC pads short keys with zeros).
constexpr const char* kJefe = "4a65666500000000000000000000000000000000000000000000000000000000";

TEST(BlindIndex, IsHmacSha256OfPurposeZeroValue) {
  TempDir d;
  const auto file = d.path / "index.key";
  std::ofstream(file) << "k1 " << kJefe << "\n";
  auto index = load_blind_index(file.string());
  ASSERT_TRUE(index) << index.error().detail;
  // python3: hmac.new(key, b"id_number\0450102198001010015", sha256).hexdigest()
  EXPECT_EQ((*index)->index("id_number", "450102198001010015"),
            "6add59b783ba4c933a601110b8ff4cb337a3982cd2fbe9ab10bb93ced11207df");
  EXPECT_NE((*index)->index("phone", "450102198001010015"),
            (*index)->index("id_number", "450102198001010015"));
}

TEST(BlindIndex, AMissingFileGetsOneFreshKeyThatStays) {
  TempDir d;
  const auto file = d.path / "sub" / "index.key";
  auto first = load_blind_index(file.string());
  ASSERT_TRUE(first) << first.error().detail;
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto again = load_blind_index(file.string());
  ASSERT_TRUE(again) << again.error().detail;
  EXPECT_EQ((*first)->index("id_number", "x"), (*again)->index("id_number", "x"));
  auto other = load_blind_index((d.path / "other.key").string());
  ASSERT_TRUE(other) << other.error().detail;
  EXPECT_NE((*first)->index("id_number", "x"), (*other)->index("id_number", "x"));
}

TEST(BlindIndex, ASecondKeyIsRefused) {
  TempDir d;
  const auto file = d.path / "index.key";
  std::ofstream(file) << "k1 " << kJefe << "\n" << new_key_line("k2");
  auto index = load_blind_index(file.string());
  ASSERT_FALSE(index);
  EXPECT_EQ(index.error().code, ErrorCode::InvalidArgument);
}

}  // namespace
}  // namespace tongban::crypto
