// /api/v1/audit
#include "adapters/http/api/api.hpp"
#include "app/audit/audit_trail.hpp"
#include "app/policy.hpp"

namespace tongban::http {

namespace json = boost::json;

void add_audit_routes(Router& r, const app::Env& env) {
  r.add("GET", "/api/v1/audit", Access::SignedIn, [env](Call& call) {
    auto page = page_request(call.req);
    if (!page) return HttpResponse::error(page.error(), call.req);
    auto actor = text_query(call.req, "actor", 64);
    auto action = text_query(call.req, "action", 64);
    if (!actor) return HttpResponse::error(actor.error(), call.req);
    if (!action) return HttpResponse::error(action.error(), call.req);
    auto res = app::list_audit(env, call.ctx, *actor, *action, *page);
    if (!res) return HttpResponse::error(res.error(), call.req);
    return list_response(*res, [](const audit::Entry& e) {
      return json::object{{"seq", e.seq},
                          {"at", format_instant(e.at)},
                          {"actor", e.actor},
                          {"role", e.role},
                          {"action", e.action},
                          {"target", e.target},
                          {"request_id", e.request_id},
                          {"outcome", e.outcome},
                          {"detail", e.detail},
                          {"hash", e.hash}};
    });
  });
  r.add("GET", "/api/v1/audit/verify", Access::SignedIn, [env](Call& call) {
    if (!app::may(call.ctx.actor, app::Permission::ViewAudit)) {
      return HttpResponse::error(ErrorCode::Forbidden, call.req);
    }
    const auto v = app::verify_audit(env);
    json::object o{{"ok", v.ok}, {"checked", v.checked}};
    if (v.first_broken_seq) {
      o["first_broken_seq"] = *v.first_broken_seq;
      o["reason"] = v.reason;
    }
    return json_response(200, o);
  });
}

}  // namespace tongban::http
