#include "adapters/files/local_file_store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <random>

#include "adapters/crypto/sodium.hpp"
#include "adapters/files/test_files.hpp"

namespace tongban::files {
namespace {

namespace fs = std::filesystem;
namespace td = testdata;

class CountingScanner final : public ports::FileScanner {
 public:
  explicit CountingScanner(bool reject = false) : reject_(reject) {}
  Status scan(std::string_view) override {
    ++calls;
    if (reject_) return Error{ErrorCode::FileRejected, "test double"};
    return ok_status();
  }
  std::atomic<int> calls{0};

 private:
  bool reject_;
};

class LocalFileStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    root_ = fs::temp_directory_path() /
            ("tongban-files-" + std::to_string(rd()) + std::to_string(rd()));
  }
  void TearDown() override { fs::remove_all(root_); }
  [[nodiscard]] std::size_t files_on_disk() const {
    std::size_t n = 0;
    if (!fs::exists(root_)) return 0;
    for (const auto& e : fs::recursive_directory_iterator(root_)) n += e.is_regular_file() ? 1 : 0;
    return n;
  }
  fs::path root_;
};

TEST_F(LocalFileStoreTest, StoresByContentHashShardedByItsFirstTwoCharacters) {
  CountingScanner scanner;
  LocalFileStore store({root_, 1024}, scanner, crypto::sha256_hex);
  auto r = store.put(td::pdf(), "application/pdf", "申请表.pdf");
  ASSERT_TRUE(r.ok()) << r.error().name();
  EXPECT_EQ(r->id, crypto::sha256_hex(td::pdf()));
  EXPECT_EQ(r->size, static_cast<std::int64_t>(td::pdf().size()));
  EXPECT_EQ(r->content_type, "application/pdf");
  EXPECT_EQ(r->original_name, "申请表.pdf");
  EXPECT_TRUE(fs::is_regular_file(root_ / r->id.substr(0, 2) / r->id));
  EXPECT_TRUE(store.exists(r->id));
  EXPECT_EQ(store.get(r->id), td::pdf());
  EXPECT_EQ(scanner.calls, 1);
}

TEST_F(LocalFileStoreTest, SameBytesTwiceAreStoredOnce) {
  CountingScanner scanner;
  LocalFileStore store({root_, 1024}, scanner, crypto::sha256_hex);
  auto a = store.put(td::png(), "image/png", "a.png");
  auto b = store.put(td::png(), "", "b.png");
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->id, b->id);
  EXPECT_EQ(b->original_name, "b.png");
  EXPECT_EQ(files_on_disk(), 1u);  // no temporary file left behind either
}

TEST_F(LocalFileStoreTest, RejectedUploadsWriteNothing) {
  CountingScanner scanner;
  LocalFileStore store({root_, 64}, scanner, crypto::sha256_hex);
  EXPECT_EQ(store.put(td::elf(), "", "x").error().code, ErrorCode::FileTypeForbidden);
  EXPECT_EQ(store.put(td::png(), "application/pdf", "x").error().code, ErrorCode::FileTypeMismatch);
  EXPECT_EQ(store.put(std::string(65, '%'), "", "x").error().code, ErrorCode::PayloadTooLarge);
  EXPECT_EQ(store.put("", "", "x").error().code, ErrorCode::ValidationFailed);
  EXPECT_EQ(files_on_disk(), 0u);
  EXPECT_EQ(scanner.calls, 0);  // checks by content come before the scanner
}

TEST_F(LocalFileStoreTest, ScannerSeesTheBytesBeforeAnythingIsStored) {
  CountingScanner scanner(/*reject=*/true);
  LocalFileStore store({root_, 1024}, scanner, crypto::sha256_hex);
  auto r = store.put(td::jpeg(), "image/jpeg", "x.jpg");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::FileRejected);
  EXPECT_EQ(scanner.calls, 1);
  EXPECT_EQ(files_on_disk(), 0u);
  EXPECT_FALSE(store.exists(crypto::sha256_hex(td::jpeg())));
}

TEST_F(LocalFileStoreTest, IdsThatAreNotHashesNeverBecomePaths) {
  CountingScanner scanner;
  LocalFileStore store({root_, 1024}, scanner, crypto::sha256_hex);
  auto r = store.put(td::pdf(), "", "a.pdf");
  ASSERT_TRUE(r.ok());
  std::string upper = r->id;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_FALSE(store.get(upper));
  EXPECT_FALSE(store.get("../" + r->id.substr(3)));
  EXPECT_FALSE(store.get(""));
  EXPECT_FALSE(store.exists(r->id.substr(1)));
  EXPECT_FALSE(store.get(std::string(64, 'a')));
}

}  // namespace
}  // namespace tongban::files
