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
