#include "core/catalog/validation.hpp"

#include <algorithm>
#include <set>
#include <string>

namespace tongban::catalog {
namespace {

std::size_t utf8_length(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool code_shape_ok(const std::string& code) {
  if (code.size() < 12 || code.size() > 31) return false;
  return std::all_of(code.begin(), code.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); });
}

bool known_type(ItemType t) {
  const int n = static_cast<int>(t);
  return (n >= 1 && n <= 10) || n == 20;
}

// True when a and b are comparable; sets the amounts to compare (hours, or natural days).
bool comparable(const calendar::Budget& a, const calendar::Budget& b, std::int64_t& x,
                std::int64_t& y) {
  const bool a_natural = a.unit == calendar::BudgetUnit::NaturalDays;
  const bool b_natural = b.unit == calendar::BudgetUnit::NaturalDays;
  if (a_natural != b_natural) return false;
  if (a_natural) {
    x = a.amount;
    y = b.amount;
    return true;
  }
  x = *comparable_hours(a);
  y = *comparable_hours(b);
  return true;
}

class Checker {
 public:
  explicit Checker(const ServiceItem& item) : item_(item) {}
  Status fail(std::string field, const std::string& why) const {
    return Error{ErrorCode::ItemInvalid, "item " + item_.code + ": " + why, std::move(field)};
  }

 private:
  const ServiceItem& item_;
};

std::string at(std::string_view list, std::size_t i) {
  return std::string(list) + "[" + std::to_string(i) + "]";
}

}  // namespace

std::optional<std::int64_t> comparable_hours(const calendar::Budget& b) {
  switch (b.unit) {
    case calendar::BudgetUnit::WorkingDays:
      return b.amount * kHoursPerWorkingDay;
    case calendar::BudgetUnit::WorkingHours:
      return b.amount;
    case calendar::BudgetUnit::NaturalDays:
      return std::nullopt;
  }
  return std::nullopt;
}

Status validate_item(const ServiceItem& it) {
  const Checker c(it);
  if (!code_shape_ok(it.code))
    return c.fail("code", "code must be 12..31 characters of 0-9 and A-Z");
  if (it.version < 1) return c.fail("version", "version must be at least 1");
  if (it.name.empty() || utf8_length(it.name) > 100)
    return c.fail("name", "name must be 1..100 characters");
  if (!known_type(it.type)) return c.fail("type", "unknown item type");
  if (it.department_code.empty()) return c.fail("department_code", "department is required");

  // Limits. Amounts are bounded so that hour conversions cannot overflow.
  constexpr std::int64_t kMaxAmount = 100000;
  if (it.legal_limit.amount < 0 || it.legal_limit.amount > kMaxAmount) {
    return c.fail("legal_limit", "legal limit must be 0..100000");
  }
  if (it.committed_limit.amount < 0 || it.committed_limit.amount > kMaxAmount) {
    return c.fail("committed_limit", "committed limit must be 0..100000");
  }
  std::int64_t legal = 0;
  std::int64_t committed = 0;
  if (!comparable(it.legal_limit, it.committed_limit, legal, committed)) {
    return c.fail("committed_limit.unit",
                  "legal and committed limits use units that cannot be compared");
  }
  if (committed > legal) {
    return c.fail("committed_limit", "committed limit exceeds the legal limit");
  }
  if (it.handling == HandlingKind::Commitment && it.committed_limit.amount == 0) {
    return c.fail("committed_limit", "a commitment item needs a committed limit above zero");
  }
  if (it.handling == HandlingKind::Instant && it.committed_limit.amount != 0) {
    return c.fail("committed_limit", "an instant item has a committed limit of zero");
  }

  // Visits and channels.
  if (it.visits < 0 || it.visits > 10) return c.fail("visits", "visits must be 0..10");
  if (it.channels.empty()) return c.fail("channels", "at least one channel is required");
  std::set<Channel> channels;
  for (std::size_t i = 0; i < it.channels.size(); ++i) {
    if (!channels.insert(it.channels[i]).second)
      return c.fail(at("channels", i), "channel listed twice");
  }
  if (it.visits == 0 && !channels.contains(Channel::Online) &&
      !channels.contains(Channel::Mobile) && !channels.contains(Channel::Mail)) {
    return c.fail("visits", "zero visits needs an online, mobile or mail channel");
  }

  // Process.
  if (it.handling == HandlingKind::Commitment && it.steps.empty()) {
    return c.fail("steps", "a commitment item needs at least one process step");
  }
  std::int64_t total_hours = 0;
  std::int64_t total_natural = 0;
  for (std::size_t s = 0; s < it.steps.size(); ++s) {
    const auto& step = it.steps[s];
    const auto spath = at("steps", s);
    if (step.name.empty()) return c.fail(spath + ".name", "step name is required");
    if (step.posts.empty())
      return c.fail(spath + ".posts", "a step needs at least one review post");
    std::int64_t slowest = 0;
    for (std::size_t p = 0; p < step.posts.size(); ++p) {
      const auto& post = step.posts[p];
      const auto ppath = at(spath + ".posts", p);
      if (post.name.empty()) return c.fail(ppath + ".name", "post name is required");
      if (post.department_code.empty())
        return c.fail(ppath + ".department_code", "post department is required");
      if (post.limit.amount <= 0 || post.limit.amount > kMaxAmount) {
        return c.fail(ppath + ".limit", "post limit must be 1..100000");
      }
      std::int64_t post_amount = 0;
      std::int64_t unused = 0;
      if (!comparable(post.limit, it.committed_limit, post_amount, unused)) {
        return c.fail(ppath + ".limit.unit",
                      "post limit unit cannot be compared with the committed limit");
      }
      slowest = std::max(slowest, post_amount);
    }
    (it.committed_limit.unit == calendar::BudgetUnit::NaturalDays ? total_natural : total_hours) +=
        slowest;
  }
  if (it.handling == HandlingKind::Commitment && total_hours + total_natural > committed) {
    return c.fail("steps", "the steps' limits add up to more than the committed limit");
  }

  // Materials.
  std::set<std::string> codes;
  bool untolerated_required = false;
  bool any_required = false;
  for (std::size_t i = 0; i < it.materials.size(); ++i) {
    const auto& m = it.materials[i];
    const auto mpath = at("materials", i);
    if (m.code.empty()) return c.fail(mpath + ".code", "material code is required");
    if (!codes.insert(m.code).second)
      return c.fail(mpath + ".code", "duplicate material code " + m.code);
    if (m.name.empty()) return c.fail(mpath + ".name", "material name is required");
    if (m.copies < 1 || m.copies > 99) return c.fail(mpath + ".copies", "copies must be 1..99");
    if (m.source == MaterialSource::Certificate && m.certificate_type.empty()) {
      return c.fail(mpath + ".certificate_type",
                    "a certificate material names its certificate type");
    }
    if (m.tolerable && !m.required)
      return c.fail(mpath + ".tolerable", "only required materials may be tolerable");
    any_required = any_required || m.required;
    untolerated_required = untolerated_required || (m.required && !m.tolerable);
  }
  if (any_required && !untolerated_required) {
    return c.fail("materials", "at least one required material must not be tolerable");
  }

  for (std::size_t i = 0; i < it.fees.size(); ++i) {
    if (it.fees[i].name.empty()) return c.fail(at("fees", i) + ".name", "fee name is required");
  }
  if (it.warning_days < 0) return c.fail("warning_days", "warning days must not be negative");
  if (it.warning_percent < 0 || it.warning_percent > 100)
    return c.fail("warning_percent", "warning percent must be 0..100");
  return ok_status();
}

}  // namespace tongban::catalog
