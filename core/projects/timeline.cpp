#include "core/projects/timeline.hpp"

#include <algorithm>

namespace tongban::projects {

std::optional<Spread> spread(std::vector<std::int64_t> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  Spread s;
  s.count = static_cast<int>(n);
  s.median =
      n % 2 == 1
          ? static_cast<double>(values[n / 2])
          : (static_cast<double>(values[n / 2 - 1]) + static_cast<double>(values[n / 2])) / 2.0;
  s.p90 = values[(n * 9 + 9) / 10 - 1];  // ⌈0.9·n⌉-th smallest
  s.max = values.back();
  return s;
}

TemplateTimeline template_timeline(const StageTemplate& t, const std::vector<ProjectRun>& runs) {
  TemplateTimeline out;
  out.figures = schedule(t, false).figures;
  out.fast_lane_days = schedule(t, true).figures.parallel_days;
  std::vector<std::vector<std::int64_t>> actual(t.stages.size());
  std::vector<std::int64_t> totals;
  for (const auto& s : t.stages) {
    StageTimeline st;
    st.code = s.code;
    st.name = s.name;
    st.lead_dept = s.lead_dept;
    st.limit_days = s.limit_days;
    st.serial_days = s.serial_days;
    out.stages.push_back(std::move(st));
  }
  for (const auto& run : runs) {
    ++out.projects;
    if (run.completed) {
      ++out.completed;
      if (run.actual_days) {
        totals.push_back(*run.actual_days);
        (*run.actual_days <= run.planned_days ? out.completed_on_plan : out.completed_late)++;
      }
    } else {
      ++out.running;
    }
    for (const auto& sr : run.stages) {
      auto it = std::find_if(out.stages.begin(), out.stages.end(),
                             [&](const StageTimeline& st) { return st.code == sr.code; });
      if (it == out.stages.end()) continue;
      switch (sr.state) {
        case StageState::Pending:
          ++it->pending;
          break;
        case StageState::Open:
          ++it->open;
          if (sr.overdue) ++it->open_overdue;
          break;
        case StageState::Closed:
          ++it->closed;
          (sr.overdue ? it->late : it->on_time)++;
          if (sr.actual_days)
            actual[static_cast<std::size_t>(it - out.stages.begin())].push_back(*sr.actual_days);
          break;
      }
    }
  }
  for (std::size_t i = 0; i < out.stages.size(); ++i) out.stages[i].actual = spread(actual[i]);
  out.total_days = spread(std::move(totals));
  return out;
}

}  // namespace tongban::projects
