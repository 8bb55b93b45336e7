// The HTTP request and response as the router and handlers see them: plain values, no
// sockets. The server (server.hpp) fills HttpRequest and writes HttpResponse.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.hpp"

namespace tongban::http {

// Header names compare case-insensitively.
struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const noexcept;
  using is_transparent = void;
};
using Headers = std::map<std::string, std::string, CaseInsensitiveLess>;

struct HttpRequest {
  std::string method;                             // "GET", "POST", … upper case
  std::string target;                             // as received: path plus query
  std::string path;                               // percent-decoded path without the query
  std::multimap<std::string, std::string> query;  // decoded query parameters
  Headers headers;
  std::string body;
  std::string remote_address;  // peer IP as text
  std::string request_id;      // set by the server before the handler runs

  // Filled by the router for the matched route: "/api/v1/users/{id}" and {"id": "42"}.
  std::string route;
  std::map<std::string, std::string> path_params;

  [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
  [[nodiscard]] std::optional<std::string> query_param(std::string_view name) const;
  // "zh" unless Accept-Language prefers English.
  [[nodiscard]] std::string_view language() const;
  // The value of the client's preference `name` in the Prefer header (RFC 7240): the first
  // one named so, names compared case-insensitively, quotes removed, "" when it has no value;
  // nullopt when not asked for. Its parameters (after ';') are ignored.
  [[nodiscard]] std::optional<std::string> preference(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  Headers headers;
  std::string body;
  // The route label used in metrics and the access log ("unmatched" when no route matched).
  std::string route = "unmatched";
  // True when a use case already wrote this request's audit entry (success or failure);
  // the API layer audits failed unsafe requests that never reached one.
  bool audited = false;

  static HttpResponse json(int status, std::string body);
  static HttpResponse text(int status, std::string body,
                           std::string content_type = "text/plain; charset=utf-8");
  // The one error shape: {"code","message","request_id","details"?}. `details` is a JSON
  // object text or empty; the message is in the request's language.
  static HttpResponse error(const Error& err, const HttpRequest& req);
  static HttpResponse error(ErrorCode code, const HttpRequest& req, std::string detail = {});
};

}  // namespace tongban::http
