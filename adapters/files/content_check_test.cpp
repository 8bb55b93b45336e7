#include "adapters/files/content_check.hpp"

#include <gtest/gtest.h>

#include "adapters/files/test_files.hpp"
#include "ports/file_store.hpp"

namespace tongban::files {
namespace {

namespace td = testdata;

TEST(SniffContentType, RecognisesTheFourAllowedTypesByTheirBytes) {
  EXPECT_EQ(sniff_content_type(td::pdf()), ports::kContentTypePdf);
  EXPECT_EQ(sniff_content_type(td::png()), ports::kContentTypePng);
  EXPECT_EQ(sniff_content_type(td::jpeg()), ports::kContentTypeJpeg);
  EXPECT_EQ(sniff_content_type(td::ofd()), ports::kContentTypeOfd);
}

TEST(SniffContentType, RejectsExecutablesOtherZipsAndTruncatedSignatures) {
  EXPECT_FALSE(sniff_content_type(td::elf()));
  EXPECT_FALSE(sniff_content_type(td::exe()));
  EXPECT_FALSE(sniff_content_type(td::zip_with_first_entry("word/document.xml")));
  EXPECT_FALSE(sniff_content_type(td::zip_with_first_entry("OFD.xml.exe")));
  EXPECT_FALSE(sniff_content_type(td::ofd().substr(0, 33)));  // name cut short
  EXPECT_FALSE(sniff_content_type(td::png().substr(0, 7)));
  EXPECT_FALSE(sniff_content_type("%PD"));
  EXPECT_FALSE(sniff_content_type(""));
  EXPECT_FALSE(sniff_content_type("just text that claims to be a PDF"));
}

TEST(CanonicalDeclaredType, NormalisesAliasesParametersAndCase) {
  EXPECT_EQ(canonical_declared_type("Image/JPG; q=1"), "image/jpeg");
  EXPECT_EQ(canonical_declared_type(" application/pdf "), "application/pdf");
  EXPECT_EQ(canonical_declared_type("application/x-pdf"), "application/pdf");
  EXPECT_EQ(canonical_declared_type("application/vnd.ofd"), "application/ofd");
  EXPECT_EQ(canonical_declared_type(""), "");
  EXPECT_EQ(canonical_declared_type("application/octet-stream"), "");
  EXPECT_EQ(canonical_declared_type("text/plain"), "text/plain");
}

TEST(CheckUpload, AcceptsMatchingOrUnclaimedTypes) {
  auto r = check_upload(td::png(), "image/png", "证件照.png", 1000);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->content_type, "image/png");
  EXPECT_EQ(r->original_name, "证件照.png");
  EXPECT_TRUE(check_upload(td::pdf(), "", "a.pdf", 1000).ok());
  EXPECT_TRUE(check_upload(td::pdf(), "application/octet-stream", "a.bin", 1000).ok());
}

TEST(CheckUpload, PngDeclaredAsPdfIsAMismatch) {
  auto r = check_upload(td::png(), "application/pdf", "scan.pdf", 1000);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::FileTypeMismatch);
  EXPECT_EQ(error_info(r.error().code).http_status, 415);
}

TEST(CheckUpload, ContentDecidesNotTheDeclaredTypeOrName) {
  for (const auto& bytes : {td::elf(), td::exe(), td::zip_with_first_entry("mimetype")}) {
    auto r = check_upload(bytes, "application/pdf", "harmless.pdf", 1000);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::FileTypeForbidden);
  }
}

TEST(CheckUpload, EmptyFileIsInvalid) {
  auto r = check_upload("", "application/pdf", "a.pdf", 1000);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::ValidationFailed);
}

TEST(CheckUpload, SizeLimitIsInclusive) {
  std::string at_limit = td::pdf();
  at_limit.resize(512, ' ');
  EXPECT_TRUE(check_upload(at_limit, "application/pdf", "a.pdf", 512).ok());
  auto over = check_upload(at_limit + " ", "application/pdf", "a.pdf", 512);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, ErrorCode::PayloadTooLarge);
  // The size check comes before the type check: a huge executable is 413, not 415.
  std::string big_elf = td::elf();
  big_elf.resize(513, '\0');
  EXPECT_EQ(check_upload(big_elf, "", "x", 512).error().code, ErrorCode::PayloadTooLarge);
}

TEST(CheckUpload, DefaultLimitIsFiveMebibytes) {
  std::string at_limit = td::pdf();
  at_limit.resize(kDefaultMaxUploadBytes, ' ');
  EXPECT_TRUE(check_upload(at_limit, "", "a.pdf", kDefaultMaxUploadBytes).ok());
  at_limit.push_back(' ');
  EXPECT_EQ(check_upload(at_limit, "", "a.pdf", kDefaultMaxUploadBytes).error().code,
            ErrorCode::PayloadTooLarge);
}

TEST(CleanOriginalName, KeepsTheLastComponentWithoutControlCharacters) {
  EXPECT_EQ(*clean_original_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(*clean_original_name("C:\\Users\\张三\\营业执照.pdf"), "营业执照.pdf");
  EXPECT_EQ(*clean_original_name("a\r\nb.pdf"), "ab.pdf");
  EXPECT_EQ(*clean_original_name(""), "file");
  EXPECT_EQ(*clean_original_name("dir/.."), "file");
}

TEST(CleanOriginalName, CutsLongNamesAtACharacterBoundary) {
  std::string name;
  for (int i = 0; i < 100; ++i) name += "证";  // 3 bytes each
  auto r = clean_original_name(name);
  ASSERT_TRUE(r.ok());
  EXPECT_LE(r->size(), kMaxOriginalNameBytes);
  EXPECT_EQ(r->size() % 3, 0u);
}

TEST(CleanOriginalName, RejectsInvalidUtf8) {
  for (const std::string& bad : {std::string("\xC0\xAF.pdf"), std::string("\xED\xA0\x80"),
                                 std::string("a\xE4\xB8"), std::string("\xFF")}) {
    auto r = clean_original_name(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::ValidationFailed);
    EXPECT_EQ(r.error().field, "original_name");
  }
}

}  // namespace
}  // namespace tongban::files
