// ports::FileStore in memory, with the same checks as LocalFileStore: for tests of code
// that uploads (casework) without a directory.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "adapters/files/content_check.hpp"
#include "core/audit/audit.hpp"
#include "ports/file_store.hpp"

namespace tongban::files {

// Thread-safe.
class MemoryFileStore final : public ports::FileStore {
 public:
  // `scanner` must outlive the store.
  MemoryFileStore(ports::FileScanner& scanner, audit::HashFn sha256_hex,
                  std::size_t max_bytes = kDefaultMaxUploadBytes)
      : scanner_(scanner), sha256_hex_(std::move(sha256_hex)), max_bytes_(max_bytes) {}

  Result<ports::StoredFile> put(std::string_view bytes, std::string_view declared,
                                std::string_view original_name) override {
    auto checked = check_upload(bytes, declared, original_name, max_bytes_);
    if (!checked) return checked.error();
    if (auto scanned = scanner_.scan(bytes); !scanned) return scanned.error();
    ports::StoredFile out{sha256_hex_(bytes), static_cast<std::int64_t>(bytes.size()),
                          std::move(checked->content_type), std::move(checked->original_name)};
    std::lock_guard lock(mu_);
    files_.emplace(out.id, std::string(bytes));
    return out;
  }
  [[nodiscard]] std::optional<std::string> get(std::string_view id) const override {
    std::lock_guard lock(mu_);
    auto it = files_.find(std::string(id));
    if (it == files_.end()) return std::nullopt;
    return it->second;
  }
  [[nodiscard]] bool exists(std::string_view id) const override {
    std::lock_guard lock(mu_);
    return files_.count(std::string(id)) > 0;
  }
  [[nodiscard]] std::size_t size() const {
    std::lock_guard lock(mu_);
    return files_.size();
  }

 private:
  ports::FileScanner& scanner_;
  audit::HashFn sha256_hex_;
  std::size_t max_bytes_;
  mutable std::mutex mu_;
  std::map<std::string, std::string> files_;  // GUARDED_BY(mu_)
};

}  // namespace tongban::files
