#include "adapters/repo/sql_files.hpp"

namespace tongban::repo {
namespace {

constexpr const char* kColumns = "id, size, content_type, original_name, uploaded_by, uploaded_at";

ports::FileRecord to_file(const ports::Row& r) {
  ports::FileRecord f;
  f.id = r.text(0);
  f.size = r.i64(1);
  f.content_type = r.text(2);
  f.original_name = r.text(3);
  f.uploaded_by = r.i64(4);
  f.uploaded_at = from_micros(r.i64(5));
  return f;
}

}  // namespace

ports::FileRecord SqlFileRepository::record_upload(const ports::FileRecord& f) {
  tx_.exec(
      std::string("INSERT INTO files (") + kColumns +
          ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id, uploaded_by) DO NOTHING",
      {f.id, f.size, f.content_type, f.original_name, f.uploaded_by, to_micros(f.uploaded_at)});
  return *find_upload(f.id, f.uploaded_by);
}

std::optional<ports::FileRecord> SqlFileRepository::find_upload(std::string_view id,
                                                                std::int64_t uploaded_by) {
  auto row = tx_.query_one(
      std::string("SELECT ") + kColumns + " FROM files WHERE id = ? AND uploaded_by = ?",
      {id, uploaded_by});
  if (!row) return std::nullopt;
  return to_file(*row);
}

std::optional<ports::FileRecord> SqlFileRepository::find_file(std::string_view id) {
  auto row = tx_.query_one(std::string("SELECT ") + kColumns +
                               " FROM files WHERE id = ? ORDER BY uploaded_at, uploaded_by LIMIT 1",
                           {id});
  if (!row) return std::nullopt;
  return to_file(*row);
}

ports::FileReferences SqlFileRepository::references(std::string_view id, int limit) {
  ports::FileReferences out;
  for (const auto& r : tx_.query("SELECT DISTINCT case_id FROM case_materials WHERE file_id = ? "
                                 "ORDER BY case_id DESC LIMIT ?",
                                 {id, std::int64_t{limit}}))
    out.case_ids.push_back(r.i64(0));
  // Attachments are a JSON list in the filing's row; an id is 64 hex digits, so it never
  // contains LIKE's wildcards. Filings are few (one per project and kind).
  for (const auto& r : tx_.query("SELECT id FROM filings WHERE attachments_json LIKE ? "
                                 "ORDER BY id DESC LIMIT ?",
                                 {"%\"" + std::string(id) + "\"%", limit}))
    out.filing_ids.push_back(r.i64(0));
  return out;
}

}  // namespace tongban::repo
