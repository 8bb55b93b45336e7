#include "app/casework/personal_data.hpp"

#include "app/audit/audit_trail.hpp"
#include "app/casework/case_op.hpp"
#include "core/identity/account_policy.hpp"
#include "core/identity/role.hpp"

namespace tongban::app {

std::optional<std::int64_t> applicant_of_viewable_case(ports::UnitOfWork& uow, const Actor& a,
                                                       const std::vector<std::int64_t>& case_ids) {
  for (const auto id : case_ids) {
    auto c = uow.cases().find_case(id);
    if (c && check_scope(uow, a, *c, Need::View)) return c->applicant_id;
  }
  return std::nullopt;
}

Status reach_applicant(ports::UnitOfWork& uow, const Actor& a, std::int64_t applicant_id) {
  const Error out_of_reach{ErrorCode::NotFound, "no such applicant", "applicant_id"};
  if (!a.signed_in() || !a.role) return Error{ErrorCode::Unauthenticated};
  if (identity::is_applicant(*a.role)) {
    if (*a.user_id == applicant_id) return ok_status();
    return out_of_reach;
  }
  auto f = case_scope(uow, a);
  if (!f) return out_of_reach;
  f->applicant_id = applicant_id;
  if (uow.cases().list_cases(*f, Instant{}, {1, 1}).total == 0) return out_of_reach;
  return ok_status();
}

void record_personal_data_access(ports::UnitOfWork& uow, const Actor& a, Instant at,
                                 std::int64_t subject, std::string_view action, std::string target,
                                 std::string reason) {
  if (!a.user_id || *a.user_id == subject) return;
  ports::PersonalDataAccessRecord r;
  r.subject_id = subject;
  r.viewer_id = *a.user_id;
  if (auto u = uow.identity().find_user(*a.user_id)) r.viewer_name = u->display_name;
  r.viewer_role = a.role ? std::string(identity::role_name(*a.role)) : "";
  if (a.department_id) {
    if (auto d = uow.identity().find_department(*a.department_id)) r.viewer_department = d->name;
  }
  r.action = std::string(action);
  r.target = std::move(target);
  r.reason = std::move(reason);
  r.at = at;
  uow.identity().record_personal_data_access(r);
}

void read_personal_data(const Env& env, const Actor& a,
                        const std::function<void(ports::UnitOfWork&)>& fn) {
  if (a.role && identity::is_applicant(*a.role)) {
    env.store.read(fn);
  } else {
    env.store.write(fn);
  }
}

Result<RevealedPersonalData> reveal_personal_data(const Env& env, const RequestContext& ctx,
                                                  std::int64_t case_id, const std::string& reason) {
  return audited_write<RevealedPersonalData>(
      env, ctx, "case.reveal_personal_data",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<RevealedPersonalData> {
        target = "case:" + std::to_string(case_id);
        const auto& a = ctx.actor;
        if (!a.signed_in() || !a.role) return Error{ErrorCode::Unauthenticated};
        if (identity::is_applicant(*a.role)) return Error{ErrorCode::Forbidden};
        auto c = uow.cases().find_case(case_id);
        if (!c) return Error{ErrorCode::NotFound, "no such case"};
        if (auto s = check_scope(uow, a, *c, Need::View); !s) return s.error();
        if (auto s = identity::check_name_text("reason", reason, 200); !s) return s.error();
        auto applicant = uow.identity().find_user(c->applicant_id);
        if (!applicant) return Error{ErrorCode::Internal, "the case's applicant is gone"};
        record_personal_data_access(uow, a, env.clock.now(), c->applicant_id, "reveal", target,
                                    reason);
        return RevealedPersonalData{std::move(*applicant), c->form_json};
      });
}

Result<ports::PageOf<ports::PersonalDataAccessRecord>> my_personal_data_access(
    const Env& env, const RequestContext& ctx, ports::PageRequest page) {
  if (!ctx.actor.signed_in()) return Error{ErrorCode::Unauthenticated};
  ports::PageOf<ports::PersonalDataAccessRecord> out;
  env.store.read([&](ports::UnitOfWork& uow) {
    out = uow.identity().list_personal_data_access(*ctx.actor.user_id, page);
  });
  return out;
}

}  // namespace tongban::app
