#include "adapters/http/static_files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <fstream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tongban::http {
namespace fs = std::filesystem;

std::string_view content_type_for(std::string_view extension) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 15> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".map", "application/json; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json; charset=utf-8"},
  }};
  for (const auto& [ext, type] : kTypes) {
    if (ext.size() == extension.size() &&
        std::equal(ext.begin(), ext.end(), extension.begin(), [](char a, char b) {
          return a == std::tolower(static_cast<unsigned char>(b));
        })) {
      return type;
    }
  }
  return "application/octet-stream";
}

namespace {

constexpr std::string_view kIndexCache = "no-cache";
constexpr std::string_view kAssetCache = "public, max-age=31536000, immutable";

HttpResponse not_found(const HttpRequest& req) {
  auto r = HttpResponse::error(ErrorCode::NotFound, req);
  r.route = "static";
  return r;
}

// The decoded request path as segments relative to the root, or nothing when the path could
// escape the root, name a hidden file or has an empty segment ("//etc"); only a trailing
// slash ("/docs/") may leave the last segment empty.
std::optional<std::vector<std::string>> safe_segments(std::string_view path) {
  if (path.empty() || path.front() != '/') return std::nullopt;
  if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) {
    return std::nullopt;
  }
  std::vector<std::string> segments;
  std::string_view rest = path.substr(1);
  for (;;) {
    const std::size_t slash = rest.find('/');
    const std::string_view seg = rest.substr(0, slash);
    if (slash == std::string_view::npos) {
      if (!seg.empty()) {
        if (seg.front() == '.') return std::nullopt;
        segments.emplace_back(seg);
      }
      return segments;
    }
    if (seg.empty() || seg.front() == '.') return std::nullopt;  // "", "..", ".", dotfiles
    segments.emplace_back(seg);
    rest.remove_prefix(slash + 1);
  }
}

// True if `inner` is `outer` or lies below it; both canonical.
bool is_within(const fs::path& outer, const fs::path& inner) {
  auto [o, i] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return o == outer.end();
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  std::size_t pos = 0;
  while (pos < if_none_match.size()) {
    std::size_t comma = if_none_match.find(',', pos);
    if (comma == std::string_view::npos) comma = if_none_match.size();
    std::string_view tag = if_none_match.substr(pos, comma - pos);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);  // weak comparison, RFC 9110 13.1.2
    if (tag == "*" || tag == etag) return true;
    pos = comma + 1;
  }
  return false;
}

}  // namespace

HttpResponse serve_static(const fs::path& root, const HttpRequest& req) {
  if (req.method != "GET" && req.method != "HEAD") {
    auto r = HttpResponse::error(ErrorCode::MethodNotAllowed, req);
    r.headers["Allow"] = "GET, HEAD";
    r.route = "static";
    return r;
  }
  std::error_code ec;
  const fs::path canonical_root = fs::canonical(root, ec);
  if (ec) return not_found(req);
  const fs::path index = canonical_root / "index.html";
  if (!fs::is_regular_file(index, ec)) return not_found(req);

  const auto segments = safe_segments(req.path);
  if (!segments) return not_found(req);

  fs::path target = canonical_root;
  for (const auto& seg : *segments) target /= seg;
  const bool under_assets = !segments->empty() && segments->front() == "assets";
  if (fs::is_directory(target, ec)) target /= "index.html";
  if (!fs::is_regular_file(target, ec)) {
    // Extension-less paths are client-side routes, except under prefixes that never are.
    const bool has_extension =
        !segments->empty() && segments->back().find('.') != std::string::npos;
    const bool no_fallback = under_assets || (!segments->empty() && segments->front() == "api");
    if (has_extension || no_fallback) return not_found(req);
    target = index;
  }
  const fs::path resolved = fs::canonical(target, ec);
  if (ec || !is_within(canonical_root, resolved)) return not_found(req);

  const auto size = fs::file_size(resolved, ec);
  if (ec) return not_found(req);
  const auto mtime = fs::last_write_time(resolved, ec);
  if (ec) return not_found(req);
  const auto mtime_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(mtime.time_since_epoch()).count();
  const std::string etag = fmt::format("\"{:x}-{:x}\"", size, mtime_ns);
  const bool is_index = resolved.filename() == "index.html";
  const std::string_view cache = (under_assets && !is_index) ? kAssetCache : kIndexCache;

  if (auto inm = req.header("If-None-Match"); inm && etag_matches(*inm, etag)) {
    HttpResponse r;
    r.status = 304;
    r.headers["ETag"] = etag;
    r.headers["Cache-Control"] = std::string(cache);
    r.route = "static";
    return r;
  }

  std::ifstream in(resolved, std::ios::binary);
  std::string body(size, '\0');
  if (!in.read(body.data(), static_cast<std::streamsize>(size))) {
    auto r = HttpResponse::error(ErrorCode::Internal, req, "static file could not be read");
    r.route = "static";
    return r;
  }
  auto r = HttpResponse::text(200, std::move(body),
                              std::string(content_type_for(resolved.extension().string())));
  r.headers["ETag"] = etag;
  r.headers["Cache-Control"] = std::string(cache);
  r.headers["X-Content-Type-Options"] = "nosniff";
  r.route = "static";
  return r;
}

}  // namespace tongban::http
