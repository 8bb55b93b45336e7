// tongban-calendar-import: converts holiday-cn JSON year files into the native format.
//   tongban-calendar-import --region 000000 --from 2018-01-01 --to 2026-12-31 2018.json ...
// Writes the calendar to stdout; errors (code and detail) to stderr, exit status 1.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/calendar/calendar_files.hpp"

int main(int argc, char** argv) {
  using namespace tongban;
  std::string region = "000000";
  std::string from;
  std::string to;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if ((a == "--region" || a == "--from" || a == "--to") && i + 1 < argc) {
      (a == "--region" ? region : a == "--from" ? from : to) = argv[++i];
    } else {
      files.push_back(a);
    }
  }
  auto first = parse_date(from);
  auto last = parse_date(to);
  if (!first || !last || files.empty()) {
    std::cerr << "usage: " << argv[0]
              << " [--region 000000] --from YYYY-MM-DD --to YYYY-MM-DD YEAR.json...\n";
    return 2;
  }
  std::vector<calendar::files::HolidayCnYear> years;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    if (!in) {
      std::cerr << "cannot read " << f << "\n";
      return 1;
    }
    auto y = calendar::files::parse_holiday_cn(buf.str(), f);
    if (!y) {
      std::cerr << y.error().name() << ": " << y.error().detail << "\n";
      return 1;
    }
    years.push_back(std::move(*y));
  }
  auto src = calendar::files::holiday_cn_to_source(years, region, *first, *last);
  if (!src) {
    std::cerr << src.error().name() << ": " << src.error().detail << "\n";
    return 1;
  }
  std::cout << calendar::format_calendar(*src);
  return 0;
}
