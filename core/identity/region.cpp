#include "core/identity/region.hpp"

#include <tuple>
#include <unordered_map>

namespace tongban::identity {
namespace {

constexpr std::string_view kHeader = "code,name,parent_code,level";

bool six_digits(std::string_view s) {
  if (s.size() != 6) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Error line_error(std::size_t line, std::string_view reason) {
  return Error{ErrorCode::ValidationFailed,
               "line " + std::to_string(line) + ": " + std::string(reason)};
}

// Number of leading digits a child must share with a parent at this level.
std::size_t shared_prefix(RegionLevel parent_level) {
  switch (parent_level) {
    case RegionLevel::Country:
      return 0;
    case RegionLevel::Province:
      return 2;
    case RegionLevel::City:
      return 4;
    case RegionLevel::County:
      return 6;
  }
  return 6;
}

}  // namespace

std::string_view region_level_name(RegionLevel level) {
  switch (level) {
    case RegionLevel::Country:
      return "country";
    case RegionLevel::Province:
      return "province";
    case RegionLevel::City:
      return "city";
    case RegionLevel::County:
      return "county";
  }
  return "county";
}

std::optional<RegionLevel> region_level_from_name(std::string_view name) {
  for (auto level :
       {RegionLevel::Country, RegionLevel::Province, RegionLevel::City, RegionLevel::County}) {
    if (region_level_name(level) == name) return level;
  }
  return std::nullopt;
}

RegionLevel region_level_of_code(std::string_view code) {
  if (code == "000000") return RegionLevel::Country;
  if (code.substr(2) == "0000") return RegionLevel::Province;
  if (code.substr(4) == "00") return RegionLevel::City;
  return RegionLevel::County;
}

Result<std::vector<Region>> parse_region_csv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<Region> regions;
  std::vector<std::size_t> line_of;  // source line of each region, for the parent pass
  std::unordered_map<std::string, std::size_t> index;
  bool header_seen = false;
  std::size_t line_no = 0;

  while (!text.empty()) {
    ++line_no;
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!header_seen) {
      if (line != kHeader) return line_error(line_no, "header must be " + std::string(kHeader));
      header_seen = true;
      continue;
    }
    if (line.empty()) continue;

    std::string_view fields[4];
    std::size_t n = 0;
    for (std::size_t start = 0;;) {
      const auto comma = line.find(',', start);
      if (n == 4) return line_error(line_no, "expected 4 fields");
      fields[n++] =
          line.substr(start, comma == std::string_view::npos ? line.size() - start : comma - start);
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    if (n != 4) return line_error(line_no, "expected 4 fields");
    const auto [code, name, parent, level_name] =
        std::tuple(fields[0], fields[1], fields[2], fields[3]);
    if (!six_digits(code)) return line_error(line_no, "code must be 6 digits");
    if (name.empty()) return line_error(line_no, "name is empty");
    if (name.find('"') != std::string_view::npos) return line_error(line_no, "quotes not allowed");
    const auto level = region_level_from_name(level_name);
    if (!level) return line_error(line_no, "unknown level");
    if (*level != region_level_of_code(code)) {
      return line_error(line_no, "level does not match the code");
    }
    if (*level == RegionLevel::Country) {
      if (!parent.empty()) return line_error(line_no, "the country has no parent");
    } else if (!six_digits(parent)) {
      return line_error(line_no, "parent_code must be 6 digits");
    }
    if (!index.emplace(std::string(code), regions.size()).second) {
      return line_error(line_no, "duplicate code");
    }
    regions.push_back(Region{std::string(code), std::string(name), std::string(parent), *level});
    line_of.push_back(line_no);
  }
  if (!header_seen) return line_error(1, "header must be " + std::string(kHeader));

  for (std::size_t i = 0; i < regions.size(); ++i) {
    const Region& r = regions[i];
    if (r.level == RegionLevel::Country) continue;
    const auto it = index.find(r.parent_code);
    if (it == index.end()) return line_error(line_of[i], "parent does not exist");
    const Region& p = regions[it->second];
    if (static_cast<int>(p.level) >= static_cast<int>(r.level)) {
      return line_error(line_of[i], "parent is not at a higher level");
    }
    const auto prefix = shared_prefix(p.level);
    if (r.code.compare(0, prefix, p.code, 0, prefix) != 0) {
      return line_error(line_of[i], "code does not lie under the parent");
    }
  }
  return regions;
}

RegionTable::RegionTable(std::vector<Region> regions) : regions_(std::move(regions)) {
  for (std::size_t i = 0; i < regions_.size(); ++i) index_.emplace(regions_[i].code, i);
}

const Region* RegionTable::find(std::string_view code) const {
  const auto it = index_.find(code);
  return it == index_.end() ? nullptr : &regions_[it->second];
}

Result<Region> RegionTable::lookup(std::string_view code) const {
  if (const Region* r = find(code)) return *r;
  return Error{ErrorCode::UnknownRegion, "no region " + std::string(code), "region_code"};
}

std::vector<const Region*> RegionTable::children(std::string_view code) const {
  std::vector<const Region*> out;
  for (const Region& r : regions_) {
    if (r.parent_code == code && r.level != RegionLevel::Country) out.push_back(&r);
  }
  return out;
}

}  // namespace tongban::identity
