// Upload and download use cases (issue 4 part 8). The bytes go to env.files (content-
// addressed, checked by content); who uploaded what goes to the `files` table.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "app/context.hpp"
#include "core/common/result.hpp"

namespace tongban::app {

// Stores an upload of the signed-in actor. Errors: unauthenticated; those of
// ports::FileStore::put (validation_failed, payload_too_large, file_type_forbidden,
// file_type_mismatch, file_rejected); unavailable when env.files is null. Audited as
// "file.upload" (target "file:<id>"); failures are audited too. Uploading the same bytes
// again returns the same id and the first upload's name.
Result<ports::StoredFile> upload_file(const Env& env, const RequestContext& ctx,
                                      std::string_view bytes,
                                      std::string_view declared_content_type,
                                      std::string_view original_name);

struct FileDownload {
  ports::FileRecord file;  // the reader's own upload row, or the earliest one
  std::string bytes;
};

// The file, when the actor may read it: the uploader always; others when the file access
// policy says so. Anyone else gets not_found (never forbidden: ids do not leak existence).
// Errors: unauthenticated, not_found, unavailable.
Result<FileDownload> download_file(const Env& env, const RequestContext& ctx, std::string_view id);

// Who may read a file they did not upload. Runs inside a read transaction; must not write.
// The default grants every staff role (front_clerk, reviewer, dept_head, supervisor, admin);
// casework replaces it with "staff who handle a case that references the file".
using FileAccessPolicy =
    std::function<bool(ports::UnitOfWork& uow, const Actor& actor, std::string_view file_id)>;

// Thread-safe; affects later download_file calls process-wide. Returns the previous policy
// (so a replacement can fall back to it, and tests can restore it).
FileAccessPolicy set_file_access_policy(FileAccessPolicy policy);
[[nodiscard]] FileAccessPolicy default_file_access_policy();

}  // namespace tongban::app
