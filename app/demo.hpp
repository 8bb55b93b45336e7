// Demo data for a new installation: departments of a Guangxi service centre and one user
// per role. Idempotent: what exists is left alone.
#pragma once

#include <string>
#include <vector>

#include "app/context.hpp"

namespace tongban::app {

inline constexpr std::string_view kDemoPassword = "Tongban@2026";

struct DemoLogin {
  std::string username;
  std::string role;
  std::string display_name;
};

struct DemoReport {
  int departments_created = 0;
  int users_created = 0;
  std::vector<DemoLogin> logins;  // every demo account, created now or before
};

// REQUIRES: the regions are loaded (450000 and 450100 at least).
DemoReport load_demo(const Env& env);

}  // namespace tongban::app
