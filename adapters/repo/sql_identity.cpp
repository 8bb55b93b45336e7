#include "adapters/repo/sql_identity.hpp"

#include <algorithm>
#include <chrono>

#include "adapters/repo/where.hpp"

namespace tongban::repo {
namespace {

using ports::DepartmentRecord;
using ports::RegionRecord;
using ports::UserRecord;

constexpr const char* kUserColumns =
    "id, username, display_name, password_hash, role, kind, department_id, region_code, "
    "id_number, uscc, disabled, created_at, password_changed_at";
constexpr const char* kDepartmentColumns = "id, name, code, parent_id, region_code, created_at";

UserRecord to_user(const ports::Row& r, const ports::SecretBox& box) {
  UserRecord u;
  u.id = r.i64(0);
  u.username = r.text(1);
  u.display_name = r.text(2);
  u.password_hash = r.text(3);
  u.role = r.text(4);
  u.kind = r.text(5);
  u.department_id = r.opt_i64(6);
  u.region_code = r.opt_text(7);
  u.id_number = open_column(box, r.opt_text(8), "users.id_number");
  u.uscc = r.opt_text(9);
  u.disabled = r.i64(10) != 0;
  u.created_at = from_micros(r.i64(11));
  u.password_changed_at = from_micros(r.i64(12));
  return u;
}

DepartmentRecord to_department(const ports::Row& r) {
  DepartmentRecord d;
  d.id = r.i64(0);
  d.name = r.text(1);
  d.code = r.text(2);
  d.parent_id = r.opt_i64(3);
  d.region_code = r.text(4);
  d.created_at = from_micros(r.i64(5));
  return d;
}

RegionRecord to_region(const ports::Row& r) {
  return RegionRecord{r.text(0), r.text(1), r.opt_text(2), r.text(3)};
}

template <class T, class Convert>
ports::PageOf<T> page_of(ports::Tx& tx, const std::string& from, const Where& w,
                         const std::string& columns, const std::string& order,
                         ports::PageRequest page, Convert convert) {
  ports::PageOf<T> out;
  out.total = tx.query("SELECT COUNT(*) FROM " + from + w.sql(), w.params()).at(0).i64(0);
  for (const auto& r : tx.query("SELECT " + columns + " FROM " + from + w.sql() + " ORDER BY " +
                                    order + " LIMIT ? OFFSET ?",
                                w.params({page.page_size, page.offset()}))) {
    out.data.push_back(convert(r));
  }
  return out;
}

}  // namespace

void SqlIdentityRepository::upsert_region(const RegionRecord& r) {
  tx_.exec(
      "INSERT INTO regions (code, name, parent_code, level) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (code) DO UPDATE SET name = excluded.name, parent_code = excluded.parent_code, "
      "level = excluded.level",
      {r.code, r.name, r.parent_code, r.level});
}

std::optional<RegionRecord> SqlIdentityRepository::find_region(const std::string& code) {
  auto row =
      tx_.query_one("SELECT code, name, parent_code, level FROM regions WHERE code = ?", {code});
  if (!row) return std::nullopt;
  return to_region(*row);
}

ports::PageOf<RegionRecord> SqlIdentityRepository::list_regions(
    const std::optional<std::string>& parent, ports::PageRequest page) {
  Where w;
  if (parent) w.add("parent_code = ?", {*parent});
  return page_of<RegionRecord>(tx_, "regions", w, "code, name, parent_code, level", "code", page,
                               to_region);
}

std::int64_t SqlIdentityRepository::insert_department(const DepartmentRecord& d) {
  return tx_.insert_id(
      "INSERT INTO departments (name, code, parent_id, region_code, created_at) "
      "VALUES (?, ?, ?, ?, ?)",
      {d.name, d.code, d.parent_id, d.region_code, to_micros(d.created_at)});
}

void SqlIdentityRepository::update_department(const DepartmentRecord& d) {
  tx_.exec("UPDATE departments SET name = ?, code = ?, parent_id = ?, region_code = ? WHERE id = ?",
           {d.name, d.code, d.parent_id, d.region_code, d.id});
}

std::optional<DepartmentRecord> SqlIdentityRepository::find_department(std::int64_t id) {
  auto row = tx_.query_one(
      std::string("SELECT ") + kDepartmentColumns + " FROM departments WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return to_department(*row);
}

std::optional<DepartmentRecord> SqlIdentityRepository::find_department_by_code(
    const std::string& code) {
  auto row = tx_.query_one(
      std::string("SELECT ") + kDepartmentColumns + " FROM departments WHERE code = ?", {code});
  if (!row) return std::nullopt;
  return to_department(*row);
}

ports::PageOf<DepartmentRecord> SqlIdentityRepository::list_departments(
    const ports::DepartmentFilter& f, ports::PageRequest page) {
  Where w;
  if (f.q) w.add_contains({"name", "code"}, *f.q);
  if (f.region_code) w.add("region_code = ?", {*f.region_code});
  return page_of<DepartmentRecord>(tx_, "departments", w, kDepartmentColumns, "id", page,
                                   to_department);
}

namespace {
ports::ServiceCentreRecord to_centre(const ports::Row& r) {
  return ports::ServiceCentreRecord{r.i64(0), r.text(1), r.text(2), r.text(3),
                                    from_micros(r.i64(4))};
}
constexpr const char* kCentreColumns = "id, name, region_code, address, created_at";
}  // namespace

std::int64_t SqlIdentityRepository::insert_service_centre(const ports::ServiceCentreRecord& c) {
  return tx_.insert_id(
      "INSERT INTO service_centres (name, region_code, address, created_at) VALUES (?, ?, ?, "
      "?)",
      {c.name, c.region_code, c.address, to_micros(c.created_at)});
}

void SqlIdentityRepository::update_service_centre(const ports::ServiceCentreRecord& c) {
  tx_.exec("UPDATE service_centres SET name = ?, region_code = ?, address = ? WHERE id = ?",
           {c.name, c.region_code, c.address, c.id});
}

std::optional<ports::ServiceCentreRecord> SqlIdentityRepository::find_service_centre(
    std::int64_t id) {
  auto row = tx_.query_one(
      std::string("SELECT ") + kCentreColumns + " FROM service_centres WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return to_centre(*row);
}

ports::PageOf<ports::ServiceCentreRecord> SqlIdentityRepository::list_service_centres(
    const std::optional<std::string>& region_code, ports::PageRequest page) {
  Where w;
  if (region_code) w.add("region_code = ?", {*region_code});
  return page_of<ports::ServiceCentreRecord>(tx_, "service_centres", w, kCentreColumns, "id", page,
                                             to_centre);
}

std::int64_t SqlIdentityRepository::insert_user(const UserRecord& u) {
  return tx_.insert_id(
      "INSERT INTO users (username, display_name, password_hash, role, kind, department_id, "
      "region_code, id_number, id_number_index, uscc, disabled, created_at, password_changed_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {u.username, u.display_name, u.password_hash, u.role, u.kind, u.department_id, u.region_code,
       u.id_number ? ports::Param(keys_.box.seal(*u.id_number)) : ports::Param(nullptr),
       u.id_number ? ports::Param(id_number_index(keys_.index, *u.id_number))
                   : ports::Param(nullptr),
       u.uscc, u.disabled, to_micros(u.created_at),
       // A new account's password was set when the account was made.
       to_micros(u.password_changed_at == Instant{} ? u.created_at : u.password_changed_at)});
}

void SqlIdentityRepository::update_user(const UserRecord& u) {
  tx_.exec(
      "UPDATE users SET display_name = ?, password_hash = ?, role = ?, department_id = ?, "
      "region_code = ?, disabled = ?, password_changed_at = ? WHERE id = ?",
      {u.display_name, u.password_hash, u.role, u.department_id, u.region_code, u.disabled,
       to_micros(u.password_changed_at), u.id});
}

std::optional<UserRecord> SqlIdentityRepository::find_user(std::int64_t id) {
  auto row =
      tx_.query_one(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return to_user(*row, keys_.box);
}

std::optional<UserRecord> SqlIdentityRepository::find_user_by_username(
    const std::string& username) {
  auto row = tx_.query_one(std::string("SELECT ") + kUserColumns + " FROM users WHERE username = ?",
                           {username});
  if (!row) return std::nullopt;
  return to_user(*row, keys_.box);
}

ports::PageOf<UserRecord> SqlIdentityRepository::list_users(const ports::UserFilter& f,
                                                            ports::PageRequest page) {
  Where w;
  if (f.q) {
    w.add_contains({"username", "display_name", "uscc"}, *f.q);
  }
  if (f.role) w.add("role = ?", {*f.role});
  if (f.department_id) w.add("department_id = ?", {*f.department_id});
  if (!f.roles.empty()) {
    std::string in = "role IN (?";
    for (std::size_t i = 1; i < f.roles.size(); ++i) in += ", ?";
    w.add(in + ")", std::vector<ports::Param>(f.roles.begin(), f.roles.end()));
  }
  if (f.enabled_only) w.add("disabled = ?", {false});
  return page_of<UserRecord>(tx_, "users", w, kUserColumns, "id", page,
                             [&](const ports::Row& r) { return to_user(r, keys_.box); });
}

void SqlIdentityRepository::insert_session(const ports::SessionRecord& s) {
  tx_.exec(
      "INSERT INTO sessions (token_hash, user_id, kind, csrf_token, created_at, expires_at, "
      "idle_seconds, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {s.token_hash, s.user_id, s.kind, s.csrf_token, to_micros(s.created_at),
       to_micros(s.expires_at), static_cast<std::int64_t>(s.idle_timeout.count()),
       to_micros(s.last_seen_at)});
}

void SqlIdentityRepository::touch_session(const std::string& token_hash, Instant at) {
  tx_.exec("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?",
           {to_micros(at), token_hash, to_micros(at)});
}

std::optional<ports::SessionRecord> SqlIdentityRepository::find_session(
    const std::string& token_hash) {
  auto row = tx_.query_one(
      "SELECT token_hash, user_id, kind, csrf_token, created_at, expires_at, idle_seconds, "
      "last_seen_at FROM sessions WHERE token_hash = ?",
      {token_hash});
  if (!row) return std::nullopt;
  return ports::SessionRecord{row->text(0),
                              row->i64(1),
                              row->text(2),
                              row->text(3),
                              from_micros(row->i64(4)),
                              from_micros(row->i64(5)),
                              std::chrono::seconds(row->i64(6)),
                              from_micros(std::max(row->i64(7), row->i64(4)))};
}

void SqlIdentityRepository::delete_session(const std::string& token_hash) {
  tx_.exec("DELETE FROM sessions WHERE token_hash = ?", {token_hash});
}

void SqlIdentityRepository::delete_sessions_of_user(std::int64_t user_id) {
  tx_.exec("DELETE FROM sessions WHERE user_id = ?", {user_id});
}

void SqlIdentityRepository::record_login_failure(const std::string& key, Instant at) {
  tx_.exec("INSERT INTO login_failures (throttle_key, at) VALUES (?, ?)", {key, to_micros(at)});
}

std::int64_t SqlIdentityRepository::count_login_failures(const std::string& key, Instant since) {
  return tx_
      .query_one("SELECT COUNT(*) FROM login_failures WHERE throttle_key = ? AND at >= ?",
                 {key, to_micros(since)})
      ->i64(0);
}

void SqlIdentityRepository::clear_login_failures(const std::string& key) {
  tx_.exec("DELETE FROM login_failures WHERE throttle_key = ?", {key});
}

std::optional<ports::SecondFactorRecord> SqlIdentityRepository::find_second_factor(
    std::int64_t user_id) {
  auto row = tx_.query_one(
      "SELECT user_id, secret, confirmed_at, last_step, created_at FROM second_factors "
      "WHERE user_id = ?",
      {user_id});
  if (!row) return std::nullopt;
  ports::SecondFactorRecord f{row->i64(0), row->text(1), std::nullopt, row->opt_i64(3),
                              from_micros(row->i64(4))};
  if (auto at = row->opt_i64(2)) f.confirmed_at = from_micros(*at);
  return f;
}

void SqlIdentityRepository::put_second_factor(const ports::SecondFactorRecord& f) {
  std::optional<std::int64_t> confirmed;
  if (f.confirmed_at) confirmed = to_micros(*f.confirmed_at);
  tx_.exec(
      "INSERT INTO second_factors (user_id, secret, confirmed_at, last_step, created_at) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, "
      "confirmed_at = excluded.confirmed_at, last_step = excluded.last_step, "
      "created_at = excluded.created_at",
      {f.user_id, f.secret, confirmed, f.last_step, to_micros(f.created_at)});
}

void SqlIdentityRepository::delete_second_factor(std::int64_t user_id) {
  tx_.exec("DELETE FROM recovery_codes WHERE user_id = ?", {user_id});
  tx_.exec("DELETE FROM second_factors WHERE user_id = ?", {user_id});
}

bool SqlIdentityRepository::advance_second_factor_step(std::int64_t user_id, std::int64_t step) {
  return tx_.exec(
             "UPDATE second_factors SET last_step = ? WHERE user_id = ? AND "
             "(last_step IS NULL OR last_step < ?)",
             {step, user_id, step}) == 1;
}

void SqlIdentityRepository::replace_recovery_codes(std::int64_t user_id,
                                                   const std::vector<std::string>& code_hashes) {
  tx_.exec("DELETE FROM recovery_codes WHERE user_id = ?", {user_id});
  for (const auto& h : code_hashes) {
    tx_.exec("INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)", {user_id, h});
  }
}

bool SqlIdentityRepository::use_recovery_code(std::int64_t user_id, const std::string& code_hash,
                                              Instant at) {
  return tx_.exec(
             "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND "
             "used_at IS NULL",
             {to_micros(at), user_id, code_hash}) == 1;
}

std::int64_t SqlIdentityRepository::count_unused_recovery_codes(std::int64_t user_id) {
  return tx_
      .query_one("SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL",
                 {user_id})
      ->i64(0);
}

void SqlIdentityRepository::record_personal_data_access(const ports::PersonalDataAccessRecord& r) {
  tx_.exec(
      "INSERT INTO personal_data_access (subject_id, viewer_id, viewer_name, viewer_role, "
      "viewer_department, action, target, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {r.subject_id, r.viewer_id, r.viewer_name, r.viewer_role, r.viewer_department, r.action,
       r.target, r.reason, to_micros(r.at)});
}

ports::PageOf<ports::PersonalDataAccessRecord> SqlIdentityRepository::list_personal_data_access(
    std::int64_t subject_id, ports::PageRequest page) {
  ports::PageOf<ports::PersonalDataAccessRecord> out;
  out.total =
      tx_.query_one("SELECT COUNT(*) FROM personal_data_access WHERE subject_id = ?", {subject_id})
          ->i64(0);
  for (const auto& row : tx_.query(
           "SELECT id, subject_id, viewer_id, viewer_name, viewer_role, viewer_department, action, "
           "target, reason, at FROM personal_data_access WHERE subject_id = ? "
           "ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
           {subject_id, page.page_size, page.offset()})) {
    out.data.push_back(ports::PersonalDataAccessRecord{
        row.i64(0), row.i64(1), row.i64(2), row.text(3), row.text(4), row.text(5), row.text(6),
        row.text(7), row.text(8), from_micros(row.i64(9))});
  }
  return out;
}

}  // namespace tongban::repo
