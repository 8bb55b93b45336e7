#include "core/projects/stage_template.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "core/projects/project.hpp"

namespace tongban::projects {

namespace {

Error invalid(const std::string& field, const std::string& reason) {
  return Error{ErrorCode::TemplateInvalid, reason, field};
}

bool valid_code(const std::string& code) {
  if (code.empty() || code.size() > 64) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool six_digits(const std::string& s) {
  return s.size() == 6 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string at(std::size_t i) { return "stages[" + std::to_string(i) + "]"; }

std::optional<std::size_t> index_of(const StageTemplate& t, std::string_view code) {
  for (std::size_t i = 0; i < t.stages.size(); ++i)
    if (t.stages[i].code == code) return i;
  return std::nullopt;
}

// The stages on a cycle among predecessors, in walk order, or empty when there is none.
// REQUIRES: every predecessor is a stage of t.
std::vector<std::string> find_cycle(const StageTemplate& t) {
  enum class Mark { None, Active, Done };
  std::vector<Mark> mark(t.stages.size(), Mark::None);
  std::vector<std::size_t> path;
  std::vector<std::string> cycle;
  auto visit = [&](auto&& self, std::size_t i) -> bool {
    mark[i] = Mark::Active;
    path.push_back(i);
    for (const auto& p : t.stages[i].predecessors) {
      const std::size_t j = *index_of(t, p);
      if (mark[j] == Mark::Active) {
        auto from = std::find(path.begin(), path.end(), j);
        for (auto k = from; k != path.end(); ++k) cycle.push_back(t.stages[*k].code);
        return true;
      }
      if (mark[j] == Mark::None && self(self, j)) return true;
    }
    path.pop_back();
    mark[i] = Mark::Done;
    return false;
  };
  for (std::size_t i = 0; i < t.stages.size(); ++i)
    if (mark[i] == Mark::None && visit(visit, i)) break;
  return cycle;
}

// Stage indexes with every predecessor before its successors. REQUIRES: acyclic.
std::vector<std::size_t> topological_order(const StageTemplate& t) {
  std::vector<std::size_t> order;
  std::vector<bool> placed(t.stages.size(), false);
  while (order.size() < t.stages.size()) {
    const std::size_t before = order.size();
    for (std::size_t i = 0; i < t.stages.size(); ++i) {
      if (placed[i]) continue;
      const auto& preds = t.stages[i].predecessors;
      if (std::all_of(preds.begin(), preds.end(),
                      [&](const std::string& p) { return placed[*index_of(t, p)]; })) {
        placed[i] = true;
        order.push_back(i);
      }
    }
    if (order.size() == before) break;  // a cycle: not reached when validated
  }
  return order;
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

StageState state_of(const StageStates& states, const std::string& code) {
  auto it = states.find(code);
  return it == states.end() ? StageState::Pending : it->second;
}

Error unknown_stage(std::string_view stage) {
  return Error{ErrorCode::NotFound, "no stage " + std::string(stage), "stage"};
}

}  // namespace

Status validate_template(const StageTemplate& t) {
  if (!valid_code(t.code)) return invalid("code", "a code of 1..64 characters a-z, 0-9, '-'");
  if (t.name.empty()) return invalid("name", t.code + ": a template has a name");
  if (!six_digits(t.region)) return invalid("region", t.code + ": a 6-digit GB/T 2260 code");
  for (std::size_t i = 0; i < t.project_types.size(); ++i)
    if (!project_type_from_string(t.project_types[i]))
      return invalid("project_types[" + std::to_string(i) + "]",
                     "unknown project type " + t.project_types[i]);
  if (t.fast_lane_percent < 1 || t.fast_lane_percent > 100)
    return invalid("fast_lane_percent", t.code + ": a percentage of 1..100");
  if (t.target_days < 0) return invalid("target_days", t.code + ": 0 (none) or positive");
  if (t.stages.empty()) return invalid("stages", t.code + ": a template has at least one stage");
  std::set<std::string> codes;
  std::set<std::string> items;
  for (std::size_t i = 0; i < t.stages.size(); ++i) {
    const auto& s = t.stages[i];
    if (!valid_code(s.code)) return invalid(at(i) + ".code", "a code of a-z, 0-9, '-'");
    if (!codes.insert(s.code).second) return invalid(at(i) + ".code", "stage twice: " + s.code);
  }
  for (std::size_t i = 0; i < t.stages.size(); ++i) {
    const auto& s = t.stages[i];
    if (s.name.empty()) return invalid(at(i) + ".name", s.code + ": a stage has a name");
    if (s.lead_dept.empty())
      return invalid(at(i) + ".lead_dept", s.code + ": a stage has one lead department");
    std::set<std::string> co;
    for (std::size_t j = 0; j < s.co_depts.size(); ++j) {
      const std::string f = at(i) + ".co_depts[" + std::to_string(j) + "]";
      if (s.co_depts[j].empty() || s.co_depts[j] == s.lead_dept)
        return invalid(f, s.code + ": a co-department is not the lead");
      if (!co.insert(s.co_depts[j]).second) return invalid(f, "co-department twice");
    }
    if (s.items.empty()) return invalid(at(i) + ".items", s.code + ": a stage has items");
    for (std::size_t j = 0; j < s.items.size(); ++j) {
      if (s.items[j].empty() || !items.insert(s.items[j]).second)
        return invalid(at(i) + ".items[" + std::to_string(j) + "]",
                       "an item belongs to one stage: " + s.items[j]);
    }
    if (s.limit_days < 1 || s.limit_days > kMaxStageLimit)
      return invalid(at(i) + ".limit_days",
                     s.code + ": 1.." + std::to_string(kMaxStageLimit) + " working days");
    if (s.serial_days < s.limit_days)
      return invalid(at(i) + ".serial_days", s.code + ": serial days are at least the limit");
    std::set<std::string> preds;
    for (std::size_t j = 0; j < s.predecessors.size(); ++j) {
      const auto& p = s.predecessors[j];
      const std::string f = at(i) + ".predecessors[" + std::to_string(j) + "]";
      if (p == s.code) return invalid(f, s.code + ": a stage does not precede itself");
      if (!codes.contains(p)) return invalid(f, s.code + ": unknown predecessor " + p);
      if (!preds.insert(p).second) return invalid(f, s.code + ": predecessor twice: " + p);
    }
  }
  if (auto cycle = find_cycle(t); !cycle.empty())
    return invalid("stages", "predecessors form a cycle: " + join(cycle, " → "));
  if (t.target_days > 0) {
    const auto f = schedule(t).figures;
    if (f.parallel_days > t.target_days)
      return invalid("target_days", t.code + ": the stages take " +
                                        std::to_string(f.parallel_days) + " working days, over " +
                                        std::to_string(t.target_days));
  }
  return ok_status();
}

Status check_items(const StageTemplate& t, const ItemIndex& catalog) {
  for (std::size_t i = 0; i < t.stages.size(); ++i) {
    const auto& s = t.stages[i];
    for (std::size_t j = 0; j < s.items.size(); ++j) {
      auto it = catalog.find(s.items[j]);
      if (it == catalog.end())
        return invalid(at(i) + ".items[" + std::to_string(j) + "]",
                       "not in the catalog: " + s.items[j]);
      const auto& limit = it->second.committed_limit;
      if (limit.unit == calendar::BudgetUnit::WorkingDays && limit.amount > s.limit_days)
        return invalid(at(i) + ".limit_days", s.code + ": shorter than " + it->second.name +
                                                  "'s committed " + std::to_string(limit.amount) +
                                                  " working days");
    }
  }
  return ok_status();
}

Status check_departments(const StageTemplate& t, const std::set<std::string>& known,
                         const ItemIndex& catalog) {
  for (std::size_t i = 0; i < t.stages.size(); ++i) {
    const auto& s = t.stages[i];
    auto unknown = [&](const std::string& field, const std::string& dept) -> Status {
      return Error{ErrorCode::UnknownDepartment,
                   "stage " + s.name + " (" + s.code + "): department " + dept, at(i) + field};
    };
    if (!known.contains(s.lead_dept)) return unknown(".lead_dept", s.lead_dept);
    for (std::size_t j = 0; j < s.co_depts.size(); ++j)
      if (!known.contains(s.co_depts[j]))
        return unknown(".co_depts[" + std::to_string(j) + "]", s.co_depts[j]);
    for (std::size_t j = 0; j < s.items.size(); ++j) {
      auto it = catalog.find(s.items[j]);
      if (it != catalog.end() && !known.contains(it->second.department_code))
        return unknown(".items[" + std::to_string(j) + "]", it->second.department_code);
    }
  }
  return ok_status();
}

std::set<std::string> named_departments(const StageTemplate& t, const ItemIndex& catalog) {
  std::set<std::string> out;
  for (const auto& s : t.stages) {
    out.insert(s.lead_dept);
    out.insert(s.co_depts.begin(), s.co_depts.end());
    for (const auto& item : s.items)
      if (auto it = catalog.find(item); it != catalog.end()) out.insert(it->second.department_code);
  }
  return out;
}

int fast_lane_limit(int limit, int percent) {
  const int scaled = (limit * percent + 99) / 100;
  return std::max(1, scaled);
}

int effective_limit(const StageTemplate& t, const Stage& s, bool fast_lane) {
  return fast_lane ? fast_lane_limit(s.limit_days, t.fast_lane_percent) : s.limit_days;
}

Schedule schedule(const StageTemplate& t, bool fast_lane) {
  Schedule out;
  const std::size_t n = t.stages.size();
  out.stages.resize(n);
  const auto order = topological_order(t);
  int finish = 0;
  for (std::size_t i : order) {
    const auto& s = t.stages[i];
    auto& e = out.stages[i];
    e.code = s.code;
    e.limit_days = effective_limit(t, s, fast_lane);
    for (const auto& p : s.predecessors)
      e.earliest_start = std::max(e.earliest_start, out.stages[*index_of(t, p)].earliest_finish);
    e.earliest_finish = e.earliest_start + e.limit_days;
    finish = std::max(finish, e.earliest_finish);
  }
  for (auto& e : out.stages) e.latest_finish = finish;
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    auto& e = out.stages[*it];
    e.latest_start = e.latest_finish - e.limit_days;
    for (const auto& p : t.stages[*it].predecessors) {
      auto& pe = out.stages[*index_of(t, p)];
      pe.latest_finish = std::min(pe.latest_finish, e.latest_start);
    }
  }
  for (auto& e : out.stages) {
    e.float_days = e.latest_start - e.earliest_start;
    e.critical = e.float_days == 0;
  }
  // Walk back from the first stage finishing last through critical predecessors that end
  // exactly where the stage starts.
  std::optional<std::size_t> cur;
  for (std::size_t i = 0; i < n && !cur; ++i)
    if (out.stages[i].earliest_finish == finish) cur = i;
  while (cur) {
    out.critical_path.push_back(out.stages[*cur].code);
    std::optional<std::size_t> prev;
    for (const auto& p : t.stages[*cur].predecessors) {
      const std::size_t j = *index_of(t, p);
      if (out.stages[j].critical &&
          out.stages[j].earliest_finish == out.stages[*cur].earliest_start) {
        prev = j;
        break;
      }
    }
    cur = prev;
  }
  std::reverse(out.critical_path.begin(), out.critical_path.end());

  auto& f = out.figures;
  f.stages = static_cast<int>(n);
  f.parallel_days = finish;
  for (std::size_t i = 0; i < n; ++i) {
    f.items += static_cast<int>(t.stages[i].items.size());
    f.serial_days += t.stages[i].serial_days;
    f.stage_sum_days += out.stages[i].limit_days;
  }
  return out;
}

Result<Plan> plan(const StageTemplate& t, Date start, const calendar::WorkCalendar& cal,
                  bool fast_lane) {
  auto sched = schedule(t, fast_lane);
  Plan p;
  p.start = start;
  p.due = start;
  p.critical_path = std::move(sched.critical_path);
  p.figures = sched.figures;
  for (auto& s : sched.stages) {
    auto first = cal.add_workdays(start, s.earliest_start + 1);
    if (!first) return first.error();
    auto due = cal.add_workdays(start, s.earliest_finish);
    if (!due) return due.error();
    p.due = std::max(p.due, *due);
    p.stages.push_back(StagePlan{std::move(s), *first, *due});
  }
  return p;
}

std::string_view to_string(StageState s) {
  switch (s) {
    case StageState::Pending:
      return "pending";
    case StageState::Open:
      return "open";
    case StageState::Closed:
      return "closed";
  }
  return "pending";
}

std::optional<StageState> stage_state_from_string(std::string_view s) {
  for (auto st : {StageState::Pending, StageState::Open, StageState::Closed})
    if (to_string(st) == s) return st;
  return std::nullopt;
}

Status check_open(const StageTemplate& t, std::string_view stage, const StageStates& states) {
  auto i = index_of(t, stage);
  if (!i) return unknown_stage(stage);
  const auto& s = t.stages[*i];
  if (state_of(states, s.code) != StageState::Pending)
    return Error{ErrorCode::StageStateInvalid,
                 s.code + " is " + std::string(to_string(state_of(states, s.code))), "stage"};
  for (const auto& p : s.predecessors) {
    const auto st = state_of(states, p);
    if (st != StageState::Closed)
      return Error{ErrorCode::StageNotReady,
                   s.code + " waits for " + p + " (" + std::string(to_string(st)) + ")", "stage"};
  }
  return ok_status();
}

Status check_close(const StageTemplate& t, std::string_view stage, const StageStates& states) {
  auto i = index_of(t, stage);
  if (!i) return unknown_stage(stage);
  const auto& code = t.stages[*i].code;
  if (state_of(states, code) != StageState::Open)
    return Error{ErrorCode::StageStateInvalid,
                 code + " is " + std::string(to_string(state_of(states, code))), "stage"};
  return ok_status();
}

std::vector<std::string> ready_stages(const StageTemplate& t, const StageStates& states) {
  std::vector<std::string> out;
  for (const auto& s : t.stages)
    if (check_open(t, s.code, states).ok()) out.push_back(s.code);
  return out;
}

Status check_item_in_stage(const StageTemplate& t, std::string_view stage,
                           std::string_view item_code) {
  auto i = index_of(t, stage);
  if (!i) return unknown_stage(stage);
  const auto& items = t.stages[*i].items;
  if (std::find(items.begin(), items.end(), item_code) == items.end())
    return Error{ErrorCode::ItemNotInStage,
                 std::string(item_code) + " is not in " + t.stages[*i].code, "item_code"};
  return ok_status();
}

}  // namespace tongban::projects
