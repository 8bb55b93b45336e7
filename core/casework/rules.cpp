#include "core/casework/rules.hpp"

#include <algorithm>
#include <cstdio>

#include "core/calendar/work_calendar.hpp"

namespace tongban::casework {

using calendar::ClockState;

Result<std::string> format_case_number(const std::string& item_code, Instant at,
                                       std::int64_t serial) {
  if (item_code.empty()) return Error{ErrorCode::InvalidArgument, "empty item code"};
  if (serial < 1 || serial > 9999) return Error{ErrorCode::InvalidArgument, "serial out of range"};
  const std::chrono::year_month_day ymd{calendar::to_local_date(at)};
  char buf[32];  // 12 digits; room for any int the formats could print
  std::snprintf(buf, sizeof buf, "%04d%02u%02u%04lld", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long long>(serial));
  return item_code + buf;
}

bool region_within(const std::string& region, const std::string& scope) {
  if (region.size() != 6 || scope.size() != 6) return false;
  if (region == scope) return true;
  if (scope.substr(2) == "0000") return region.compare(0, 2, scope, 0, 2) == 0;
  if (scope.substr(4) == "00") return region.compare(0, 4, scope, 0, 4) == 0;
  return false;
}

std::string region_prefix(const std::string& region) {
  if (region.size() == 6 && region.substr(2) == "0000") return region.substr(0, 2);
  if (region.size() == 6 && region.substr(4) == "00") return region.substr(0, 4);
  return region;
}

Status check_service_object(const catalog::ServiceItem& item, bool organisation) {
  using catalog::ServiceObject;
  if (item.service_object == ServiceObject::Both) return ok_status();
  if ((item.service_object == ServiceObject::Organisation) == organisation) return ok_status();
  return Error{ErrorCode::ValidationFailed,
               organisation ? "the item is for persons only" : "the item is for organisations only",
               "item_code"};
}

Result<MaterialCheck> check_materials(const catalog::ServiceItem& item,
                                      const std::set<std::string>& provided,
                                      const std::set<std::string>& tolerate,
                                      bool applicant_eligible) {
  auto find = [&](const std::string& code) -> const catalog::Material* {
    for (const auto& m : item.materials) {
      if (m.code == code) return &m;
    }
    return nullptr;
  };
  MaterialCheck out;
  for (const auto& code : tolerate) {
    const auto* m = find(code);
    if (!m) return Error{ErrorCode::ValidationFailed, "unknown material " + code, "tolerate"};
    if (!m->tolerable) return Error{ErrorCode::NotTolerable, code, "tolerate"};
  }
  std::string missing;
  for (const auto& m : item.materials) {
    if (!m.required || m.source != catalog::MaterialSource::ApplicantUpload) continue;
    if (provided.count(m.code)) continue;
    if (tolerate.count(m.code)) {
      out.tolerated.push_back(m.code);
      continue;
    }
    missing += (missing.empty() ? "" : ",") + m.code;
  }
  if (!missing.empty()) return Error{ErrorCode::MaterialsMissing, missing, "materials"};
  if (!out.tolerated.empty() && !applicant_eligible) {
    return Error{ErrorCode::CommitmentIneligible, "eligibility suspended", "tolerate"};
  }
  return out;
}

Status check_notice(const catalog::ServiceItem& item, const std::vector<Gap>& gaps) {
  auto bad = [](std::string detail) {
    return Error{ErrorCode::ValidationFailed, std::move(detail), "gaps"};
  };
  if (gaps.empty()) return bad("a notice lists at least one gap");
  if (gaps.size() > 50) return bad("at most 50 gaps");
  std::set<std::string> seen;
  for (const auto& g : gaps) {
    if (g.reason.empty() || g.reason.size() > 500)
      return bad("each gap needs a reason of 1..500 bytes");
    if (g.material_code.empty()) continue;
    const bool known =
        std::any_of(item.materials.begin(), item.materials.end(),
                    [&](const catalog::Material& m) { return m.code == g.material_code; });
    if (!known) return bad("unknown material " + g.material_code);
    if (!seen.insert(g.material_code).second)
      return bad("material listed twice: " + g.material_code);
  }
  return ok_status();
}

Status check_answer(const std::vector<Gap>& gaps,
                    const std::map<std::string, std::string>& answered,
                    const std::map<std::string, std::string>& rejected) {
  std::string missing;
  std::string unchanged;
  for (const auto& g : gaps) {
    if (g.material_code.empty()) continue;
    const auto now = answered.find(g.material_code);
    if (now == answered.end()) {
      missing += (missing.empty() ? "" : ",") + g.material_code;
      continue;
    }
    const auto before = rejected.find(g.material_code);
    if (before != rejected.end() && before->second == now->second)
      unchanged += (unchanged.empty() ? "" : ",") + g.material_code;
  }
  if (!missing.empty()) return Error{ErrorCode::MaterialsMissing, missing, "materials"};
  if (!unchanged.empty()) return Error{ErrorCode::SupplementUnchanged, unchanged, "materials"};
  return ok_status();
}

Status check_further_notice(const std::string& stage, const std::vector<Gap>& gaps,
                            const std::vector<EarlierNotice>& earlier) {
  bool repeated_stage = false;
  std::set<std::string> handed_in;
  for (const auto& e : earlier) {
    if (e.stage == stage) repeated_stage = true;
    handed_in.insert(e.answered_materials.begin(), e.answered_materials.end());
  }
  if (!repeated_stage) return ok_status();
  std::string offending;
  for (const auto& g : gaps) {
    if (!g.material_code.empty() && handed_in.count(g.material_code)) continue;
    offending += (offending.empty() ? "" : ",") + (g.material_code.empty() ? "-" : g.material_code);
  }
  if (!offending.empty()) return Error{ErrorCode::SupplementRepeated, offending, "gaps"};
  return ok_status();
}

Status check_delivery(const std::string& method, bool by_applicant,
                      const std::optional<std::string>& tracking_number) {
  if (method != "window" && method != "post" && method != "download")
    return Error{ErrorCode::ValidationFailed, "method is window, post or download", "method"};
  if (by_applicant != (method == "download")) {
    return Error{ErrorCode::Forbidden, by_applicant ? "applicants confirm downloads only"
                                                    : "only the applicant confirms a download"};
  }
  if (method == "post" && (!tracking_number || tracking_number->empty()))
    return Error{ErrorCode::ValidationFailed, "post needs a tracking number", "tracking_number"};
  return ok_status();
}

Instant end_of_day(Date due) { return calendar::local_midnight(due + std::chrono::days{1}); }

Result<Date> working_days_after(const calendar::WorkCalendar& cal, Instant from, std::int64_t n) {
  if (n < 1) return Error{ErrorCode::InvalidArgument, "n must be at least 1"};
  return cal.add_workdays(calendar::to_local_date(from), n);
}

std::vector<PlannedTask> plan_review(const catalog::ServiceItem& item) {
  std::vector<PlannedTask> out;
  for (std::size_t s = 0; s < item.steps.size(); ++s) {
    const auto& step = item.steps[s];
    for (std::size_t p = 0; p < step.posts.size(); ++p) {
      const auto& post = step.posts[p];
      out.push_back(PlannedTask{static_cast<int>(s), static_cast<int>(p), step.name, post.name,
                                post.department_code, post.limit});
    }
  }
  return out;
}

Result<ClockSummary> summarize(const calendar::StatutoryClock& clock, Instant now) {
  auto r = clock.read(now);
  if (!r) return r.error();
  ClockSummary s;
  s.due_date = r->due_date;
  s.deadline = r->deadline;
  s.first_overdue = r->first_overdue;
  if (r->state == ClockState::Stopped) {
    s.state = "stopped";
    return s;
  }
  if (r->state == ClockState::Paused) {
    s.state = "paused";
    return s;
  }
  s.state = "running";
  if (r->state == ClockState::Warning || r->state == ClockState::Overdue) {
    s.warning_at = now;
    return s;
  }
  // The state is monotone running → warning → overdue while no ledger entry follows `now`:
  // bisect (to the microsecond) for the first instant that reads warning or later.
  Instant lo = now;
  Instant hi = r->deadline;
  auto later = clock.read(hi);
  if (!later) return s;  // warning instant beyond the calendar: none known yet
  while (hi - lo > std::chrono::microseconds{1}) {
    const Instant mid = lo + (hi - lo) / 2;
    auto m = clock.read(mid);
    if (!m) return m.error();
    if (m->state == ClockState::Running) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  s.warning_at = hi;
  return s;
}

std::string urgency(const ClockSummary& s, Instant t) {
  if (s.state != "running") return s.state;
  if (s.first_overdue || t >= s.deadline) return "overdue";
  if (s.warning_at && t >= *s.warning_at) return "warning";
  return "running";
}

}  // namespace tongban::casework
