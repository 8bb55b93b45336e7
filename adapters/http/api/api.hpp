// The HTTP face of the application: the route table, authentication and CSRF checks,
// and the handlers (one file per resource). Handlers decode, call one use case, encode.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "adapters/http/api/access_table.hpp"
#include "adapters/http/api/json_io.hpp"
#include "adapters/http/api/router.hpp"
#include "adapters/http/metrics.hpp"
#include "app/context.hpp"
#include "app/identity/accounts.hpp"

namespace tongban::http {

struct ApiOptions {
  std::filesystem::path static_dir;  // the built web app; empty: no static files
  bool secure_cookies = false;       // add `Secure` to the session cookie (behind TLS)
  // Where the public reaches this service, e.g. https://zwfw.example.gov.cn: the decision
  // document's QR code opens <public_base_url>/api/v1/public/decisions/<number>. Never taken
  // from the request's Host header (a client chooses that).
  std::string public_base_url = "http://127.0.0.1:8080";
  // GET /metrics: empty → answered to loopback peers only; set → to whoever sends
  // `Authorization: Bearer <metrics_token>` (compared in constant time).
  std::string metrics_token;
  app::LoginPolicy login_policy;
};

class Api {
 public:
  // Throws std::logic_error when a route has no row in the access table (access_table.hpp).
  Api(app::Env env, Metrics& metrics, ApiOptions options);
  // The server's handler. Thread-safe.
  HttpResponse handle(HttpRequest& req);
  [[nodiscard]] const Router& router() const { return router_; }
  // Whether `req` runs on the event loop when handlers run inline by default (SQLite, see
  // main/runtime.cpp): its route is declared Placement::EventLoop (casework's short writes
  // answered with the case's detail, and a case's detail) and its body is at most 64 KiB.
  // Everything else — PDFs, uploads, lists, reports, static files — goes to the worker pool.
  [[nodiscard]] bool runs_on_event_loop(const HttpRequest& req) const;

 private:
  HttpResponse dispatch(HttpRequest& req);
  // Labels the response with its route and audits a failed unsafe request no use case saw.
  HttpResponse finish(Call& call, HttpResponse res);
  app::Env env_;
  Metrics& metrics_;
  ApiOptions options_;
  Router router_;
  // The access table's row of each route, indexed like router_.routes().
  std::vector<const OperationAccess*> access_;
};

// Route registration, one function per resource file.
void add_system_routes(Router& r, const app::Env& env, Metrics& metrics, const ApiOptions& options);
void add_identity_routes(Router& r, const app::Env& env, const ApiOptions& options);
void add_audit_routes(Router& r, const app::Env& env);
void add_calendar_routes(Router& r, const app::Env& env);
void add_file_routes(Router& r, const app::Env& env);
void add_message_routes(Router& r, const app::Env& env);
void add_catalog_routes(Router& r, const app::Env& env);
void add_case_routes(Router& r, const app::Env& env, const ApiOptions& options);
void add_bundle_routes(Router& r, const app::Env& env);
void add_project_template_routes(Router& r, const app::Env& env);
void add_project_routes(Router& r, const app::Env& env);
void add_rule_set_routes(Router& r, const app::Env& env);
void add_filing_routes(Router& r, const app::Env& env);
void add_meeting_routes(Router& r, const app::Env& env);

// The served OpenAPI document (docs/api/openapi.json, embedded at build time).
[[nodiscard]] std::string_view openapi_document();

// The headers every answer carries (nosniff, no framing, no referrer; HSTS behind TLS), the
// content security policy on HTML (no inline or foreign script), and `Cache-Control: no-store`
// on every API answer that does not set its own: they may hold personal data.
void add_security_headers(const HttpRequest& req, HttpResponse& res, bool behind_tls);

// Whether `address` (an IP as text) is a loopback address (127.0.0.0/8, ::1, ::ffff:127.x).
[[nodiscard]] bool is_loopback(std::string_view address);

// Name of the browser session cookie.
inline constexpr std::string_view kSessionCookie = "tb_session";

// Turns a use case's result into a response: the value encoded with `status`, or the error.
// An encoder taking (value, storage_ptr) builds on a JsonArena (json_io.hpp).
// Use cases audit their own outcome, so the response is marked audited.
template <class T, class Encode>
HttpResponse respond(const Call& call, const Result<T>& r, int status, Encode encode) {
  auto res = r.ok() ? encode_response(status, r.value(), encode)
                    : HttpResponse::error(r.error(), call.req);
  res.audited = true;
  return res;
}

}  // namespace tongban::http
