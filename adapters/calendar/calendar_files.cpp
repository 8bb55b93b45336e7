#include "adapters/calendar/calendar_files.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include <boost/json.hpp>

namespace tongban::calendar::files {
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

Result<std::string> slurp(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    return Error{ErrorCode::NotFound, "no calendar file " + file.string()};
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  if (!in && !in.eof()) return Error{ErrorCode::Unavailable, "cannot read " + file.string()};
  return buf.str();
}

}  // namespace

Result<CalendarSource> read_calendar_file(const fs::path& file) {
  auto text = slurp(file);
  if (!text) return text.error();
  return parse_calendar(*text, file.filename().string());
}

Result<std::vector<CalendarSource>> read_calendar_dir(const fs::path& dir) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".cal") files.push_back(it->path());
  }
  if (ec) return Error{ErrorCode::NotFound, "cannot list calendar directory " + dir.string()};
  std::sort(files.begin(), files.end());
  std::vector<CalendarSource> out;
  for (const auto& f : files) {
    auto s = read_calendar_file(f);
    if (!s) return s.error();
    out.push_back(std::move(*s));
  }
  return out;
}

Result<CalendarSet> load_calendar_set(const fs::path& dir, std::vector<ExtraException> extras) {
  auto sources = read_calendar_dir(dir);
  if (!sources) return sources.error();
  return CalendarSet::build(std::move(*sources), std::move(extras));
}

Result<HolidayCnYear> parse_holiday_cn(std::string_view text, std::string_view source_name) {
  const std::string src(source_name);
  auto malformed = [&](const std::string& why) {
    return Error{ErrorCode::CalendarMalformed, src + ": " + why};
  };
  boost::system::error_code ec;
  json::value doc = json::parse(json::string_view(text.data(), text.size()), ec);
  if (ec) return Error{ErrorCode::InvalidJson, src + ": " + ec.message()};
  const json::object* obj = doc.if_object();
  if (obj == nullptr) return malformed("top level is not an object");
  HolidayCnYear out;
  const json::value* year = obj->if_contains("year");
  if (year == nullptr || !year->is_int64() || year->as_int64() < 1900 || year->as_int64() > 9999) {
    return malformed("'year' must be an integer year");
  }
  out.year = static_cast<int>(year->as_int64());
  if (const json::value* papers = obj->if_contains("papers")) {
    if (!papers->is_array()) return malformed("'papers' must be an array");
    for (const auto& p : papers->as_array()) {
      if (!p.is_string()) return malformed("'papers' must hold strings");
      out.papers.emplace_back(p.as_string());
    }
  }
  const json::value* days = obj->if_contains("days");
  if (days == nullptr || !days->is_array()) return malformed("'days' must be an array");
  std::size_t i = 0;
  for (const auto& d : days->as_array()) {
    const std::string at = "days[" + std::to_string(i++) + "]";
    const json::object* o = d.if_object();
    if (o == nullptr) return malformed(at + " is not an object");
    const json::value* name = o->if_contains("name");
    const json::value* date = o->if_contains("date");
    const json::value* off = o->if_contains("isOffDay");
    if (name == nullptr || !name->is_string()) return malformed(at + ".name must be a string");
    if (date == nullptr || !date->is_string()) return malformed(at + ".date must be a string");
    if (off == nullptr || !off->is_bool()) return malformed(at + ".isOffDay must be a boolean");
    // Names become the rest of a native line: no control characters, no outer blanks.
    std::string_view nm(name->as_string().data(), name->as_string().size());
    while (!nm.empty() && (nm.front() == ' ' || nm.front() == '\t')) nm.remove_prefix(1);
    while (!nm.empty() && (nm.back() == ' ' || nm.back() == '\t')) nm.remove_suffix(1);
    if (nm.empty() || std::any_of(nm.begin(), nm.end(), [](char c) {
          return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
        })) {
      return malformed(at + ".name must be non-empty text without control characters");
    }
    const json::string& ds = date->as_string();
    auto parsed = parse_date(std::string_view(ds.data(), ds.size()));
    if (!parsed) {
      return Error{ErrorCode::InvalidDate,
                   src + ": " + at + ".date '" + std::string(ds) + "' is not a valid date"};
    }
    CalendarException e;
    e.date = *parsed;
    e.kind = off->as_bool() ? ExceptionKind::Off : ExceptionKind::Work;
    e.label = std::string(nm);
    if (e.kind == ExceptionKind::Work) e.label += "调休";
    e.source = src;
    out.exceptions.push_back(std::move(e));
  }
  return out;
}

Result<CalendarSource> holiday_cn_to_source(const std::vector<HolidayCnYear>& years,
                                            std::string region, Date first, Date last) {
  if (!is_region_code(region)) {
    return Error{ErrorCode::UnknownRegion, "bad region code '" + region + "'"};
  }
  if (last < first) return Error{ErrorCode::InvalidArgument, "coverage ends before it starts"};
  std::map<Date, CalendarException> days;
  for (const auto& y : years) {
    for (const auto& e : y.exceptions) {
      if (e.date < first || e.date > last) {
        return Error{ErrorCode::CalendarMalformed,
                     e.source + ": " + format_date(e.date) + " is outside the coverage"};
      }
      auto [it, fresh] = days.emplace(e.date, e);
      if (!fresh && it->second.kind != e.kind) {
        return Error{ErrorCode::CalendarConflict,
                     e.source + ": " + format_date(e.date) + " is both a day off and a workday"};
      }
    }
  }
  CalendarSource s;
  s.source = "holiday-cn";
  s.region = std::move(region);
  s.coverage.emplace(first, last);
  for (auto& [d, e] : days) {
    e.line = 0;
    s.exceptions.push_back(std::move(e));
  }
  return s;
}

}  // namespace tongban::calendar::files
