// Rate limits in front of the handler for the requests worth flooding: signing in (argon2id
// per attempt, and guessing passwords), self-registration (argon2id, and accounts), and the
// public decision lookup (办件查询: guessing numbers). Over a limit the request is answered
// 429 `too_many_requests` with Retry-After (seconds) and reaches no handler, so it costs
// neither a password hash nor an audit entry (the access log has it).
//
// Limits count per client address (HttpRequest::remote_address: behind a trusted proxy, the
// client it names) and, for signing in, per account name too. The counts live in this
// instance's memory: with several instances behind a load balancer each counts on its own.
// The login lockout (app::LoginPolicy: failures per account and address, in the database)
// still applies behind these limits; its 429 gets a Retry-After here as well.
#pragma once

#include <chrono>
#include <functional>
#include <optional>

#include "adapters/http/message.hpp"
#include "adapters/http/server.hpp"
#include "core/common/rate_limiter.hpp"
#include "core/common/time.hpp"

namespace tongban::http {

struct ThrottleOptions {
  // POST /api/v1/auth/login and /api/v1/auth/token, per address and per account name.
  // A service hall signs in many clerks from one (NAT) address at nine o'clock; password
  // guessing is stopped by the lockout, these bound the argon2id work one address or one
  // account name can ask for.
  RateLimit login_per_address{.burst = 120, .interval = std::chrono::seconds(1)};
  RateLimit login_per_account{.burst = 30, .interval = std::chrono::seconds(2)};
  // POST /api/v1/auth/register, per address.
  RateLimit register_per_address{.burst = 20, .interval = std::chrono::seconds(60)};
  // GET /api/v1/public/decisions/{number}, per address.
  RateLimit lookup_per_address{.burst = 60, .interval = std::chrono::seconds(1)};
  // Retry-After on the login lockout's 429: its window (a refused attempt records no failure,
  // so by then every counted failure has left it).
  std::chrono::seconds lockout_retry_after{15 * 60};
};

// Thread-safe.
class RequestThrottle {
 public:
  // `now` is the application's clock (simulated in tests).
  RequestThrottle(ThrottleOptions options, std::function<Instant()> now);

  // The 429 answer when `req` is over a limit; nullopt when it may go on (its tokens taken).
  [[nodiscard]] std::optional<HttpResponse> check(const HttpRequest& req);
  // Gives a 429 from the handler (the login lockout) its Retry-After, if it has none.
  void complete(const HttpRequest& req, HttpResponse& res) const;

  // `next` behind the throttle. The throttle must outlive the returned handler.
  [[nodiscard]] Handler wrap(Handler next);

 private:
  ThrottleOptions options_;
  std::function<Instant()> now_;
  RateLimiter login_address_;
  RateLimiter login_account_;
  RateLimiter register_address_;
  RateLimiter lookup_address_;
};

}  // namespace tongban::http
