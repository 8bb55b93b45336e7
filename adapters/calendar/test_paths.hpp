// Where the tests find the source tree: $TONGBAN_SOURCE_DIR (set by CTest), else the path
// compiled in.
#pragma once

#include <cstdlib>
#include <filesystem>

namespace tongban::calendar::files::testing {

inline std::filesystem::path source_dir() {
  if (const char* env = std::getenv("TONGBAN_SOURCE_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return TONGBAN_SOURCE_DIR_DEFAULT;
}

inline std::filesystem::path calendar_dir() { return source_dir() / "data" / "calendar"; }

}  // namespace tongban::calendar::files::testing
