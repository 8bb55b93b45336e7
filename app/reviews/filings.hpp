// Multi-level review (三级联审) of a project's filings: creating a draft, sending it (the
// self-checks run first: a blocking failure stops it and nothing is stored as sent), the
// posts' inboxes, a post's answer (only for its own department), the consolidated supplement
// notice to the owner when a round is complete, resubmitting (the checks run again), and the
// data of the review report. Rules live in core/reviews and core/rules; here: who may,
// storing, auditing, the calendar.
//
// Who: the project's owner (an applicant_org whose 信用代码 is the project's owner_uscc), its
// helper (帮办), a front_clerk or an admin create, send and resubmit; a reviewer or dept_head
// answers for the post of their own department; staff read every filing, an organisation the
// filings of its projects and those it created. "Today" is env.clock's date in China time;
// a post's due date is 2 working days on its own region's calendar.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/common/result.hpp"
#include "core/reviews/filing.hpp"
#include "core/rules/self_check.hpp"
#include "ports/review_repository.hpp"

namespace tongban::app {

using ports::FilingAttachment;

struct NewFiling {
  std::string project_code;
  std::string kind;
  std::string title;
  rules::Value form = rules::Object{};  // the filing's form (an object)
  std::vector<FilingAttachment> attachments;
};

struct FilingView {
  ports::FilingRecord record;
  std::vector<ports::FilingRoundRecord> rounds;
  std::map<std::string, std::string> department_names;  // code → name, for the posts
  Date today{};
  bool overdue = false;  // a current-round review unanswered past its due date
};

// not_found (field project_code) for an unknown or invisible project, not_found (field kind)
// for a kind without a rule set, forbidden for someone who may not act for the owner,
// validation_failed (title, attachments). Stored as a draft; audited as filing.create.
Result<FilingView> create_filing(const Env& env, const RequestContext& ctx, const NewFiling& in);

// Whether `a` may open the attachments of one of the filings: the owner's side as for the
// filing itself; of the staff, the departments holding one of its posts (any round),
// supervisors and admins. The user who created that filing when so; nullopt otherwise. Runs
// in the caller's transaction.
[[nodiscard]] std::optional<std::int64_t> creator_of_reachable_filing(
    ports::UnitOfWork& uow, const Actor& a, const std::vector<std::int64_t>& filing_ids);

// not_found when the filing does not exist or the caller may not see it.
Result<FilingView> get_filing(const Env& env, const RequestContext& ctx, std::int64_t id);

struct FilingQuery {
  std::optional<std::string> level, department, state, project_code;
  bool pending = false;  // with department: awaiting that post's answer
  bool overdue = false;  // a current-round review unanswered past its due date
};
// Staff: every filing; applicant_org: its own (owner or creator); others forbidden.
Result<ports::PageOf<ports::FilingRecord>> list_filings(const Env& env, const RequestContext& ctx,
                                                        const FilingQuery& q,
                                                        ports::PageRequest page);

struct SendOutcome {
  FilingView view;
  rules::CheckReport checks;  // warnings: checks.advisory
};
// Runs the kind's rule set over {project, form, attachments}. self_check_failed (detail: the
// failed codes, "LU-03,LU-04") when a blocking rule fails: nothing is stored as sent, and
// *checks_out holds the report (the handler lists the rules). Otherwise the posts are assigned
// from the project's region (review_post_missing), every post gets 2 working days (the post
// region's calendar: unknown_region, calendar_out_of_range), round 1 starts. filing_state_invalid
// unless a draft. Audited as filing.send.
// The form and attachments may be replaced as for resubmit (nullopt keeps the draft's): a
// blocking failure changes nothing, the new form included.
Result<SendOutcome> send_filing(const Env& env, const RequestContext& ctx, std::int64_t id,
                                const std::optional<rules::Value>& form,
                                const std::optional<std::vector<FilingAttachment>>& attachments,
                                rules::CheckReport* checks_out);

// After a supplement notice: the form and attachments may be replaced (nullopt keeps them),
// the checks run again as for sending (a blocking failure changes nothing, the new form
// included), and the posts that asked for supplements review in the next round.
// filing_state_invalid unless supplement_requested. Audited as filing.resubmit.
Result<SendOutcome> resubmit_filing(const Env& env, const RequestContext& ctx, std::int64_t id,
                                    const std::optional<rules::Value>& form,
                                    const std::optional<std::vector<FilingAttachment>>& attachments,
                                    rules::CheckReport* checks_out);

struct ReviewAnswer {
  std::optional<std::string> department_code;  // the post answered for; default: the caller's
  reviews::Decision decision = reviews::Decision::Approve;
  std::string opinion;
  std::vector<std::string> points;
};
// A reviewer or dept_head (forbidden otherwise). not_review_post when department_code names
// another department than the caller's, or the caller's department reviews nothing in this
// round; filing_state_invalid after the filing is decided or for a second answer;
// validation_failed (points, opinion). When the round completes: approved, or one
// consolidated notice stored with the round and sent to the filing's creator (in-app
// message). Audited as filing.review.
Result<FilingView> answer_filing(const Env& env, const RequestContext& ctx, std::int64_t id,
                                 const ReviewAnswer& in);

}  // namespace tongban::app
