// libFuzzer target for HTTP requests as the server reads them (adapters/http/server.cpp): the
// bytes go to a Boost.Beast request_parser with the server's header and body limits, fed in
// chunks as a socket would; a complete message becomes an HttpRequest the way the session's
// dispatch_request builds it (private to server.cpp, mirrored below: headers joined with ", ",
// the target parsed as origin-form or absolute-URI, the path and the query percent-decoded),
// and every accessor the handlers use runs on it. message.cpp and client_address.cpp are
// compiled in (fuzz/CMakeLists.txt) so the libFuzzer build does not compile the whole server.
// Beyond "no crash", it checks the invariants handlers rely on and traps when one breaks. A second
// parse with small limits exercises the limit errors.
#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/url.hpp>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "adapters/http/client_address.hpp"
#include "adapters/http/message.hpp"
#include "adapters/http/server.hpp"

namespace {

namespace bhttp = boost::beast::http;
using namespace tongban;
using namespace tongban::http;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

bool contains_ignoring_case(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    bool match = true;
    for (std::size_t k = 0; k < needle.size() && match; ++k) {
      match = std::tolower(static_cast<unsigned char>(haystack[i + k])) ==
              std::tolower(static_cast<unsigned char>(needle[k]));
    }
    if (match) return true;
  }
  return false;
}

// Feeds `input` to `p` in chunks of `chunk` bytes, keeping unconsumed bytes as a socket read
// loop does; returns the parser's final error (none when the message is complete).
boost::system::error_code parse(bhttp::request_parser<bhttp::string_body>& p,
                                std::string_view input, std::size_t chunk) {
  boost::system::error_code ec;
  std::string pending;
  std::size_t next = 0;
  while (!p.is_done()) {
    const bool stalled = ec == bhttp::error::need_more || pending.empty();
    if (next < input.size()) {
      const auto n = std::min(chunk, input.size() - next);
      pending.append(input.substr(next, n));
      next += n;
    } else if (stalled) {
      ec = {};
      p.put_eof(ec);
      return ec;
    }
    ec = {};
    const auto used = p.put(boost::asio::buffer(pending), ec);
    pending.erase(0, used);
    if (ec && ec != bhttp::error::need_more) return ec;
    if (!ec && used == 0 && next >= input.size()) ec = bhttp::error::need_more;
  }
  return {};
}

// The HttpRequest of a complete message, as server.cpp's dispatch_request builds it; false
// when the server would answer 400 (unparseable target).
bool build_request(bhttp::request<bhttp::string_body>& msg, HttpRequest& req) {
  req.method = std::string(msg.method_string());
  for (auto& c : req.method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  req.target = std::string(msg.target());
  req.request_id = "fuzz";  // the server takes X-Request-Id only when it is 1..64 of [A-Za-z0-9._-]
  req.remote_address = "10.0.0.7";
  static const TrustedProxies proxies({"10.0.0.0/8", "fd00::/8"});
  req.remote_address = proxies.client_address(req.remote_address, msg["X-Forwarded-For"]);
  for (const auto& field : msg) {
    auto [it, inserted] =
        req.headers.try_emplace(std::string(field.name_string()), std::string(field.value()));
    if (!inserted) {
      it->second += ", ";
      it->second.append(field.value().data(), field.value().size());
    }
  }
  auto url = boost::urls::parse_origin_form(msg.target());
  if (!url) url = boost::urls::parse_absolute_uri(msg.target());
  if (!url) return false;
  req.path = url->path();
  if (req.path.empty()) req.path = "/";
  for (auto param : url->params(boost::urls::encoding_opts(/*space_as_plus=*/true))) {
    req.query.emplace(std::string(param.key), param.has_value ? std::string(param.value) : "");
  }
  req.body = std::move(msg.body());
  if (msg.method() == bhttp::verb::head) req.method = "GET";
  return true;
}

void check_request(const HttpRequest& req, const std::string& forwarded_for) {
  require(!req.path.empty());
  require(!req.method.empty());
  // The client's address is the peer or, from a trusted proxy, an address it forwarded.
  if (req.remote_address != "10.0.0.7") {
    boost::system::error_code ec;
    (void)boost::asio::ip::make_address(req.remote_address, ec);
    require(!ec && !forwarded_for.empty());
  }
  // Every header the parser kept is found under any spelling of its name.
  for (const auto& [name, value] : req.headers) {
    std::string upper = name;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const auto found = req.header(upper);
    require(found && *found == value);
  }
  for (const auto& [key, value] : req.query) {
    const auto first = req.query_param(key);
    require(first.has_value());
  }
  const auto lang = req.language();
  require(lang == "zh" || lang == "en");
  // A preference is only found when the Prefer header names it; its value is never longer
  // than the header.
  const auto prefer = req.header("Prefer");
  for (std::string_view name : {"respond-async", "return", "wait", "handling"}) {
    const auto value = req.preference(name);
    if (!prefer) {
      require(!value);
      continue;
    }
    if (value) require(contains_ignoring_case(*prefer, name) && value->size() <= prefer->size());
  }
  // The error every handler may answer is a JSON object naming its code and the request id,
  // whatever the request (its id and language are the parts taken from it).
  const auto res = HttpResponse::error(Error{ErrorCode::ValidationFailed, "reason", "field"}, req);
  boost::system::error_code ec;
  const auto body = boost::json::parse(res.body, ec);
  require(!ec && body.is_object() && body.as_object().contains("code"));
  require(body.as_object().at("request_id").as_string() == req.request_id);
}

void fuzz_parse(std::string_view input, std::size_t header_limit, std::size_t body_limit,
                std::size_t chunk) {
  bhttp::request_parser<bhttp::string_body> p;
  p.header_limit(static_cast<std::uint32_t>(header_limit));
  p.body_limit(body_limit);
  const auto ec = parse(p, input, chunk);
  if (ec) {
    require(!p.is_done());
    return;
  }
  require(p.is_done());
  auto msg = p.release();
  require(msg.body().size() <= body_limit);
  const std::string forwarded_for(msg["X-Forwarded-For"]);
  HttpRequest req;
  if (build_request(msg, req)) check_request(req, forwarded_for);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const ServerOptions defaults;
  // Chunk sizes from the input's length, so the same input is always split the same way.
  fuzz_parse(input, defaults.header_limit, defaults.body_limit, 1 + size % 61);
  fuzz_parse(input, 256, 64, input.size() + 1);
  return 0;
}
