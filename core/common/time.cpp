#include "core/common/time.hpp"

#include <charconv>
#include <cstdio>

namespace tongban {
namespace {

bool read_int(std::string_view s, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > s.size()) return false;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  auto [p, ec] = std::from_chars(s.data() + pos, s.data() + pos + len, out);
  return ec == std::errc{} && p == s.data() + pos + len;
}

// Writes v (0 <= v < 10^width) as `width` decimal digits with leading zeros.
void put_digits(char* p, int width, int v) {
  for (int i = width - 1; i >= 0; --i) {
    p[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  int y = 0;
  int m = 0;
  int d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!read_int(text, 0, 4, y) || !read_int(text, 5, 2, m) || !read_int(text, 8, 2, d)) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y},
                                        std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return Date{ymd};
}

std::string format_date(Date d) {
  const std::chrono::year_month_day ymd{d};
  const int y = static_cast<int>(ymd.year());
  if (y < 0 || y > 9999) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
  }
  // By hand: every case response formats a few dozen instants (snprintf showed in profiles).
  std::string out = "0000-00-00";
  put_digits(out.data(), 4, y);
  put_digits(out.data() + 5, 2, static_cast<int>(static_cast<unsigned>(ymd.month())));
  put_digits(out.data() + 8, 2, static_cast<int>(static_cast<unsigned>(ymd.day())));
  return out;
}

std::string format_instant(Instant t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::milliseconds>(t - day)};
  std::string out = format_date(Date{day});
  const std::size_t at = out.size();
  out += "T00:00:00.000Z";
  put_digits(out.data() + at + 1, 2, static_cast<int>(hms.hours().count()));
  put_digits(out.data() + at + 4, 2, static_cast<int>(hms.minutes().count()));
  put_digits(out.data() + at + 7, 2, static_cast<int>(hms.seconds().count()));
  put_digits(out.data() + at + 10, 3, static_cast<int>(hms.subseconds().count()));
  return out;
}

std::optional<Instant> parse_instant(std::string_view s) {
  if (s.size() < 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':') return std::nullopt;
  auto date = parse_date(s.substr(0, 10));
  int hh = 0;
  int mm = 0;
  int ss = 0;
  if (!date || !read_int(s, 11, 2, hh) || !read_int(s, 14, 2, mm) || !read_int(s, 17, 2, ss)) {
    return std::nullopt;
  }
  if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  std::size_t pos = 19;
  std::int64_t micros = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (digits < 6) {
        micros = micros * 10 + (s[pos] - '0');
        ++digits;
      }
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (; digits < 6; ++digits) micros *= 10;
  }
  std::int64_t offset_min = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && s[pos + 3] == ':') {
    int oh = 0;
    int om = 0;
    if (!read_int(s, pos + 1, 2, oh) || !read_int(s, pos + 4, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset_min = static_cast<std::int64_t>(oh * 60 + om) * (s[pos] == '+' ? 1 : -1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  using namespace std::chrono;
  const auto t = Instant{*date} + hours{hh} + minutes{mm} + seconds{ss} + microseconds{micros} -
                 minutes{offset_min};
  return time_point_cast<microseconds>(t);
}

}  // namespace tongban
