#include "adapters/repo/sql_catalog.hpp"

#include <algorithm>
#include <stdexcept>

#include "adapters/catalog/item_json.hpp"
#include "adapters/repo/where.hpp"
#include "core/catalog/names.hpp"

namespace tongban::repo {
namespace {

catalog::ServiceItem decode(const ports::Row& r) {
  auto item = catalog::io::parse_item(r.text(0));
  // Stored rows were encoded by this adapter; a failure means a corrupt database.
  if (!item)
    throw std::runtime_error("catalog_items row cannot be decoded: " + item.error().detail);
  return std::move(*item);
}

std::string channel_column(const catalog::ServiceItem& item) {
  std::string out = ",";
  for (auto c : item.channels) out += std::string(catalog::to_string(c)) + ",";
  return out;
}

bool has_tolerable(const catalog::ServiceItem& item) {
  return std::any_of(item.materials.begin(), item.materials.end(),
                     [](const catalog::Material& m) { return m.tolerable; });
}

}  // namespace

void SqlCatalogRepository::insert_item_version(const catalog::ServiceItem& item, Instant at,
                                               const std::string& by) {
  const auto newest =
      tx_.query_one("SELECT MAX(version) FROM catalog_items WHERE code = ?", {item.code});
  const bool is_latest = !newest || newest->is_null(0) || newest->i64(0) < item.version;
  // The insert first: a taken (code, version) raises UniqueViolation before anything moves.
  tx_.exec(
      "INSERT INTO catalog_items (code, version, latest, name, type, department_code, region_code, "
      "handling, visits, tolerable, channels, body, created_at, created_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {item.code, item.version, is_latest, item.name, catalog::to_string(item.type),
       item.department_code, item.region_code, catalog::to_string(item.handling), item.visits,
       has_tolerable(item), channel_column(item), catalog::io::serialize_item(item), to_micros(at),
       by});
  if (is_latest) {
    tx_.exec("UPDATE catalog_items SET latest = 0 WHERE code = ? AND version <> ?",
             {item.code, item.version});
  }
  inserted_.insert(item.code);
}

std::optional<catalog::ServiceItem> SqlCatalogRepository::find_item(const std::string& code,
                                                                    std::optional<int> version) {
  const bool cacheable = !inserted_.contains(code);
  if (!version) {
    const auto latest =
        tx_.query_one("SELECT version FROM catalog_items WHERE code = ? AND latest = 1", {code});
    if (!latest) return std::nullopt;
    version = static_cast<int>(latest->i64(0));
  }
  if (cacheable) {
    if (auto hit = cache_.find(code, *version)) return *hit;
  }
  auto row = tx_.query_one("SELECT body FROM catalog_items WHERE code = ? AND version = ?",
                           {code, *version});
  if (!row) return std::nullopt;
  auto item = decode(*row);
  if (cacheable) cache_.put(std::make_shared<const catalog::ServiceItem>(item));
  return item;
}

ports::PageOf<catalog::ServiceItem> SqlCatalogRepository::list_items(const ports::ItemFilter& f,
                                                                     ports::PageRequest page) {
  Where w;
  w.add("latest = 1", {});
  if (f.q) {
    w.add_contains({"name", "code"}, *f.q);
  }
  if (f.department_code) w.add("department_code = ?", {*f.department_code});
  if (f.type) w.add("type = ?", {std::string(catalog::to_string(*f.type))});
  if (f.max_visits) w.add("visits <= ?", {*f.max_visits});
  if (f.tolerable_only) w.add("tolerable = 1", {});
  if (f.channel)
    w.add("channels LIKE ?", {"%," + std::string(catalog::to_string(*f.channel)) + ",%"});
  if (f.region_code) w.add("region_code = ?", {*f.region_code});

  ports::PageOf<catalog::ServiceItem> out;
  out.total = tx_.query("SELECT COUNT(*) FROM catalog_items" + w.sql(), w.params()).at(0).i64(0);
  for (const auto& r :
       tx_.query("SELECT body FROM catalog_items" + w.sql() + " ORDER BY code LIMIT ? OFFSET ?",
                 w.params({page.page_size, page.offset()}))) {
    out.data.push_back(decode(r));
  }
  return out;
}

}  // namespace tongban::repo
