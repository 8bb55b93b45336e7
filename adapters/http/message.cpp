#include "adapters/http/message.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>

namespace tongban::http {

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const noexcept {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) <
           std::tolower(static_cast<unsigned char>(y));
  });
}

std::optional<std::string> HttpRequest::header(std::string_view name) const {
  auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> HttpRequest::query_param(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::string_view HttpRequest::language() const {
  auto al = header("Accept-Language");
  if (!al || al->empty()) return "zh";
  std::string lower(*al);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower.rfind("en", 0) == 0 ? "en" : "zh";
}

namespace {

std::string_view trim_ows(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && !CaseInsensitiveLess{}(a, b) && !CaseInsensitiveLess{}(b, a);
}

}  // namespace

std::optional<std::string> HttpRequest::preference(std::string_view name) const {
  const auto prefer = header("Prefer");
  if (!prefer) return std::nullopt;
  // 1#preference, preference = token [ BWS "=" BWS word ] *( OWS ";" [ OWS parameter ] ):
  // split at the commas and semicolons outside quoted strings.
  std::string_view rest = *prefer;
  while (!rest.empty()) {
    std::size_t end = 0;
    std::size_t params = std::string_view::npos;
    for (bool quoted = false; end < rest.size(); ++end) {
      const char ch = rest[end];
      if (quoted && ch == '\\') {
        ++end;
      } else if (ch == '"') {
        quoted = !quoted;
      } else if (!quoted && ch == ';' && params == std::string_view::npos) {
        params = end;
      } else if (!quoted && ch == ',') {
        break;
      }
    }
    const auto pref = rest.substr(0, std::min(end, params));
    rest = end < rest.size() ? rest.substr(end + 1) : std::string_view{};
    const auto eq = pref.find('=');
    if (!equal_ignoring_case(trim_ows(pref.substr(0, eq)), name)) continue;
    if (eq == std::string_view::npos) return std::string();
    auto value = trim_ows(pref.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      std::string out;
      for (std::size_t i = 1; i + 1 < value.size(); ++i) {
        if (value[i] == '\\' && i + 2 < value.size()) ++i;
        out += value[i];
      }
      return out;
    }
    return std::string(value);
  }
  return std::nullopt;
}

HttpResponse HttpResponse::json(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.headers["Content-Type"] = "application/json; charset=utf-8";
  r.body = std::move(body);
  return r;
}

HttpResponse HttpResponse::text(int status, std::string body, std::string content_type) {
  HttpResponse r;
  r.status = status;
  r.headers["Content-Type"] = std::move(content_type);
  r.body = std::move(body);
  return r;
}

HttpResponse HttpResponse::error(const Error& err, const HttpRequest& req) {
  const auto& info = error_info(err.code);
  boost::json::object o;
  o["code"] = info.name;
  o["message"] = req.language() == "en" ? info.en : info.zh;
  o["request_id"] = req.request_id;
  if (!err.detail.empty() || !err.field.empty()) {
    boost::json::object d;
    if (!err.detail.empty()) d["reason"] = err.detail;
    if (!err.field.empty()) d["field"] = err.field;
    o["details"] = std::move(d);
  }
  auto r = json(info.http_status, boost::json::serialize(o));
  return r;
}

HttpResponse HttpResponse::error(ErrorCode code, const HttpRequest& req, std::string detail) {
  return error(Error{code, std::move(detail)}, req);
}

}  // namespace tongban::http
