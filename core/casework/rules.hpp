// The casework rules that are not the state machine: case numbers, the material check at
// acceptance (with 容缺), one-time supplement notices, commitments, the review plan derived
// from an item's steps, and the persisted summary of a statutory clock. Pure; no I/O.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/calendar/statutory_clock.hpp"
#include "core/catalog/service_item.hpp"
#include "core/common/result.hpp"

namespace tongban::casework {

// 实施编码 + yyyyMMdd (the China Standard Time date of `at`) + a 4-digit serial per item per
// day, e.g. "11450100MB0000000X4000120260302" + "0001". InvalidArgument for an empty code or a
// serial outside 1..9999.
[[nodiscard]] Result<std::string> format_case_number(const std::string& item_code, Instant at,
                                                     std::int64_t serial);

// GB/T 2260 containment by code shape: 450102 is within 450100, 450000 and itself; a
// province XX0000 contains XX****, a city XXYY00 contains XXYY**.
[[nodiscard]] bool region_within(const std::string& region, const std::string& scope);
// What the codes within `region` start with (SQL `LIKE prefix%`): "45" for 450000, "4501"
// for 450100, the code itself for a county.
[[nodiscard]] std::string region_prefix(const std::string& region);

// Whether the item is offered to this kind of applicant (服务对象): a person (自然人) or an
// organisation (法人). ValidationFailed (field "item_code") when it is not.
[[nodiscard]] Status check_service_object(const catalog::ServiceItem& item, bool organisation);

// The outcome of the material check at acceptance.
struct MaterialCheck {
  std::vector<std::string> tolerated;  // required materials accepted against a commitment
};

// Checks what the applicant handed in against the item's checklist. Materials sourced from
// certificates or shared data are fetched by the centre and never missing. Errors, in order:
// ValidationFailed (field "tolerate": an unknown code), NotTolerable (a tolerated material
// the item does not mark tolerable), MaterialsMissing (required, neither provided nor
// tolerated; detail lists the codes), CommitmentIneligible (something is tolerated but the
// applicant's 容缺 eligibility is suspended).
[[nodiscard]] Result<MaterialCheck> check_materials(const catalog::ServiceItem& item,
                                                    const std::set<std::string>& provided,
                                                    const std::set<std::string>& tolerate,
                                                    bool applicant_eligible);

// One gap of a one-time supplement notice (一次性补正告知). material_code empty: a gap that
// is not a checklist material (e.g. a wrong form field).
struct Gap {
  std::string material_code;
  std::string reason;
};

// A notice lists every gap at once: 1..50 gaps, each with a reason (≤ 500 bytes), material
// codes known to the item and not repeated. ValidationFailed (field "gaps") otherwise.
[[nodiscard]] Status check_notice(const catalog::ServiceItem& item, const std::vector<Gap>& gaps);
// The applicant answers all gaps at once: every gap naming a material needs a file for it
// (MaterialsMissing otherwise), and that file must be other content than the one the notice
// rejected (SupplementUnchanged otherwise); the detail lists the codes. `answered`: material
// code → the file handed in now; `rejected`: material code → the file the case held when the
// notice was sent (no entry: none).
[[nodiscard]] Status check_answer(const std::vector<Gap>& gaps,
                                  const std::map<std::string, std::string>& answered,
                                  const std::map<std::string, std::string>& rejected);

// A notice sent earlier on the same case: its stage ("window": before acceptance; "review")
// and the materials its answer replaced (none while it is unanswered).
struct EarlierNotice {
  std::string stage;
  std::set<std::string> answered_materials;
};
// 一次性告知: each stage tells every gap at once. A further notice at a stage that already sent
// one is lawful only for materials handed in by an answer to an earlier notice, whose new
// content the reviewer has not seen; anything else (another material, a gap without a material
// such as a form field) should have been in the first notice. SupplementRepeated (detail lists
// the gaps, "-" for one without a material) otherwise. The review stage's first notice may name
// anything: the window checks completeness, the review substance.
[[nodiscard]] Status check_further_notice(const std::string& stage, const std::vector<Gap>& gaps,
                                          const std::vector<EarlierNotice>& earlier);

// How a decided case reaches the applicant (出件): "window" (collected at the window: a clerk
// records it), "post" (a clerk records it with the tracking number), "download" (the
// applicant confirms the download: only they can). ValidationFailed (field "method" or
// "tracking_number"), Forbidden for the wrong side.
[[nodiscard]] Status check_delivery(const std::string& method, bool by_applicant,
                                    const std::optional<std::string>& tracking_number);

// The first late instant for a period whose last day is `due`: the following 00:00 CST.
[[nodiscard]] Instant end_of_day(Date due);
// The N-th working day after the CST date of `from` (N ≥ 1): due dates of supplement periods
// and commitments. InvalidArgument for N < 1; CalendarOutOfRange beyond the calendar.
[[nodiscard]] Result<Date> working_days_after(const calendar::WorkCalendar& cal, Instant from,
                                              std::int64_t n);

// One review task to create: posts of a step run in parallel, steps in sequence.
struct PlannedTask {
  int step_index = 0;
  int post_index = 0;
  std::string step_name;
  std::string post_name;
  std::string department_code;
  calendar::Budget limit;
};
[[nodiscard]] std::vector<PlannedTask> plan_review(const catalog::ServiceItem& item);

// What lists sort and filter on, persisted beside the ledger so no query replays it.
struct ClockSummary {
  std::string state;  // running | paused | stopped (urgency at a later t: see urgency())
  Date due_date;
  Instant deadline;                   // first late instant (projected while paused)
  std::optional<Instant> warning_at;  // when a running clock turns to warning; null if paused
  std::optional<Instant> first_overdue;
};
// Summarises `clock` as of `now`. Errors as StatutoryClock::read.
[[nodiscard]] Result<ClockSummary> summarize(const calendar::StatutoryClock& clock, Instant now);

// running / warning / overdue / paused / stopped at t, from a summary taken at or before t
// with no ledger change since.
[[nodiscard]] std::string urgency(const ClockSummary& s, Instant t);

}  // namespace tongban::casework
