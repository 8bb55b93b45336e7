// /api/v1/rule-sets, /api/v1/review-posts, /api/v1/rules/evaluate: self-check rule sets
// (JSONLogic, docs/rules.md) and the review posts of multi-level review — public reading, the
// admin's replacement of a set, and dry runs (a rule over data, a set over a filing's data).
// Handlers decode, call one use case (app/reviews/rule_sets.hpp), encode.
#include "adapters/http/api/api.hpp"
#include "adapters/rules/rules_json.hpp"
#include "app/reviews/rule_sets.hpp"

namespace tongban::http {

namespace json = boost::json;

namespace {

json::value post_json(const reviews::PostAssignment& p) {
  return json::object{
      {"kind", p.kind}, {"region_code", p.region_code}, {"department_code", p.department_code}};
}

// The member `key` of a JSON body as a rules value; absent → null.
rules::Value member(const json::object& body, std::string_view key) {
  const auto* v = body.if_contains(key);
  return v ? rules::io::from_json(*v) : rules::Value();
}

}  // namespace

void add_rule_set_routes(Router& r, const app::Env& env) {
  r.add("GET", "/api/v1/rule-sets", Access::Public, [env](Call& call) {
    TB_TRY(page, page_request(call.req));
    TB_TRY(res, app::list_rule_sets(env, *page));
    return list_response(
        *res, [](const rules::RuleSet& s) { return json::value(rules::io::to_json(s)); });
  });

  r.add("GET", "/api/v1/rule-sets/{kind}", Access::Public, [env](Call& call) {
    TB_TRY(res, app::get_rule_set(env, call.req.path_params.at("kind")));
    return json_response(200, rules::io::to_json(*res));
  });

  // The body is a rule set; its kind must be the path's (or absent).
  r.add("PUT", "/api/v1/rule-sets/{kind}", Access::SignedIn, [env](Call& call) {
    TB_TRY(body, json_object_body(call.req));
    const auto& kind = call.req.path_params.at("kind");
    if (const auto* k = body->if_contains("kind"); k && !(k->is_string() && k->as_string() == kind))
      return HttpResponse::error(Error{ErrorCode::RuleInvalid, "differs from the path", "kind"},
                                 call.req);
    (*body)["kind"] = kind;
    auto set = rules::io::rule_set_from_json(*body);
    if (!set) return HttpResponse::error(set.error(), call.req);
    return respond(call, app::put_rule_set(env, call.ctx, std::move(*set)), 200,
                   [](const rules::RuleSet& s) { return rules::io::to_json(s); });
  });

  // {"data": {"project": {...}, "form": {...}, "attachments": [...]}} → the check report.
  r.add("POST", "/api/v1/rule-sets/{kind}/check", Access::Public, [env](Call& call) {
    TB_TRY(body, json_object_body(call.req));
    TB_TRY(res,
           app::check_with_rule_set(env, call.req.path_params.at("kind"), member(*body, "data")));
    return json_response(200, rules::io::to_json(*res));
  });

  // {"logic": <JSONLogic>, "data": <any>} → {"result": <value>, "truthy": bool}.
  r.add("POST", "/api/v1/rules/evaluate", Access::SignedIn, [](Call& call) {
    TB_TRY(body, json_object_body(call.req));
    if (!body->contains("logic"))
      return HttpResponse::error(Error{ErrorCode::RuleInvalid, "missing", "logic"}, call.req);
    TB_TRY(res, app::evaluate_rule(member(*body, "logic"), member(*body, "data")));
    return json_response(
        200, json::object{{"result", rules::io::to_json(*res)}, {"truthy", rules::truthy(*res)}});
  });

  r.add("GET", "/api/v1/review-posts", Access::Public, [env](Call& call) {
    TB_TRY(kind, text_query(call.req, "kind", 64));
    TB_TRY(res, app::list_review_posts(env, *kind));
    json::array data;
    for (const auto& p : *res) data.push_back(post_json(p));
    return json_response(200, json::object{{"data", std::move(data)},
                                           {"total", static_cast<std::int64_t>(res->size())}});
  });
}

}  // namespace tongban::http
