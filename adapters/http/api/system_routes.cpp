// /healthz, /metrics, /api/v1/openapi.json
#include "adapters/http/api/api.hpp"

#include <sodium.h>

namespace tongban::http {
namespace {

bool bearer_matches(const HttpRequest& req, const std::string& token) {
  const auto auth = req.header("Authorization");
  if (!auth || auth->rfind("Bearer ", 0) != 0) return false;
  const std::string_view sent = std::string_view(*auth).substr(7);
  return sent.size() == token.size() && sodium_memcmp(sent.data(), token.data(), token.size()) == 0;
}

}  // namespace

void add_system_routes(Router& r, const app::Env& env, Metrics& metrics,
                       const ApiOptions& options) {
  r.add("GET", "/healthz", Access::Public, [env](Call&) {
    // A read proves the database answers; a failure throws and becomes a 500.
    env.store.read([](ports::UnitOfWork& uow) { (void)uow.identity().find_region("000000"); });
    return json_response(200, boost::json::object{{"status", "ok"}});
  });
  r.add("GET", "/metrics", Access::Public, [&metrics, token = options.metrics_token](Call& call) {
    // Not found rather than forbidden: the endpoint is not there for the rest of the world.
    if (token.empty() ? !is_loopback(call.req.remote_address) : !bearer_matches(call.req, token))
      return HttpResponse::error(ErrorCode::NotFound, call.req);
    return HttpResponse::text(200, metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
  });
  r.add("GET", "/api/v1/openapi.json", Access::Public,
        [](Call&) { return HttpResponse::json(200, std::string(openapi_document())); });
}

}  // namespace tongban::http
