// `tongban calendar …`: working-day questions from the command line.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "app/context.hpp"

namespace tongban::cli {

struct CalendarCommand {
  CLI::App* is_workday = nullptr;
  CLI::App* add_workdays = nullptr;
  CLI::App* between = nullptr;
  std::string region = "450000";
  std::string date;
  std::string other;  // N for add-workdays, B for between
  bool from_stdin = false;

  [[nodiscard]] bool chosen() const { return *is_workday || *add_workdays || *between; }
};

// Registers `calendar is-workday|add-workdays|between` under `parent`.
void add_calendar_commands(CLI::App& parent, CalendarCommand& cmd);

// Runs the chosen command; prints the answer to stdout, errors (with their stable code) to
// stderr. Returns the process exit code: 0 ok, 1 a calendar error, 2 bad usage.
int run_calendar_command(const app::Env& env, const CalendarCommand& cmd);

}  // namespace tongban::cli
