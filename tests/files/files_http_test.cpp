// POST /api/v1/files and GET /api/v1/files/{id} on both databases.
#include <gtest/gtest.h>

#include <fstream>

#include "adapters/crypto/sodium.hpp"
#include "adapters/files/local_file_store.hpp"
#include "adapters/files/test_files.hpp"
#include "tests/files/files_server.hpp"
#include "tests/http/cli_runner.hpp"

namespace tongban::testing {
namespace {

namespace td = files::testdata;

using FilesHttpTest = FilesTest;

HttpResult upload(HttpClient& c, const std::string& bytes, const std::string& type,
                  const std::string& encoded_name = "") {
  HeaderList h{{"Content-Type", type}};
  if (!encoded_name.empty()) h.emplace_back("X-File-Name", encoded_name);
  return c.send("POST", "/api/v1/files", bytes, h);
}

TEST_P(FilesHttpTest, SameBytesGetTheSameIdAndAreStoredOnce) {
  auto c = server().client_as("citizen");
  auto a = upload(*c, td::png(), "image/png", url_encode("证件照.png"));
  ASSERT_EQ(a.status, 201) << a.body;
  auto b = upload(*c, td::png(), "image/png", "again.png");
  ASSERT_EQ(b.status, 201) << b.body;
  const auto id = std::string(a.json().at("id").as_string());
  EXPECT_EQ(id, crypto::sha256_hex(td::png()));
  EXPECT_EQ(b.json().at("id").as_string(), id);
  EXPECT_EQ(a.json().at("size").as_int64(), static_cast<std::int64_t>(td::png().size()));
  EXPECT_EQ(a.json().at("content_type").as_string(), "image/png");
  EXPECT_EQ(a.json().at("original_name").as_string(), "证件照.png");
  EXPECT_EQ(b.json().at("original_name").as_string(), "证件照.png");  // the first name stays
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM files WHERE id = ?", {id}), 1);
  EXPECT_EQ(server().files_on_disk(), 1u);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'file.upload' AND "
                            "outcome = 'success' AND target = ?",
                            {"file:" + id}),
            2);
}

TEST_P(FilesHttpTest, TheUploaderDownloadsTheBytesAsAnAttachment) {
  auto c = server().client_as("citizen");
  auto up = upload(*c, td::pdf(), "application/pdf", url_encode("营业执照 副本.pdf"));
  ASSERT_EQ(up.status, 201) << up.body;
  auto r = c->get("/api/v1/files/" + std::string(up.json().at("id").as_string()));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, td::pdf());
  EXPECT_EQ(r.header("Content-Type"), "application/pdf");
  EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(
      r.header("Content-Disposition"),
      "attachment; filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%20%E5%89%AF%E6%9C%AC.pdf");
}

// Staff reach an upload only through a case that holds it (tests/casework: the whole rule).
TEST_P(FilesHttpTest, OtherApplicantsAndStaffWithoutACaseGetNotFound) {
  auto owner = server().client_as("citizen");
  auto up = upload(*owner, td::jpeg(), "image/jpeg");
  ASSERT_EQ(up.status, 201) << up.body;
  const auto path = "/api/v1/files/" + std::string(up.json().at("id").as_string());
  EXPECT_EQ(server().client_as("company")->get(path).code(), "not_found");
  EXPECT_EQ(server().client_as("agency")->get(path).code(), "not_found");
  EXPECT_EQ(server().client_as("clerk")->get(path).code(), "not_found");
  EXPECT_EQ(server().client_as("supervisor")->get(path).code(), "not_found");
  EXPECT_EQ(server().client()->get(path).code(), "unauthenticated");
  // Uploading the same bytes makes them the second applicant's file too.
  auto other = server().client_as("company");
  ASSERT_EQ(upload(*other, td::jpeg(), "image/jpeg").status, 201);
  EXPECT_EQ(other->get(path).status, 200);
}

std::string read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Uploads are sealed on disk under the data key (docs/security.md) and download as uploaded;
// a file an older version stored in clear still downloads, and `tongban files seal` seals it.
TEST_P(FilesHttpTest, UploadsAreSealedOnDiskAndDownloadAsUploaded) {
  auto c = server().client_as("citizen");
  auto up = upload(*c, td::pdf(), "application/pdf", url_encode("身份证.pdf"));
  ASSERT_EQ(up.status, 201) << up.body;
  const auto id = std::string(up.json().at("id").as_string());
  const auto path = server().files_dir() / id.substr(0, 2) / id;
  const auto sealed = read_bytes(path);
  EXPECT_TRUE(sealed.starts_with(files::kSealedMagic)) << sealed.substr(0, 20);
  EXPECT_EQ(sealed.find("Catalog"), std::string::npos);
  EXPECT_EQ(c->get("/api/v1/files/" + id).body, td::pdf());

  auto png = upload(*c, td::png(), "image/png");
  ASSERT_EQ(png.status, 201) << png.body;
  const auto png_id = std::string(png.json().at("id").as_string());
  const auto png_path = server().files_dir() / png_id.substr(0, 2) / png_id;
  std::ofstream(png_path, std::ios::binary | std::ios::trunc) << td::png();  // as before 0106
  EXPECT_EQ(c->get("/api/v1/files/" + png_id).body, td::png());

  const auto config =
      server().files_dir().parent_path() / (server().files_dir().filename().string() + ".toml");
  std::ofstream(config) << "files_dir = \"" << server().files_dir().string() << "\"\n";
  auto r = run_tongban(
      {"files", "seal", "--config", config.string(), "--db", server().runtime().config().db},
      Output::StdoutOnly);
  std::filesystem::remove(config);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "files: 1 sealed, 0 re-sealed under the current data key, 0 unopened\n");
  EXPECT_TRUE(read_bytes(png_path).starts_with(files::kSealedMagic));
  EXPECT_EQ(read_bytes(path), sealed);  // already under the current key: untouched
  EXPECT_EQ(c->get("/api/v1/files/" + png_id).body, td::png());
  EXPECT_EQ(c->get("/api/v1/files/" + id).body, td::pdf());
  EXPECT_EQ(server().files_on_disk(), 2u);
}

TEST_P(FilesHttpTest, IdsThatAreNotStoredAreNotFound) {
  auto c = server().client_as("clerk");
  EXPECT_EQ(c->get("/api/v1/files/" + std::string(64, 'a')).code(), "not_found");
  EXPECT_EQ(c->get("/api/v1/files/..%2F..%2Fetc%2Fpasswd").status, 404);
  EXPECT_EQ(c->get("/api/v1/files/" + crypto::sha256_hex(td::pdf())).code(), "not_found");
}

TEST_P(FilesHttpTest, SizeLimitIsInclusiveAndOverLimitStoresNothing) {
  auto c = server().client_as("citizen");
  std::string at_limit = td::pdf();
  at_limit.resize(kMaxUpload, ' ');
  auto over = upload(*c, at_limit + " ", "application/pdf");
  EXPECT_EQ(over.status, 413);
  EXPECT_EQ(over.code(), "payload_too_large");
  EXPECT_EQ(server().files_on_disk(), 0u);
  EXPECT_EQ(upload(*c, at_limit, "application/pdf").status, 201);
}

TEST_P(FilesHttpTest, WrongTypesAre415AndStoreNothing) {
  auto c = server().client_as("citizen");
  auto exe = upload(*c, td::elf(), "application/pdf", "report.pdf");
  EXPECT_EQ(exe.status, 415);
  EXPECT_EQ(exe.code(), "file_type_forbidden");
  auto zip = upload(*c, td::zip_with_first_entry("word/document.xml"), "application/ofd");
  EXPECT_EQ(zip.code(), "file_type_forbidden");
  auto mismatch = upload(*c, td::png(), "application/pdf", "scan.pdf");
  EXPECT_EQ(mismatch.status, 415);
  EXPECT_EQ(mismatch.code(), "file_type_mismatch");
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM files"), 0);
  EXPECT_EQ(server().files_on_disk(), 0u);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'file.upload' AND "
                            "outcome = 'failure'"),
            3);
}

TEST_P(FilesHttpTest, EmptyBodyIsAValidationFailure) {
  auto c = server().client_as("citizen");
  auto r = upload(*c, "", "application/pdf");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.code(), "validation_failed");
}

TEST_P(FilesHttpTest, ScannerRejectionStoresNothing) {
  server().scanner().reject = true;
  auto c = server().client_as("citizen");
  auto r = upload(*c, td::png(), "image/png");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.code(), "file_rejected");
  EXPECT_EQ(server().scanner().calls, 1);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM files"), 0);
  EXPECT_EQ(server().files_on_disk(), 0u);
}

TEST_P(FilesHttpTest, UploadNeedsASignedInUser) {
  auto r = upload(*server().client(), td::png(), "image/png");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(server().files_on_disk(), 0u);
  EXPECT_EQ(server().scanner().calls, 0);
}

TEST_P(FilesHttpTest, BadlyEncodedFileNameIsRejected) {
  auto c = server().client_as("citizen");
  EXPECT_EQ(upload(*c, td::png(), "image/png", "a%zz.png").code(), "validation_failed");
  EXPECT_EQ(upload(*c, td::png(), "image/png", "%FF.png").code(), "validation_failed");
  EXPECT_EQ(server().files_on_disk(), 0u);
}

TONGBAN_INSTANTIATE_ON_DATABASES(FilesHttpTest);

}  // namespace
}  // namespace tongban::testing
