#include "adapters/files/local_file_store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>

#include "adapters/crypto/key_file.hpp"
#include "adapters/crypto/secret_box.hpp"
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

// The stored form of `id`, as on disk.
std::string on_disk(const LocalFileStore& store, const std::string& id) {
  std::ifstream in(store.path_of(id), std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_on_disk(const LocalFileStore& store, const std::string& id, const std::string& bytes) {
  fs::create_directories(store.path_of(id).parent_path());
  std::ofstream(store.path_of(id), std::ios::binary | std::ios::trunc) << bytes;
}

std::unique_ptr<ports::SecretBox> data_keys(const fs::path& file) {
  auto box = crypto::load_secret_box(file.string());
  if (!box) throw std::runtime_error(box.error().detail);
  return std::move(*box);
}

TEST_F(LocalFileStoreTest, SealedFilesHoldNoClearBytesAndReadBackAsUploaded) {
  CountingScanner scanner;
  const auto box = data_keys(root_ / "keys" / "data.key");
  LocalFileStore store({root_ / "files", 1024, box.get()}, scanner, crypto::sha256_hex);
  auto r = store.put(td::pdf(), "application/pdf", "身份证.pdf");
  ASSERT_TRUE(r.ok()) << r.error().name();
  EXPECT_EQ(r->id, crypto::sha256_hex(td::pdf()));  // the id is still the clear bytes' hash
  EXPECT_EQ(r->size, static_cast<std::int64_t>(td::pdf().size()));
  const auto stored = on_disk(store, r->id);
  EXPECT_TRUE(stored.starts_with(std::string(kSealedMagic) + "k1:"));
  EXPECT_EQ(stored.find("%PDF"), std::string::npos);
  EXPECT_EQ(stored.find("Catalog"), std::string::npos);
  EXPECT_EQ(store.get(r->id), td::pdf());
  // The same bytes again: stored once, still sealed and readable.
  ASSERT_TRUE(store.put(td::pdf(), "", "again.pdf").ok());
  EXPECT_EQ(on_disk(store, r->id), stored);

  // Altered on disk, or opened with other keys: an error, never wrong bytes.
  auto altered = stored;
  altered.back() = static_cast<char>(altered.back() ^ 1);
  write_on_disk(store, r->id, altered);
  EXPECT_THROW((void)store.get(r->id), std::runtime_error);
  write_on_disk(store, r->id, stored);
  const auto other = data_keys(root_ / "keys" / "other.key");
  LocalFileStore foreign({root_ / "files", 1024, other.get()}, scanner, crypto::sha256_hex);
  EXPECT_THROW((void)foreign.get(r->id), std::runtime_error);
  LocalFileStore keyless({root_ / "files", 1024}, scanner, crypto::sha256_hex);
  EXPECT_THROW((void)keyless.get(r->id), std::runtime_error);
  EXPECT_EQ(store.get(r->id), td::pdf());
}

TEST_F(LocalFileStoreTest, SealStoredSealsClearFilesAndReSealsOlderKeysOnly) {
  CountingScanner scanner;
  const auto key_file = root_ / "keys" / "data.key";
  const auto box = data_keys(key_file);
  // Two files stored in clear (before sealing began), one sealed under k1.
  LocalFileStore clear({root_ / "files", 1024}, scanner, crypto::sha256_hex);
  const auto png = clear.put(td::png(), "", "a.png");
  const auto jpeg = clear.put(td::jpeg(), "", "b.jpg");
  LocalFileStore store({root_ / "files", 1024, box.get()}, scanner, crypto::sha256_hex);
  const auto pdf = store.put(td::pdf(), "", "c.pdf");
  ASSERT_TRUE(png.ok() && jpeg.ok() && pdf.ok());
  EXPECT_EQ(store.get(png->id), td::png());  // clear files read as they are
  EXPECT_EQ(on_disk(store, png->id), td::png());
  const auto sealed_pdf = on_disk(store, pdf->id);

  const auto first = store.seal_stored();
  EXPECT_EQ(first.sealed, 2);
  EXPECT_EQ(first.resealed, 0);
  EXPECT_EQ(first.unopened, 0);
  EXPECT_TRUE(on_disk(store, png->id).starts_with(std::string(kSealedMagic) + "k1:"));
  EXPECT_EQ(on_disk(store, pdf->id), sealed_pdf);  // already under the current key: untouched
  EXPECT_EQ(store.get(png->id), td::png());
  EXPECT_EQ(store.get(jpeg->id), td::jpeg());
  EXPECT_EQ(files_on_disk(), 4U);  // three files and the key file: no temporary left behind
  const auto again = store.seal_stored();
  EXPECT_EQ(again.sealed + again.resealed + again.unopened, 0);

  // A rotation: k2 appended; everything is re-sealed under it and still reads.
  std::ofstream(key_file, std::ios::app) << crypto::new_key_line("k2");
  const auto rotated_box = data_keys(key_file);
  LocalFileStore rotated({root_ / "files", 1024, rotated_box.get()}, scanner, crypto::sha256_hex);
  const auto r = rotated.seal_stored();
  EXPECT_EQ(r.resealed, 3);
  EXPECT_EQ(r.sealed, 0);
  for (const auto& [id, bytes] : {std::pair{png->id, td::png()}, std::pair{jpeg->id, td::jpeg()},
                                  std::pair{pdf->id, td::pdf()}}) {
    EXPECT_TRUE(on_disk(rotated, id).starts_with(std::string(kSealedMagic) + "k2:"));
    EXPECT_EQ(rotated.get(id), bytes);
  }

  // A file sealed under a key the file no longer holds is counted, and left as it is.
  const auto other = data_keys(root_ / "keys" / "other.key");
  LocalFileStore foreign({root_ / "files", 1024, other.get()}, scanner, crypto::sha256_hex);
  const auto lost = foreign.seal_stored();
  EXPECT_EQ(lost.unopened, 3);
  EXPECT_EQ(rotated.get(pdf->id), td::pdf());
}

}  // namespace
}  // namespace tongban::files
