#include "core/calendar/calendar_file.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <tuple>

namespace tongban::calendar {
namespace {

constexpr std::array<std::string_view, 7> kWeekdays = {"sun", "mon", "tue", "wed",
                                                       "thu", "fri", "sat"};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && (is_blank(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Splits off the first whitespace-separated token.
std::string_view next_token(std::string_view& rest) {
  rest = trim(rest);
  std::size_t end = 0;
  while (end < rest.size() && !is_blank(rest[end])) ++end;
  std::string_view tok = rest.substr(0, end);
  rest = trim(rest.substr(end));
  return tok;
}

// 'text' — built with append: GCC 12 warns (-Wrestrict, a false positive) on "'" + string.
std::string quoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out.append(1, '\'').append(text).append(1, '\'');
  return out;
}

bool looks_like_date(std::string_view s) { return s.size() == 10 && s[4] == '-' && s[7] == '-'; }

bool has_control_chars(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\t') || u == 0x7f;
  });
}

class Parser {
 public:
  Parser(std::string_view text, std::string_view source) : text_(text) { out_.source = source; }

  Result<CalendarSource> run() {
    std::size_t pos = 0;
    while (pos <= text_.size()) {
      std::size_t nl = text_.find('\n', pos);
      if (nl == std::string_view::npos) nl = text_.size();
      ++line_;
      const std::string_view raw = text_.substr(pos, nl - pos);
      pos = nl + 1;
      if (auto st = line(raw); !st) return st.error();
      if (nl == text_.size()) break;
    }
    if (out_.region.empty()) return malformed_at(0, "no region line");
    if (out_.region == "000000" && !out_.coverage) {
      return malformed_at(0, "the national calendar 000000 needs a coverage line");
    }
    if (out_.region == "000000" && out_.parent && !out_.parent->empty()) {
      return malformed_at(0, "region 000000 has no parent");
    }
    return std::move(out_);
  }

 private:
  Error malformed(std::string reason) const { return malformed_at(line_, std::move(reason)); }
  Error malformed_at(int line, std::string reason) const {
    return Error{ErrorCode::CalendarMalformed,
                 out_.source + ":" + std::to_string(line) + ": " + std::move(reason)};
  }

  Status line(std::string_view raw) {
    if (has_control_chars(trim(raw))) return malformed("control character in line");
    std::string_view rest = trim(raw);
    if (rest.empty() || rest.front() == '#') return ok_status();
    const std::string_view head = next_token(rest);
    if (out_.region.empty() && head != "region") {
      return malformed("the first line must be 'region <code>'");
    }
    if (looks_like_date(head)) return exception_line(head, rest);
    if (!seen_.insert(std::string(head)).second && head != "centre_hours") {
      return malformed(quoted(head) + " given twice");
    }
    if (head == "region" || head == "parent") {
      const std::string_view code = next_token(rest);
      if (!is_region_code(code) || !rest.empty()) {
        return malformed(quoted(head) + " needs one 6-digit region code");
      }
      (head == "region" ? out_.region : out_.parent.emplace()) = std::string(code);
      return ok_status();
    }
    if (head == "name") {
      if (rest.empty()) return malformed("'name' needs a value");
      out_.name = std::string(rest);
      return ok_status();
    }
    if (head == "version") {
      const std::string_view v = next_token(rest);
      if (v.empty() || !rest.empty()) return malformed("'version' needs one token");
      out_.version = std::string(v);
      return ok_status();
    }
    if (head == "coverage") {
      const std::string_view a = next_token(rest);
      const std::string_view b = next_token(rest);
      if (!rest.empty() || !looks_like_date(a) || !looks_like_date(b)) {
        return malformed("'coverage' needs two dates YYYY-MM-DD");
      }
      auto from = date_at(a);
      if (!from) return from.error();
      auto to = date_at(b);
      if (!to) return to.error();
      if (*to < *from) return malformed("coverage ends before it starts");
      if ((*to - *from).count() > 100L * 366) return malformed("coverage longer than 100 years");
      out_.coverage.emplace(*from, *to);
      for (const auto& e : out_.exceptions) {
        if (e.date < *from || e.date > *to) {
          return malformed_at(e.line, format_date(e.date) + " is outside the coverage");
        }
      }
      return ok_status();
    }
    if (head == "provisional") {
      const std::string_view a = next_token(rest);
      if (!rest.empty() || !looks_like_date(a)) {
        return malformed("'provisional' needs one date YYYY-MM-DD");
      }
      auto from = date_at(a);
      if (!from) return from.error();
      out_.provisional_from = *from;
      return ok_status();
    }
    if (head == "weekend") {
      WeekendRule w{0};
      if (rest == "none") {
        out_.weekend = w;
        return ok_status();
      }
      while (!rest.empty()) {
        const std::string_view tok = next_token(rest);
        auto it = std::find(kWeekdays.begin(), kWeekdays.end(), tok);
        if (it == kWeekdays.end()) return malformed("unknown weekday '" + std::string(tok) + "'");
        w.mask |= static_cast<std::uint8_t>(1u << (it - kWeekdays.begin()));
      }
      if (w.mask == 0) return malformed("'weekend' needs weekdays or 'none'");
      if (w.mask == 0x7f) return malformed("a week without working days");
      out_.weekend = w;
      return ok_status();
    }
    if (head == "hours") {
      auto h = OfficeHours::parse(rest);
      if (!h) return malformed(h.error().detail);
      out_.hours = std::move(*h);
      return ok_status();
    }
    if (head == "centre_hours") {
      const std::string_view centre = next_token(rest);
      if (centre.empty()) return malformed("'centre_hours' needs a centre id and intervals");
      for (const auto& [c, h] : out_.centre_hours) {
        if (c == centre) return malformed("centre_hours for '" + std::string(centre) + "' twice");
      }
      auto h = OfficeHours::parse(rest);
      if (!h) return malformed(h.error().detail);
      out_.centre_hours.emplace_back(std::string(centre), std::move(*h));
      return ok_status();
    }
    return malformed("unknown directive '" + std::string(head) + "'");
  }

  Result<Date> date_at(std::string_view text) const {
    auto d = parse_date(text);
    if (!d) {
      return Error{ErrorCode::InvalidDate, out_.source + ":" + std::to_string(line_) +
                                               ": invalid date '" + std::string(text) + "'"};
    }
    return *d;
  }

  Status exception_line(std::string_view date_text, std::string_view rest) {
    auto d = date_at(date_text);
    if (!d) return d.error();
    std::string_view kind = next_token(rest);
    CalendarException e;
    e.date = *d;
    e.line = line_;
    e.source = out_.source;
    if (!kind.empty() && kind.back() == '!') {
      e.override_parent = true;
      kind.remove_suffix(1);
    }
    if (kind == "off") {
      e.kind = ExceptionKind::Off;
    } else if (kind == "work") {
      e.kind = ExceptionKind::Work;
    } else if (kind == "closure" && !e.override_parent) {
      e.kind = ExceptionKind::Closure;
      e.centre = std::string(next_token(rest));
      if (e.centre.empty()) return malformed("'closure' needs a service centre id");
    } else {
      return malformed("kind must be off, work, off!, work! or closure");
    }
    e.label = std::string(rest);
    if (out_.coverage && (e.date < out_.coverage->first || e.date > out_.coverage->second)) {
      return malformed(format_date(e.date) + " is outside the coverage");
    }
    const auto key = std::make_tuple(e.date, e.kind == ExceptionKind::Closure, e.centre);
    if (auto [it, fresh] = lines_.emplace(key, line_); !fresh) {
      return Error{ErrorCode::CalendarConflict,
                   out_.source + ":" + std::to_string(line_) + ": " + format_date(e.date) +
                       " already listed on line " + std::to_string(it->second)};
    }
    out_.exceptions.push_back(std::move(e));
    return ok_status();
  }

  std::string_view text_;
  int line_ = 0;
  CalendarSource out_;
  std::set<std::string> seen_;
  std::map<std::tuple<Date, bool, std::string>, int> lines_;
};

}  // namespace

bool is_region_code(std::string_view code) {
  return code.size() == 6 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string derived_parent(std::string_view code) {
  if (!is_region_code(code) || code == "000000") return {};
  if (code.substr(4) != "00") return std::string(code.substr(0, 4)) + "00";
  if (code.substr(2) != "0000") return std::string(code.substr(0, 2)) + "0000";
  return "000000";
}

Result<CalendarSource> parse_calendar(std::string_view text, std::string_view source_name) {
  return Parser(text, source_name).run();
}

std::string format_calendar(const CalendarSource& s) {
  std::string out = "region " + s.region + "\n";
  if (s.parent) out += "parent " + *s.parent + "\n";
  if (!s.name.empty()) out += "name " + s.name + "\n";
  if (!s.version.empty()) out += "version " + s.version + "\n";
  if (s.coverage) {
    out +=
        "coverage " + format_date(s.coverage->first) + " " + format_date(s.coverage->second) + "\n";
  }
  if (s.provisional_from) out += "provisional " + format_date(*s.provisional_from) + "\n";
  if (s.weekend) {
    out += "weekend";
    if (s.weekend->mask == 0) out += " none";
    for (unsigned i = 0; i < 7; ++i) {
      if ((s.weekend->mask >> i) & 1u) out += " " + std::string(kWeekdays[i]);
    }
    out += "\n";
  }
  if (s.hours) out += "hours " + s.hours->to_string() + "\n";
  for (const auto& [c, h] : s.centre_hours) out += "centre_hours " + c + " " + h.to_string() + "\n";
  for (const auto& e : s.exceptions) {
    out += format_date(e.date) + " " + std::string(to_string(e.kind));
    if (e.override_parent) out += "!";
    if (e.kind == ExceptionKind::Closure) out += " " + e.centre;
    if (!e.label.empty()) out += " " + e.label;
    out += "\n";
  }
  return out;
}

}  // namespace tongban::calendar
