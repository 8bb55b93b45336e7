// GB/T 2260 administrative divisions as versioned data (data/regions/*.csv). The parser is pure:
// the caller reads the file.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"

namespace tongban::identity {

enum class RegionLevel { Country, Province, City, County };

// Wire names: "country", "province", "city", "county".
[[nodiscard]] std::string_view region_level_name(RegionLevel level);
[[nodiscard]] std::optional<RegionLevel> region_level_from_name(std::string_view name);

// The level a 6-digit code's shape implies: 000000 country, XX0000 province, XXYY00 city,
// anything else county. REQUIRES: code is 6 ASCII digits.
[[nodiscard]] RegionLevel region_level_of_code(std::string_view code);

struct Region {
  std::string code;         // 6 digits
  std::string name;         // official Chinese name, e.g. 兴宁区
  std::string parent_code;  // empty only for the country root
  RegionLevel level = RegionLevel::County;

  bool operator==(const Region&) const = default;
};

// Parses `code,name,parent_code,level` CSV (that exact header first; UTF-8, optional BOM, LF or
// CRLF, blank lines ignored, no quoting). Rows come back in file order. Checks: code is 6
// digits; codes unique; level is a known name and matches the code's shape; the parent exists
// somewhere in the file, sits at a higher level and shares the child's leading digits
// (province: 2, city: 4); only the country has no parent; the name is non-empty.
// Failure: ErrorCode::ValidationFailed, detail "line N: <reason>" with N 1-based (header = 1).
[[nodiscard]] Result<std::vector<Region>> parse_region_csv(std::string_view text);

// Lookup over parsed regions. Immutable after construction; safe to share across threads.
class RegionTable {
 public:
  // REQUIRES: regions as returned by parse_region_csv (unique codes, parents present).
  explicit RegionTable(std::vector<Region> regions);

  // nullptr when the code is unknown.
  [[nodiscard]] const Region* find(std::string_view code) const;
  // ErrorCode::UnknownRegion when the code is unknown.
  [[nodiscard]] Result<Region> lookup(std::string_view code) const;
  // Direct children in file order.
  [[nodiscard]] std::vector<const Region*> children(std::string_view code) const;
  [[nodiscard]] const std::vector<Region>& all() const { return regions_; }

 private:
  std::vector<Region> regions_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

}  // namespace tongban::identity
