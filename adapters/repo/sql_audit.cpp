#include "adapters/repo/sql_audit.hpp"

#include "adapters/repo/where.hpp"

namespace tongban::repo {
namespace {

constexpr const char* kColumns =
    "seq, at, actor, role, action, target, request_id, outcome, detail, prev_hash, hash, key_id";

audit::Entry to_entry(const ports::Row& r) {
  audit::Entry e;
  e.seq = r.i64(0);
  e.at = from_micros(r.i64(1));
  e.actor = r.text(2);
  e.role = r.text(3);
  e.action = r.text(4);
  e.target = r.text(5);
  e.request_id = r.text(6);
  e.outcome = r.text(7);
  e.detail = r.text(8);
  e.prev_hash = r.text(9);
  e.hash = r.text(10);
  e.key_id = r.text(11);
  return e;
}

}  // namespace

audit::Tip SqlAuditRepository::lock_tip() {
  // SQLite's write transactions are already exclusive (BEGIN IMMEDIATE); PostgreSQL
  // needs the row lock so concurrent instances append one after another.
  const char* sql = dialect_ == ports::Dialect::Postgres
                        ? "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE"
                        : "SELECT seq, hash FROM audit_head WHERE id = 1";
  auto row = tx_.query_one(sql);
  if (!row) throw ports::DbError(ports::DbError::Kind::Other, "audit_head row is missing");
  return audit::Tip{row->i64(0), row->text(1)};
}

audit::Tip SqlAuditRepository::tip() {
  auto row = tx_.query_one("SELECT seq, hash FROM audit_head WHERE id = 1");
  if (!row) throw ports::DbError(ports::DbError::Kind::Other, "audit_head row is missing");
  return audit::Tip{row->i64(0), row->text(1)};
}

void SqlAuditRepository::append(const audit::Entry& e) {
  static const std::string insert = std::string("INSERT INTO audit_log (") + kColumns +
                                    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  tx_.exec(insert, {e.seq, to_micros(e.at), e.actor, e.role, e.action, e.target, e.request_id,
                    e.outcome, e.detail, e.prev_hash, e.hash, e.key_id});
  tx_.exec("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", {e.seq, e.hash});
}

ports::PageOf<audit::Entry> SqlAuditRepository::list(const std::optional<std::string>& actor,
                                                     const std::optional<std::string>& action,
                                                     ports::PageRequest page) {
  Where w;
  if (actor) w.add("actor = ?", {*actor});
  if (action) w.add("action = ?", {*action});
  ports::PageOf<audit::Entry> out;
  out.total = tx_.query("SELECT COUNT(*) FROM audit_log" + w.sql(), w.params()).at(0).i64(0);
  for (const auto& r : tx_.query(std::string("SELECT ") + kColumns + " FROM audit_log" + w.sql() +
                                     " ORDER BY seq DESC LIMIT ? OFFSET ?",
                                 w.params({page.page_size, page.offset()}))) {
    out.data.push_back(to_entry(r));
  }
  return out;
}

void SqlAuditRepository::scan(const std::function<bool(const audit::Entry&)>& visit) {
  constexpr std::int64_t kBatch = 1000;
  std::int64_t after = 0;
  for (;;) {
    auto rows = tx_.query(
        std::string("SELECT ") + kColumns + " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
        {after, kBatch});
    for (const auto& r : rows) {
      auto e = to_entry(r);
      after = e.seq;
      if (!visit(e)) return;
    }
    if (static_cast<std::int64_t>(rows.size()) < kBatch) return;
  }
}

std::optional<audit::Entry> SqlAuditRepository::find(std::int64_t seq) {
  auto row =
      tx_.query_one(std::string("SELECT ") + kColumns + " FROM audit_log WHERE seq = ?", {seq});
  if (!row) return std::nullopt;
  return to_entry(*row);
}

}  // namespace tongban::repo
