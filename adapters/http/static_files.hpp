// Serves the built web front end (web/dist) as static files, with single-page-app fallback.
#pragma once

#include <filesystem>
#include <string_view>

#include "adapters/http/message.hpp"

namespace tongban::http {

// Answers `req` from the files under `root`:
//  - GET and HEAD only (405 `method_not_allowed` with Allow: GET, HEAD otherwise);
//  - 404 `not_found` when root has no index.html, for traversal attempts (a ".." segment, a
//    backslash, NUL, an absolute or hidden-file path, a symlink leading outside root) and
//    for missing files that have an extension;
//  - `/`, directories and missing extension-less paths answer root/index.html, so client-side
//    routes such as /cases/42 load the app;
//  - Cache-Control: no-cache for index.html (and anything outside /assets/),
//    `public, max-age=31536000, immutable` under /assets/ (hashed file names);
//  - a strong ETag from size and modification time; If-None-Match that matches → 304.
// The response route label is "static". Reads the file system; thread-safe.
[[nodiscard]] HttpResponse serve_static(const std::filesystem::path& root, const HttpRequest& req);

// Content-Type for a file extension such as ".js" (application/octet-stream if unknown).
[[nodiscard]] std::string_view content_type_for(std::string_view extension);

}  // namespace tongban::http
