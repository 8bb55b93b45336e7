// How staff reach an applicant's personal data — uploads, the material library (材料库) and
// credit records: only through a case they may view (check_scope with Need::View: the window
// clerks of the case's region, the reviewers and heads of its departments, supervisors and
// admins). Nobody walks applicant or file ids to read papers outside their work.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/casework/cases.hpp"
#include "app/context.hpp"
#include "core/common/result.hpp"
#include "ports/store.hpp"

namespace tongban::app {

// The applicant of the first of the cases that `a` may view (an applicant: their own);
// nullopt when `a` may view none. Runs in the caller's transaction.
[[nodiscard]] std::optional<std::int64_t> applicant_of_viewable_case(
    ports::UnitOfWork& uow, const Actor& a, const std::vector<std::int64_t>& case_ids);

// ok when `a` is the applicant or may view at least one of the applicant's cases; not_found
// otherwise (an applicant out of reach is not told apart from one that does not exist).
[[nodiscard]] Status reach_applicant(ports::UnitOfWork& uow, const Actor& a,
                                     std::int64_t applicant_id);

// Writes a line to `subject`'s access log ("谁查看了我的信息"): `a` did `action` on `target`
// (view_case | download_file | view_library | view_credit | reveal) at `at`, for `reason`.
// Nothing when `a` is the subject or not signed in. In the caller's write transaction.
void record_personal_data_access(ports::UnitOfWork& uow, const Actor& a, Instant at,
                                 std::int64_t subject, std::string_view action, std::string target,
                                 std::string reason = {});

// Runs `fn` in a read transaction for an applicant, in a write transaction for anyone else:
// staff reads of a person's information write their access-log line (above) with the read.
void read_personal_data(const Env& env, const Actor& a,
                        const std::function<void(ports::UnitOfWork&)>& fn);

// 查看完整信息: the applicant's identity and the case's form unmasked, for staff who may view
// the case (case_scope), with a reason of 1–200 characters, not only blanks (validation_failed,
// field "reason"). Recorded, with the reason, in the applicant's access log, and audited as
// case.reveal_personal_data. Applicants see their own case unmasked already: forbidden.
struct RevealedPersonalData {
  ports::UserRecord applicant;
  std::string form_json;
};
Result<RevealedPersonalData> reveal_personal_data(const Env& env, const RequestContext& ctx,
                                                  std::int64_t case_id, const std::string& reason);

// The signed-in person's own access log, newest first.
Result<ports::PageOf<ports::PersonalDataAccessRecord>> my_personal_data_access(
    const Env& env, const RequestContext& ctx, ports::PageRequest page);

}  // namespace tongban::app
