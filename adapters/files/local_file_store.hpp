// ports::FileStore on a local directory: <root>/<first 2 hex chars>/<sha256>.
// Each file is written to a temporary file in its shard directory, fsync'ed, renamed into
// place and the directory fsync'ed, so a reader never sees a partial file and an
// acknowledged upload survives a crash. Several instances share one root (NFS or any
// POSIX file system with atomic rename): identical bytes have identical names, so
// concurrent writers of the same file race harmlessly.
//
// Sealed at rest: given a ports::SecretBox (data_key_file), a file holds kSealedMagic and then
// the bytes sealed under the current data key, so the directory and its backups hold no ID
// scan in clear. Files stored before sealing began are read as they are, and sealed — or
// re-sealed under the current key after a rotation — by seal_stored() (`tongban files seal`).
// The id stays the SHA-256 of the clear bytes: whoever holds the directory and a candidate
// file can tell whether it is stored, never read one it lacks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "adapters/files/content_check.hpp"
#include "core/audit/audit.hpp"
#include "ports/crypto.hpp"
#include "ports/file_store.hpp"

namespace tongban::files {

struct LocalFileStoreOptions {
  std::filesystem::path root = "var/files";
  std::size_t max_bytes = kDefaultMaxUploadBytes;
  // Seals what is stored when set (must outlive the store); null: stored in clear.
  const ports::SecretBox* box = nullptr;
};

// The first bytes of a sealed file; no upload starts so (they are PDF, JPEG, PNG or OFD).
inline constexpr std::string_view kSealedMagic = "tongban-sealed-1\n";

struct FileSealReport {
  std::int64_t sealed = 0;    // files found in clear, now sealed
  std::int64_t resealed = 0;  // files sealed under an older data key, now under the current
  std::int64_t unopened = 0;  // sealed files no key of data_key_file opens: left as they are
};

// Thread-safe (no mutable state besides the file system).
class LocalFileStore final : public ports::FileStore {
 public:
  // `scanner` must outlive the store. Creates `root` if missing; throws
  // std::filesystem::filesystem_error when it cannot.
  LocalFileStore(LocalFileStoreOptions options, ports::FileScanner& scanner,
                 audit::HashFn sha256_hex);

  Result<ports::StoredFile> put(std::string_view bytes, std::string_view declared_content_type,
                                std::string_view original_name) override;
  [[nodiscard]] std::optional<std::string> get(std::string_view id) const override;
  [[nodiscard]] bool exists(std::string_view id) const override;

  // Seals every stored file held in clear or under an older data key, each replaced
  // atomically (readers see the old or the new file, both readable). Safe while instances
  // serve. REQUIRES: options.box.
  FileSealReport seal_stored() const;

  // Where `id` lives (REQUIRES: is_file_id(id)).
  [[nodiscard]] std::filesystem::path path_of(std::string_view id) const;

 private:
  LocalFileStoreOptions options_;
  ports::FileScanner& scanner_;
  audit::HashFn sha256_hex_;
};

// 64 lower-case hex characters: the only ids ever turned into paths.
[[nodiscard]] bool is_file_id(std::string_view id);

}  // namespace tongban::files
