// /api/v1/bundles, /api/v1/bundle-cases, /api/v1/documents: bundles (一件事) over HTTP — the
// public catalogue with figures, applying, the parent case, 统一出件, the material library.
// Handlers decode, call one use case (app/bundles/bundles.hpp), encode.
#include "adapters/bundles/bundle_json.hpp"
#include "adapters/http/api/api.hpp"
#include "adapters/http/api/case_json.hpp"
#include "app/bundles/bundles.hpp"
#include "app/desk/desk.hpp"
#include "core/catalog/names.hpp"

namespace tongban::http {

namespace json = boost::json;

namespace {

json::value opt(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object figures_json(const bundles::Figures& f) {
  return json::object{
      {"items", f.items},
      {"documents",
       json::object{{"separate", f.documents_separate}, {"bundle", f.documents_bundle}}},
      {"visits", json::object{{"separate", f.visits_separate}, {"bundle", f.visits_bundle}}},
      {"limit_days",
       json::object{{"separate", f.limit_separate_days}, {"bundle", f.limit_bundle_days}}}};
}

json::object summary_json(const app::BundleSummary& s) {
  auto o = bundles::io::to_json(s.bundle);
  o.erase("fields");
  o["version"] = s.bundle.version;
  o["figures"] = figures_json(s.figures);
  return o;
}

json::array uses_json(const std::vector<bundles::MaterialUse>& uses) {
  json::array a;
  for (const auto& u : uses)
    a.push_back(json::object{{"item_code", u.item_code}, {"material_code", u.material_code}});
  return a;
}

json::object bundle_detail_json(const app::BundleDetail& d) {
  auto o = bundles::io::to_json(d.bundle);
  o["version"] = d.bundle.version;
  json::array items;
  for (std::size_t i = 0; i < d.bundle.items.size(); ++i) {
    const auto& e = d.bundle.items[i];
    const auto& it = d.items.at(e.item_code);
    items.push_back(json::object{
        {"covered", o.at("items").at(i).at("covered")},
        {"form_fields", o.at("items").at(i).at("form_fields")},
        {"item_code", it.code},
        {"name", it.name},
        {"department_code", it.department_code},
        {"region_code", it.region_code},
        {"handling", it.handling == catalog::HandlingKind::Instant ? "instant" : "commitment"},
        {"committed_limit", json::object{{"amount", it.committed_limit.amount},
                                         {"unit", calendar::to_string(it.committed_limit.unit)}}},
        {"visits", it.visits},
        {"materials", it.materials.size()},
        {"optional", e.optional}});
  }
  o["items"] = std::move(items);
  json::array docs;
  for (const auto& doc : d.materials.documents) {
    docs.push_back(json::object{{"key", doc.key},
                                {"name", doc.name},
                                {"source", catalog::to_string(doc.source)},
                                {"certificate_type", doc.certificate_type},
                                {"required", doc.required},
                                {"uses", uses_json(doc.uses)}});
  }
  o["materials"] = json::object{{"documents", std::move(docs)},
                                {"covered", uses_json(d.materials.covered)},
                                {"unified_form", d.materials.unified_form}};
  o["figures"] = figures_json(d.figures);
  json::array selection;
  for (const auto& code : d.selection) selection.emplace_back(code);
  o["selection"] = std::move(selection);
  return o;
}

json::object parent_summary_json(const ports::BundleCaseRecord& c) {
  json::array items;
  for (const auto& i : c.items) items.emplace_back(i);
  return json::object{
      {"id", c.id},
      {"number", c.number},
      {"bundle_code", c.bundle_code},
      {"bundle_version", c.bundle_version},
      {"applicant_id", c.applicant_id},
      {"delivery", c.delivery},
      {"items", std::move(items)},
      {"created_at", format_instant(c.created_at)},
      {"delivered_at", c.delivered_at ? json::value(format_instant(*c.delivered_at)) : nullptr}};
}

json::value parent_json(const app::BundleCaseDetail& d, Instant now) {
  auto o = parent_summary_json(d.c);
  o["bundle_name"] = d.bundle_name;
  if (d.masked) {
    o["form"] = masked_form(d.c.form_json);
  } else {
    boost::system::error_code ec;
    auto form = json::parse(d.c.form_json, ec);
    o["form"] = ec ? json::value(nullptr) : form;
  }
  o["personal_data_masked"] = d.masked;
  const auto& p = d.progress;
  // Per child: where its result is (delivered, held for 统一出件, ready, open, closed).
  const auto mode =
      bundles::delivery_from_string(d.c.delivery).value_or(bundles::Delivery::Together);
  json::array per_child;
  for (const auto& ch : d.children) {
    per_child.push_back(
        json::object{{"item_code", ch.item_code},
                     {"case_id", ch.detail.c.id},
                     {"state", ch.detail.c.state},
                     {"delivery", std::string(bundles::child_delivery(mode, ch.detail.c.state))}});
  }
  o["progress"] = json::object{{"state", p.state},     {"children", p.children},
                               {"decided", p.decided}, {"delivered", p.delivered},
                               {"ended", p.ended},     {"items", std::move(per_child)}};
  json::array children;
  for (const auto& ch : d.children) children.push_back(case_detail_to_json(ch.detail, now));
  o["children"] = std::move(children);
  return o;
}

// {"key": "text", ...} under `key`; absent → empty.
Result<bundles::FieldValues> field_values(const json::value* v, const std::string& path) {
  bundles::FieldValues out;
  if (!v || v->is_null()) return out;
  auto bad = [&](const std::string& field) {
    return Error{ErrorCode::ValidationFailed, "an object of texts (at most 4096 bytes each)",
                 field};
  };
  if (!v->is_object() || v->as_object().size() > 100) return bad(path);
  for (const auto& kv : v->as_object()) {
    if (!kv.value().is_string() || kv.value().as_string().size() > 4096)
      return bad(path + "." + std::string(kv.key()));
    out.emplace(std::string(kv.key()), std::string(kv.value().as_string()));
  }
  return out;
}

Result<app::BundleApplication> application(const json::object& body) {
  app::BundleApplication in;
  JsonFields f(body);
  in.delivery = f.text("delivery", Need::Optional, 16).value_or("together");
  in.applicant_id = f.integer("applicant_id", Need::Optional);
  if (!f.ok()) return f.error();
  auto bad = [](std::string why, std::string field) {
    return Error{ErrorCode::ValidationFailed, std::move(why), std::move(field)};
  };
  if (const auto* items = body.if_contains("items"); items && !items->is_null()) {
    if (!items->is_array() || items->as_array().size() > 50)
      return bad("an array of item codes", "items");
    for (const auto& i : items->as_array()) {
      if (!i.is_string() || i.as_string().size() > 64)
        return bad("an array of item codes", "items");
      in.items.emplace_back(i.as_string());
    }
  }
  auto form = field_values(body.if_contains("form"), "form");
  if (!form) return form.error();
  in.form = std::move(*form);
  if (const auto* fields = body.if_contains("item_fields"); fields && !fields->is_null()) {
    if (!fields->is_object() || fields->as_object().size() > 50)
      return bad("an object of item codes", "item_fields");
    for (const auto& kv : fields->as_object()) {
      const std::string code(kv.key());
      auto values = field_values(&kv.value(), "item_fields." + code);
      if (!values) return values.error();
      in.item_fields.emplace(code, std::move(*values));
    }
  }
  if (const auto* docs = body.if_contains("documents"); docs && !docs->is_null()) {
    if (!docs->is_array() || docs->as_array().size() > 100)
      return bad("an array of at most 100 documents", "documents");
    for (const auto& d : docs->as_array()) {
      if (!d.is_object()) return bad("documents are objects", "documents");
      JsonFields df(d.as_object());
      app::DocumentRef ref;
      ref.document_key = df.text("document_key", Need::Required, 256).value_or("");
      if (auto id = df.nullable_text("file_id", 64)) ref.file_id = *id;
      if (auto until = df.nullable_text("valid_until", 10)) ref.valid_until = *until;
      if (auto lib = df.nullable_integer("library_id")) ref.library_id = *lib;
      if (!df.ok()) {
        auto e = df.error();
        e.field = "documents." + e.field;
        return e;
      }
      in.documents.push_back(std::move(ref));
    }
  }
  return in;
}

// ?items=A,B: the optional items chosen (the wizard's 套餐); absent: every item.
Result<std::optional<std::vector<std::string>>> chosen_items(const HttpRequest& req) {
  std::optional<std::vector<std::string>> chosen;
  if (auto v = req.query_param("items")) {
    if (v->size() > 2048) return Error{ErrorCode::InvalidArgument, "too long", "items"};
    chosen.emplace();
    for (std::size_t start = 0; start < v->size();) {
      auto comma = v->find(',', start);
      if (comma == std::string::npos) comma = v->size();
      if (comma > start) chosen->emplace_back(v->substr(start, comma - start));
      start = comma + 1;
    }
  }
  return chosen;
}

// ?version=N: an earlier version of a bundle; absent: the latest.
Result<std::optional<int>> version_query(HttpRequest& req) {
  std::optional<int> version;
  if (auto v = req.query_param("version"); v && !v->empty()) {
    req.path_params["version"] = *v;
    auto n = id_param(req, "version");
    if (!n || *n > 1000000) return Error{ErrorCode::InvalidArgument, "a version number", "version"};
    version = static_cast<int>(*n);
  }
  return version;
}

// ?applicant_id=N (a clerk naming the applicant).
Result<std::optional<std::int64_t>> applicant_query(HttpRequest& req) {
  std::optional<std::int64_t> applicant;
  if (auto v = req.query_param("applicant_id"); v && !v->empty()) {
    req.path_params["applicant_id"] = *v;
    auto id = id_param(req, "applicant_id");
    if (!id) return Error{ErrorCode::ValidationFailed, "not an id", "applicant_id"};
    applicant = *id;
  }
  return applicant;
}

json::value category_json(const bundles::DeskCategory& c) {
  json::array items;
  for (const auto& i : c.items) items.emplace_back(i);
  json::array clerks;
  for (const auto u : c.clerks) clerks.emplace_back(u);
  return json::object{{"id", c.id},
                      {"name", c.name},
                      {"position", c.position},
                      {"items", std::move(items)},
                      {"clerks", std::move(clerks)}};
}

// {"name", "position"?, "items"?: [code], "clerks"?: [user id]}
Result<bundles::DeskCategory> category_body(const json::object& body) {
  bundles::DeskCategory c;
  JsonFields f(body);
  c.name = f.text("name", Need::Required, 128).value_or("");
  c.position = static_cast<int>(f.integer("position", Need::Optional).value_or(0));
  if (!f.ok()) return f.error();
  auto bad = [](const char* field, const char* why) {
    return Error{ErrorCode::ValidationFailed, why, field};
  };
  if (const auto* items = body.if_contains("items"); items && !items->is_null()) {
    if (!items->is_array() || items->as_array().size() > 500)
      return bad("items", "an array of at most 500 item codes");
    for (const auto& i : items->as_array()) {
      if (!i.is_string() || i.as_string().size() > 64) return bad("items", "item codes");
      c.items.emplace_back(i.as_string());
    }
  }
  if (const auto* clerks = body.if_contains("clerks"); clerks && !clerks->is_null()) {
    if (!clerks->is_array() || clerks->as_array().size() > 500)
      return bad("clerks", "an array of at most 500 user ids");
    for (const auto& u : clerks->as_array()) {
      if (!u.is_int64() || u.as_int64() <= 0) return bad("clerks", "user ids");
      c.clerks.push_back(u.as_int64());
    }
  }
  return c;
}

}  // namespace

void add_bundle_routes(Router& r, const app::Env& env) {
  auto parent = [env](const app::BundleCaseDetail& d) { return parent_json(d, env.clock.now()); };

  r.add("GET", "/api/v1/bundles", Access::Public, [env](Call& call) {
    TB_TRY(page, page_request(call.req));
    TB_TRY(category, text_query(call.req, "category", 64));
    TB_TRY(res, app::list_bundles(env, *category, *page));
    return list_response(*res,
                         [](const app::BundleSummary& s) { return json::value(summary_json(s)); });
  });

  r.add("GET", "/api/v1/bundles/{code}", Access::Public, [env](Call& call) {
    TB_TRY(chosen, chosen_items(call.req));
    TB_TRY(version, version_query(call.req));
    TB_TRY(res, app::get_bundle(env, call.req.path_params.at("code"), *chosen, *version));
    return json_response(200, bundle_detail_json(*res));
  });

  // The bundle editor: the body is a bundle as GET returns it (read-only keys dropped).
  auto save = [env](Call& call, std::optional<int> base_version) {
    TB_TRY(body, json_object_body(call.req));
    auto def = *body;
    for (const char* k : {"version", "base_version", "figures", "materials", "selection"})
      def.erase(k);
    if (auto* items = def.if_contains("items"); items && items->is_array()) {
      for (auto& i : items->as_array()) {
        if (!i.is_object()) continue;
        auto& o = i.as_object();
        for (const char* k : {"name", "department_code", "region_code", "handling",
                              "committed_limit", "visits", "materials"})
          o.erase(k);
      }
    }
    if (base_version) def["code"] = call.req.path_params.at("code");
    TB_TRY(b, bundles::io::bundle_from_json(def));
    auto saved = app::save_bundle(env, call.ctx, *b, base_version);
    if (!saved)
      return respond(call, saved, 200, [](const bundles::Bundle&) { return json::value(); });
    // The stored version with its material list and figures recomputed from the catalog.
    auto detail = app::get_bundle(env, saved->code, std::nullopt, saved->version);
    auto out = detail ? json_response(base_version ? 200 : 201, bundle_detail_json(*detail))
                      : HttpResponse::error(detail.error(), call.req);
    out.audited = true;
    return out;
  };

  r.add("POST", "/api/v1/bundles", Access::SignedIn,
        [save](Call& call) { return save(call, std::nullopt); });

  r.add("PUT", "/api/v1/bundles/{code}", Access::SignedIn, [save](Call& call) {
    TB_TRY(body, json_object_body(call.req));
    const auto* base = body->if_contains("base_version");
    if (!base || !base->is_int64() || base->as_int64() < 1 || base->as_int64() > 1000000)
      return HttpResponse::error(
          Error{ErrorCode::ValidationFailed, "the version the edit started from", "base_version"},
          call.req);
    return save(call, static_cast<int>(base->as_int64()));
  });

  r.add("GET", "/api/v1/bundles/{code}/on-file", Access::SignedIn, [env](Call& call) {
    TB_TRY(chosen, chosen_items(call.req));
    TB_TRY(applicant, applicant_query(call.req));
    TB_TRY(version, version_query(call.req));
    TB_TRY(res, app::documents_on_file(env, call.ctx, call.req.path_params.at("code"), *chosen,
                                       *applicant, *version));
    auto entry = [](const std::optional<bundles::OnFileCandidate>& c) -> json::value {
      if (!c) return nullptr;
      json::object o{{"origin", std::string(bundles::to_string(c->origin))},
                     {"file_id", c->file_id},
                     {"label", c->label},
                     {"valid_until", c->valid_until ? json::value(format_date(*c->valid_until))
                                                    : json::value(nullptr)},
                     {"handed_in_at", format_instant(c->at)}};
      o[c->origin == bundles::OnFileOrigin::Library ? "library_id" : "case_id"] = c->ref;
      return o;
    };
    json::array data;
    for (std::size_t i = 0; i < res->documents.size(); ++i) {
      const auto& d = res->documents[i];
      const auto& f = res->on_file[i];
      data.push_back(json::object{{"key", d.key},
                                  {"name", d.name},
                                  {"source", catalog::to_string(d.source)},
                                  {"required", d.required},
                                  {"on_file", entry(f.valid)},
                                  {"expired", entry(f.expired)}});
    }
    const auto n = static_cast<std::int64_t>(data.size());
    return json_response(200, json::object{{"data", std::move(data)}, {"total", n}});
  });

  r.add("GET", "/api/v1/bundles/{code}/versions", Access::Public, [env](Call& call) {
    TB_TRY(res, app::list_bundle_versions(env, call.req.path_params.at("code")));
    json::array data;
    for (const auto& v : *res) {
      data.push_back(json::object{
          {"version", v.version},
          {"name", v.name},
          {"category", v.category},
          {"created_by", v.created_by ? json::value(*v.created_by) : json::value(nullptr)},
          {"created_at", format_instant(v.created_at)}});
    }
    const auto n = static_cast<std::int64_t>(data.size());
    return json_response(200, json::object{{"data", std::move(data)}, {"total", n}});
  });

  r.add("POST", "/api/v1/bundles/{code}/applications", Access::SignedIn, [env, parent](Call& call) {
    TB_TRY(body, json_object_body(call.req));
    TB_TRY(in, application(*body));
    in->bundle_code = call.req.path_params.at("code");
    if (auto key = call.req.header("Idempotency-Key")) {
      if (key->empty() || key->size() > 128) {
        return HttpResponse::error(
            Error{ErrorCode::ValidationFailed, "1..128 characters", "Idempotency-Key"}, call.req);
      }
      in->idempotency_key = *key;
    }
    in->request_hash = env.sha256_hex(call.req.body);
    auto res = app::apply_bundle(env, call.ctx, *in);
    auto out =
        respond(call, res, 201, [&](const app::BundleApplied& a) { return parent(a.detail); });
    if (res && res->replayed) out.headers["Idempotent-Replayed"] = "true";
    return out;
  });

  r.add("GET", "/api/v1/bundle-cases", Access::SignedIn, [env](Call& call) {
    TB_TRY(page, page_request(call.req));
    TB_TRY(res, app::list_bundle_cases(env, call.ctx, *page));
    return list_response(
        *res, [](const ports::BundleCaseRecord& c) { return json::value(parent_summary_json(c)); });
  });

  r.add("GET", "/api/v1/bundle-cases/{id}", Access::SignedIn, [env, parent](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(res, app::get_bundle_case(env, call.ctx, *id));
    return json_response(200, parent(*res));
  });

  r.add("POST", "/api/v1/bundle-cases/{id}/accept", Access::SignedIn, [env, parent](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    return respond(call, app::accept_bundle_case(env, call.ctx, *id), 200, parent);
  });

  r.add("POST", "/api/v1/bundle-cases/{id}/deliver", Access::SignedIn, [env, parent](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(body, json_object_body(call.req));
    JsonFields f(*body);
    app::Delivery d;
    d.method = f.text("method", Need::Required, 16).value_or("");
    if (auto t = f.nullable_text("tracking_number", 64)) d.tracking_number = *t;
    if (!f.ok()) return HttpResponse::error(f.error(), call.req);
    return respond(call, app::deliver_bundle_case(env, call.ctx, *id, d), 200, parent);
  });

  r.add("GET", "/api/v1/desk", Access::SignedIn, [env, parent](Call& call) {
    TB_TRY(category, text_query(call.req, "category", 64));
    TB_TRY(res, app::desk_view(env, call.ctx, category->value_or("")));
    const Instant now = env.clock.now();
    auto cases = [](const std::vector<app::DeskEntry>& list) {
      json::array a;
      for (const auto& d : list) {
        auto o = case_summary_to_json(d.e.c, d.e.urgency);
        o["desk_category"] = d.category;
        a.push_back(std::move(o));
      }
      return a;
    };
    json::array categories;
    for (const auto& c : res->categories) categories.emplace_back(c);
    json::array items;
    for (const auto& i : res->items) items.emplace_back(i);
    json::array ready;
    for (const auto& p : res->ready_together) ready.push_back(parent_json(p, now));
    return json_response(200, json::object{{"category", res->category},
                                           {"categories", std::move(categories)},
                                           {"general", res->general},
                                           {"items", std::move(items)},
                                           {"to_accept", cases(res->to_accept)},
                                           {"to_hand_out", cases(res->to_hand_out)},
                                           {"ready_together", std::move(ready)}});
  });

  r.add("GET", "/api/v1/desk-categories", Access::SignedIn, [env](Call& call) {
    TB_TRY(res, app::list_desk_categories(env, call.ctx));
    json::array data;
    for (const auto& c : *res) data.push_back(category_json(c));
    const auto n = static_cast<std::int64_t>(data.size());
    return json_response(200, json::object{{"data", std::move(data)}, {"total", n}});
  });

  r.add("POST", "/api/v1/desk-categories", Access::SignedIn, [env](Call& call) {
    TB_TRY(body, json_object_body(call.req));
    TB_TRY(c, category_body(*body));
    return respond(call, app::create_desk_category(env, call.ctx, *c), 201, category_json);
  });

  r.add("PUT", "/api/v1/desk-categories/{id}", Access::SignedIn, [env](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(body, json_object_body(call.req));
    TB_TRY(c, category_body(*body));
    c->id = *id;
    return respond(call, app::update_desk_category(env, call.ctx, *c), 200, category_json);
  });

  r.add("DELETE", "/api/v1/desk-categories/{id}", Access::SignedIn, [env](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    HttpResponse out;
    if (auto s = app::delete_desk_category(env, call.ctx, *id); !s)
      out = HttpResponse::error(s.error(), call.req);
    else
      out.status = 204;
    out.audited = true;
    return out;
  });

  auto document_json = [](const ports::DocumentRecord& d) {
    return json::value(json::object{{"id", d.id},
                                    {"document_key", d.document_key},
                                    {"name", d.name},
                                    {"file_id", d.file_id},
                                    {"valid_until", opt(d.valid_until)},
                                    {"added_at", format_instant(d.added_at)}});
  };

  r.add("GET", "/api/v1/documents", Access::SignedIn, [env, document_json](Call& call) {
    TB_TRY(page, page_request(call.req));
    TB_TRY(applicant, applicant_query(call.req));
    TB_TRY(res, app::list_documents(env, call.ctx, *page, *applicant));
    return list_response(*res, document_json);
  });

  r.add("POST", "/api/v1/documents", Access::SignedIn, [env, document_json](Call& call) {
    TB_TRY(body, json_object_body(call.req));
    JsonFields f(*body);
    app::NewDocument in;
    in.document_key = f.text("document_key", Need::Required, 256).value_or("");
    in.name = f.text("name", Need::Required, 256).value_or("");
    in.file_id = f.text("file_id", Need::Required, 64).value_or("");
    if (auto until = f.nullable_text("valid_until", 10)) in.valid_until = *until;
    if (!f.ok()) return HttpResponse::error(f.error(), call.req);
    return respond(call, app::add_document(env, call.ctx, in), 201, document_json);
  });
}

}  // namespace tongban::http
