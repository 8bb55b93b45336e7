// /healthz, /metrics, /api/v1/openapi.json
#include "adapters/http/api/api.hpp"

namespace tongban::http {

void add_system_routes(Router& r, const app::Env& env, Metrics& metrics) {
  r.add("GET", "/healthz", Access::Public, [env](Call&) {
    // A read proves the database answers; a failure throws and becomes a 500.
    env.store.read([](ports::UnitOfWork& uow) { (void)uow.identity().find_region("000000"); });
    return json_response(200, boost::json::object{{"status", "ok"}});
  });
  r.add("GET", "/metrics", Access::Public, [&metrics](Call&) {
    return HttpResponse::text(200, metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
  });
  r.add("GET", "/api/v1/openapi.json", Access::Public,
        [](Call&) { return HttpResponse::json(200, std::string(openapi_document())); });
}

}  // namespace tongban::http
