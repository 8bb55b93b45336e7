// Stage templates (阶段模板) of parallel approval (并联审批): the stages a project runs
// through, each with one lead department (一家牵头), its items approved in parallel, its
// co-departments and a stage limit in working days (限时办结); a stage starts when its
// predecessors close. Templates are data (data/projects/templates). Pure rules: validation,
// fast-lane limits, the plan on a working-day calendar, the critical path, serial vs
// parallel totals and the stage state rules. Written down in docs/projects.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/work_calendar.hpp"
#include "core/catalog/service_item.hpp"
#include "core/common/result.hpp"
#include "core/common/time.hpp"

namespace tongban::projects {

inline constexpr int kMaxStageLimit = 250;  // working days; about a working year

struct Stage {
  std::string code;       // [a-z0-9-], unique in the template, e.g. "construction-permit"
  std::string name;       // e.g. 施工许可
  std::string lead_dept;  // department code of the lead (牵头部门)
  std::vector<std::string> co_depts;      // 配合部门
  std::vector<std::string> items;         // catalog item codes approved in parallel in the stage
  int limit_days = 0;                     // stage limit, working days, 1..kMaxStageLimit
  int serial_days = 0;                    // the stage's items one after another before the reform
  std::vector<std::string> predecessors;  // stage codes whose results flow in
  std::string note;
};

struct StageTemplate {
  std::string code;    // [a-z0-9-], e.g. "beihai-five-stages"
  std::string name;    // e.g. 北海市工程建设项目五环相扣审批
  std::string region;  // GB/T 2260 code it applies to; "000000" for the national template
  std::vector<std::string> project_types;  // ProjectType wire names; empty = every type
  std::string source;                      // where the figures come from
  int target_days = 0;                     // the published target (≤ 60, ≤ 120 …); 0 = none
  int fast_lane_percent = 70;              // 绿色通道: limits scaled to this percentage, 1..100
  std::vector<Stage> stages;
};

// template_invalid (field = the path, e.g. "stages[2].predecessors[0]") for: a malformed or
// empty code, an empty name, a region that is not 6 digits, an unknown project type, a
// fast-lane percentage outside 1..100, no stages, a stage code twice or malformed, an empty
// stage name or lead department, a stage without items, an item twice in the template, a
// co-department twice or equal to the lead, a limit outside 1..kMaxStageLimit, serial days
// below the limit, an unknown, repeated or own predecessor, a cycle among predecessors
// (field "stages", detail naming the stages on it), and a parallel total above the target.
[[nodiscard]] Status validate_template(const StageTemplate& t);

// Against the catalog (latest versions by code): template_invalid for an item the catalog
// does not have ("stages[i].items[j]") and for a stage limit shorter than the committed
// limit of one of its items in working days ("stages[i].limit_days"); the items of a stage
// run in parallel, so the stage needs at least its slowest item's time.
using ItemIndex = std::map<std::string, catalog::ServiceItem>;
[[nodiscard]] Status check_items(const StageTemplate& t, const ItemIndex& catalog);

// Every department the template names exists (`known`: the department codes on record): each
// stage's lead, its co-departments and the department of each of its items (items missing from
// `catalog` are check_items' concern). unknown_department with the field
// ("stages[i].lead_dept", "stages[i].co_depts[j]", "stages[i].items[j]") and a detail naming
// the stage and the department, e.g. "stage 用地 (land): department BH-NONE".
[[nodiscard]] Status check_departments(const StageTemplate& t, const std::set<std::string>& known,
                                       const ItemIndex& catalog);
// The department codes check_departments looks up: leads, co-departments, item departments.
[[nodiscard]] std::set<std::string> named_departments(const StageTemplate& t,
                                                      const ItemIndex& catalog);

// 绿色通道: ceil(limit × percent / 100), at least 1 working day. Rounding up: a limit is a
// whole number of working days and the lane never promises less than the percentage gives
// (20 → 14, 15 → 11, 7 → 5 at 70%). REQUIRES: limit ≥ 1, 1 ≤ percent ≤ 100.
[[nodiscard]] int fast_lane_limit(int limit, int percent);
// The stage's limit as a project runs it.
[[nodiscard]] int effective_limit(const StageTemplate& t, const Stage& s, bool fast_lane);

// The schedule in working-day offsets from the project's start (no calendar): stage i starts
// at the latest finish of its predecessors (0 for none) and finishes limit days later.
struct StageSchedule {
  std::string code;
  int limit_days = 0;
  int earliest_start = 0;  // working days after the project's start
  int earliest_finish = 0;
  int latest_start = 0;  // without delaying the project
  int latest_finish = 0;
  int float_days = 0;  // latest_start − earliest_start; 0 on the critical path
  bool critical = false;
};

// Serial vs parallel (the seed's "350 → 60"): serial_days = Σ stages' serial days (items one
// after another, the "before" figure); stage_sum_days = Σ stage limits (stages one after
// another, items in parallel); parallel_days = the critical path's length (stages overlapping
// as predecessors allow: the "after" figure).
struct Figures {
  int stages = 0;
  int items = 0;
  int serial_days = 0;
  int stage_sum_days = 0;
  int parallel_days = 0;
};

struct Schedule {
  std::vector<StageSchedule> stages;       // in template order
  std::vector<std::string> critical_path;  // stage codes from the first to the last
  Figures figures;
};
// REQUIRES: validate_template(t) is ok (no cycles, known predecessors).
[[nodiscard]] Schedule schedule(const StageTemplate& t, bool fast_lane = false);

// The schedule on a working-day calendar from `start` (the day the project is registered;
// it does not count): a stage's first day is the (earliest_start + 1)-th working day after
// start, its due date the earliest_finish-th (WorkCalendar::add_workdays). Errors: the
// calendar's calendar_out_of_range when the plan runs past its coverage.
struct StagePlan {
  StageSchedule schedule;
  Date start;  // first working day of the stage
  Date due;    // last working day of the stage limit
};
struct Plan {
  Date start;  // the project's registration date
  Date due;    // the last stage's due date
  std::vector<StagePlan> stages;
  std::vector<std::string> critical_path;
  Figures figures;
};
// REQUIRES: validate_template(t) is ok.
[[nodiscard]] Result<Plan> plan(const StageTemplate& t, Date start,
                                const calendar::WorkCalendar& cal, bool fast_lane = false);

// ---- stage states ------------------------------------------------------------------------

// pending → open → closed. A stage opens only when every predecessor is closed.
enum class StageState { Pending, Open, Closed };
[[nodiscard]] std::string_view to_string(StageState s);  // pending | open | closed
[[nodiscard]] std::optional<StageState> stage_state_from_string(std::string_view s);

// States by stage code; a stage missing from the map is pending.
using StageStates = std::map<std::string, StageState>;

// not_found (field "stage") for a stage the template does not have; stage_state_invalid when
// the stage is not pending; stage_not_ready (detail naming the first open or pending
// predecessor) otherwise when a predecessor is not closed.
[[nodiscard]] Status check_open(const StageTemplate& t, std::string_view stage,
                                const StageStates& states);
// not_found as above; stage_state_invalid unless the stage is open.
[[nodiscard]] Status check_close(const StageTemplate& t, std::string_view stage,
                                 const StageStates& states);
// The pending stages that may open now, in template order.
[[nodiscard]] std::vector<std::string> ready_stages(const StageTemplate& t,
                                                    const StageStates& states);
// not_found for an unknown stage; item_not_in_stage (field "item_code") for an item the
// stage does not list.
[[nodiscard]] Status check_item_in_stage(const StageTemplate& t, std::string_view stage,
                                         std::string_view item_code);

}  // namespace tongban::projects
