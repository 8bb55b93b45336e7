// Upload and download use cases (docs/files.md). The bytes go to env.files (content-
// addressed, checked by content); who uploaded what goes to the `files` table.
#pragma once

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

// The file, when the actor may read it: the uploader, and whoever may view a case that holds
// it as a material (app/casework/personal_data.hpp) or open the attachments of a filing that
// lists it (app/reviews/filings.hpp). Anyone else gets not_found (never forbidden: ids do not
// leak existence). Errors: unauthenticated, not_found, unavailable.
Result<FileDownload> download_file(const Env& env, const RequestContext& ctx, std::string_view id);

}  // namespace tongban::app
