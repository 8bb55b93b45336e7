#include "adapters/http/api/api.hpp"

#include <sodium.h>

#include "adapters/http/api/json_io.hpp"
#include "adapters/http/static_files.hpp"
#include "app/audit/audit_trail.hpp"
#include "core/common/utf8.hpp"

namespace tongban::http {
namespace {

bool is_unsafe(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

std::string cookie_value(const HttpRequest& req, std::string_view name) {
  const auto header = req.header("Cookie");
  if (!header) return {};
  std::string_view h = *header;
  while (!h.empty()) {
    const auto semi = h.find(';');
    std::string_view part = h.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    const auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
    if (semi == std::string_view::npos) break;
    h.remove_prefix(semi + 1);
  }
  return {};
}

bool equal_secrets(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

Api::Api(app::Env env, Metrics& metrics, ApiOptions options)
    : env_(std::move(env)), metrics_(metrics), options_(std::move(options)) {
  add_system_routes(router_, env_, metrics_, options_);
  add_identity_routes(router_, env_, options_);
  add_audit_routes(router_, env_);
  add_calendar_routes(router_, env_);
  add_file_routes(router_, env_);
  add_message_routes(router_, env_);
  add_catalog_routes(router_, env_);
  add_case_routes(router_, env_, options_);
  add_bundle_routes(router_, env_);
  add_project_template_routes(router_, env_);
  add_project_routes(router_, env_);
  add_rule_set_routes(router_, env_);
  add_filing_routes(router_, env_);
  add_meeting_routes(router_, env_);
  access_ = access_rows_for(router_);
}

bool Api::runs_on_event_loop(const HttpRequest& req) const {
  if (req.body.size() > std::size_t{64} * 1024) return false;  // a big body to parse
  const auto* route = router_.find(req.method, req.path);
  return route != nullptr && route->placement == Placement::EventLoop;
}

HttpResponse Api::handle(HttpRequest& req) {
  auto res = dispatch(req);
  if (res.route == "unmatched" && !req.route.empty()) res.route = req.route;
  add_security_headers(req, res, options_.secure_cookies);
  return res;
}

void add_security_headers(const HttpRequest& req, HttpResponse& res, bool behind_tls) {
  auto& h = res.headers;
  h["X-Content-Type-Options"] = "nosniff";
  h["X-Frame-Options"] = "DENY";
  h["Referrer-Policy"] = "no-referrer";
  if (behind_tls) h["Strict-Transport-Security"] = "max-age=31536000";
  const auto type = h.find("Content-Type");
  if (type != h.end() && type->second.rfind("text/html", 0) == 0) {
    // Element Plus sets style attributes at run time, hence 'unsafe-inline' for styles only.
    h["Content-Security-Policy"] =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
  }
  if (req.path.rfind("/api/", 0) == 0 && !h.contains("Cache-Control"))
    h["Cache-Control"] = "no-store";
}

bool is_loopback(std::string_view a) {
  if (a.rfind("::ffff:", 0) == 0) a.remove_prefix(7);
  return a == "::1" || a.rfind("127.", 0) == 0;
}

HttpResponse Api::dispatch(HttpRequest& req) {
  const bool api_path =
      req.path.rfind("/api/", 0) == 0 || req.path == "/healthz" || req.path == "/metrics";
  if (!api_path) {
    if (options_.static_dir.empty()) return HttpResponse::error(ErrorCode::NotFound, req);
    if (req.method != "GET" && req.method != "HEAD") {
      auto r = HttpResponse::error(ErrorCode::MethodNotAllowed, req);
      r.headers["Allow"] = "GET, HEAD";
      return r;
    }
    auto r = serve_static(options_.static_dir, req);
    r.route = "static";
    return r;
  }

  // Decoded paths and query strings reach use cases and SQL as text: NUL bytes and malformed
  // UTF-8 (%00, %C0%AF, …) are refused here, once, instead of in each handler or the driver.
  auto clean = [](std::string_view t) {
    return t.find('\0') == std::string_view::npos && valid_utf8(t);
  };
  bool query_clean = true;
  for (const auto& [k, v] : req.query) query_clean = query_clean && clean(k) && clean(v);
  if (!clean(req.path) || !query_clean) {
    return HttpResponse::error(ErrorCode::MalformedRequest, req,
                               "the path or query is not UTF-8 text without NUL");
  }

  const auto m = router_.match(req);
  if (!m.route) {
    if (m.allowed.empty()) return HttpResponse::error(ErrorCode::NotFound, req);
    auto r = HttpResponse::error(ErrorCode::MethodNotAllowed, req);
    std::string allow;
    for (const auto& a : m.allowed) allow += (allow.empty() ? "" : ", ") + a;
    r.headers["Allow"] = allow;
    return r;
  }

  Call call{req, app::RequestContext{{}, req.request_id, req.remote_address}, {}};
  if (req.preference("return") == "minimal") call.ctx.answer = app::Answer::Minimal;
  std::string token;
  bool via_cookie = false;
  if (auto auth = req.header("Authorization"); auth && auth->rfind("Bearer ", 0) == 0) {
    token = auth->substr(7);
  } else {
    token = cookie_value(req, kSessionCookie);
    via_cookie = !token.empty();
  }

  auto reject = [&](ErrorCode code) { return finish(call, HttpResponse::error(code, req)); };

  if (!token.empty()) {
    auto who = app::authenticate(env_, token);
    if (who.ok()) {
      call.ctx.actor = app::actor_of(who->user);
      call.session_token = token;
      if (via_cookie && is_unsafe(req.method)) {
        const auto sent = req.header("X-CSRF-Token").value_or("");
        if (!equal_secrets(sent, who->session.csrf_token)) return reject(ErrorCode::CsrfInvalid);
      }
    } else if (m.route->access == Access::SignedIn) {
      return reject(who.error().code);
    }
  }
  if (m.route->access == Access::SignedIn && !call.ctx.actor.signed_in()) {
    return reject(ErrorCode::Unauthenticated);
  }
  // The access table: a role without a grant on the operation never reaches its handler.
  const auto& actor = call.ctx.actor;
  const auto* row = access_[static_cast<std::size_t>(m.route - router_.routes().data())];
  if (actor.signed_in() && (!actor.role || !row->scope_of(*actor.role))) {
    return reject(ErrorCode::Forbidden);
  }
  return finish(call, m.route->handler(call));
}

HttpResponse Api::finish(Call& call, HttpResponse res) {
  res.route = call.req.route;
  if (is_unsafe(call.req.method) && res.status >= 400 && !res.audited) {
    // The response body is our own error JSON; its code names the failure.
    Error err{ErrorCode::Internal};
    boost::system::error_code ec;
    if (auto body = boost::json::parse(res.body, ec); !ec && body.is_object()) {
      if (const auto* c = body.as_object().if_contains("code"); c && c->is_string()) {
        if (!error_code_from_name(c->as_string(), err.code)) err.code = ErrorCode::Internal;
      }
    }
    app::append_audit_failure(env_, call.ctx, "request.rejected",
                              call.req.method + " " + call.req.route, err);
    res.audited = true;
  }
  return res;
}

}  // namespace tongban::http
