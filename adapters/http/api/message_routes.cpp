// /api/v1/messages: the signed-in user's in-app messages.
#include "adapters/http/api/api.hpp"
#include "app/notifications/notifications.hpp"

namespace tongban::http {

namespace json = boost::json;

namespace {

json::value message_json(const ports::MessageRecord& m) {
  return json::object{
      {"id", m.id},
      {"kind", m.kind},
      {"title", m.title},
      {"body", m.body},
      {"case_id", m.case_id ? json::value(*m.case_id) : json::value(nullptr)},
      {"created_at", format_instant(m.created_at)},
      {"read", m.read_at.has_value()},
      {"read_at", m.read_at ? json::value(format_instant(*m.read_at)) : json::value(nullptr)}};
}

}  // namespace

void add_message_routes(Router& r, const app::Env& env) {
  r.add("GET", "/api/v1/messages", Access::SignedIn, [env](Call& call) {
    auto page = page_request(call.req);
    if (!page) return HttpResponse::error(page.error(), call.req);
    bool unread_only = false;
    if (auto u = call.req.query_param("unread"); u && !u->empty()) {
      if (*u != "true" && *u != "false") {
        return HttpResponse::error(Error{ErrorCode::ValidationFailed, "true or false", "unread"},
                                   call.req);
      }
      unread_only = *u == "true";
    }
    auto res = app::list_messages(env, call.ctx, unread_only, *page);
    if (!res) return HttpResponse::error(res.error(), call.req);
    return list_response(*res, message_json);
  });

  r.add("POST", "/api/v1/messages/{id}/read", Access::SignedIn, [env](Call& call) {
    auto id = id_param(call.req, "id");
    if (!id) return HttpResponse::error(id.error(), call.req);
    auto res = app::mark_message_read(env, call.ctx, *id);
    auto out =
        res ? json_response(200, message_json(*res)) : HttpResponse::error(res.error(), call.req);
    return out;
  });
}

}  // namespace tongban::http
