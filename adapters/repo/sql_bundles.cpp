#include "adapters/repo/sql_bundles.hpp"

#include <boost/json.hpp>
#include <map>
#include <stdexcept>

#include "adapters/bundles/bundle_json.hpp"

namespace tongban::repo {
namespace {

namespace json = boost::json;

constexpr const char* kCaseColumns =
    "id, number, bundle_code, applicant_id, delivery, items, form_json, created_by, "
    "idempotency_key, request_hash, created_at, delivered_at, bundle_version";
constexpr const char* kDocumentColumns =
    "id, applicant_id, document_key, name, file_id, valid_until, added_at";

// Rows of (definition, version).
bundles::Bundle to_bundle(const ports::Row& r) {
  auto b = bundles::io::parse_bundle(r.text(0));
  // Stored definitions were validated on the way in; a broken one is a bug, not user input.
  if (!b) throw std::runtime_error("stored bundle does not decode: " + b.error().detail);
  b->version = static_cast<int>(r.i64(1));
  return std::move(*b);
}

std::string codes_json(const std::vector<std::string>& codes) {
  json::array a;
  for (const auto& c : codes) a.emplace_back(c);
  return json::serialize(a);
}

std::vector<std::string> codes_from_json(const std::string& text) {
  std::vector<std::string> out;
  const auto parsed = json::parse(text);
  for (const auto& v : parsed.as_array()) out.emplace_back(v.as_string());
  return out;
}

// A bundle application's row; its form is opened (sealed at rest: sql_personal_data.hpp).
ports::BundleCaseRecord to_case(const ports::Row& r, const ports::SecretBox& box) {
  ports::BundleCaseRecord c;
  c.id = r.i64(0);
  c.number = r.text(1);
  c.bundle_code = r.text(2);
  c.applicant_id = r.i64(3);
  c.delivery = r.text(4);
  c.items = codes_from_json(r.text(5));
  c.form_json = *open_column(box, r.text(6), "bundle_cases.form_json");
  c.created_by = r.i64(7);
  c.idempotency_key = r.opt_text(8);
  c.request_hash = r.text(9);
  c.created_at = from_micros(r.i64(10));
  if (auto d = r.opt_i64(11)) c.delivered_at = from_micros(*d);
  c.bundle_version = static_cast<int>(r.i64(12));
  return c;
}

ports::DocumentRecord to_document(const ports::Row& r) {
  ports::DocumentRecord d;
  d.id = r.i64(0);
  d.applicant_id = r.i64(1);
  d.document_key = r.text(2);
  d.name = r.text(3);
  d.file_id = r.text(4);
  d.valid_until = r.opt_text(5);
  d.added_at = from_micros(r.i64(6));
  return d;
}

}  // namespace

bool SqlBundleRepository::insert_bundle(const bundles::Bundle& b, Instant at,
                                        std::optional<std::int64_t> by) {
  if (tx_.query_one("SELECT 1 FROM bundles WHERE code = ?", {b.code})) return false;
  const auto definition = bundles::io::serialize_bundle(b);
  tx_.exec(
      "INSERT INTO bundles (code, name, category, definition, updated_at, version) "
      "VALUES (?, ?, ?, ?, ?, 1)",
      {b.code, b.name, b.category, definition, to_micros(at)});
  tx_.exec(
      "INSERT INTO bundle_versions (code, version, definition, created_by, created_at) "
      "VALUES (?, 1, ?, ?, ?)",
      {b.code, definition, by, to_micros(at)});
  return true;
}

void SqlBundleRepository::insert_bundle_version(const bundles::Bundle& b, std::int64_t by,
                                                Instant at) {
  const auto definition = bundles::io::serialize_bundle(b);
  const auto version = static_cast<std::int64_t>(b.version);
  // The primary key refuses a version stored twice (two admins saving at once).
  tx_.exec(
      "INSERT INTO bundle_versions (code, version, definition, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?)",
      {b.code, version, definition, by, to_micros(at)});
  tx_.exec(
      "UPDATE bundles SET name = ?, category = ?, definition = ?, updated_at = ?, version = ? "
      "WHERE code = ?",
      {b.name, b.category, definition, to_micros(at), version, b.code});
}

std::optional<bundles::Bundle> SqlBundleRepository::find_bundle(const std::string& code) {
  auto row = tx_.query_one("SELECT definition, version FROM bundles WHERE code = ?", {code});
  if (!row) return std::nullopt;
  return to_bundle(*row);
}

std::optional<bundles::Bundle> SqlBundleRepository::find_bundle_version(const std::string& code,
                                                                        int version) {
  auto row = tx_.query_one(
      "SELECT definition, version FROM bundle_versions WHERE code = ? AND version = ?",
      {code, static_cast<std::int64_t>(version)});
  if (!row) return std::nullopt;
  return to_bundle(*row);
}

std::vector<ports::BundleVersionRecord> SqlBundleRepository::list_bundle_versions(
    const std::string& code) {
  std::vector<ports::BundleVersionRecord> out;
  for (const auto& r : tx_.query("SELECT definition, version, created_by, created_at FROM "
                                 "bundle_versions WHERE code = ? ORDER BY version DESC",
                                 {code})) {
    const auto b = to_bundle(r);
    out.push_back({b.version, b.name, b.category, r.opt_i64(2), from_micros(r.i64(3))});
  }
  return out;
}

ports::PageOf<bundles::Bundle> SqlBundleRepository::list_bundles(
    const std::optional<std::string>& category, ports::PageRequest page) {
  ports::PageOf<bundles::Bundle> out;
  const std::string where = category ? " WHERE category = ?" : "";
  std::vector<ports::Param> params;
  if (category) params.emplace_back(*category);
  out.total = tx_.query("SELECT COUNT(*) FROM bundles" + where, params).at(0).i64(0);
  params.emplace_back(page.page_size);
  params.emplace_back(page.offset());
  for (const auto& r : tx_.query("SELECT definition, version FROM bundles" + where +
                                     " ORDER BY category, code LIMIT ? OFFSET ?",
                                 params))
    out.data.push_back(to_bundle(r));
  return out;
}

std::int64_t SqlBundleRepository::insert_bundle_case(const ports::BundleCaseRecord& c) {
  return tx_.insert_id(
      "INSERT INTO bundle_cases (number, bundle_code, applicant_id, delivery, items, "
      "form_json, created_by, idempotency_key, request_hash, created_at, delivered_at, "
      "bundle_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {c.number, c.bundle_code, c.applicant_id, c.delivery, codes_json(c.items),
       keys_.box.seal(c.form_json), c.created_by, c.idempotency_key, c.request_hash,
       to_micros(c.created_at),
       c.delivered_at ? std::optional<std::int64_t>(to_micros(*c.delivered_at)) : std::nullopt,
       static_cast<std::int64_t>(c.bundle_version)});
}

std::optional<ports::BundleCaseRecord> SqlBundleRepository::find_bundle_case(std::int64_t id) {
  auto row = tx_.query_one(
      std::string("SELECT ") + kCaseColumns + " FROM bundle_cases WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return to_case(*row, keys_.box);
}

std::optional<ports::BundleCaseRecord> SqlBundleRepository::lock_bundle_case(std::int64_t id) {
  // A no-op write takes the row lock on PostgreSQL; SQLite writers are serialised already.
  if (tx_.exec("UPDATE bundle_cases SET row_version = row_version + 1 WHERE id = ?", {id}) == 0)
    return std::nullopt;
  return find_bundle_case(id);
}

std::optional<ports::BundleCaseRecord> SqlBundleRepository::find_bundle_case_by_key(
    std::int64_t created_by, const std::string& key) {
  auto row = tx_.query_one(std::string("SELECT ") + kCaseColumns +
                               " FROM bundle_cases WHERE created_by = ? AND idempotency_key = ?",
                           {created_by, key});
  if (!row) return std::nullopt;
  return to_case(*row, keys_.box);
}

void SqlBundleRepository::set_bundle_case_delivered(std::int64_t id, Instant at) {
  tx_.exec("UPDATE bundle_cases SET delivered_at = ? WHERE id = ?", {to_micros(at), id});
}

ports::PageOf<ports::BundleCaseRecord> SqlBundleRepository::list_bundle_cases(
    const ports::BundleCaseFilter& f, ports::PageRequest page) {
  std::string where = " WHERE 1 = 1";
  std::vector<ports::Param> params;
  if (f.applicant_id) {
    where += " AND applicant_id = ?";
    params.emplace_back(*f.applicant_id);
  }
  if (f.region_prefix) {
    where +=
        " AND EXISTS (SELECT 1 FROM bundle_case_children ch JOIN cases c ON c.id = ch.case_id "
        "WHERE ch.bundle_case_id = bundle_cases.id AND c.region_code LIKE ?)";
    params.emplace_back(*f.region_prefix + "%");
  }
  ports::PageOf<ports::BundleCaseRecord> out;
  out.total = tx_.query("SELECT COUNT(*) FROM bundle_cases" + where, params).at(0).i64(0);
  params.emplace_back(page.page_size);
  params.emplace_back(page.offset());
  for (const auto& r : tx_.query(std::string("SELECT ") + kCaseColumns + " FROM bundle_cases" +
                                     where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                                 params))
    out.data.push_back(to_case(r, keys_.box));
  return out;
}

void SqlBundleRepository::insert_child(const ports::BundleChildRecord& c) {
  // Idempotent: a replay finishing an interrupted application may race the first request.
  tx_.exec(
      "INSERT INTO bundle_case_children (bundle_case_id, item_code, case_id) VALUES (?, ?, ?) "
      "ON CONFLICT DO NOTHING",
      {c.bundle_case_id, c.item_code, c.case_id});
}

std::vector<std::string> SqlBundleRepository::child_states(std::int64_t bundle_case_id) {
  std::vector<std::string> out;
  for (const auto& r :
       tx_.query("SELECT c.state FROM bundle_case_children ch JOIN cases c ON c.id = ch.case_id "
                 "WHERE ch.bundle_case_id = ? ORDER BY ch.case_id",
                 {bundle_case_id}))
    out.push_back(r.text(0));
  return out;
}

std::vector<ports::BundleChildRecord> SqlBundleRepository::list_children(
    std::int64_t bundle_case_id) {
  std::vector<ports::BundleChildRecord> out;
  for (const auto& r :
       tx_.query("SELECT bundle_case_id, item_code, case_id FROM bundle_case_children "
                 "WHERE bundle_case_id = ? ORDER BY case_id",
                 {bundle_case_id}))
    out.push_back({r.i64(0), r.text(1), r.i64(2)});
  return out;
}

std::optional<ports::BundleChildRecord> SqlBundleRepository::find_child_by_case(
    std::int64_t case_id) {
  auto r = tx_.query_one(
      "SELECT bundle_case_id, item_code, case_id FROM bundle_case_children WHERE case_id = ?",
      {case_id});
  if (!r) return std::nullopt;
  return ports::BundleChildRecord{r->i64(0), r->text(1), r->i64(2)};
}

std::int64_t SqlBundleRepository::insert_document(const ports::DocumentRecord& d) {
  return tx_.insert_id(
      "INSERT INTO applicant_documents (applicant_id, document_key, name, file_id, "
      "valid_until, added_at) VALUES (?, ?, ?, ?, ?, ?)",
      {d.applicant_id, d.document_key, d.name, d.file_id, d.valid_until, to_micros(d.added_at)});
}

std::optional<ports::DocumentRecord> SqlBundleRepository::find_document(std::int64_t id) {
  auto row = tx_.query_one(
      std::string("SELECT ") + kDocumentColumns + " FROM applicant_documents WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return to_document(*row);
}

ports::PageOf<ports::DocumentRecord> SqlBundleRepository::list_documents(std::int64_t applicant_id,
                                                                         ports::PageRequest page) {
  ports::PageOf<ports::DocumentRecord> out;
  out.total =
      tx_.query("SELECT COUNT(*) FROM applicant_documents WHERE applicant_id = ?", {applicant_id})
          .at(0)
          .i64(0);
  for (const auto& r :
       tx_.query(std::string("SELECT ") + kDocumentColumns +
                     " FROM applicant_documents WHERE applicant_id = ? ORDER BY id DESC "
                     "LIMIT ? OFFSET ?",
                 {applicant_id, page.page_size, page.offset()}))
    out.data.push_back(to_document(r));
  return out;
}

std::vector<bundles::DeskCategory> SqlBundleRepository::list_desk_categories() {
  std::vector<bundles::DeskCategory> out;
  std::map<std::int64_t, std::size_t> at;
  for (const auto& r :
       tx_.query("SELECT id, name, position FROM desk_categories ORDER BY position, name", {})) {
    bundles::DeskCategory c;
    c.id = r.i64(0);
    c.name = r.text(1);
    c.position = static_cast<int>(r.i64(2));
    at[c.id] = out.size();
    out.push_back(std::move(c));
  }
  for (const auto& r : tx_.query(
           "SELECT category_id, item_code FROM desk_category_items ORDER BY category_id, seq", {}))
    if (auto it = at.find(r.i64(0)); it != at.end()) out[it->second].items.push_back(r.text(1));
  for (const auto& r : tx_.query(
           "SELECT category_id, user_id FROM desk_category_clerks ORDER BY category_id, user_id",
           {}))
    if (auto it = at.find(r.i64(0)); it != at.end()) out[it->second].clerks.push_back(r.i64(1));
  return out;
}

void SqlBundleRepository::replace_category_members(const bundles::DeskCategory& c) {
  tx_.exec("DELETE FROM desk_category_items WHERE category_id = ?", {c.id});
  tx_.exec("DELETE FROM desk_category_clerks WHERE category_id = ?", {c.id});
  std::int64_t seq = 0;
  for (const auto& i : c.items)
    tx_.exec("INSERT INTO desk_category_items (category_id, item_code, seq) VALUES (?, ?, ?)",
             {c.id, i, seq++});
  for (const auto u : c.clerks)
    tx_.exec("INSERT INTO desk_category_clerks (category_id, user_id) VALUES (?, ?)", {c.id, u});
}

std::int64_t SqlBundleRepository::insert_desk_category(const bundles::DeskCategory& c, Instant at) {
  auto stored = c;
  stored.id =
      tx_.insert_id("INSERT INTO desk_categories (name, position, created_at) VALUES (?, ?, ?)",
                    {c.name, static_cast<std::int64_t>(c.position), to_micros(at)});
  replace_category_members(stored);
  return stored.id;
}

bool SqlBundleRepository::update_desk_category(const bundles::DeskCategory& c) {
  if (tx_.exec("UPDATE desk_categories SET name = ?, position = ? WHERE id = ?",
               {c.name, static_cast<std::int64_t>(c.position), c.id}) == 0)
    return false;
  replace_category_members(c);
  return true;
}

bool SqlBundleRepository::delete_desk_category(std::int64_t id) {
  tx_.exec("DELETE FROM desk_category_items WHERE category_id = ?", {id});
  tx_.exec("DELETE FROM desk_category_clerks WHERE category_id = ?", {id});
  return tx_.exec("DELETE FROM desk_categories WHERE id = ?", {id}) > 0;
}

bool SqlBundleRepository::category_in_use(const std::string& name) {
  return tx_.query_one("SELECT 1 FROM bundles WHERE category = ?", {name}).has_value();
}

}  // namespace tongban::repo
