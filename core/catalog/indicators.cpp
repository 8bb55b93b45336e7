#include "core/catalog/indicators.hpp"

#include <algorithm>
#include <map>

#include "core/catalog/validation.hpp"

namespace tongban::catalog {
namespace {

struct Tally {
  CatalogIndicators out;
  double speedup_sum = 0;
  int speedup_count = 0;

  void add(const ServiceItem& it) {
    ++out.items;
    (it.handling == HandlingKind::Instant ? out.instant_items : out.commitment_items) += 1;
    if (it.visits <= 1) ++out.most_one_visit;
    if (it.visits == 0) ++out.zero_visit;
    const auto has = [&](Channel c) {
      return std::find(it.channels.begin(), it.channels.end(), c) != it.channels.end();
    };
    if (has(Channel::Online) || has(Channel::Mobile)) ++out.online_capable;
    if (std::any_of(it.materials.begin(), it.materials.end(),
                    [](const Material& m) { return m.tolerable; })) {
      ++out.tolerable_items;
    }
    std::int64_t legal = 0;
    std::int64_t committed = 0;
    const bool natural = it.legal_limit.unit == calendar::BudgetUnit::NaturalDays;
    if (natural && it.committed_limit.unit == calendar::BudgetUnit::NaturalDays) {
      legal = it.legal_limit.amount;
      committed = it.committed_limit.amount;
    } else if (!natural && it.committed_limit.unit != calendar::BudgetUnit::NaturalDays) {
      legal = *comparable_hours(it.legal_limit);
      committed = *comparable_hours(it.committed_limit);
    }
    if (legal > 0) {
      speedup_sum += static_cast<double>(legal - committed) / static_cast<double>(legal);
      ++speedup_count;
    }
  }

  CatalogIndicators finish() {
    const auto ratio = [&](int n) {
      return out.items == 0 ? 0.0 : static_cast<double>(n) / out.items;
    };
    out.most_one_visit_ratio = ratio(out.most_one_visit);
    out.zero_visit_ratio = ratio(out.zero_visit);
    out.online_ratio = ratio(out.online_capable);
    out.instant_ratio = ratio(out.instant_items);
    out.commitment_speedup = speedup_count == 0 ? 0.0 : speedup_sum / speedup_count;
    return out;
  }
};

}  // namespace

IndicatorReport compute_indicators(std::span<const ServiceItem> items) {
  std::map<std::string, Tally> by_department;
  Tally total;
  for (const auto& it : items) {
    auto& t = by_department[it.department_code];
    t.out.department_code = it.department_code;
    t.add(it);
    total.add(it);
  }
  IndicatorReport report;
  for (auto& [code, t] : by_department) report.departments.push_back(t.finish());
  report.total = total.finish();
  return report;
}

}  // namespace tongban::catalog
