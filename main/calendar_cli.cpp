#include "main/calendar_cli.hpp"

#include <cstdio>
#include <iostream>
#include <sstream>

#include "app/calendar/calendars.hpp"

namespace tongban::cli {
namespace {

int fail(const Error& e) {
  std::fprintf(stderr, "error: %s %s\n", std::string(e.name()).c_str(), e.detail.c_str());
  return e.code == ErrorCode::InvalidDate || e.code == ErrorCode::InvalidArgument ? 2 : 1;
}

Result<Date> date_arg(const std::string& text) {
  auto d = parse_date(text);
  if (!d) return Error{ErrorCode::InvalidDate, text};
  return *d;
}

Result<std::int64_t> int_arg(const std::string& text) {
  try {
    std::size_t used = 0;
    const long long v = std::stoll(text, &used);
    if (used == text.size()) return static_cast<std::int64_t>(v);
  } catch (const std::exception&) {
  }
  return Error{ErrorCode::InvalidArgument, "not an integer: " + text};
}

Result<std::string> add(const calendar::WorkCalendar& cal, const std::string& date,
                        const std::string& n) {
  auto d = date_arg(date);
  if (!d) return d.error();
  auto k = int_arg(n);
  if (!k) return k.error();
  auto out = cal.add_workdays(*d, *k);
  if (!out) return out.error();
  return format_date(*out);
}

}  // namespace

void add_calendar_commands(CLI::App& parent, CalendarCommand& cmd) {
  auto* cal = parent.add_subcommand("calendar", "working-day calendar questions");
  cal->require_subcommand(1);
  cmd.is_workday = cal->add_subcommand("is-workday", "print true or false");
  cmd.is_workday->add_option("date", cmd.date, "YYYY-MM-DD")->required();
  cmd.add_workdays = cal->add_subcommand("add-workdays", "print the N-th working day after DATE");
  cmd.add_workdays->add_option("date", cmd.date, "YYYY-MM-DD");
  cmd.add_workdays->add_option("n", cmd.other, "N >= 0");
  cmd.add_workdays->add_flag("--stdin", cmd.from_stdin,
                             "read \"DATE N\" lines, print one date per line");
  cmd.between = cal->add_subcommand("between", "print the number of working days in (A, B]");
  cmd.between->add_option("a", cmd.date, "YYYY-MM-DD")->required();
  cmd.between->add_option("b", cmd.other, "YYYY-MM-DD")->required();
  for (auto* sub : {cmd.is_workday, cmd.add_workdays, cmd.between}) {
    sub->add_option("--region", cmd.region, "GB/T 2260 region code (default 450000)");
  }
}

int run_calendar_command(const app::Env& env, const CalendarCommand& cmd) {
  auto h = app::calendar_for(env, cmd.region);
  if (!h) return fail(h.error());
  const calendar::WorkCalendar& cal = *h->calendar;
  if (*cmd.is_workday) {
    auto d = date_arg(cmd.date);
    if (!d) return fail(d.error());
    auto w = cal.is_working_day(*d);
    if (!w) return fail(w.error());
    std::printf("%s\n", *w ? "true" : "false");
    return 0;
  }
  if (*cmd.between) {
    auto a = date_arg(cmd.date);
    if (!a) return fail(a.error());
    auto b = date_arg(cmd.other);
    if (!b) return fail(b.error());
    auto n = cal.workdays_between(*a, *b);
    if (!n) return fail(n.error());
    std::printf("%lld\n", static_cast<long long>(*n));
    return 0;
  }
  if (cmd.from_stdin) {
    // One answer per input line, in order; a bad line prints its error code in place of a
    // date (so the output stays aligned) and makes the exit code 1.
    int status = 0;
    std::string line;
    std::string out;
    while (std::getline(std::cin, line)) {
      if (line.empty()) continue;
      std::istringstream words(line);
      std::string date;
      std::string n;
      words >> date >> n;
      auto r = add(cal, date, n);
      if (r) {
        out += *r;
      } else {
        out += "error:" + std::string(r.error().name());
        status = 1;
      }
      out += '\n';
      if (out.size() > (1 << 16)) {
        std::fwrite(out.data(), 1, out.size(), stdout);
        out.clear();
      }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return status;
  }
  if (cmd.date.empty() || cmd.other.empty()) {
    std::fprintf(stderr, "usage: tongban calendar add-workdays DATE N | --stdin\n");
    return 2;
  }
  auto r = add(cal, cmd.date, cmd.other);
  if (!r) return fail(r.error());
  std::printf("%s\n", r->c_str());
  return 0;
}

}  // namespace tongban::cli
