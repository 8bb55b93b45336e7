#include "app/files/files.hpp"

#include "app/audit/audit_trail.hpp"
#include "app/casework/personal_data.hpp"
#include "app/reviews/filings.hpp"

namespace tongban::app {
namespace {

constexpr std::string_view kUpload = "file.upload";
// How many of a file's cases and filings are tried for a grant: the same bytes handed in
// more often than this are found through the newest holders.
constexpr int kReferencesTried = 50;

}  // namespace

Result<ports::StoredFile> upload_file(const Env& env, const RequestContext& ctx,
                                      std::string_view bytes,
                                      std::string_view declared_content_type,
                                      std::string_view original_name) {
  auto fail = [&](Error e) {
    append_audit_failure(env, ctx, kUpload, {}, e);
    return e;
  };
  if (!ctx.actor.signed_in()) return fail(Error{ErrorCode::Unauthenticated});
  if (env.files == nullptr) return fail(Error{ErrorCode::Unavailable, "no file store configured"});
  // Checked, scanned and durably stored before the metadata transaction: if that
  // transaction fails, the bytes stay as an unreferenced blob, which the next upload of the
  // same bytes reuses (content addressing makes the write idempotent).
  auto stored = env.files->put(bytes, declared_content_type, original_name);
  if (!stored) return fail(stored.error());
  const std::int64_t uploader = *ctx.actor.user_id;
  return audited_write<ports::StoredFile>(
      env, ctx, kUpload,
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<ports::StoredFile> {
        target = "file:" + stored->id;
        auto row = uow.files().record_upload(
            ports::FileRecord{stored->id, stored->size, stored->content_type, stored->original_name,
                              uploader, env.clock.now()});
        return ports::StoredFile{row.id, row.size, row.content_type, row.original_name};
      });
}

Result<FileDownload> download_file(const Env& env, const RequestContext& ctx, std::string_view id) {
  if (!ctx.actor.signed_in()) return Error{ErrorCode::Unauthenticated};
  if (env.files == nullptr) return Error{ErrorCode::Unavailable, "no file store configured"};
  std::optional<ports::FileRecord> row;
  env.store.read(
      [&](ports::UnitOfWork& uow) { row = uow.files().find_upload(id, *ctx.actor.user_id); });
  if (!row) {
    // Someone else's upload: reached through what holds it, and written to its owner's access
    // log in the same transaction.
    env.store.write([&](ports::UnitOfWork& uow) {
      row.reset();
      const auto refs = uow.files().references(id, kReferencesTried);
      auto owner = applicant_of_viewable_case(uow, ctx.actor, refs.case_ids);
      if (!owner) owner = creator_of_reachable_filing(uow, ctx.actor, refs.filing_ids);
      if (!owner) return;
      row = uow.files().find_file(id);
      if (row)
        record_personal_data_access(uow, ctx.actor, env.clock.now(), *owner, "download_file",
                                    "file:" + std::string(id));
    });
  }
  if (!row) return Error{ErrorCode::NotFound, "no such file", "id"};
  auto bytes = env.files->get(row->id);
  // The row exists but the bytes do not: the storage directory is not the one the
  // metadata was written with (e.g. not shared between instances).
  if (!bytes) return Error{ErrorCode::Internal, "file bytes missing from the file store"};
  return FileDownload{std::move(*row), std::move(*bytes)};
}

}  // namespace tongban::app
