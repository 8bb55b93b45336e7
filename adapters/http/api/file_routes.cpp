// /api/v1/files: raw-body uploads checked by content, downloads for those allowed to read.
#include <cctype>

#include "adapters/http/api/api.hpp"
#include "app/files/files.hpp"

namespace tongban::http {

namespace json = boost::json;

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// X-File-Name carries UTF-8 percent-encoded (headers are ASCII). A stray '%' is an error.
Result<std::string> percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out.push_back(s[i]);
      continue;
    }
    const int hi = i + 2 < s.size() ? hex_value(s[i + 1]) : -1;
    const int lo = i + 2 < s.size() ? hex_value(s[i + 2]) : -1;
    if (hi < 0 || lo < 0) {
      return Error{ErrorCode::ValidationFailed, "bad percent-encoding", "X-File-Name"};
    }
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

// RFC 8187 ext-value: UTF-8'' followed by attr-chars and %XX.
std::string content_disposition(std::string_view name) {
  static constexpr std::string_view kAttrChar = "!#$&+-.^_`|~";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string v = "attachment; filename*=UTF-8''";
  for (char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if ((std::isalnum(c) != 0 && c < 0x80) || kAttrChar.find(ch) != std::string_view::npos) {
      v.push_back(ch);
    } else {
      v.push_back('%');
      v.push_back(kHex[c >> 4]);
      v.push_back(kHex[c & 0xF]);
    }
  }
  return v;
}

json::value stored_file_json(const ports::StoredFile& f) {
  return json::object{{"id", f.id},
                      {"size", f.size},
                      {"content_type", f.content_type},
                      {"original_name", f.original_name}};
}

}  // namespace

void add_file_routes(Router& r, const app::Env& env) {
  r.add("POST", "/api/v1/files", Access::SignedIn, [env](Call& call) {
    auto name = percent_decode(call.req.header("X-File-Name").value_or(""));
    if (!name) return HttpResponse::error(name.error(), call.req);  // audited by the API layer
    auto res = app::upload_file(env, call.ctx, call.req.body,
                                call.req.header("Content-Type").value_or(""), *name);
    return respond(call, res, 201, stored_file_json);
  });

  r.add("GET", "/api/v1/files/{id}", Access::SignedIn, [env](Call& call) {
    auto res = app::download_file(env, call.ctx, call.req.path_params["id"]);
    if (!res) return HttpResponse::error(res.error(), call.req);
    HttpResponse out;
    out.status = 200;
    out.headers["Content-Type"] = res->file.content_type;
    out.headers["Content-Disposition"] = content_disposition(res->file.original_name);
    out.headers["X-Content-Type-Options"] = "nosniff";
    out.headers["Cache-Control"] = "private, no-store";
    out.body = std::move(res->bytes);
    return out;
  });
}

}  // namespace tongban::http
