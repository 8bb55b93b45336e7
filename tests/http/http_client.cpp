#include "tests/http/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <stdexcept>

namespace tongban::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<std::string> HttpResult::header(std::string_view name) const {
  auto it = headers.find(lower(name));
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

boost::json::value HttpResult::json() const {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  if (ec)
    throw std::runtime_error("response body is not JSON (status " + std::to_string(status) +
                             "): " + body);
  return v;
}

std::string HttpResult::code() const {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  if (ec || !v.is_object()) return {};
  const auto* c = v.as_object().if_contains("code");
  return c != nullptr && c->is_string() ? std::string(c->as_string()) : std::string();
}

struct HttpClient::Connection {
  asio::io_context io;
  beast::tcp_stream stream{io};
  beast::flat_buffer buffer;
  int requests = 0;
};

HttpClient::HttpClient(std::string host, std::uint16_t port)
    : host_(std::move(host)), port_(port) {}
HttpClient::~HttpClient() { disconnect(); }

void HttpClient::disconnect() {
  if (!conn_) return;
  beast::error_code ignored;
  conn_->stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  conn_->stream.close();
  conn_.reset();
}

HttpResult HttpClient::get(const std::string& target, const HeaderList& headers) {
  return send("GET", target, {}, headers);
}

HttpResult HttpClient::send_json(const std::string& method, const std::string& target,
                                 const boost::json::value& body, HeaderList headers) {
  headers.emplace_back("Content-Type", "application/json");
  return send(method, target, boost::json::serialize(body), headers);
}

HttpResult HttpClient::send(const std::string& method, const std::string& target,
                            const std::string& body, const HeaderList& headers) {
  // A reused keep-alive connection may have been closed by the server since the last
  // request; then the request is retried once on a new connection.
  const bool reused = conn_ && conn_->requests > 0;
  try {
    return exchange(method, target, body, headers);
  } catch (const boost::system::system_error&) {
    disconnect();
    if (!reused) throw;
  }
  return exchange(method, target, body, headers);
}

HttpResult HttpClient::exchange(const std::string& method, const std::string& target,
                                const std::string& body, const HeaderList& headers) {
  if (!conn_) {
    conn_ = std::make_unique<Connection>();
    asio::ip::tcp::resolver resolver(conn_->io);
    conn_->stream.connect(resolver.resolve(host_, std::to_string(port_)));
    ++connections_opened_;
  }
  bhttp::request<bhttp::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(bhttp::field::host, host_ + ":" + std::to_string(port_));
  if (jar_on_ && !jar_.empty()) {
    std::string c;
    for (const auto& [k, v] : jar_) c += (c.empty() ? "" : "; ") + k + "=" + v;
    req.set(bhttp::field::cookie, c);
  }
  for (const auto& [k, v] : defaults_) req.set(k, v);
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT")
    req.prepare_payload();

  bhttp::write(conn_->stream, req);
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(std::uint64_t{64} * 1024 * 1024);
  parser.skip(method == "HEAD");
  bhttp::read(conn_->stream, conn_->buffer, parser);
  auto res = parser.release();
  ++conn_->requests;

  HttpResult out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& f : res) out.headers.emplace(lower(f.name_string()), std::string(f.value()));
  out.body = std::move(res.body());
  if (!res.keep_alive()) disconnect();
  remember_cookies(out);
  return out;
}

void HttpClient::remember_cookies(const HttpResult& r) {
  if (!jar_on_) return;
  auto [first, last] = r.headers.equal_range("set-cookie");
  for (auto it = first; it != last; ++it) {
    const std::string& sc = it->second;
    const auto semi = sc.find(';');
    const std::string pair = sc.substr(0, semi);
    const auto eq = pair.find('=');
    if (eq == std::string::npos) continue;
    const std::string name = pair.substr(0, eq);
    const std::string value = pair.substr(eq + 1);
    const std::string attrs = lower(semi == std::string::npos ? "" : sc.substr(semi));
    if (value.empty() || attrs.find("max-age=0") != std::string::npos) {
      jar_.erase(name);
    } else {
      jar_[name] = value;
    }
  }
}

std::optional<std::string> HttpClient::cookie(const std::string& name) const {
  auto it = jar_.find(name);
  if (it == jar_.end()) return std::nullopt;
  return it->second;
}

std::string url_encode(std::string_view v) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : v) {
    if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace tongban::testing
