// Runs the built `tongban` binary (TONGBAN_BIN, a compile definition) as a subprocess.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>
#include <vector>

namespace tongban::testing {

struct CommandResult {
  int exit_code = -1;  // -1 when the process did not exit normally
  std::string output;  // stdout and stderr together (Output::Both), or stdout alone
};

enum class Output { Both, StdoutOnly };

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

// `tongban args...`, with the TONGBAN_* configuration variables cleared so the developer's
// environment cannot change what is tested.
inline CommandResult run_tongban(const std::vector<std::string>& args,
                                 Output output = Output::Both) {
  std::string cmd =
      "env -u TONGBAN_DB -u TONGBAN_CONFIG -u TONGBAN_PORT -u TONGBAN_DATA_DIR "
      "-u TONGBAN_CLOCK_START " +
      shell_quote(TONGBAN_BIN);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  cmd += output == Output::Both ? " 2>&1" : " 2>/dev/null";
  CommandResult r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
  const int status = ::pclose(p);
  if (status != -1 && WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  return r;
}

}  // namespace tongban::testing
