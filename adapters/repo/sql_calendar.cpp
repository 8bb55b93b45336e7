#include "adapters/repo/sql_calendar.hpp"

#include "adapters/repo/where.hpp"

namespace tongban::repo {
namespace {

constexpr const char* kColumns =
    "id, region_code, centre, day, kind, label, created_by, created_at";

ports::CalendarExceptionRecord to_record(const ports::Row& r) {
  return ports::CalendarExceptionRecord{r.i64(0),  r.text(1), r.text(2), r.text(3),
                                        r.text(4), r.text(5), r.text(6), from_micros(r.i64(7))};
}

}  // namespace

std::int64_t SqlCalendarRepository::revision() {
  return tx_.query_one("SELECT revision FROM calendar_revision WHERE id = 1")->i64(0);
}

std::int64_t SqlCalendarRepository::insert_exception(const ports::CalendarExceptionRecord& e) {
  const auto id = tx_.insert_id(
      "INSERT INTO calendar_exceptions (region_code, centre, day, kind, label, "
      "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {e.region_code, e.centre, e.day, e.kind, e.label, e.created_by, to_micros(e.created_at)});
  tx_.exec("UPDATE calendar_revision SET revision = revision + 1 WHERE id = 1");
  return id;
}

std::optional<ports::CalendarExceptionRecord> SqlCalendarRepository::find_exception(
    std::int64_t id) {
  auto row = tx_.query_one(
      std::string("SELECT ") + kColumns + " FROM calendar_exceptions WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return to_record(*row);
}

void SqlCalendarRepository::delete_exception(std::int64_t id) {
  tx_.exec("DELETE FROM calendar_exceptions WHERE id = ?", {id});
  tx_.exec("UPDATE calendar_revision SET revision = revision + 1 WHERE id = 1");
}

std::vector<ports::CalendarExceptionRecord> SqlCalendarRepository::list_exceptions(
    const std::optional<std::string>& region) {
  Where w;
  if (region) w.add("region_code = ?", {*region});
  std::vector<ports::CalendarExceptionRecord> out;
  for (const auto& r : tx_.query(std::string("SELECT ") + kColumns + " FROM calendar_exceptions" +
                                     w.sql() + " ORDER BY day, id",
                                 w.params())) {
    out.push_back(to_record(r));
  }
  return out;
}

}  // namespace tongban::repo
