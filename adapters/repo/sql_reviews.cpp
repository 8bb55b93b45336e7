#include "adapters/repo/sql_reviews.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <stdexcept>
#include <tuple>

#include "adapters/repo/where.hpp"
#include "adapters/rules/rules_json.hpp"

namespace tongban::repo {
namespace {

namespace json = boost::json;

// Stored values were written by this file; one that does not decode is a bug, not input.
[[noreturn]] void corrupt(const std::string& what) {
  throw std::runtime_error("stored " + what + " does not decode");
}

Date date_of(const std::string& s) {
  auto d = parse_date(s);
  if (!d) corrupt("date " + s);
  return *d;
}
std::optional<Date> opt_date(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return date_of(*s);
}
std::optional<std::string> opt_text(const std::optional<Date>& d) {
  if (!d) return std::nullopt;
  return format_date(*d);
}

json::value parse(const std::string& text, const char* what) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec) corrupt(what);
  return v;
}

reviews::Level level_of(std::string_view s) {
  auto l = reviews::level_from_string(s);
  if (!l) corrupt("level");
  return *l;
}

std::string posts_json(const std::vector<reviews::Post>& posts) {
  json::array a;
  for (const auto& p : posts)
    a.push_back(json::object{{"level", reviews::to_string(p.level)},
                             {"region_code", p.region_code},
                             {"department_code", p.department_code}});
  return json::serialize(a);
}

std::vector<reviews::Post> posts_of(const std::string& text) {
  std::vector<reviews::Post> out;
  const auto list = parse(text, "posts");
  for (const auto& v : list.as_array()) {
    const auto& o = v.as_object();
    out.push_back({level_of(o.at("level").as_string()),
                   std::string(o.at("region_code").as_string()),
                   std::string(o.at("department_code").as_string())});
  }
  return out;
}

std::string strings_json(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return json::serialize(a);
}

std::vector<std::string> strings_of(const std::string& text) {
  std::vector<std::string> out;
  const auto list = parse(text, "points");
  for (const auto& v : list.as_array()) out.emplace_back(v.as_string());
  return out;
}

std::string agenda_json(const std::vector<reviews::AgendaCandidate>& agenda) {
  json::array a;
  for (const auto& c : agenda)
    a.push_back(json::object{{"kind", reviews::to_string(c.kind)},
                             {"project_code", c.project_code},
                             {"project_name", c.project_name},
                             {"subject", c.subject},
                             {"detail", c.detail},
                             {"department", c.department},
                             {"due_on", format_date(c.due_on)},
                             {"days_late", c.days_late}});
  return json::serialize(a);
}

std::vector<reviews::AgendaCandidate> agenda_of(const std::string& text) {
  std::vector<reviews::AgendaCandidate> out;
  const auto list = parse(text, "agenda");
  for (const auto& v : list.as_array()) {
    const auto& o = v.as_object();
    auto kind = reviews::agenda_kind_from_string(o.at("kind").as_string());
    if (!kind) corrupt("agenda kind");
    out.push_back(
        {*kind, std::string(o.at("project_code").as_string()),
         std::string(o.at("project_name").as_string()), std::string(o.at("subject").as_string()),
         std::string(o.at("detail").as_string()), std::string(o.at("department").as_string()),
         date_of(std::string(o.at("due_on").as_string())),
         static_cast<int>(o.at("days_late").to_number<std::int64_t>())});
  }
  return out;
}

std::string attachments_json(const std::vector<ports::FilingAttachment>& list) {
  json::array a;
  for (const auto& x : list) {
    json::object o{{"code", x.code}, {"name", x.name}};
    o["file_id"] = x.file_id ? json::value(*x.file_id) : json::value(nullptr);
    a.push_back(std::move(o));
  }
  return json::serialize(a);
}

std::vector<ports::FilingAttachment> attachments_of(const std::string& text) {
  std::vector<ports::FilingAttachment> out;
  const auto list = parse(text, "attachments");
  for (const auto& v : list.as_array()) {
    const auto& o = v.as_object();
    ports::FilingAttachment a{std::string(o.at("code").as_string()),
                              std::string(o.at("name").as_string()), std::nullopt};
    if (o.at("file_id").is_string()) a.file_id = std::string(o.at("file_id").as_string());
    out.push_back(std::move(a));
  }
  return out;
}

rules::Finding finding_of(const json::value& v) {
  const auto& o = v.as_object();
  auto sev = rules::severity_from_string(o.at("severity").as_string());
  if (!sev) corrupt("severity");
  rules::Finding f{std::string(o.at("code").as_string()),
                   std::string(o.at("name").as_string()),
                   *sev,
                   std::string(o.at("message").at("zh").as_string()),
                   std::string(o.at("message").at("en").as_string()),
                   {}};
  if (const auto* e = o.if_contains("error")) f.error = std::string(e->as_string());
  return f;
}

rules::CheckReport checks_of(const std::string& text) {
  const auto v = parse(text, "checks");
  rules::CheckReport r;
  r.passed = static_cast<int>(v.at("passed").to_number<std::int64_t>());
  for (const auto& f : v.at("blocking").as_array()) r.blocking.push_back(finding_of(f));
  for (const auto& f : v.at("advisory").as_array()) r.advisory.push_back(finding_of(f));
  return r;
}

std::string notice_json(const reviews::Notice& n) {
  json::array groups;
  for (const auto& g : n.groups) {
    json::array points;
    for (const auto& p : g.points) {
      json::array also;
      for (auto l : p.also_by) also.emplace_back(reviews::to_string(l));
      points.push_back(json::object{{"text", p.text}, {"also_by", std::move(also)}});
    }
    groups.push_back(json::object{{"level", reviews::to_string(g.post.level)},
                                  {"region_code", g.post.region_code},
                                  {"department_code", g.post.department_code},
                                  {"points", std::move(points)}});
  }
  return json::serialize(json::object{{"round", n.round}, {"groups", std::move(groups)}});
}

reviews::Notice notice_of(const std::string& text) {
  const auto v = parse(text, "notice");
  reviews::Notice n;
  n.round = static_cast<int>(v.at("round").to_number<std::int64_t>());
  for (const auto& g : v.at("groups").as_array()) {
    reviews::NoticeGroup group{
        {level_of(g.at("level").as_string()), std::string(g.at("region_code").as_string()),
         std::string(g.at("department_code").as_string())},
        {}};
    for (const auto& p : g.at("points").as_array()) {
      reviews::NoticePoint point{std::string(p.at("text").as_string()), {}};
      for (const auto& l : p.at("also_by").as_array())
        point.also_by.push_back(level_of(l.as_string()));
      group.points.push_back(std::move(point));
    }
    n.groups.push_back(std::move(group));
  }
  return n;
}

constexpr const char* kFilingColumns =
    "id, project_code, project_name, owner_uscc, kind, title, state, round, form_json, "
    "attachments_json, posts_json, created_by, created_at, updated_at, decided_on";

constexpr const char* kReviewColumns =
    "round, level, region_code, department_code, sent_on, due_on, decision, answered_on, "
    "opinion, points_json, reviewer, late";

reviews::Review to_review(const ports::Row& r, std::size_t c = 0) {
  reviews::Review v;
  v.round = static_cast<int>(r.i64(c));
  v.post = {level_of(r.text(c + 1)), r.text(c + 2), r.text(c + 3)};
  v.sent_on = date_of(r.text(c + 4));
  v.due_on = date_of(r.text(c + 5));
  if (auto d = r.opt_text(c + 6)) {
    auto dec = reviews::decision_from_string(*d);
    if (!dec) corrupt("decision");
    v.decision = *dec;
  }
  v.answered_on = opt_date(r.opt_text(c + 7));
  v.opinion = r.text(c + 8);
  v.points = strings_of(r.text(c + 9));
  v.reviewer = r.text(c + 10);
  v.late = r.i64(c + 11) != 0;
  return v;
}

constexpr const char* kMeetingColumns =
    "id, meeting_on, chair_department, title, state, agenda_json, summary, created_by, "
    "created_at, held_at";

ports::MeetingRecord to_meeting(const ports::Row& r) {
  ports::MeetingRecord m;
  m.id = r.i64(0);
  m.meeting_on = date_of(r.text(1));
  m.chair_department = r.text(2);
  m.title = r.text(3);
  m.state = r.text(4);
  m.agenda = agenda_of(r.text(5));
  m.summary = r.text(6);
  m.created_by = r.text(7);
  m.created_at = from_micros(r.i64(8));
  if (auto h = r.opt_i64(9)) m.held_at = from_micros(*h);
  return m;
}

constexpr const char* kDecisionColumns =
    "id, meeting_id, project_code, text, owner_department, due_on, state, closed_on, closed_by, "
    "close_note";

ports::MeetingDecisionRecord to_decision(const ports::Row& r) {
  ports::MeetingDecisionRecord d;
  d.id = r.i64(0);
  d.meeting_id = r.i64(1);
  d.project_code = r.text(2);
  d.text = r.text(3);
  d.owner_department = r.text(4);
  d.due_on = date_of(r.text(5));
  d.state = r.text(6);
  d.closed_on = opt_date(r.opt_text(7));
  d.closed_by = r.opt_text(8);
  d.close_note = r.text(9);
  return d;
}

}  // namespace

// ---- rule sets and posts ---------------------------------------------------------------

void SqlReviewRepository::put_rule_set(const rules::RuleSet& s, Instant at, const std::string& by) {
  const auto def = rules::io::serialize_rule_set(s);
  if (tx_.exec("UPDATE rule_sets SET name = ?, definition = ?, updated_at = ?, updated_by = ? "
               "WHERE kind = ?",
               {s.name, def, to_micros(at), by, s.kind}) == 0)
    tx_.exec(
        "INSERT INTO rule_sets (kind, name, definition, updated_at, updated_by) "
        "VALUES (?, ?, ?, ?, ?)",
        {s.kind, s.name, def, to_micros(at), by});
}

std::optional<rules::RuleSet> SqlReviewRepository::find_rule_set(const std::string& kind) {
  auto row = tx_.query_one("SELECT definition FROM rule_sets WHERE kind = ?", {kind});
  if (!row) return std::nullopt;
  auto s = rules::io::parse_rule_set(row->text(0));
  if (!s) corrupt("rule set " + kind);
  return std::move(*s);
}

ports::PageOf<rules::RuleSet> SqlReviewRepository::list_rule_sets(ports::PageRequest page) {
  ports::PageOf<rules::RuleSet> out;
  out.total = tx_.query("SELECT COUNT(*) FROM rule_sets").at(0).i64(0);
  for (const auto& r : tx_.query("SELECT definition FROM rule_sets ORDER BY kind LIMIT ? OFFSET ?",
                                 {page.page_size, page.offset()})) {
    auto s = rules::io::parse_rule_set(r.text(0));
    if (!s) corrupt("rule set");
    out.data.push_back(std::move(*s));
  }
  return out;
}

void SqlReviewRepository::put_review_post(const reviews::PostAssignment& p) {
  if (tx_.exec("UPDATE review_posts SET department_code = ? WHERE kind = ? AND region_code = ?",
               {p.department_code, p.kind, p.region_code}) == 0)
    tx_.exec("INSERT INTO review_posts (kind, region_code, department_code) VALUES (?, ?, ?)",
             {p.kind, p.region_code, p.department_code});
}

std::vector<reviews::PostAssignment> SqlReviewRepository::list_review_posts(
    const std::optional<std::string>& kind) {
  Where w;
  if (kind) w.add("kind = ?", {*kind});
  std::vector<reviews::PostAssignment> out;
  for (const auto& r : tx_.query("SELECT kind, region_code, department_code FROM review_posts" +
                                     w.sql() + " ORDER BY kind, region_code",
                                 w.params()))
    out.push_back({r.text(0), r.text(1), r.text(2)});
  return out;
}

// ---- filings ---------------------------------------------------------------------------

std::int64_t SqlReviewRepository::insert_filing(const ports::FilingRecord& f) {
  return tx_.insert_id(
      "INSERT INTO filings (project_code, project_name, owner_uscc, kind, title, state, "
      "round, form_json, attachments_json, posts_json, created_by, created_at, updated_at, "
      "decided_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {f.project_code, f.project_name, f.owner_uscc, f.kind, f.title,
       reviews::to_string(f.filing.state), f.filing.round,
       json::serialize(rules::io::to_json(f.form)), attachments_json(f.attachments),
       posts_json(f.filing.posts), f.created_by, to_micros(f.created_at), to_micros(f.updated_at),
       opt_text(f.decided_on)});
}

std::vector<reviews::Review> SqlReviewRepository::load_reviews(std::int64_t filing_id) {
  std::vector<reviews::Review> out;
  for (const auto& r : tx_.query(std::string("SELECT ") + kReviewColumns +
                                     " FROM filing_reviews WHERE filing_id = ? "
                                     "ORDER BY round, level, department_code",
                                 {filing_id}))
    out.push_back(to_review(r));
  // Levels sort as text (city < county < province); the model keeps county, city, province.
  std::stable_sort(out.begin(), out.end(), [](const reviews::Review& a, const reviews::Review& b) {
    return std::tie(a.round, a.post.level) < std::tie(b.round, b.post.level);
  });
  return out;
}

std::optional<ports::FilingRecord> SqlReviewRepository::find_filing(std::int64_t id) {
  auto r =
      tx_.query_one(std::string("SELECT ") + kFilingColumns + " FROM filings WHERE id = ?", {id});
  if (!r) return std::nullopt;
  ports::FilingRecord f;
  f.id = r->i64(0);
  f.project_code = r->text(1);
  f.project_name = r->text(2);
  f.owner_uscc = r->text(3);
  f.kind = r->text(4);
  f.title = r->text(5);
  auto st = reviews::filing_state_from_string(r->text(6));
  if (!st) corrupt("filing state");
  f.filing.state = *st;
  f.filing.round = static_cast<int>(r->i64(7));
  f.form = rules::io::from_json(parse(r->text(8), "form"));
  f.attachments = attachments_of(r->text(9));
  f.filing.posts = posts_of(r->text(10));
  f.created_by = r->i64(11);
  f.created_at = from_micros(r->i64(12));
  f.updated_at = from_micros(r->i64(13));
  f.decided_on = opt_date(r->opt_text(14));
  f.filing.reviews = load_reviews(f.id);
  return f;
}

std::optional<ports::FilingRecord> SqlReviewRepository::lock_filing(std::int64_t id) {
  // A no-op write takes the row lock on PostgreSQL; SQLite writers are serialised already.
  if (tx_.exec("UPDATE filings SET row_version = row_version + 1 WHERE id = ?", {id}) == 0)
    return std::nullopt;
  return find_filing(id);
}

ports::PageOf<ports::FilingRecord> SqlReviewRepository::list_filings(const ports::FilingFilter& f,
                                                                     ports::PageRequest page) {
  Where w;
  if (f.state) w.add("f.state = ?", {*f.state});
  if (f.project_code) w.add("f.project_code = ?", {*f.project_code});
  if (f.owner_uscc && f.created_by)
    w.add("(f.owner_uscc = ? OR f.created_by = ?)", {*f.owner_uscc, *f.created_by});
  if (f.level || f.department) {
    std::string sub = "EXISTS (SELECT 1 FROM filing_reviews r WHERE r.filing_id = f.id";
    std::vector<ports::Param> params;
    if (f.level) {
      sub += " AND r.level = ?";
      params.emplace_back(*f.level);
    }
    if (f.department) {
      sub += " AND r.department_code = ?";
      params.emplace_back(*f.department);
    }
    if (f.pending) sub += " AND r.round = f.round AND r.decision IS NULL AND f.state = 'in_review'";
    w.add(sub + ")", std::move(params));
  }
  if (f.overdue_on)
    w.add(
        "f.state = 'in_review' AND EXISTS (SELECT 1 FROM filing_reviews o WHERE o.filing_id = f.id "
        "AND o.round = f.round AND o.decision IS NULL AND o.due_on < ?)",
        {format_date(*f.overdue_on)});
  ports::PageOf<ports::FilingRecord> out;
  out.total = tx_.query("SELECT COUNT(*) FROM filings f" + w.sql(), w.params()).at(0).i64(0);
  for (const auto& r :
       tx_.query("SELECT f.id FROM filings f" + w.sql() + " ORDER BY f.id DESC LIMIT ? OFFSET ?",
                 w.params({page.page_size, page.offset()})))
    out.data.push_back(*find_filing(r.i64(0)));
  return out;
}

void SqlReviewRepository::update_filing(const ports::FilingRecord& f) {
  tx_.exec(
      "UPDATE filings SET title = ?, state = ?, round = ?, form_json = ?, attachments_json = ?, "
      "posts_json = ?, updated_at = ?, decided_on = ? WHERE id = ?",
      {f.title, reviews::to_string(f.filing.state), f.filing.round,
       json::serialize(rules::io::to_json(f.form)), attachments_json(f.attachments),
       posts_json(f.filing.posts), to_micros(f.updated_at), opt_text(f.decided_on), f.id});
  tx_.exec("DELETE FROM filing_reviews WHERE filing_id = ?", {f.id});
  for (const auto& r : f.filing.reviews)
    tx_.exec(std::string("INSERT INTO filing_reviews (filing_id, ") + kReviewColumns +
                 ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             {f.id, r.round, reviews::to_string(r.post.level), r.post.region_code,
              r.post.department_code, format_date(r.sent_on), format_date(r.due_on),
              r.decision ? std::optional<std::string>(std::string(reviews::to_string(*r.decision)))
                         : std::nullopt,
              opt_text(r.answered_on), r.opinion, strings_json(r.points), r.reviewer, r.late});
}

void SqlReviewRepository::insert_round(std::int64_t filing_id, const ports::FilingRoundRecord& r) {
  tx_.exec(
      "INSERT INTO filing_rounds (filing_id, round, sent_on, sent_by, checks_json, notice_json, "
      "notice_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {filing_id, r.round, format_date(r.sent_on), r.sent_by,
       json::serialize(rules::io::to_json(r.checks)),
       r.notice ? std::optional<std::string>(notice_json(*r.notice)) : std::nullopt,
       opt_text(r.notice_on)});
}

void SqlReviewRepository::set_round_notice(std::int64_t filing_id, const reviews::Notice& notice,
                                           Date on) {
  tx_.exec(
      "UPDATE filing_rounds SET notice_json = ?, notice_on = ? WHERE filing_id = ? AND round = ?",
      {notice_json(notice), format_date(on), filing_id, notice.round});
}

std::vector<ports::FilingRoundRecord> SqlReviewRepository::list_rounds(std::int64_t filing_id) {
  std::vector<ports::FilingRoundRecord> out;
  for (const auto& r : tx_.query(
           "SELECT round, sent_on, sent_by, checks_json, notice_json, notice_on FROM filing_rounds "
           "WHERE filing_id = ? ORDER BY round",
           {filing_id})) {
    ports::FilingRoundRecord rec{
        static_cast<int>(r.i64(0)), date_of(r.text(1)), r.text(2),
        checks_of(r.text(3)),       std::nullopt,       opt_date(r.opt_text(5))};
    if (auto n = r.opt_text(4)) rec.notice = notice_of(*n);
    out.push_back(std::move(rec));
  }
  return out;
}

std::vector<ports::LateReviewRow> SqlReviewRepository::list_late_reviews(Date today) {
  std::vector<ports::LateReviewRow> out;
  std::string cols;
  for (const char* c :
       {"r.round", "r.level", "r.region_code", "r.department_code", "r.sent_on", "r.due_on",
        "r.decision", "r.answered_on", "r.opinion", "r.points_json", "r.reviewer", "r.late"})
    cols += std::string(", ") + c;
  for (const auto& r :
       tx_.query("SELECT f.id, f.project_code, f.project_name, f.title" + cols +
                     " FROM filing_reviews r JOIN filings f ON f.id = r.filing_id "
                     "WHERE r.round = f.round AND f.state = 'in_review' AND r.decision IS NULL "
                     "AND r.due_on < ? ORDER BY r.due_on, f.id, r.department_code",
                 {format_date(today)}))
    out.push_back({r.i64(0), r.text(1), r.text(2), r.text(3), to_review(r, 4)});
  return out;
}

// ---- meetings --------------------------------------------------------------------------

std::int64_t SqlReviewRepository::insert_meeting(const ports::MeetingRecord& m) {
  return tx_.insert_id(
      "INSERT INTO meetings (meeting_on, chair_department, title, state, agenda_json, "
      "summary, created_by, created_at, held_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {format_date(m.meeting_on), m.chair_department, m.title, m.state, agenda_json(m.agenda),
       m.summary, m.created_by, to_micros(m.created_at),
       m.held_at ? std::optional<std::int64_t>(to_micros(*m.held_at)) : std::nullopt});
}

std::optional<ports::MeetingRecord> SqlReviewRepository::find_meeting(std::int64_t id) {
  auto r =
      tx_.query_one(std::string("SELECT ") + kMeetingColumns + " FROM meetings WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return to_meeting(*r);
}

std::optional<ports::MeetingRecord> SqlReviewRepository::lock_meeting(std::int64_t id) {
  if (tx_.exec("UPDATE meetings SET row_version = row_version + 1 WHERE id = ?", {id}) == 0)
    return std::nullopt;
  return find_meeting(id);
}

ports::PageOf<ports::MeetingRecord> SqlReviewRepository::list_meetings(
    const ports::MeetingFilter& f, ports::PageRequest page) {
  Where w;
  if (f.from) w.add("meeting_on >= ?", {format_date(*f.from)});
  if (f.to) w.add("meeting_on <= ?", {format_date(*f.to)});
  if (f.chair_department) w.add("chair_department = ?", {*f.chair_department});
  if (f.state) w.add("state = ?", {*f.state});
  if (f.project_code) {
    w.add(
        "(agenda_json LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM meeting_decisions d WHERE "
        "d.meeting_id = meetings.id AND d.project_code = ?))",
        {like_contains("\"project_code\":\"" + *f.project_code + "\""), *f.project_code});
  }
  ports::PageOf<ports::MeetingRecord> out;
  out.total = tx_.query("SELECT COUNT(*) FROM meetings" + w.sql(), w.params()).at(0).i64(0);
  for (const auto& r :
       tx_.query(std::string("SELECT ") + kMeetingColumns + " FROM meetings" + w.sql() +
                     " ORDER BY meeting_on DESC, id DESC LIMIT ? OFFSET ?",
                 w.params({page.page_size, page.offset()})))
    out.data.push_back(to_meeting(r));
  return out;
}

void SqlReviewRepository::update_meeting(const ports::MeetingRecord& m) {
  tx_.exec("UPDATE meetings SET state = ?, summary = ?, held_at = ? WHERE id = ?",
           {m.state, m.summary,
            m.held_at ? std::optional<std::int64_t>(to_micros(*m.held_at)) : std::nullopt, m.id});
}

std::int64_t SqlReviewRepository::insert_decision(const ports::MeetingDecisionRecord& d) {
  return tx_.insert_id(
      "INSERT INTO meeting_decisions (meeting_id, project_code, text, owner_department, "
      "due_on, state, closed_on, closed_by, close_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {d.meeting_id, d.project_code, d.text, d.owner_department, format_date(d.due_on), d.state,
       opt_text(d.closed_on), d.closed_by, d.close_note});
}

std::optional<ports::MeetingDecisionRecord> SqlReviewRepository::lock_decision(std::int64_t id) {
  if (tx_.exec("UPDATE meeting_decisions SET row_version = row_version + 1 WHERE id = ?", {id}) ==
      0)
    return std::nullopt;
  auto r = tx_.query_one(
      std::string("SELECT ") + kDecisionColumns + " FROM meeting_decisions WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return to_decision(*r);
}

ports::PageOf<ports::MeetingDecisionRecord> SqlReviewRepository::list_decisions(
    const ports::DecisionFilter& f, ports::PageRequest page) {
  Where w;
  if (f.meeting_id) w.add("meeting_id = ?", {*f.meeting_id});
  if (f.state) w.add("state = ?", {*f.state});
  if (f.owner_department) w.add("owner_department = ?", {*f.owner_department});
  if (f.project_code) w.add("project_code = ?", {*f.project_code});
  if (f.due_before) w.add("due_on < ?", {format_date(*f.due_before)});
  ports::PageOf<ports::MeetingDecisionRecord> out;
  out.total =
      tx_.query("SELECT COUNT(*) FROM meeting_decisions" + w.sql(), w.params()).at(0).i64(0);
  for (const auto& r :
       tx_.query(std::string("SELECT ") + kDecisionColumns + " FROM meeting_decisions" + w.sql() +
                     " ORDER BY due_on, id LIMIT ? OFFSET ?",
                 w.params({page.page_size, page.offset()})))
    out.data.push_back(to_decision(r));
  return out;
}

void SqlReviewRepository::update_decision(const ports::MeetingDecisionRecord& d) {
  tx_.exec(
      "UPDATE meeting_decisions SET state = ?, closed_on = ?, closed_by = ?, close_note = ? "
      "WHERE id = ?",
      {d.state, opt_text(d.closed_on), d.closed_by, d.close_note, d.id});
}

}  // namespace tongban::repo
