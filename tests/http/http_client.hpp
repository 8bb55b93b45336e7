// A small synchronous HTTP/1.1 client for black-box tests (Boost.Beast): one keep-alive
// connection, reopened transparently when the server closed it, and an optional cookie jar.
// Not thread-safe: one client per thread.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tongban::testing {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpResult {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // names in lower case
  std::string body;

  // The first header of that name (case-insensitive), if any.
  [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
  // The body parsed as JSON. Throws std::runtime_error naming the body when it is not JSON.
  [[nodiscard]] boost::json::value json() const;
  // The body's "code" field (our error shape), or "" when there is none.
  [[nodiscard]] std::string code() const;
};

class HttpClient {
 public:
  HttpClient(std::string host, std::uint16_t port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request and reads its response. `headers` are added after the defaults (Host,
  // the cookie jar's Cookie, default_headers); Content-Length is set from the body.
  // Throws boost::system::system_error when the server cannot be reached.
  HttpResult send(const std::string& method, const std::string& target,
                  const std::string& body = {}, const HeaderList& headers = {});
  HttpResult get(const std::string& target, const HeaderList& headers = {});
  // The body serialised with Content-Type: application/json.
  HttpResult send_json(const std::string& method, const std::string& target,
                       const boost::json::value& body, HeaderList headers = {});
  HttpResult post(const std::string& target, const boost::json::value& body,
                  HeaderList headers = {}) {
    return send_json("POST", target, body, std::move(headers));
  }
  HttpResult patch(const std::string& target, const boost::json::value& body,
                   HeaderList headers = {}) {
    return send_json("PATCH", target, body, std::move(headers));
  }

  // With the jar on, Set-Cookie values (name=value only; Max-Age=0 deletes) are kept and sent.
  void use_cookie_jar(bool on) { jar_on_ = on; }
  [[nodiscard]] std::optional<std::string> cookie(const std::string& name) const;
  // Sent with every request (e.g. Authorization, X-CSRF-Token); replaces an earlier value.
  void set_default_header(const std::string& name, std::string value) {
    defaults_[name] = std::move(value);
  }
  void clear_default_header(const std::string& name) { defaults_.erase(name); }
  // Drops the connection; the next request opens a new one.
  void disconnect();
  [[nodiscard]] std::uint16_t port() const { return port_; }
  // How many TCP connections this client has opened (to observe keep-alive).
  [[nodiscard]] int connections_opened() const { return connections_opened_; }

 private:
  struct Connection;
  HttpResult exchange(const std::string& method, const std::string& target, const std::string& body,
                      const HeaderList& headers);
  void remember_cookies(const HttpResult& r);

  std::string host_;
  std::uint16_t port_;
  std::unique_ptr<Connection> conn_;
  int connections_opened_ = 0;
  bool jar_on_ = false;
  std::map<std::string, std::string> jar_;
  std::map<std::string, std::string> defaults_;
};

// Percent-encodes a query parameter value (UTF-8 bytes, RFC 3986 unreserved kept).
[[nodiscard]] std::string url_encode(std::string_view v);

}  // namespace tongban::testing
