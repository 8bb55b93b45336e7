#include "adapters/http/request_throttle.hpp"

#include <boost/json.hpp>
#include <string>

namespace tongban::http {
namespace {

constexpr std::string_view kLogin = "/api/v1/auth/login";
constexpr std::string_view kToken = "/api/v1/auth/token";
constexpr std::string_view kRegister = "/api/v1/auth/register";
constexpr std::string_view kLookupPrefix = "/api/v1/public/decisions/";
constexpr std::string_view kLookupRoute = "/api/v1/public/decisions/{number}";

bool is_login(const HttpRequest& req) {
  return req.method == "POST" && (req.path == kLogin || req.path == kToken);
}

// The account a sign-in names ("" when the body has none: the handler refuses it anyway).
std::string account_of(const HttpRequest& req) {
  boost::system::error_code ec;
  const auto body = boost::json::parse(req.body, ec);
  if (ec || !body.is_object()) return {};
  const auto* name = body.as_object().if_contains("username");
  if (name == nullptr || !name->is_string() || name->as_string().size() > 256) return {};
  return std::string(name->as_string());
}

HttpResponse too_many(const HttpRequest& req, std::chrono::seconds wait, std::string_view route) {
  auto res = HttpResponse::error(ErrorCode::TooManyRequests, req);
  res.headers["Retry-After"] = std::to_string(wait.count());
  res.route = std::string(route);
  return res;
}

}  // namespace

RequestThrottle::RequestThrottle(ThrottleOptions options, std::function<Instant()> now)
    : options_(options),
      now_(std::move(now)),
      login_address_(options.login_per_address),
      login_account_(options.login_per_account),
      register_address_(options.register_per_address),
      lookup_address_(options.lookup_per_address) {}

std::optional<HttpResponse> RequestThrottle::check(const HttpRequest& req) {
  const std::string& address = req.remote_address;
  if (is_login(req)) {
    const Instant now = now_();
    const auto account = account_of(req);
    if (!account.empty()) {
      if (auto wait = login_account_.acquire(account, now); wait.count() > 0) {
        return too_many(req, wait, req.path);
      }
    }
    if (auto wait = login_address_.acquire(address, now); wait.count() > 0) {
      return too_many(req, wait, req.path);
    }
  } else if (req.method == "POST" && req.path == kRegister) {
    if (auto wait = register_address_.acquire(address, now_()); wait.count() > 0) {
      return too_many(req, wait, kRegister);
    }
  } else if ((req.method == "GET" || req.method == "HEAD") &&
             req.path.rfind(kLookupPrefix, 0) == 0) {
    if (auto wait = lookup_address_.acquire(address, now_()); wait.count() > 0) {
      return too_many(req, wait, kLookupRoute);
    }
  }
  return std::nullopt;
}

void RequestThrottle::complete(const HttpRequest& req, HttpResponse& res) const {
  if (res.status == 429 && is_login(req) && !res.headers.contains("Retry-After")) {
    res.headers["Retry-After"] = std::to_string(options_.lockout_retry_after.count());
  }
}

Handler RequestThrottle::wrap(Handler next) {
  return [this, next = std::move(next)](HttpRequest& req) {
    if (auto refused = check(req)) return std::move(*refused);
    auto res = next(req);
    complete(req, res);
    return res;
  };
}

}  // namespace tongban::http
