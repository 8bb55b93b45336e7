#include "adapters/repo/sql_cases.hpp"

#include <array>
#include <boost/json.hpp>

#include "adapters/repo/where.hpp"

namespace tongban::repo {
namespace {

using namespace ports;  // NOLINT(google-build-using-namespace): records only

std::optional<std::int64_t> us(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  return to_micros(*t);
}
std::optional<Instant> at(const Row& r, std::size_t i) {
  auto v = r.opt_i64(i);
  if (!v) return std::nullopt;
  return from_micros(*v);
}

std::string gaps_to_json(const std::vector<GapRecord>& gaps) {
  boost::json::array a;
  for (const auto& g : gaps)
    a.push_back(boost::json::object{{"material_code", g.material_code}, {"reason", g.reason}});
  return boost::json::serialize(a);
}
std::vector<GapRecord> gaps_from_json(const std::string& text) {
  std::vector<GapRecord> out;
  const auto parsed = boost::json::parse(text);
  for (const auto& v : parsed.as_array()) {
    const auto& o = v.as_object();
    out.push_back(GapRecord{std::string(o.at("material_code").as_string()),
                            std::string(o.at("reason").as_string())});
  }
  return out;
}
std::string codes_to_json(const std::vector<std::string>& codes) {
  boost::json::array a;
  for (const auto& c : codes) a.push_back(boost::json::string(c));
  return boost::json::serialize(a);
}
std::vector<std::string> codes_from_json(const std::string& text) {
  std::vector<std::string> out;
  const auto parsed = boost::json::parse(text);
  for (const auto& v : parsed.as_array()) out.emplace_back(v.as_string());
  return out;
}

// Clock columns, in this order, in cases and case_tasks.
constexpr const char* kClockColumns =
    "budget_amount, budget_unit, clock_started_at, clock_stopped_at, clock_state, due_date, "
    "deadline_at, warning_at, first_overdue_at";
constexpr std::size_t kClockWidth = 9;

ClockColumns to_clock(const Row& r, std::size_t i) {
  ClockColumns c;
  c.budget_amount = r.i64(i);
  c.budget_unit = r.text(i + 1);
  c.started_at = at(r, i + 2);
  c.stopped_at = at(r, i + 3);
  c.state = r.opt_text(i + 4);
  c.due_date = r.opt_text(i + 5);
  c.deadline_at = at(r, i + 6);
  c.warning_at = at(r, i + 7);
  c.first_overdue_at = at(r, i + 8);
  return c;
}
void push_clock(std::vector<Param>& p, const ClockColumns& c) {
  p.emplace_back(c.budget_amount);
  p.emplace_back(c.budget_unit);
  p.emplace_back(us(c.started_at));
  p.emplace_back(us(c.stopped_at));
  p.emplace_back(c.state);
  p.emplace_back(c.due_date);
  p.emplace_back(us(c.deadline_at));
  p.emplace_back(us(c.warning_at));
  p.emplace_back(us(c.first_overdue_at));
}

const std::string kCaseColumns =
    std::string(
        "id, number, item_code, item_version, item_name, department_code, region_code, handling, "
        "applicant_id, state, form_json, submitted_at, accepted_at, decided_at, closed_at, "
        "decision, "
        "decision_reason, legal_basis, decision_number, delivery_method, tracking_number, "
        "refusal_reason, rating, rating_comment, ") +
    kClockColumns;

// A case row; its form is opened (sealed at rest: sql_personal_data.hpp).
CaseRecord to_case(const Row& r, const SecretBox& box) {
  CaseRecord c;
  c.id = r.i64(0);
  c.number = r.text(1);
  c.item_code = r.text(2);
  c.item_version = static_cast<int>(r.i64(3));
  c.item_name = r.text(4);
  c.department_code = r.text(5);
  c.region_code = r.text(6);
  c.handling = r.text(7);
  c.applicant_id = r.i64(8);
  c.state = r.text(9);
  c.form_json = *open_column(box, r.text(10), "cases.form_json");
  c.submitted_at = from_micros(r.i64(11));
  c.accepted_at = at(r, 12);
  c.decided_at = at(r, 13);
  c.closed_at = at(r, 14);
  c.decision = r.opt_text(15);
  c.decision_reason = r.text(16);
  c.legal_basis = r.text(17);
  c.decision_number = r.opt_text(18);
  c.delivery_method = r.opt_text(19);
  c.tracking_number = r.opt_text(20);
  c.refusal_reason = r.text(21);
  c.rating = r.opt_i64(22);
  c.rating_comment = r.text(23);
  c.clock = to_clock(r, 24);
  return c;
}

// The values of kCaseColumns but the id; `stored_form` is what form_json holds.
std::vector<Param> case_params(const CaseRecord& c, std::string stored_form) {
  std::vector<Param> p{c.number,
                       c.item_code,
                       c.item_version,
                       c.item_name,
                       c.department_code,
                       c.region_code,
                       c.handling,
                       c.applicant_id,
                       c.state,
                       std::move(stored_form),
                       to_micros(c.submitted_at),
                       us(c.accepted_at),
                       us(c.decided_at),
                       us(c.closed_at),
                       c.decision,
                       c.decision_reason,
                       c.legal_basis,
                       c.decision_number,
                       c.delivery_method,
                       c.tracking_number,
                       c.refusal_reason,
                       c.rating,
                       c.rating_comment};
  push_clock(p, c.clock);
  return p;
}

const std::string kTaskColumns =
    std::string(
        "id, case_id, step_index, post_index, step_name, post_name, department_code, state, "
        "assignee_id, result, opinion, urge_count, last_urged_at, urge_note, ") +
    kClockColumns;

TaskRecord to_task(const Row& r) {
  TaskRecord t;
  t.id = r.i64(0);
  t.case_id = r.i64(1);
  t.step_index = static_cast<int>(r.i64(2));
  t.post_index = static_cast<int>(r.i64(3));
  t.step_name = r.text(4);
  t.post_name = r.text(5);
  t.department_code = r.text(6);
  t.state = r.text(7);
  t.assignee_id = r.opt_i64(8);
  t.result = r.opt_text(9);
  t.opinion = r.text(10);
  t.urge_count = r.i64(11);
  t.last_urged_at = at(r, 12);
  t.urge_note = r.text(13);
  t.clock = to_clock(r, 14);
  return t;
}

std::vector<Param> task_params(const TaskRecord& t) {
  std::vector<Param> p{t.case_id,   t.step_index,      t.post_index, t.step_name,
                       t.post_name, t.department_code, t.state,      t.assignee_id,
                       t.result,    t.opinion,         t.urge_count, us(t.last_urged_at),
                       t.urge_note};
  push_clock(p, t.clock);
  return p;
}

constexpr const char* kSupplementColumns =
    "id, case_id, round, stage, gaps, requested_by, requested_at, due_date, expires_at, "
    "answered_at, returned_at";
SupplementRecord to_supplement(const Row& r) {
  SupplementRecord s;
  s.id = r.i64(0);
  s.case_id = r.i64(1);
  s.round = static_cast<int>(r.i64(2));
  s.stage = r.text(3);
  s.gaps = gaps_from_json(r.text(4));
  s.requested_by = r.text(5);
  s.requested_at = from_micros(r.i64(6));
  s.due_date = r.text(7);
  s.expires_at = from_micros(r.i64(8));
  s.answered_at = at(r, 9);
  s.returned_at = at(r, 10);
  return s;
}

constexpr const char* kCommitmentColumns =
    "id, case_id, applicant_id, materials, due_date, due_at, signed_at, state, closed_at";
CommitmentRecord to_commitment(const Row& r) {
  CommitmentRecord c;
  c.id = r.i64(0);
  c.case_id = r.i64(1);
  c.applicant_id = r.i64(2);
  c.materials = codes_from_json(r.text(3));
  c.due_date = r.text(4);
  c.due_at = from_micros(r.i64(5));
  c.signed_at = from_micros(r.i64(6));
  c.state = r.text(7);
  c.closed_at = at(r, 8);
  return c;
}

constexpr const char* kCreditColumns =
    "id, applicant_id, case_id, kind, detail, at, suspended_until";
CreditRecord to_credit(const Row& r) {
  return CreditRecord{r.i64(0), r.i64(1), r.opt_i64(2), r.text(3), r.text(4), from_micros(r.i64(5)),
                      at(r, 6)};
}

constexpr const char* kJobColumns =
    "id, kind, target, due_at, claimed_by, claimed_at, done_at, outcome";
JobRecord to_job(const Row& r) {
  return JobRecord{r.i64(0),      r.text(1), r.text(2), from_micros(r.i64(3)),
                   r.opt_text(4), at(r, 5),  at(r, 6),  r.text(7)};
}

// Running clocks first, by deadline; then everything else, newest first.
constexpr const char* kUrgencyOrder =
    "CASE WHEN clock_state = 'running' THEN 0 ELSE 1 END, "
    "CASE WHEN clock_state = 'running' THEN deadline_at ELSE 0 END, id DESC";

void add_urgency_filters(Where& w, bool overdue, bool warning, Instant now) {
  const auto n = to_micros(now);
  if (overdue) {
    w.add("(first_overdue_at IS NOT NULL OR (clock_state = 'running' AND deadline_at <= ?))", {n});
  }
  if (warning) {
    w.add(
        "(clock_state = 'running' AND first_overdue_at IS NULL AND warning_at <= ? AND "
        "deadline_at > ?)",
        {n, n});
  }
}

template <class T, class Convert>
PageOf<T> page_of(Tx& tx, const std::string& from, const Where& w, const std::string& columns,
                  const std::string& order, PageRequest page, Convert convert) {
  PageOf<T> out;
  out.total = tx.query("SELECT COUNT(*) FROM " + from + w.sql(), w.params()).at(0).i64(0);
  for (const auto& r : tx.query("SELECT " + columns + " FROM " + from + w.sql() + " ORDER BY " +
                                    order + " LIMIT ? OFFSET ?",
                                w.params({page.page_size, page.offset()}))) {
    out.data.push_back(convert(r));
  }
  return out;
}

}  // namespace

std::int64_t SqlCaseRepository::next_serial(const std::string& item_code, const std::string& day) {
  return tx_
      .query_one(
          "INSERT INTO case_serials (item_code, day, last_serial) VALUES (?, ?, 1) "
          "ON CONFLICT (item_code, day) DO UPDATE SET last_serial = case_serials.last_serial + 1 "
          "RETURNING last_serial",
          {item_code, day})
      ->i64(0);
}

std::int64_t SqlCaseRepository::insert_case(const CaseRecord& c) {
  return tx_.insert_id(
      "INSERT INTO cases (number, item_code, item_version, item_name, department_code, "
      "region_code, handling, applicant_id, state, form_json, submitted_at, accepted_at, "
      "decided_at, closed_at, decision, decision_reason, legal_basis, decision_number, "
      "delivery_method, tracking_number, refusal_reason, rating, rating_comment, " +
          std::string(kClockColumns) +
          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?, ?, ?, ?, ?, ?, ?, ?)",
      case_params(c, keys_.box.seal(c.form_json)));
}

namespace {

// "a = ?, b = ?" and the values for the columns whose value differs from `before`'s (every
// column without a `before`). Only what changed is assigned: in SQLite an assigned column
// rewrites its index entries even with an equal value, i.e. WAL pages of every index holding it.
template <class Names, class Values>
std::pair<std::string, std::vector<Param>> changed_columns(const Names& names, const Values& now,
                                                           const Values* before) {
  std::pair<std::string, std::vector<Param>> out;
  auto& [sql, params] = out;
  for (std::size_t i = 0; i < now.size(); ++i) {
    if (before != nullptr && now[i].value() == (*before)[i].value()) continue;
    if (!params.empty()) sql += ", ";
    sql += names[i];
    sql += " = ?";
    params.push_back(now[i]);
  }
  return out;
}

}  // namespace

void SqlCaseRepository::update_case(const CaseRecord& c, const CaseRecord& stored) {
  // The columns case_params() binds, in its order: kCaseColumns without the id.
  static const std::vector<std::string> columns = [] {
    std::vector<std::string> out;
    std::string_view rest(kCaseColumns);
    while (!rest.empty()) {
      const auto comma = rest.find(", ");
      out.emplace_back(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
    }
    out.erase(out.begin());
    return out;
  }();
  // A form is sealed afresh (a new nonce) only when it changed; else both sides bind "".
  const bool form_changed = c.form_json != stored.form_json;
  const auto before = case_params(stored, {});
  auto [assigned, p] = changed_columns(
      columns, case_params(c, form_changed ? keys_.box.seal(c.form_json) : std::string()),
      &before);  // up to 8 indexes
  if (p.empty()) return;
  p.emplace_back(c.id);
  tx_.exec("UPDATE cases SET " + assigned + ", row_version = row_version + 1 WHERE id = ?", p);
}

std::optional<CaseRecord> SqlCaseRepository::find_case(std::int64_t id) {
  auto row = tx_.query_one("SELECT " + kCaseColumns + " FROM cases WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return to_case(*row, keys_.box);
}

std::optional<CaseRecord> SqlCaseRepository::lock_case(std::int64_t id) {
  // A no-op write takes the row lock on PostgreSQL; SQLite writers are serialised already
  // (BEGIN IMMEDIATE), so there it is a plain read.
  if (dialect_ != Dialect::Postgres) return find_case(id);
  if (tx_.exec("UPDATE cases SET row_version = row_version + 1 WHERE id = ?", {id}) == 0) {
    return std::nullopt;
  }
  return find_case(id);
}

std::optional<CaseRecord> SqlCaseRepository::find_case_by_decision_number(
    const std::string& number) {
  auto row =
      tx_.query_one("SELECT " + kCaseColumns + " FROM cases WHERE decision_number = ?", {number});
  if (!row) return std::nullopt;
  return to_case(*row, keys_.box);
}

PageOf<CaseRecord> SqlCaseRepository::list_cases(const CaseFilter& f, Instant now,
                                                 PageRequest page) {
  Where w;
  if (f.applicant_id) w.add("applicant_id = ?", {*f.applicant_id});
  if (f.region_prefix) w.add("region_code LIKE ? ESCAPE '\\'", {*f.region_prefix + "%"});
  if (f.department_code) {
    w.add(
        "(department_code = ? OR EXISTS (SELECT 1 FROM case_tasks t WHERE t.case_id = cases.id "
        "AND t.department_code = ?))",
        {*f.department_code, *f.department_code});
  }
  if (f.state) w.add("state = ?", {*f.state});
  if (f.item_code) w.add("item_code = ?", {*f.item_code});
  if (f.clock_running) w.add("clock_started_at IS NOT NULL AND clock_stopped_at IS NULL", {});
  if (f.overdue && !f.warning) return list_overdue(w, now, page);
  add_urgency_filters(w, f.overdue, f.warning, now);
  return page_of<CaseRecord>(tx_, "cases", w, kCaseColumns, kUrgencyOrder, page,
                             [&](const Row& r) { return to_case(r, keys_.box); });
}

// The overdue list in kUrgencyOrder, as two parts that indexes answer without scanning every
// case (migration 0050): running clocks that are or were overdue, by deadline; then the
// others that went overdue (stopped or paused), newest first. Same rows and order as the
// generic filter.
PageOf<CaseRecord> SqlCaseRepository::list_overdue(const Where& filters, Instant now,
                                                   PageRequest page) {
  Where running = filters;
  running.add("clock_state = 'running' AND (deadline_at <= ? OR first_overdue_at IS NOT NULL)",
              {to_micros(now)});
  Where other = filters;
  other.add("first_overdue_at IS NOT NULL AND (clock_state IS NULL OR clock_state <> 'running')",
            {});
  auto count = [&](const Where& w) {
    return tx_.query("SELECT COUNT(*) FROM cases" + w.sql(), w.params()).at(0).i64(0);
  };
  const std::int64_t n_running = count(running);
  PageOf<CaseRecord> out;
  out.total = n_running + count(other);
  std::int64_t want = page.page_size;
  if (page.offset() < n_running) {
    for (const auto& r :
         tx_.query("SELECT " + std::string(kCaseColumns) + " FROM cases" + running.sql() +
                       " ORDER BY deadline_at, id DESC LIMIT ? OFFSET ?",
                   running.params({want, page.offset()}))) {
      out.data.push_back(to_case(r, keys_.box));
    }
    want -= static_cast<std::int64_t>(out.data.size());
  }
  if (want > 0 && static_cast<std::int64_t>(out.data.size()) < out.total) {
    const std::int64_t skip = std::max<std::int64_t>(0, page.offset() - n_running);
    for (const auto& r : tx_.query("SELECT " + std::string(kCaseColumns) + " FROM cases" +
                                       other.sql() + " ORDER BY id DESC LIMIT ? OFFSET ?",
                                   other.params({want, skip}))) {
      out.data.push_back(to_case(r, keys_.box));
    }
  }
  return out;
}

ports::CaseRepository::ClosedCount SqlCaseRepository::count_closed(
    const std::string& department_code, Instant from, Instant to) {
  // Served by the index cases_department_closed (migration 0050) without touching the rows.
  const auto r = tx_.query_one(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN first_overdue_at IS NULL THEN 1 ELSE 0 END), 0) "
      "FROM cases WHERE department_code = ? AND clock_stopped_at >= ? AND clock_stopped_at < ?",
      {department_code, to_micros(from), to_micros(to)});
  return {r->i64(0), r->i64(1)};
}

void SqlCaseRepository::upsert_material(const CaseMaterialRecord& m) {
  tx_.exec(
      "INSERT INTO case_materials (case_id, material_code, file_id, status) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (case_id, material_code) DO UPDATE SET file_id = excluded.file_id, "
      "status = excluded.status",
      {m.case_id, m.material_code, m.file_id, m.status});
}

std::vector<CaseMaterialRecord> SqlCaseRepository::list_materials(std::int64_t case_id) {
  std::vector<CaseMaterialRecord> out;
  for (const auto& r : tx_.query(
           "SELECT case_id, material_code, file_id, status FROM case_materials WHERE case_id = ? "
           "ORDER BY material_code",
           {case_id})) {
    out.push_back(CaseMaterialRecord{r.i64(0), r.text(1), r.opt_text(2), r.text(3)});
  }
  return out;
}

std::int64_t SqlCaseRepository::append_event(const CaseEventRecord& e) {
  // The case row is locked by the caller, so MAX(seq) + 1 cannot race. Two plain statements:
  // `INSERT … SELECT` from its own table with `RETURNING` copies through two temporary tables
  // on SQLite, on every transition.
  const auto seq =
      tx_.query_one("SELECT COALESCE(MAX(seq), 0) + 1 FROM case_events WHERE case_id = ?",
                    {e.case_id})
          ->i64(0);
  tx_.exec(
      "INSERT INTO case_events (case_id, seq, type, actor, at, payload) VALUES (?, ?, ?, ?, ?, ?)",
      {e.case_id, seq, e.type, e.actor, to_micros(e.at), e.payload_json});
  return seq;
}

std::vector<CaseEventRecord> SqlCaseRepository::list_events(std::int64_t case_id) {
  std::vector<CaseEventRecord> out;
  for (const auto& r :
       tx_.query("SELECT case_id, seq, type, actor, at, payload FROM case_events WHERE case_id = ? "
                 "ORDER BY seq",
                 {case_id})) {
    out.push_back(CaseEventRecord{r.i64(0), r.i64(1), r.text(2), r.text(3), from_micros(r.i64(4)),
                                  r.text(5)});
  }
  return out;
}

void SqlCaseRepository::insert_suspension(const SuspensionRecord& s) {
  suspensions_.erase(s.case_id);
  tx_.exec(
      "INSERT INTO case_suspensions (case_id, seq, start_at, end_at, reason, note) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {s.case_id, s.seq, to_micros(s.start), us(s.end), s.reason, s.note});
}

void SqlCaseRepository::update_suspension(const SuspensionRecord& s) {
  suspensions_.erase(s.case_id);
  tx_.exec(
      "UPDATE case_suspensions SET start_at = ?, end_at = ?, reason = ?, note = ? WHERE case_id = "
      "? AND seq = ?",
      {to_micros(s.start), us(s.end), s.reason, s.note, s.case_id, s.seq});
}

std::vector<SuspensionRecord> SqlCaseRepository::list_suspensions(std::int64_t case_id) {
  if (auto it = suspensions_.find(case_id); it != suspensions_.end()) return it->second;
  std::vector<SuspensionRecord> out;
  for (const auto& r :
       tx_.query("SELECT case_id, seq, start_at, end_at, reason, note FROM case_suspensions "
                 "WHERE case_id = ? ORDER BY seq",
                 {case_id})) {
    out.push_back(SuspensionRecord{r.i64(0), r.i64(1), from_micros(r.i64(2)), at(r, 3), r.text(4),
                                   r.text(5)});
  }
  suspensions_[case_id] = out;
  return out;
}

std::int64_t SqlCaseRepository::insert_task(const TaskRecord& t) {
  tasks_.erase(t.case_id);
  return tx_.insert_id(
      "INSERT INTO case_tasks (case_id, step_index, post_index, step_name, post_name, "
      "department_code, state, assignee_id, result, opinion, urge_count, last_urged_at, "
      "urge_note, " +
          std::string(kClockColumns) +
          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      task_params(t));
}

namespace {

// A task's columns update_task may assign, in task_mutable_values' order. A task's case, place
// in the plan, names, department and budget are fixed by insert_task: not assigning them
// leaves the (case_id, step_index, post_index) index untouched.
constexpr std::array<const char*, 14> kTaskMutableColumns = {
    "state",         "assignee_id", "result",           "opinion",          "urge_count",
    "last_urged_at", "urge_note",   "clock_started_at", "clock_stopped_at", "clock_state",
    "due_date",      "deadline_at", "warning_at",       "first_overdue_at"};

std::array<Param, kTaskMutableColumns.size()> task_mutable_values(const TaskRecord& t) {
  return {t.state,
          t.assignee_id,
          t.result,
          t.opinion,
          t.urge_count,
          us(t.last_urged_at),
          t.urge_note,
          us(t.clock.started_at),
          us(t.clock.stopped_at),
          t.clock.state,
          t.clock.due_date,
          us(t.clock.deadline_at),
          us(t.clock.warning_at),
          us(t.clock.first_overdue_at)};
}

}  // namespace

void SqlCaseRepository::update_task(const TaskRecord& t) {
  // A remembered task assigns only what changed (the queue index holds state and deadline).
  auto* known = remembered_task(t.id);
  std::optional<std::array<Param, kTaskMutableColumns.size()>> before;
  if (known != nullptr) before.emplace(task_mutable_values(*known));
  auto [assigned, p] =
      changed_columns(kTaskMutableColumns, task_mutable_values(t), before ? &*before : nullptr);
  if (p.empty()) return;
  p.emplace_back(t.id);
  tx_.exec("UPDATE case_tasks SET " + assigned + " WHERE id = ?", p);
  if (known != nullptr) {
    // The fixed columns stay as stored, whatever the caller's copy holds.
    auto fixed = std::move(*known);
    *known = t;
    known->id = fixed.id;
    known->case_id = fixed.case_id;
    known->step_index = fixed.step_index;
    known->post_index = fixed.post_index;
    known->step_name = std::move(fixed.step_name);
    known->post_name = std::move(fixed.post_name);
    known->department_code = std::move(fixed.department_code);
    known->clock.budget_amount = fixed.clock.budget_amount;
    known->clock.budget_unit = std::move(fixed.clock.budget_unit);
  }
}

TaskRecord* SqlCaseRepository::remembered_task(std::int64_t id) {
  for (auto& [case_id, tasks] : tasks_) {
    for (auto& task : tasks) {
      if (task.id == id) return &task;
    }
  }
  return nullptr;
}

std::optional<TaskRecord> SqlCaseRepository::find_task(std::int64_t id) {
  if (const auto* known = remembered_task(id)) return *known;
  auto row = tx_.query_one("SELECT " + kTaskColumns + " FROM case_tasks WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return to_task(*row);
}

std::vector<TaskRecord> SqlCaseRepository::list_tasks(std::int64_t case_id) {
  if (auto it = tasks_.find(case_id); it != tasks_.end()) return it->second;
  std::vector<TaskRecord> out;
  for (const auto& r :
       tx_.query("SELECT " + kTaskColumns +
                     " FROM case_tasks WHERE case_id = ? ORDER BY step_index, post_index",
                 {case_id})) {
    out.push_back(to_task(r));
  }
  tasks_[case_id] = out;
  return out;
}

PageOf<TaskRecord> SqlCaseRepository::list_queue(const TaskFilter& f, Instant now,
                                                 PageRequest page) {
  Where w;
  if (f.department_code) w.add("department_code = ?", {*f.department_code});
  if (f.assignee_id) w.add("assignee_id = ?", {*f.assignee_id});
  if (!f.states.empty()) {
    std::string in = "state IN (";
    std::vector<Param> p;
    for (std::size_t i = 0; i < f.states.size(); ++i) {
      in += i ? ", ?" : "?";
      p.emplace_back(f.states[i]);
    }
    w.add(in + ")", p);
  }
  add_urgency_filters(w, f.overdue, f.warning, now);
  return page_of<TaskRecord>(tx_, "case_tasks", w, kTaskColumns, kUrgencyOrder, page, to_task);
}

std::int64_t SqlCaseRepository::insert_supplement(const SupplementRecord& s) {
  return tx_.insert_id(
      "INSERT INTO case_supplements (case_id, round, stage, gaps, requested_by, requested_at, "
      "due_date, expires_at, answered_at, returned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {s.case_id, s.round, s.stage, gaps_to_json(s.gaps), s.requested_by, to_micros(s.requested_at),
       s.due_date, to_micros(s.expires_at), us(s.answered_at), us(s.returned_at)});
}

void SqlCaseRepository::update_supplement(const SupplementRecord& s) {
  tx_.exec("UPDATE case_supplements SET answered_at = ?, returned_at = ? WHERE id = ?",
           {us(s.answered_at), us(s.returned_at), s.id});
}

std::vector<SupplementRecord> SqlCaseRepository::list_supplements(std::int64_t case_id) {
  std::vector<SupplementRecord> out;
  for (const auto& r : tx_.query(std::string("SELECT ") + kSupplementColumns +
                                     " FROM case_supplements WHERE case_id = ? ORDER BY round",
                                 {case_id})) {
    out.push_back(to_supplement(r));
  }
  return out;
}

std::int64_t SqlCaseRepository::insert_commitment(const CommitmentRecord& c) {
  return tx_.insert_id(
      "INSERT INTO commitments (case_id, applicant_id, materials, due_date, due_at, "
      "signed_at, state, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {c.case_id, c.applicant_id, codes_to_json(c.materials), c.due_date, to_micros(c.due_at),
       to_micros(c.signed_at), c.state, us(c.closed_at)});
}

void SqlCaseRepository::update_commitment(const CommitmentRecord& c) {
  tx_.exec("UPDATE commitments SET state = ?, closed_at = ? WHERE id = ?",
           {c.state, us(c.closed_at), c.id});
}

std::optional<CommitmentRecord> SqlCaseRepository::find_commitment(std::int64_t case_id) {
  auto row = tx_.query_one(
      std::string("SELECT ") + kCommitmentColumns + " FROM commitments WHERE case_id = ?",
      {case_id});
  if (!row) return std::nullopt;
  return to_commitment(*row);
}

std::int64_t SqlCaseRepository::insert_credit(const CreditRecord& r) {
  return tx_.insert_id(
      "INSERT INTO credit_records (applicant_id, case_id, kind, detail, at, suspended_until) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {r.applicant_id, r.case_id, r.kind, r.detail, to_micros(r.at), us(r.suspended_until)});
}

PageOf<CreditRecord> SqlCaseRepository::list_credits(std::optional<std::int64_t> applicant_id,
                                                     PageRequest page) {
  Where w;
  if (applicant_id) w.add("applicant_id = ?", {*applicant_id});
  return page_of<CreditRecord>(tx_, "credit_records", w, kCreditColumns, "id DESC", page,
                               to_credit);
}

std::optional<Instant> SqlCaseRepository::eligibility_suspended_until(std::int64_t applicant_id,
                                                                      Instant now) {
  auto row = tx_.query_one(
      "SELECT MAX(suspended_until) FROM credit_records WHERE applicant_id = ? AND suspended_until "
      "> ?",
      {applicant_id, to_micros(now)});
  if (!row || row->is_null(0)) return std::nullopt;
  return from_micros(row->i64(0));
}

std::optional<IdempotencyRecord> SqlCaseRepository::find_idempotency(std::int64_t user_id,
                                                                     const std::string& key) {
  auto r = tx_.query_one(
      "SELECT user_id, idem_key, request_hash, case_id, status, created_at FROM idempotency_keys "
      "WHERE user_id = ? AND idem_key = ?",
      {user_id, key});
  if (!r) return std::nullopt;
  return IdempotencyRecord{r->i64(0),
                           r->text(1),
                           r->text(2),
                           r->i64(3),
                           static_cast<int>(r->i64(4)),
                           from_micros(r->i64(5))};
}

void SqlCaseRepository::insert_idempotency(const IdempotencyRecord& r) {
  tx_.exec(
      "INSERT INTO idempotency_keys (user_id, idem_key, request_hash, case_id, status, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {r.user_id, r.key, r.request_hash, r.case_id, r.status, to_micros(r.created_at)});
}

void SqlCaseRepository::schedule_job(const std::string& kind, const std::string& target,
                                     Instant due_at) {
  tx_.exec(
      "INSERT INTO jobs (kind, target, due_at) VALUES (?, ?, ?) "
      "ON CONFLICT (kind, target) DO UPDATE SET due_at = excluded.due_at, claimed_by = NULL, "
      "claimed_at = NULL WHERE jobs.done_at IS NULL",
      {kind, target, to_micros(due_at)});
}

std::optional<JobRecord> SqlCaseRepository::claim_job(const std::string& worker, Instant now,
                                                      Instant stale_before) {
  const auto n = to_micros(now);
  const auto stale = to_micros(stale_before);
  // The outer WHERE repeats the claimability test: on PostgreSQL a concurrent claimer that
  // waited for the row lock re-checks it against the committed row and gets nothing.
  const std::string pick =
      "SELECT id FROM jobs WHERE done_at IS NULL AND due_at <= ? AND "
      "(claimed_at IS NULL OR claimed_at < ?) ORDER BY due_at, id LIMIT 1";
  const std::string lock = dialect_ == Dialect::Postgres ? " FOR UPDATE SKIP LOCKED" : "";
  auto row = tx_.query_one(
      "UPDATE jobs SET claimed_by = ?, claimed_at = ? WHERE id = (" + pick + lock +
          ") AND done_at IS NULL AND (claimed_at IS NULL OR claimed_at < ?) RETURNING " +
          kJobColumns,
      {worker, n, n, stale, stale});
  if (!row) return std::nullopt;
  return to_job(*row);
}

bool SqlCaseRepository::complete_job(std::int64_t id, const std::string& worker, Instant when,
                                     const std::string& outcome) {
  return tx_.exec(
             "UPDATE jobs SET done_at = ?, outcome = ? WHERE id = ? AND claimed_by = ? AND done_at "
             "IS NULL",
             {to_micros(when), outcome, id, worker}) == 1;
}

std::optional<JobRecord> SqlCaseRepository::find_job(const std::string& kind,
                                                     const std::string& target) {
  auto row = tx_.query_one(
      std::string("SELECT ") + kJobColumns + " FROM jobs WHERE kind = ? AND target = ?",
      {kind, target});
  if (!row) return std::nullopt;
  return to_job(*row);
}

}  // namespace tongban::repo
