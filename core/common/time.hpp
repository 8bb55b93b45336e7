// Instants and dates as the whole codebase names them. Reading the current time is a port
// (ports/clock.hpp); core only computes with values.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tongban {

using Instant = std::chrono::sys_time<std::chrono::microseconds>;
using Date = std::chrono::sys_days;

// Microseconds since the Unix epoch, the storage form of an Instant.
[[nodiscard]] inline std::int64_t to_micros(Instant t) { return t.time_since_epoch().count(); }
[[nodiscard]] inline Instant from_micros(std::int64_t us) {
  return Instant{std::chrono::microseconds{us}};
}

// "YYYY-MM-DD" ↔ Date. Parsing rejects impossible dates (2026-02-30) and other shapes.
[[nodiscard]] std::optional<Date> parse_date(std::string_view text);
[[nodiscard]] std::string format_date(Date d);
// RFC 3339 in UTC with milliseconds, e.g. 2026-11-26T08:00:00.000Z.
[[nodiscard]] std::string format_instant(Instant t);
// Accepts RFC 3339 with Z or ±hh:mm offset; fractional seconds optional.
[[nodiscard]] std::optional<Instant> parse_instant(std::string_view text);

}  // namespace tongban
