// /api/v1/projects/{code}/filings, /api/v1/filings: multi-level review (三级联审) — drafting a
// filing, sending it through the self-checks, the posts' inboxes and answers, resubmission
// after the consolidated supplement notice, and the review report (PDF).
// Handlers decode, call one use case (app/reviews/filings.hpp), encode.
#include "adapters/http/api/api.hpp"
#include "adapters/pdf/checklist_pdf.hpp"
#include "adapters/pdf/report_pdf.hpp"
#include "adapters/rules/rules_json.hpp"
#include "app/reviews/filings.hpp"
#include "app/reviews/meetings.hpp"

namespace tongban::http {

namespace json = boost::json;

namespace {

json::value opt_date(const std::optional<Date>& d) {
  return d ? json::value(format_date(*d)) : json::value(nullptr);
}

std::string name_of(const std::map<std::string, std::string>& names, const std::string& code) {
  auto it = names.find(code);
  return it == names.end() ? std::string() : it->second;
}

json::object post_json(const reviews::Post& p, const std::map<std::string, std::string>& names) {
  return json::object{{"level", reviews::to_string(p.level)},
                      {"region_code", p.region_code},
                      {"department_code", p.department_code},
                      {"department_name", name_of(names, p.department_code)}};
}

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

json::object review_json(const reviews::Review& r, const reviews::Filing& f, Date today,
                         const std::map<std::string, std::string>& names) {
  auto o = post_json(r.post, names);
  o["round"] = r.round;
  o["sent_on"] = format_date(r.sent_on);
  o["due_on"] = format_date(r.due_on);
  o["decision"] = r.decision ? json::value(reviews::to_string(*r.decision)) : json::value(nullptr);
  o["answered_on"] = opt_date(r.answered_on);
  o["opinion"] = r.opinion;
  o["points"] = strings(r.points);
  o["reviewer"] = r.reviewer;
  o["late"] = r.late;
  o["overdue"] = r.round == f.round && !r.decision && today > r.due_on &&
                 f.state == reviews::FilingState::InReview;
  return o;
}

json::object notice_json(const reviews::Notice& n,
                         const std::map<std::string, std::string>& names) {
  json::array groups;
  for (const auto& g : n.groups) {
    auto o = post_json(g.post, names);
    json::array points;
    for (const auto& p : g.points) {
      json::array also;
      for (auto l : p.also_by) also.emplace_back(reviews::to_string(l));
      points.push_back(json::object{{"text", p.text}, {"also_by", std::move(also)}});
    }
    o["points"] = std::move(points);
    groups.push_back(std::move(o));
  }
  return json::object{{"round", n.round}, {"groups", std::move(groups)}};
}

json::array attachments_json(const std::vector<ports::FilingAttachment>& list) {
  json::array a;
  for (const auto& x : list)
    a.push_back(
        json::object{{"code", x.code},
                     {"name", x.name},
                     {"file_id", x.file_id ? json::value(*x.file_id) : json::value(nullptr)}});
  return a;
}

// The current round's posts still to answer.
json::array pending_json(const reviews::Filing& f) {
  json::array a;
  if (f.state != reviews::FilingState::InReview) return a;
  for (const auto& r : f.reviews)
    if (r.round == f.round && !r.decision) a.emplace_back(r.post.department_code);
  return a;
}

// The current round's reviews, compact: who, until when, what they answered (lists and inboxes).
json::array current_json(const reviews::Filing& f, Date today) {
  json::array a;
  for (const auto& r : f.reviews) {
    if (r.round != f.round) continue;
    a.push_back(json::object{
        {"level", reviews::to_string(r.post.level)},
        {"department_code", r.post.department_code},
        {"due_on", format_date(r.due_on)},
        {"decision", r.decision ? json::value(reviews::to_string(*r.decision)) : json::value()},
        {"late", r.late},
        {"overdue", !r.decision && today > r.due_on && f.state == reviews::FilingState::InReview}});
  }
  return a;
}

json::object summary_json(const ports::FilingRecord& f, Date today) {
  return json::object{{"id", f.id},
                      {"project_code", f.project_code},
                      {"project_name", f.project_name},
                      {"kind", f.kind},
                      {"title", f.title},
                      {"state", reviews::to_string(f.filing.state)},
                      {"round", f.filing.round},
                      {"pending_posts", pending_json(f.filing)},
                      {"overdue", !reviews::overdue_reviews(f.filing, today).empty()},
                      {"current_reviews", current_json(f.filing, today)},
                      {"decided_on", opt_date(f.decided_on)},
                      {"created_at", format_instant(f.created_at)},
                      {"updated_at", format_instant(f.updated_at)}};
}

json::object detail_json(const app::FilingView& v) {
  const auto& f = v.record;
  auto o = summary_json(f, v.today);
  o["owner_uscc"] = f.owner_uscc;
  o["form"] = rules::io::to_json(f.form);
  o["attachments"] = attachments_json(f.attachments);
  o["created_by"] = f.created_by;
  json::array posts;
  for (const auto& p : f.filing.posts) posts.push_back(post_json(p, v.department_names));
  o["posts"] = std::move(posts);
  json::array reviews;
  for (const auto& r : f.filing.reviews)
    reviews.push_back(review_json(r, f.filing, v.today, v.department_names));
  o["reviews"] = std::move(reviews);
  json::array rounds;
  for (const auto& r : v.rounds)
    rounds.push_back(
        json::object{{"round", r.round},
                     {"sent_on", format_date(r.sent_on)},
                     {"sent_by", r.sent_by},
                     {"checks", rules::io::to_json(r.checks)},
                     {"notice", r.notice ? json::value(notice_json(*r.notice, v.department_names))
                                         : json::value(nullptr)},
                     {"notice_on", opt_date(r.notice_on)}});
  o["rounds"] = std::move(rounds);
  return o;
}

json::object outcome_json(const app::SendOutcome& s) {
  json::array warnings;
  for (const auto& f : s.checks.advisory) warnings.push_back(rules::io::to_json(f));
  return json::object{{"filing", detail_json(s.view)},
                      {"checks", rules::io::to_json(s.checks)},
                      {"warnings", std::move(warnings)}};
}

// A refused send or resubmission: the error, and for self_check_failed the rules that failed.
HttpResponse refused(const Call& call, const Error& e, const rules::CheckReport& checks) {
  auto res = HttpResponse::error(e, call.req);
  res.audited = true;
  if (e.code != ErrorCode::SelfCheckFailed) return res;
  auto body = json::parse(res.body).as_object();
  auto& details = body["details"].as_object();
  json::array blocking;
  for (const auto& f : checks.blocking) blocking.push_back(rules::io::to_json(f));
  json::array advisory;
  for (const auto& f : checks.advisory) advisory.push_back(rules::io::to_json(f));
  details["blocking"] = std::move(blocking);
  details["advisory"] = std::move(advisory);
  res.body = json::serialize(body);
  return res;
}

Result<std::vector<ports::FilingAttachment>> attachments(const json::value& v) {
  auto bad = [](std::string field) {
    return Error{ErrorCode::ValidationFailed, "an array of {code, name, file_id}",
                 std::move(field)};
  };
  if (!v.is_array()) return bad("attachments");
  std::vector<ports::FilingAttachment> out;
  const auto& a = v.as_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string at = "attachments[" + std::to_string(i) + "]";
    if (!a[i].is_object()) return bad(at);
    JsonFields f(a[i].as_object());
    ports::FilingAttachment x;
    x.code = f.text("code", Need::Required, 64).value_or("");
    x.name = f.text("name", Need::Optional, 256).value_or("");
    if (auto id = f.nullable_text("file_id", 64)) x.file_id = *id;
    if (!f.ok()) {
      auto e = f.error();
      e.field = at + "." + e.field;
      return e;
    }
    out.push_back(std::move(x));
  }
  return out;
}

Result<rules::Value> form(const json::value& v) {
  if (!v.is_object()) return Error{ErrorCode::ValidationFailed, "an object", "form"};
  return rules::io::from_json(v);
}

struct FilingChanges {
  std::optional<rules::Value> form;
  std::optional<std::vector<ports::FilingAttachment>> attachments;
};

// The optional {"form", "attachments"} of a send or resubmission; an empty body (allowed when
// `empty_ok`) changes nothing.
Result<FilingChanges> filing_changes(const HttpRequest& req, bool empty_ok) {
  FilingChanges out;
  if (empty_ok && req.body.empty()) return out;
  auto body = json_object_body(req);
  if (!body) return body.error();
  if (const auto* v = body->if_contains("form")) {
    auto fv = form(*v);
    if (!fv) return fv.error();
    out.form = std::move(*fv);
  }
  if (const auto* v = body->if_contains("attachments")) {
    auto a = attachments(*v);
    if (!a) return a.error();
    out.attachments = std::move(*a);
  }
  return out;
}

Result<bool> flag_query(const HttpRequest& req, std::string_view name) {
  auto v = req.query_param(name);
  if (!v || *v == "false") return false;
  if (*v == "true") return true;
  return Error{ErrorCode::ValidationFailed, "true or false", std::string(name)};
}

const char* level_zh(reviews::Level l) {
  switch (l) {
    case reviews::Level::County:
      return "县级";
    case reviews::Level::City:
      return "市级";
    case reviews::Level::Province:
      return "省级";
  }
  return "";
}

const char* state_zh(reviews::FilingState s) {
  switch (s) {
    case reviews::FilingState::Draft:
      return "草稿（未报送）";
    case reviews::FilingState::InReview:
      return "联审中";
    case reviews::FilingState::SupplementRequested:
      return "待补正";
    case reviews::FilingState::Approved:
      return "联审通过";
  }
  return "";
}

// The report's text: the project, the posts, then per round the self-checks, every post's
// opinion with its dates and the consolidated notice.
pdf::ReportText report_text(const app::FilingView& v) {
  const auto& f = v.record;
  const auto& names = v.department_names;
  auto post_name = [&](const reviews::Post& p) {
    auto n = name_of(names, p.department_code);
    return std::string(level_zh(p.level)) + " " + (n.empty() ? p.department_code : n);
  };
  pdf::ReportText t;
  t.title = "三级联审审查报告";
  t.subtitle = f.title;
  t.footer = "报件 " + std::to_string(f.id) + "  项目代码 " + f.project_code + "  生成于 " +
             format_date(v.today);
  pdf::ReportSection head{"一、项目与报件", {}, {}};
  head.fields = {{"项目代码", f.project_code},
                 {"项目名称", f.project_name},
                 {"建设单位信用代码", f.owner_uscc},
                 {"报件", f.title},
                 {"报件类型", f.kind},
                 {"审查状态", state_zh(f.filing.state)},
                 {"联审轮次", std::to_string(f.filing.round)},
                 {"办结日期", f.decided_on ? format_date(*f.decided_on) : ""}};
  t.sections.push_back(std::move(head));
  pdf::ReportSection posts{"二、审查岗位（每轮 2 个工作日内答复）", {}, {}};
  for (const auto& p : f.filing.posts)
    posts.paragraphs.push_back({post_name(p) + "（行政区划 " + p.region_code + "）", 0});
  if (f.filing.posts.empty()) posts.paragraphs.push_back({"尚未报送。", 0});
  t.sections.push_back(std::move(posts));
  static constexpr const char* kNumbers[] = {"三", "四", "五", "六", "七", "八", "九", "十"};
  for (std::size_t i = 0; i < v.rounds.size(); ++i) {
    const auto& r = v.rounds[i];
    pdf::ReportSection s{
        std::string(i < 8 ? kNumbers[i] : "") + "、第 " + std::to_string(r.round) + " 轮", {}, {}};
    s.fields = {{"报送日期", format_date(r.sent_on)},
                {"报送人", r.sent_by},
                {"报件自检", "通过 " + std::to_string(r.checks.passed) + " 项，强制性未通过 " +
                                 std::to_string(r.checks.blocking.size()) + " 项，说明性提示 " +
                                 std::to_string(r.checks.advisory.size()) + " 项"}};
    for (const auto& a : r.checks.advisory)
      s.paragraphs.push_back({"说明性提示 " + a.code + " " + a.name + "：" + a.message_zh, 1});
    for (const auto& rv : f.filing.reviews) {
      if (rv.round != r.round) continue;
      std::string line = post_name(rv.post) + "：";
      if (!rv.decision) {
        line += "尚未答复（时限 " + format_date(rv.due_on) + "）";
      } else {
        line += std::string(*rv.decision == reviews::Decision::Approve ? "同意" : "需补正") + "（" +
                format_date(*rv.answered_on) + " 答复，时限 " + format_date(rv.due_on) +
                (rv.late ? "，逾期" : "") + "，审查人 " + rv.reviewer + "）";
      }
      s.paragraphs.push_back({line, 0});
      if (!rv.opinion.empty()) s.paragraphs.push_back({"意见：" + rv.opinion, 1});
      for (std::size_t k = 0; k < rv.points.size(); ++k)
        s.paragraphs.push_back({"补正要点 " + std::to_string(k + 1) + "：" + rv.points[k], 1});
    }
    if (r.notice) {
      s.paragraphs.push_back({"一次性补正告知（" +
                                  (r.notice_on ? format_date(*r.notice_on) : std::string()) +
                                  "，共 " + std::to_string(r.notice->point_count()) + " 项）",
                              0});
      int n = 0;
      for (const auto& g : r.notice->groups)
        for (const auto& p : g.points)
          s.paragraphs.push_back({std::to_string(++n) + ". " + p.text + "（" + post_name(g.post) +
                                      (p.also_by.empty() ? "" : " 等") + "）",
                                  1});
    }
    t.sections.push_back(std::move(s));
  }
  return t;
}

}  // namespace

void add_filing_routes(Router& r, const app::Env& env) {
  r.add("POST", "/api/v1/projects/{code}/filings", Access::SignedIn, [env](Call& call) {
    TB_TRY(body, json_object_body(call.req));
    JsonFields f(*body);
    app::NewFiling in;
    in.project_code = call.req.path_params.at("code");
    in.kind = f.text("kind", Need::Required, 64).value_or("");
    in.title = f.text("title", Need::Required, 256).value_or("");
    if (!f.ok()) return HttpResponse::error(f.error(), call.req);
    if (const auto* v = body->if_contains("form")) {
      TB_TRY(fv, form(*v));
      in.form = std::move(*fv);
    }
    if (const auto* v = body->if_contains("attachments")) {
      TB_TRY(a, attachments(*v));
      in.attachments = std::move(*a);
    }
    return respond(call, app::create_filing(env, call.ctx, in), 201,
                   [](const app::FilingView& v) { return detail_json(v); });
  });

  r.add("GET", "/api/v1/filings", Access::SignedIn, [env](Call& call) {
    TB_TRY(page, page_request(call.req));
    app::FilingQuery q;
    TB_TRY(level, text_query(call.req, "level", 16));
    TB_TRY(department, text_query(call.req, "department", 64));
    TB_TRY(state, text_query(call.req, "state", 32));
    TB_TRY(project, text_query(call.req, "project", 64));
    TB_TRY(pending, flag_query(call.req, "pending"));
    TB_TRY(overdue, flag_query(call.req, "overdue"));
    q.level = *level;
    q.department = *department;
    q.state = *state;
    q.project_code = *project;
    q.pending = *pending;
    q.overdue = *overdue;
    TB_TRY(res, app::list_filings(env, call.ctx, q, *page));
    const Date today = app::review_today(env);
    return list_response(*res, [today](const ports::FilingRecord& f) {
      return json::value(summary_json(f, today));
    });
  });

  r.add("GET", "/api/v1/filings/{id}", Access::SignedIn, [env](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(res, app::get_filing(env, call.ctx, *id));
    return json_response(200, detail_json(*res));
  });

  // Both take {"form"?, "attachments"?}: the page sends what the owner sees (send: the body
  // may be empty, the draft is sent as stored).
  for (const bool first : {true, false}) {
    const char* path = first ? "/api/v1/filings/{id}/send" : "/api/v1/filings/{id}/resubmit";
    r.add("POST", path, Access::SignedIn, [env, first](Call& call) {
      TB_TRY(id, id_param(call.req, "id"));
      TB_TRY(changes, filing_changes(call.req, first));
      rules::CheckReport checks;
      auto res =
          first ? app::send_filing(env, call.ctx, *id, changes->form, changes->attachments, &checks)
                : app::resubmit_filing(env, call.ctx, *id, changes->form, changes->attachments,
                                       &checks);
      if (!res) return refused(call, res.error(), checks);
      return respond(call, res, 200, outcome_json);
    });
  }

  // {"department_code"?: the post answered for, "decision": "approve"|"supplement",
  //  "opinion"?: text, "points"?: [text]}.
  r.add("POST", "/api/v1/filings/{id}/reviews", Access::SignedIn, [env](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(body, json_object_body(call.req));
    JsonFields f(*body);
    app::ReviewAnswer in;
    in.department_code = f.text("department_code", Need::Optional, 64);
    const auto decision = f.text("decision", Need::Required, 16).value_or("");
    in.opinion = f.text("opinion", Need::Optional, 2000).value_or("");
    if (!f.ok()) return HttpResponse::error(f.error(), call.req);
    auto d = reviews::decision_from_string(decision);
    if (!d)
      return HttpResponse::error(
          Error{ErrorCode::ValidationFailed, "approve or supplement", "decision"}, call.req);
    in.decision = *d;
    if (const auto* p = body->if_contains("points"); p && !p->is_null()) {
      if (!p->is_array())
        return HttpResponse::error(
            Error{ErrorCode::ValidationFailed, "an array of texts", "points"}, call.req);
      for (const auto& x : p->as_array()) {
        if (!x.is_string())
          return HttpResponse::error(
              Error{ErrorCode::ValidationFailed, "an array of texts", "points"}, call.req);
        in.points.emplace_back(x.as_string());
      }
    }
    return respond(call, app::answer_filing(env, call.ctx, *id, in), 200,
                   [](const app::FilingView& v) { return detail_json(v); });
  });

  r.add("GET", "/api/v1/filings/{id}/report.pdf", Access::SignedIn, [env](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(v, app::get_filing(env, call.ctx, *id));
    TB_TRY(doc, pdf::render_report(report_text(*v), std::string(pdf::kDefaultCjkFont)));
    auto res = HttpResponse::text(200, std::move(*doc), "application/pdf");
    res.headers["Content-Disposition"] =
        "inline; filename=\"filing-" + std::to_string(*id) + "-report.pdf\"";
    return res;
  });
}

}  // namespace tongban::http
