// The timeline of a stage template across the projects run on it (docs/projects.md): the plan's
// serial total vs parallel total ("350 → 60") beside what happened — per stage the planned
// limit and the actual working days (median, p90, max), how many stages closed on time or
// late; per project whether it finished end to end within its planned parallel total. Pure:
// the app counts the working days on each project's calendar and hands them in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/projects/stage_template.hpp"

namespace tongban::projects {

// One stage as one project ran it.
struct StageRun {
  std::string code;
  int limit_days = 0;  // as the project ran it (fast lane applied)
  StageState state = StageState::Pending;
  std::optional<std::int64_t> actual_days;  // closed: working days (opened_on, closed_on]
  bool overdue = false;                     // closed after its due date, or open past it
};

// One project run on the template.
struct ProjectRun {
  bool completed = false;
  int planned_days = 0;                     // the project's parallel total (fast lane applied)
  std::optional<std::int64_t> actual_days;  // completed: registration to the last close
  std::vector<StageRun> stages;             // stages missing from the template are left out
};

// A spread of working-day counts: median (the mean of the middle two for an even count),
// p90 (nearest rank: the ⌈0.9·n⌉-th smallest) and max.
struct Spread {
  int count = 0;
  double median = 0;
  std::int64_t p90 = 0;
  std::int64_t max = 0;
};
// None for no values.
[[nodiscard]] std::optional<Spread> spread(std::vector<std::int64_t> values);

struct StageTimeline {
  std::string code, name, lead_dept;
  int limit_days = 0;                     // the template's (normal lane)
  int serial_days = 0;                    // the stage's items one after another before the reform
  int closed = 0, on_time = 0, late = 0;  // closed stages: within or past their due date
  int open = 0, open_overdue = 0, pending = 0;
  std::optional<Spread> actual;  // actual working days of the closed stages
};

struct TemplateTimeline {
  Figures figures;         // the plan (normal lane): serial vs parallel
  int fast_lane_days = 0;  // the parallel total on the fast lane
  int projects = 0, running = 0, completed = 0;
  int completed_on_plan = 0, completed_late = 0;  // actual total ≤ / > the planned parallel total
  std::optional<Spread> total_days;               // completed projects, end to end
  std::vector<StageTimeline> stages;              // in template order
};

// REQUIRES: validate_template(t) is ok.
[[nodiscard]] TemplateTimeline template_timeline(const StageTemplate& t,
                                                 const std::vector<ProjectRun>& runs);

}  // namespace tongban::projects
