// File metadata (ports/file_store.hpp FileRepository) in the `files` table.
#pragma once

#include "ports/database.hpp"
#include "ports/file_store.hpp"

namespace tongban::repo {

class SqlFileRepository final : public ports::FileRepository {
 public:
  explicit SqlFileRepository(ports::Tx& tx) : tx_(tx) {}
  ports::FileRecord record_upload(const ports::FileRecord& f) override;
  std::optional<ports::FileRecord> find_upload(std::string_view id,
                                               std::int64_t uploaded_by) override;
  std::optional<ports::FileRecord> find_file(std::string_view id) override;
  ports::FileReferences references(std::string_view id, int limit) override;

 private:
  ports::Tx& tx_;
};

}  // namespace tongban::repo
