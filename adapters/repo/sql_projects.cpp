#include "adapters/repo/sql_projects.hpp"

#include <stdexcept>
#include <vector>

#include "adapters/projects/template_json.hpp"
#include "adapters/repo/where.hpp"

namespace tongban::repo {
namespace {

projects::StageTemplate to_template_text(const std::string& text) {
  auto t = projects::io::parse_template(text);
  // Stored definitions were validated on the way in; a broken one is a bug, not user input.
  if (!t) throw std::runtime_error("stored stage template does not decode: " + t.error().detail);
  return std::move(*t);
}

projects::StageTemplate to_template(const ports::Row& r) { return to_template_text(r.text(0)); }

constexpr const char* kProjectColumns =
    "code, name, owner_uscc, owner_name, approval_kind, type, kind, investment_yuan, "
    "region_code, site, fast_lane, template_code, template_definition, registered_on, "
    "planned_due, state, helper_user_id, registered_by, created_at";

Date date_of(const std::string& text) {
  auto d = parse_date(text);
  if (!d) throw std::runtime_error("stored date does not parse: " + text);
  return *d;
}
std::optional<Date> opt_date(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return date_of(*text);
}
std::optional<std::string> opt_text(const std::optional<Date>& d) {
  if (!d) return std::nullopt;
  return format_date(*d);
}
// Planned dates are NOT NULL columns: "" stands for a date past the calendar's coverage at
// registration (computed from the current calendar when read).
std::string planned_text(const std::optional<Date>& d) { return d ? format_date(*d) : ""; }
std::optional<Date> planned_date(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return date_of(text);
}

// Stored values were validated on the way in; one that does not decode is a bug.
template <class T>
T stored(std::optional<T> v, const std::string& what) {
  if (!v) throw std::runtime_error("stored project field does not decode: " + what);
  return std::move(*v);
}

ports::ProjectRecord to_project(const ports::Row& r) {
  ports::ProjectRecord out;
  auto& p = out.project;
  p.code = r.text(0);
  p.name = r.text(1);
  p.owner_uscc = r.text(2);
  p.owner_name = r.text(3);
  p.approval_kind = stored(projects::approval_kind_from_string(r.text(4)), r.text(4));
  p.type = stored(projects::project_type_from_string(r.text(5)), r.text(5));
  p.kind = stored(projects::project_kind_from_string(r.text(6)), r.text(6));
  p.investment_yuan = r.i64(7);
  p.region_code = r.text(8);
  p.site = r.text(9);
  p.fast_lane = r.i64(10) != 0;
  p.template_code = r.text(11);
  out.stage_template = to_template_text(r.text(12));
  out.registered_on = date_of(r.text(13));
  out.planned_due = planned_date(r.text(14));
  out.state = r.text(15);
  out.helper_user_id = r.opt_i64(16);
  out.registered_by = r.text(17);
  out.created_at = from_micros(r.i64(18));
  return out;
}

constexpr const char* kStageColumns =
    "project_code, stage_code, lead_dept, state, planned_start, planned_due, opened_on, "
    "closed_on, due_on";

ports::ProjectStageRecord to_stage(const ports::Row& r) {
  return {r.text(0),
          r.text(1),
          r.text(2),
          r.text(3),
          planned_date(r.text(4)),
          planned_date(r.text(5)),
          opt_date(r.opt_text(6)),
          opt_date(r.opt_text(7)),
          opt_date(r.opt_text(8))};
}

constexpr const char* kTaskColumns =
    "id, project_code, stage_code, kind, lead_dept, requested_on, limit_days, due_on, state, "
    "conclusion, consolidated_on, requested_by, "
    "(SELECT p.name FROM projects p WHERE p.code = joint_tasks.project_code)";

ports::JointTaskRecord to_task(const ports::Row& r) {
  ports::JointTaskRecord t;
  t.id = r.i64(0);
  t.project_code = r.text(1);
  t.stage_code = r.text(2);
  t.kind = r.text(3);
  t.lead_dept = r.text(4);
  t.requested_on = date_of(r.text(5));
  t.limit_days = static_cast<int>(r.i64(6));
  t.due_on = date_of(r.text(7));
  t.state = r.text(8);
  t.conclusion = r.text(9);
  t.consolidated_on = opt_date(r.opt_text(10));
  t.requested_by = r.text(11);
  t.project_name = r.text(12);
  return t;
}

}  // namespace

bool SqlProjectRepository::insert_template(const projects::StageTemplate& t, Instant at) {
  if (tx_.query_one("SELECT 1 FROM project_templates WHERE code = ?", {t.code})) return false;
  tx_.exec(
      "INSERT INTO project_templates (code, name, region, definition, updated_at) "
      "VALUES (?, ?, ?, ?, ?)",
      {t.code, t.name, t.region, projects::io::serialize_template(t), to_micros(at)});
  return true;
}

bool SqlProjectRepository::replace_template(const projects::StageTemplate& t, Instant at) {
  if (!tx_.query_one("SELECT 1 FROM project_templates WHERE code = ?", {t.code})) return false;
  tx_.exec(
      "UPDATE project_templates SET name = ?, region = ?, definition = ?, updated_at = ? "
      "WHERE code = ?",
      {t.name, t.region, projects::io::serialize_template(t), to_micros(at), t.code});
  return true;
}

std::optional<projects::StageTemplate> SqlProjectRepository::find_template(
    const std::string& code) {
  auto row = tx_.query_one("SELECT definition FROM project_templates WHERE code = ?", {code});
  if (!row) return std::nullopt;
  return to_template(*row);
}

ports::PageOf<projects::StageTemplate> SqlProjectRepository::list_templates(
    const ports::TemplateFilter& f, ports::PageRequest page) {
  ports::PageOf<projects::StageTemplate> out;
  const std::string where = f.region ? " WHERE region = ?" : "";
  std::vector<ports::Param> params;
  if (f.region) params.emplace_back(*f.region);
  out.total = tx_.query("SELECT COUNT(*) FROM project_templates" + where, params).at(0).i64(0);
  params.emplace_back(page.page_size);
  params.emplace_back(page.offset());
  for (const auto& r : tx_.query("SELECT definition FROM project_templates" + where +
                                     " ORDER BY region, code LIMIT ? OFFSET ?",
                                 params))
    out.data.push_back(to_template(r));
  return out;
}

// ---- projects --------------------------------------------------------------------------

bool SqlProjectRepository::insert_project(const ports::ProjectRecord& r) {
  const auto& p = r.project;
  if (tx_.query_one("SELECT 1 FROM projects WHERE code = ?", {p.code})) return false;
  tx_.exec(
      std::string("INSERT INTO projects (") + kProjectColumns +
          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {p.code, p.name, p.owner_uscc, p.owner_name, projects::to_string(p.approval_kind),
       projects::to_string(p.type), projects::to_string(p.kind), p.investment_yuan, p.region_code,
       p.site, p.fast_lane, p.template_code, projects::io::serialize_template(r.stage_template),
       format_date(r.registered_on), planned_text(r.planned_due), r.state, r.helper_user_id,
       r.registered_by, to_micros(r.created_at)});
  return true;
}

std::optional<ports::ProjectRecord> SqlProjectRepository::find_project(const std::string& code) {
  auto row = tx_.query_one(
      std::string("SELECT ") + kProjectColumns + " FROM projects WHERE code = ?", {code});
  if (!row) return std::nullopt;
  return to_project(*row);
}

std::optional<ports::ProjectRecord> SqlProjectRepository::lock_project(const std::string& code) {
  // A no-op write takes the row lock on PostgreSQL; SQLite writers are serialised already.
  if (tx_.exec("UPDATE projects SET state = state WHERE code = ?", {code}) == 0)
    return std::nullopt;
  return find_project(code);
}

ports::PageOf<ports::ProjectRecord> SqlProjectRepository::list_projects(
    const ports::ProjectFilter& f, ports::PageRequest page) {
  Where w;
  if (f.q) {
    w.add_contains({"code", "name", "owner_name"}, *f.q);
  }
  if (f.region) w.add("region_code = ?", {*f.region});
  if (f.type) w.add("type = ?", {*f.type});
  if (f.template_code) w.add("template_code = ?", {*f.template_code});
  if (f.state) w.add("state = ?", {*f.state});
  if (f.lead_dept) {
    w.add(
        "EXISTS (SELECT 1 FROM project_stages s WHERE s.project_code = projects.code AND "
        "s.state = 'open' AND s.lead_dept = ?)",
        {*f.lead_dept});
  }
  if (f.overdue_on) {
    w.add(
        "EXISTS (SELECT 1 FROM project_stages s WHERE s.project_code = projects.code AND "
        "s.state = 'open' AND s.due_on < ?)",
        {format_date(*f.overdue_on)});
  }
  if (f.owner_uscc || f.helper_user_id) {
    w.add("(owner_uscc = ? OR helper_user_id = ?)",
          {f.owner_uscc.value_or(""), f.helper_user_id.value_or(-1)});
  }
  ports::PageOf<ports::ProjectRecord> out;
  out.total = tx_.query("SELECT COUNT(*) FROM projects" + w.sql(), w.params()).at(0).i64(0);
  for (const auto& r :
       tx_.query(std::string("SELECT ") + kProjectColumns + " FROM projects" + w.sql() +
                     " ORDER BY registered_on DESC, created_at DESC, code LIMIT ? OFFSET ?",
                 w.params({page.page_size, page.offset()})))
    out.data.push_back(to_project(r));
  return out;
}

void SqlProjectRepository::update_project_state(const std::string& code, const std::string& state) {
  tx_.exec("UPDATE projects SET state = ? WHERE code = ?", {state, code});
}

void SqlProjectRepository::set_helper(const std::string& code,
                                      std::optional<std::int64_t> user_id) {
  tx_.exec("UPDATE projects SET helper_user_id = ? WHERE code = ?", {user_id, code});
}

std::optional<std::int64_t> SqlProjectRepository::find_owner_account(const std::string& uscc) {
  auto row = tx_.query_one(
      "SELECT id FROM users WHERE uscc = ? AND role = 'applicant_org' AND disabled = 0", {uscc});
  if (!row) return std::nullopt;
  return row->i64(0);
}

// ---- stages and their cases --------------------------------------------------------------

void SqlProjectRepository::insert_stage(const ports::ProjectStageRecord& s) {
  tx_.exec(std::string("INSERT INTO project_stages (") + kStageColumns +
               ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
           {s.project_code, s.stage_code, s.lead_dept, s.state, planned_text(s.planned_start),
            planned_text(s.planned_due), opt_text(s.opened_on), opt_text(s.closed_on),
            opt_text(s.due_on)});
}

void SqlProjectRepository::update_stage(const ports::ProjectStageRecord& s) {
  tx_.exec(
      "UPDATE project_stages SET state = ?, opened_on = ?, closed_on = ?, due_on = ? "
      "WHERE project_code = ? AND stage_code = ?",
      {s.state, opt_text(s.opened_on), opt_text(s.closed_on), opt_text(s.due_on), s.project_code,
       s.stage_code});
}

std::vector<ports::ProjectStageRecord> SqlProjectRepository::list_stages(
    const std::string& project_code) {
  std::vector<ports::ProjectStageRecord> out;
  for (const auto& r :
       tx_.query(std::string("SELECT ") + kStageColumns +
                     " FROM project_stages WHERE project_code = ? ORDER BY stage_code",
                 {project_code}))
    out.push_back(to_stage(r));
  return out;
}

std::vector<ports::ProjectStageRecord> SqlProjectRepository::list_open_stages(
    const std::vector<std::string>& project_codes) {
  std::vector<ports::ProjectStageRecord> out;
  if (project_codes.empty()) return out;
  std::string in;
  std::vector<ports::Param> params;
  for (const auto& c : project_codes) {
    in += in.empty() ? "?" : ", ?";
    params.emplace_back(c);
  }
  for (const auto& r : tx_.query(std::string("SELECT ") + kStageColumns +
                                     " FROM project_stages WHERE state = 'open' AND "
                                     "project_code IN (" +
                                     in + ") ORDER BY project_code, stage_code",
                                 params))
    out.push_back(to_stage(r));
  return out;
}

void SqlProjectRepository::insert_project_case(const std::string& project_code,
                                               const std::string& stage_code, std::int64_t case_id,
                                               const std::string& item_code) {
  tx_.exec(
      "INSERT INTO project_cases (case_id, project_code, stage_code, item_code) "
      "VALUES (?, ?, ?, ?)",
      {case_id, project_code, stage_code, item_code});
}

std::vector<ports::ProjectCaseRecord> SqlProjectRepository::list_project_cases(
    const std::string& project_code) {
  std::vector<ports::ProjectCaseRecord> out;
  for (const auto& r : tx_.query(
           "SELECT pc.project_code, pc.stage_code, pc.case_id, pc.item_code, c.number, "
           "c.department_code, c.state FROM project_cases pc JOIN cases c ON c.id = pc.case_id "
           "WHERE pc.project_code = ? ORDER BY pc.case_id",
           {project_code}))
    out.push_back({r.text(0), r.text(1), r.i64(2), r.text(3), r.text(4), r.text(5), r.text(6)});
  return out;
}

// ---- joint tasks ---------------------------------------------------------------------------

std::int64_t SqlProjectRepository::insert_joint_task(const ports::JointTaskRecord& t) {
  const auto id = tx_.insert_id(
      "INSERT INTO joint_tasks (project_code, stage_code, kind, lead_dept, "
      "requested_on, limit_days, due_on, state, conclusion, consolidated_on, "
      "requested_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {t.project_code, t.stage_code, t.kind, t.lead_dept, format_date(t.requested_on), t.limit_days,
       format_date(t.due_on), t.state, t.conclusion, opt_text(t.consolidated_on), t.requested_by});
  std::int64_t position = 0;
  for (const auto& a : t.answers) {
    tx_.exec(
        "INSERT INTO joint_task_answers (task_id, position, department_code, opinion, comment, "
        "answered_on, answered_by, late) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {id, position++, a.department_code, a.opinion, a.comment, opt_text(a.answered_on),
         a.answered_by, a.late});
  }
  return id;
}

std::vector<ports::JointAnswerRecord> SqlProjectRepository::answers_of(std::int64_t task_id) {
  std::vector<ports::JointAnswerRecord> out;
  for (const auto& r :
       tx_.query("SELECT department_code, opinion, comment, answered_on, answered_by, late "
                 "FROM joint_task_answers WHERE task_id = ? ORDER BY position",
                 {task_id}))
    out.push_back(
        {r.text(0), r.opt_text(1), r.text(2), opt_date(r.opt_text(3)), r.text(4), r.i64(5) != 0});
  return out;
}

std::optional<ports::JointTaskRecord> SqlProjectRepository::find_joint_task(std::int64_t id) {
  auto row =
      tx_.query_one(std::string("SELECT ") + kTaskColumns + " FROM joint_tasks WHERE id = ?", {id});
  if (!row) return std::nullopt;
  auto t = to_task(*row);
  t.answers = answers_of(t.id);
  return t;
}

std::optional<ports::JointTaskRecord> SqlProjectRepository::lock_joint_task(std::int64_t id) {
  if (tx_.exec("UPDATE joint_tasks SET state = state WHERE id = ?", {id}) == 0) return std::nullopt;
  return find_joint_task(id);
}

ports::PageOf<ports::JointTaskRecord> SqlProjectRepository::list_joint_tasks(
    const ports::JointTaskFilter& f, ports::PageRequest page) {
  Where w;
  if (f.department) {
    w.add(
        "EXISTS (SELECT 1 FROM joint_task_answers a WHERE a.task_id = joint_tasks.id AND "
        "a.department_code = ?)",
        {*f.department});
  }
  if (f.state) w.add("state = ?", {*f.state});
  if (f.project_code) w.add("project_code = ?", {*f.project_code});
  ports::PageOf<ports::JointTaskRecord> out;
  out.total = tx_.query("SELECT COUNT(*) FROM joint_tasks" + w.sql(), w.params()).at(0).i64(0);
  for (const auto& r : tx_.query(std::string("SELECT ") + kTaskColumns + " FROM joint_tasks" +
                                     w.sql() + " ORDER BY id DESC LIMIT ? OFFSET ?",
                                 w.params({page.page_size, page.offset()}))) {
    auto t = to_task(r);
    t.answers = answers_of(t.id);
    out.data.push_back(std::move(t));
  }
  return out;
}

void SqlProjectRepository::update_joint_task(const ports::JointTaskRecord& t) {
  tx_.exec("UPDATE joint_tasks SET state = ?, conclusion = ?, consolidated_on = ? WHERE id = ?",
           {t.state, t.conclusion, opt_text(t.consolidated_on), t.id});
  for (const auto& a : t.answers) {
    tx_.exec(
        "UPDATE joint_task_answers SET opinion = ?, comment = ?, answered_on = ?, "
        "answered_by = ?, late = ? WHERE task_id = ? AND department_code = ?",
        {a.opinion, a.comment, opt_text(a.answered_on), a.answered_by, a.late, t.id,
         a.department_code});
  }
}

}  // namespace tongban::repo
