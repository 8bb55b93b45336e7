// ports::FileStore on a local directory: <root>/<first 2 hex chars>/<sha256>.
// Each file is written to a temporary file in its shard directory, fsync'ed, renamed into
// place and the directory fsync'ed, so a reader never sees a partial file and an
// acknowledged upload survives a crash. Several instances share one root (NFS or any
// POSIX file system with atomic rename): identical bytes have identical names, so
// concurrent writers of the same file race harmlessly.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "adapters/files/content_check.hpp"
#include "core/audit/audit.hpp"
#include "ports/file_store.hpp"

namespace tongban::files {

struct LocalFileStoreOptions {
  std::filesystem::path root = "var/files";
  std::size_t max_bytes = kDefaultMaxUploadBytes;
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
