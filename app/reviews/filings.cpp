#include "app/reviews/filings.hpp"

#include <algorithm>

#include "app/audit/audit_trail.hpp"
#include "app/calendar/calendars.hpp"
#include "app/policy.hpp"
#include "core/calendar/calendar_set.hpp"
#include "core/identity/role.hpp"
#include "ports/notifier.hpp"
#include "ports/project_repository.hpp"

namespace tongban::app {
namespace {

using identity::Role;

std::string target_of(std::int64_t id) { return "filing:" + std::to_string(id); }

Date today(const Env& env) { return calendar::to_local_date(env.clock.now()); }

// The owner, the project's helper, a front clerk or an admin.
bool acts_for_owner(ports::UnitOfWork& uow, const Actor& a, const ports::ProjectRecord& p) {
  if (a.is(Role::FrontClerk) || a.is(Role::Admin)) return true;
  if (a.user_id && p.helper_user_id == a.user_id) return true;
  auto uscc = org_uscc(uow, a);
  return uscc && *uscc == p.project.owner_uscc;
}

bool may_see(ports::UnitOfWork& uow, const Actor& a, const ports::FilingRecord& f) {
  if (is_staff(a)) return true;
  if (a.user_id && f.created_by == *a.user_id) return true;
  auto uscc = org_uscc(uow, a);
  return uscc && *uscc == f.owner_uscc;
}

FilingView view_of(ports::UnitOfWork& uow, ports::FilingRecord f, Date day) {
  FilingView v;
  v.today = day;
  v.rounds = uow.reviews().list_rounds(f.id);
  for (const auto& p : f.filing.posts)
    if (auto d = uow.identity().find_department_by_code(p.department_code))
      v.department_names[p.department_code] = d->name;
  v.overdue = !reviews::overdue_reviews(f.filing, day).empty();
  v.record = std::move(f);
  return v;
}

Result<ports::FilingRecord> load_visible(ports::UnitOfWork& uow, const Actor& a, std::int64_t id,
                                         bool lock) {
  if (!a.signed_in()) return Error{ErrorCode::Unauthenticated};
  auto f = lock ? uow.reviews().lock_filing(id) : uow.reviews().find_filing(id);
  if (!f || !may_see(uow, a, *f)) return Error{ErrorCode::NotFound, "no such filing"};
  return std::move(*f);
}

Status check_attachments(const std::vector<FilingAttachment>& list) {
  if (list.size() > 100) return Error{ErrorCode::ValidationFailed, "at most 100", "attachments"};
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].code.empty() || list[i].code.size() > 64)
      return Error{ErrorCode::ValidationFailed, "1..64 bytes",
                   "attachments[" + std::to_string(i) + "].code"};
  return ok_status();
}

// A send or resubmission with a new form or attachments (nullopt keeps what is stored).
Status replace_content(ports::FilingRecord& f, const std::optional<rules::Value>& form,
                       const std::optional<std::vector<FilingAttachment>>& attachments) {
  if (form) f.form = *form;
  if (attachments) {
    if (auto ok = check_attachments(*attachments); !ok) return ok.error();
    f.attachments = *attachments;
  }
  return ok_status();
}

// {"project": {...}, "form": {...}, "attachments": [codes]}: what the rules read.
rules::Value check_data(const ports::ProjectRecord& p, const ports::FilingRecord& f) {
  const auto& pr = p.project;
  rules::Object project{{"code", pr.code},
                        {"name", pr.name},
                        {"owner_uscc", pr.owner_uscc},
                        {"region_code", pr.region_code},
                        {"investment_yuan", pr.investment_yuan},
                        {"type", projects::to_string(pr.type)},
                        {"approval_kind", projects::to_string(pr.approval_kind)},
                        {"fast_lane", pr.fast_lane}};
  rules::Array codes;
  for (const auto& a : f.attachments) codes.emplace_back(a.code);
  return rules::Object{
      {"project", std::move(project)}, {"form", f.form}, {"attachments", std::move(codes)}};
}

std::string failed_codes(const rules::CheckReport& r) {
  std::string out;
  for (const auto& f : r.blocking) out += (out.empty() ? "" : ",") + f.code;
  return out;
}

// Sends or resubmits: checks, posts (first time), due dates, the round and its record.
Status start_next_round(const Env& env, const RequestContext& ctx, ports::UnitOfWork& uow,
                        ports::FilingRecord& f, rules::CheckReport& checks) {
  auto project = uow.projects().find_project(f.project_code);
  if (!project) return Error{ErrorCode::NotFound, "the project is gone", "project_code"};
  if (!acts_for_owner(uow, ctx.actor, *project)) return Error{ErrorCode::Forbidden};
  auto set = uow.reviews().find_rule_set(f.kind);
  if (!set) return Error{ErrorCode::NotFound, "no rule set for this kind", "kind"};
  checks = rules::run_self_checks(*set, check_data(*project, f));
  if (!checks.ok()) return Error{ErrorCode::SelfCheckFailed, failed_codes(checks), "rules"};
  if (f.filing.posts.empty()) {
    auto posts = reviews::assign_posts(f.kind, project->project.region_code,
                                       uow.reviews().list_review_posts(f.kind));
    if (!posts) return posts.error();
    f.filing.posts = std::move(*posts);
  }
  const Date day = today(env);
  const auto calendars = env.calendars.current();
  std::vector<Date> due;
  for (const auto& p : reviews::posts_for_next_round(f.filing)) {
    auto cal = calendars->resolve(p.region_code);
    if (!cal) return cal.error();
    auto d = (*cal)->add_workdays(day, reviews::kReviewLimitDays);
    if (!d) return d.error();
    due.push_back(*d);
  }
  reviews::start_round(f.filing, day, due);
  f.updated_at = env.clock.now();
  uow.reviews().update_filing(f);
  uow.reviews().insert_round(
      f.id, {f.filing.round, day, ctx.actor.username, checks, std::nullopt, std::nullopt});
  return ok_status();
}

std::string notice_text(const reviews::Notice& n, const std::map<std::string, std::string>& names) {
  static constexpr const char* kLevel[] = {"县级", "市级", "省级"};
  std::string out;
  int i = 0;
  for (const auto& g : n.groups) {
    auto it = names.find(g.post.department_code);
    out += std::string(kLevel[static_cast<int>(g.post.level)]) + "（" +
           (it == names.end() ? g.post.department_code : it->second) + "）：\n";
    for (const auto& p : g.points) out += std::to_string(++i) + ". " + p.text + "\n";
  }
  return out;
}

}  // namespace

std::optional<std::int64_t> creator_of_reachable_filing(
    ports::UnitOfWork& uow, const Actor& a, const std::vector<std::int64_t>& filing_ids) {
  if (!a.signed_in()) return std::nullopt;
  const bool sees_all = a.is(Role::Supervisor) || a.is(Role::Admin);
  const auto dept = is_staff(a) ? department_code_of(uow, a) : std::nullopt;
  for (const auto id : filing_ids) {
    auto f = uow.reviews().find_filing(id);
    if (!f || !may_see(uow, a, *f)) continue;
    if (!is_staff(a) || sees_all) return f->created_by;
    if (dept && std::any_of(f->filing.posts.begin(), f->filing.posts.end(),
                            [&](const reviews::Post& p) { return p.department_code == *dept; }))
      return f->created_by;
  }
  return std::nullopt;
}

Result<FilingView> create_filing(const Env& env, const RequestContext& ctx, const NewFiling& in) {
  return audited_write<FilingView>(
      env, ctx, "filing.create",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<FilingView> {
        target = "project:" + in.project_code;
        if (!ctx.actor.signed_in()) return Error{ErrorCode::Unauthenticated};
        auto project = uow.projects().find_project(in.project_code);
        if (!project || !(is_staff(ctx.actor) || acts_for_owner(uow, ctx.actor, *project)))
          return Error{ErrorCode::NotFound, "no such project", "project_code"};
        if (!acts_for_owner(uow, ctx.actor, *project)) return Error{ErrorCode::Forbidden};
        if (!uow.reviews().find_rule_set(in.kind))
          return Error{ErrorCode::NotFound, "no rule set for this kind", "kind"};
        if (in.title.empty() || in.title.size() > 256)
          return Error{ErrorCode::ValidationFailed, "1..256 bytes", "title"};
        if (auto ok = check_attachments(in.attachments); !ok) return ok.error();
        ports::FilingRecord f;
        f.project_code = project->project.code;
        f.project_name = project->project.name;
        f.owner_uscc = project->project.owner_uscc;
        f.kind = in.kind;
        f.title = in.title;
        f.form = in.form.is_object() ? in.form : rules::Object{};
        f.attachments = in.attachments;
        f.created_by = *ctx.actor.user_id;
        f.created_at = f.updated_at = env.clock.now();
        f.id = uow.reviews().insert_filing(f);
        target = target_of(f.id);
        return view_of(uow, std::move(f), today(env));
      });
}

Result<FilingView> get_filing(const Env& env, const RequestContext& ctx, std::int64_t id) {
  std::optional<Result<FilingView>> out;
  env.store.read([&](ports::UnitOfWork& uow) {
    auto f = load_visible(uow, ctx.actor, id, false);
    if (!f) {
      out.emplace(f.error());
      return;
    }
    out.emplace(view_of(uow, std::move(*f), today(env)));
  });
  return std::move(*out);
}

Result<ports::PageOf<ports::FilingRecord>> list_filings(const Env& env, const RequestContext& ctx,
                                                        const FilingQuery& q,
                                                        ports::PageRequest page) {
  if (!ctx.actor.signed_in()) return Error{ErrorCode::Unauthenticated};
  if (!is_staff(ctx.actor) && !ctx.actor.is(Role::ApplicantOrg)) return Error{ErrorCode::Forbidden};
  if (q.level && !reviews::level_from_string(*q.level))
    return Error{ErrorCode::ValidationFailed, "county, city or province", "level"};
  if (q.state && !reviews::filing_state_from_string(*q.state))
    return Error{ErrorCode::ValidationFailed, "draft, in_review, supplement_requested or approved",
                 "state"};
  ports::PageOf<ports::FilingRecord> out;
  env.store.read([&](ports::UnitOfWork& uow) {
    ports::FilingFilter f{q.level, q.department, q.pending, q.state, q.project_code, {}, {}};
    if (q.overdue) f.overdue_on = today(env);
    if (!is_staff(ctx.actor)) {
      f.owner_uscc = org_uscc(uow, ctx.actor).value_or("");
      f.created_by = ctx.actor.user_id;
    }
    out = uow.reviews().list_filings(f, page);
  });
  return out;
}

Result<SendOutcome> send_filing(const Env& env, const RequestContext& ctx, std::int64_t id,
                                const std::optional<rules::Value>& form,
                                const std::optional<std::vector<FilingAttachment>>& attachments,
                                rules::CheckReport* checks_out) {
  rules::CheckReport checks;
  auto r = audited_write<SendOutcome>(
      env, ctx, "filing.send",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<SendOutcome> {
        target = target_of(id);
        auto f = load_visible(uow, ctx.actor, id, true);
        if (!f) return f.error();
        if (auto ok = reviews::check_send(f->filing); !ok) return ok.error();
        if (auto ok = replace_content(*f, form, attachments); !ok) return ok.error();
        if (auto ok = start_next_round(env, ctx, uow, *f, checks); !ok) return ok.error();
        return SendOutcome{view_of(uow, std::move(*f), today(env)), checks};
      });
  if (checks_out) *checks_out = checks;
  return r;
}

Result<SendOutcome> resubmit_filing(const Env& env, const RequestContext& ctx, std::int64_t id,
                                    const std::optional<rules::Value>& form,
                                    const std::optional<std::vector<FilingAttachment>>& attachments,
                                    rules::CheckReport* checks_out) {
  rules::CheckReport checks;
  auto r = audited_write<SendOutcome>(
      env, ctx, "filing.resubmit",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<SendOutcome> {
        target = target_of(id);
        auto f = load_visible(uow, ctx.actor, id, true);
        if (!f) return f.error();
        if (auto ok = reviews::check_resubmit(f->filing); !ok) return ok.error();
        if (auto ok = replace_content(*f, form, attachments); !ok) return ok.error();
        if (auto ok = start_next_round(env, ctx, uow, *f, checks); !ok) return ok.error();
        return SendOutcome{view_of(uow, std::move(*f), today(env)), checks};
      });
  if (checks_out) *checks_out = checks;
  return r;
}

Result<FilingView> answer_filing(const Env& env, const RequestContext& ctx, std::int64_t id,
                                 const ReviewAnswer& in) {
  return audited_write<FilingView>(
      env, ctx, "filing.review",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<FilingView> {
        target = target_of(id);
        if (!ctx.actor.is(Role::Reviewer) && !ctx.actor.is(Role::DeptHead))
          return Error{ErrorCode::Forbidden};
        auto f = load_visible(uow, ctx.actor, id, true);
        if (!f) return f.error();
        const std::string own = department_code_of(uow, ctx.actor).value_or("");
        if (in.department_code && *in.department_code != own)
          return Error{ErrorCode::NotReviewPost,
                       "you answer for " + (own.empty() ? std::string("no department") : own) +
                           ", not " + *in.department_code,
                       "department_code"};
        reviews::Answer a{in.decision, in.opinion, in.points, ctx.actor.username};
        if (auto ok = reviews::validate_answer(a); !ok) return ok.error();
        auto index = reviews::check_answer(f->filing, own);
        if (!index) return index.error();
        const Date day = today(env);
        const bool done = reviews::record_answer(f->filing, *index, a, day);
        f->updated_at = env.clock.now();
        if (f->filing.state == reviews::FilingState::Approved) f->decided_on = day;
        uow.reviews().update_filing(*f);
        auto v = view_of(uow, std::move(*f), day);
        if (done && v.record.filing.state == reviews::FilingState::SupplementRequested) {
          const auto notice = reviews::consolidate(v.record.filing, v.record.filing.round);
          uow.reviews().set_round_notice(v.record.id, notice, day);
          if (env.notifier) {
            ports::Notification n;
            n.user_id = v.record.created_by;
            n.kind = ports::NotificationKind::SupplementRequested;
            n.title = "三级联审补正告知：" + v.record.title;
            n.body = "项目 " + v.record.project_code + " 第" + std::to_string(notice.round) +
                     "轮联审需补正（共" + std::to_string(notice.point_count()) + "项）：\n" +
                     notice_text(notice, v.department_names);
            n.at = env.clock.now();
            n.sms = false;
            env.notifier->notify(uow, n);
          }
          v.rounds = uow.reviews().list_rounds(v.record.id);
        }
        return v;
      });
}

}  // namespace tongban::app
