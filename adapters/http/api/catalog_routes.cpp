// /api/v1/items and /api/v1/catalog — the service catalog: public reads, admin edits,
// the published lists, indicators and the printable 一次性告知单.
#include <map>
#include <mutex>
#include <tuple>

#include "adapters/catalog/item_json.hpp"
#include "adapters/http/api/api.hpp"
#include "adapters/pdf/checklist_pdf.hpp"
#include "app/catalog/catalog.hpp"
#include "core/catalog/names.hpp"

namespace tongban::http {

namespace json = boost::json;

namespace {

#define TONGBAN_TRY(var, expr) \
  auto var = (expr);           \
  if (!var) return HttpResponse::error(var.error(), call.req)

// A small non-negative integer query parameter; nullopt when absent or empty.
Result<std::optional<int>> small_int_query(const HttpRequest& req, std::string_view name) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::optional<int>{};
  if (v->size() > 6) return Error{ErrorCode::InvalidArgument, "too large", std::string(name)};
  int n = 0;
  for (char c : *v) {
    if (c < '0' || c > '9')
      return Error{ErrorCode::InvalidArgument, "a non-negative integer is required",
                   std::string(name)};
    n = n * 10 + (c - '0');
  }
  return std::optional<int>(n);
}

template <class E, class Parse>
Result<std::optional<E>> enum_query(const HttpRequest& req, std::string_view name, Parse parse) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::optional<E>{};
  auto e = parse(*v);
  if (!e) return Error{ErrorCode::InvalidArgument, "unknown value", std::string(name)};
  return std::optional<E>(*e);
}

Result<ports::ItemFilter> item_filter(const HttpRequest& req) {
  ports::ItemFilter f;
  auto q = text_query(req, "q");
  if (!q) return q.error();
  f.q = *q;
  auto dept = text_query(req, "department_code", 64);
  if (!dept) return dept.error();
  f.department_code = *dept;
  auto region = text_query(req, "region_code", 12);
  if (!region) return region.error();
  f.region_code = *region;
  auto type = enum_query<catalog::ItemType>(req, "type", catalog::item_type_from_string);
  if (!type) return type.error();
  f.type = *type;
  auto channel = enum_query<catalog::Channel>(req, "channel", catalog::channel_from_string);
  if (!channel) return channel.error();
  f.channel = *channel;
  auto visits = small_int_query(req, "max_visits");
  if (!visits) return visits.error();
  f.max_visits = *visits;
  if (auto t = req.query_param("tolerable"); t && !t->empty()) {
    if (*t != "true" && *t != "false" && *t != "1" && *t != "0") {
      return Error{ErrorCode::InvalidArgument, "true or false", "tolerable"};
    }
    f.tolerable_only = *t == "true" || *t == "1";
  }
  return f;
}

Result<std::optional<int>> version_query(const HttpRequest& req) {
  auto v = small_int_query(req, "version");
  if (v && *v && **v < 1) return Error{ErrorCode::InvalidArgument, "version >= 1", "version"};
  return v;
}

Result<catalog::ServiceItem> item_body(const HttpRequest& req) {
  auto body = json_object_body(req);
  if (!body) return body.error();
  return catalog::io::item_from_json(*body);
}

json::value item_json(const catalog::ServiceItem& it) { return catalog::io::to_json(it); }

json::value indicators_json(const catalog::CatalogIndicators& c) {
  return json::object{
      {"department_code",
       c.department_code.empty() ? json::value(nullptr) : json::value(c.department_code)},
      {"items", c.items},
      {"commitment_items", c.commitment_items},
      {"instant_items", c.instant_items},
      {"most_one_visit", c.most_one_visit},
      {"zero_visit", c.zero_visit},
      {"online_capable", c.online_capable},
      {"tolerable_items", c.tolerable_items},
      {"commitment_speedup", c.commitment_speedup},
      {"most_one_visit_ratio", c.most_one_visit_ratio},
      {"zero_visit_ratio", c.zero_visit_ratio},
      {"online_ratio", c.online_ratio},
      {"instant_ratio", c.instant_ratio}};
}

// The item's public page, what the QR code on the notice encodes.
std::string public_url(const HttpRequest& req, const std::string& code) {
  const auto host = req.header("Host");
  if (!host || host->empty()) return "/items/" + code;
  const auto proto = req.header("X-Forwarded-Proto");
  return (proto && *proto == "https" ? "https://" : "http://") + *host + "/items/" + code;
}

// Rendered notices by (code, version, url): a version never changes, and rendering parses
// the CJK font (~0.3 s). Bounded; cleared when full.
class PdfCache {
 public:
  std::optional<std::string> get(const std::string& key) {
    std::lock_guard lock(mu_);
    auto it = map_.find(key);
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }
  void put(const std::string& key, const std::string& pdf) {
    std::lock_guard lock(mu_);
    if (map_.size() >= 64) map_.clear();
    map_[key] = pdf;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::string> map_;  // GUARDED_BY(mu_)
};

}  // namespace

void add_catalog_routes(Router& r, const app::Env& env) {
  r.add("GET", "/api/v1/items", Access::Public, [env](Call& call) {
    TONGBAN_TRY(page, page_request(call.req));
    TONGBAN_TRY(filter, item_filter(call.req));
    TONGBAN_TRY(res, app::list_items(env, call.ctx, *filter, *page));
    return list_response(*res, item_json);
  });

  r.add("GET", "/api/v1/items/{code}", Access::Public, [env](Call& call) {
    TONGBAN_TRY(version, version_query(call.req));
    TONGBAN_TRY(item, app::get_item(env, call.ctx, call.req.path_params.at("code"), *version));
    return json_response(200, item_json(*item));
  });

  r.add("POST", "/api/v1/items", Access::SignedIn, [env](Call& call) {
    auto item = item_body(call.req);
    if (!item) return HttpResponse::error(item.error(), call.req);
    return respond(call, app::create_item(env, call.ctx, std::move(*item)), 201, item_json);
  });

  r.add("PUT", "/api/v1/items/{code}", Access::SignedIn, [env](Call& call) {
    auto item = item_body(call.req);
    if (!item) return HttpResponse::error(item.error(), call.req);
    return respond(
        call, app::update_item(env, call.ctx, call.req.path_params.at("code"), std::move(*item)),
        200, item_json);
  });

  auto cache = std::make_shared<PdfCache>();
  r.add("GET", "/api/v1/items/{code}/checklist.pdf", Access::Public, [env, cache](Call& call) {
    TONGBAN_TRY(version, version_query(call.req));
    TONGBAN_TRY(data,
                app::checklist_data(env, call.ctx, call.req.path_params.at("code"), *version));
    const auto url = public_url(call.req, data->item.code);
    const auto key = data->item.code + "@" + std::to_string(data->item.version) + " " + url;
    auto bytes = cache->get(key);
    if (!bytes) {
      pdf::ChecklistOptions opts;
      opts.public_url = url;
      TONGBAN_TRY(rendered, pdf::render_checklist(data->item, data->department_name, opts));
      bytes = std::move(*rendered);
      cache->put(key, *bytes);
    }
    auto res = HttpResponse::text(200, std::move(*bytes), "application/pdf");
    res.headers["Content-Disposition"] =
        "inline; filename=\"checklist-" + data->item.code + ".pdf\"";
    return res;
  });

  r.add("GET", "/api/v1/catalog/lists/{list}", Access::Public, [env](Call& call) {
    auto list = app::catalog_list_from_string(call.req.path_params.at("list"));
    if (!list)
      return HttpResponse::error(Error{ErrorCode::NotFound, "unknown list", "list"}, call.req);
    TONGBAN_TRY(page, page_request(call.req));
    TONGBAN_TRY(dept, text_query(call.req, "department_code", 64));
    TONGBAN_TRY(res, app::list_catalog(env, call.ctx, *list, *dept, *page));
    return list_response(*res, item_json);
  });

  r.add("GET", "/api/v1/catalog/indicators", Access::Public, [env](Call& call) {
    TONGBAN_TRY(report, app::catalog_indicators(env, call.ctx));
    json::array data;
    for (const auto& d : report->departments) data.push_back(indicators_json(d));
    const auto n = static_cast<std::int64_t>(data.size());
    return json_response(
        200, json::object{
                 {"data", std::move(data)}, {"total", n}, {"all", indicators_json(report->total)}});
  });
}

}  // namespace tongban::http
