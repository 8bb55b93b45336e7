// Uploaded files: bytes stored by content hash, metadata in the database.
//
// Two ports: FileStore holds the bytes (content-addressed: the id is the lower-case hex
// SHA-256, so the same bytes uploaded twice get the same id and are stored once), and
// FileRepository (reached through UnitOfWork::files()) holds who uploaded what, under which
// name. A FileScanner (anti-virus, DLP …) sees every upload before anything is stored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/common/time.hpp"

namespace tongban::ports {

// The content types an upload may have; decided from the bytes (magic numbers), never from
// the declared type or the file name.
inline constexpr std::string_view kContentTypePdf = "application/pdf";
inline constexpr std::string_view kContentTypeJpeg = "image/jpeg";
inline constexpr std::string_view kContentTypePng = "image/png";
inline constexpr std::string_view kContentTypeOfd = "application/ofd";  // GB/T 33190

struct StoredFile {
  std::string id;  // lower-case hex SHA-256 of the bytes, 64 characters
  std::int64_t size = 0;
  std::string content_type;  // sniffed from the bytes: one of kContentType*
  std::string original_name;
};

// Thread-safe.
class FileStore {
 public:
  virtual ~FileStore() = default;
  // Checks, in this order, then stores the bytes (idempotent for the same bytes):
  //   empty                                   → validation_failed (400)
  //   larger than the configured limit        → payload_too_large (413)
  //   content not PDF/JPEG/PNG/OFD            → file_type_forbidden (415)
  //   declared type names a different type    → file_type_mismatch (415)
  //                                             (empty or application/octet-stream: no claim)
  //   the scanner rejects it                  → file_rejected (422), or the scanner's code
  // Nothing is written unless every check passes. Once it returns Ok the bytes are durable
  // (fsync'ed). Throws only for I/O failures (disk full, permissions).
  virtual Result<StoredFile> put(std::string_view bytes, std::string_view declared_content_type,
                                 std::string_view original_name) = 0;
  // The bytes, or nullopt when no such id is stored (or the id is not 64 lower-case hex).
  // Throws for I/O failures and for stored bytes that do not open (sealed at rest under a key
  // no longer configured, or altered).
  [[nodiscard]] virtual std::optional<std::string> get(std::string_view id) const = 0;
  [[nodiscard]] virtual bool exists(std::string_view id) const = 0;
};

// Inspects bytes before they are stored. Thread-safe.
class FileScanner {
 public:
  virtual ~FileScanner() = default;
  // Ok to accept; an error (normally file_rejected) to refuse the upload.
  virtual Status scan(std::string_view bytes) = 0;
};

// The default: accepts everything.
class NoOpFileScanner final : public FileScanner {
 public:
  Status scan(std::string_view /*bytes*/) override { return ok_status(); }
};

// One row per (file, uploader): the same bytes uploaded by two users give two rows with the
// same id, each user seeing their own original name.
struct FileRecord {
  std::string id;  // content hash, as in StoredFile
  std::int64_t size = 0;
  std::string content_type;
  std::string original_name;
  std::int64_t uploaded_by = 0;  // user id
  Instant uploaded_at{};
};

struct FileReferences {
  std::vector<std::int64_t> case_ids;
  std::vector<std::int64_t> filing_ids;
};

class FileRepository {
 public:
  virtual ~FileRepository() = default;
  // Inserts the row unless (id, uploaded_by) exists already; returns the stored row (the
  // first upload's name and time win).
  virtual FileRecord record_upload(const FileRecord& f) = 0;
  // The row of this uploader, if any.
  virtual std::optional<FileRecord> find_upload(std::string_view id, std::int64_t uploaded_by) = 0;
  // Any row for this id (the earliest upload), if any.
  virtual std::optional<FileRecord> find_file(std::string_view id) = 0;
  // What holds the file, newest first, at most `limit` of each: the cases that have it as a
  // material and the filings (三级联审) that have it as an attachment. Staff reach a file they
  // did not upload only through one of these.
  virtual FileReferences references(std::string_view id, int limit) = 0;
};

}  // namespace tongban::ports
