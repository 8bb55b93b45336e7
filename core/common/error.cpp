#include "core/common/error.hpp"

#include <array>

namespace tongban {
namespace {
constexpr std::array kTable = {
#define TONGBAN_X(e, name, status, zh, en) ErrorInfo{name, status, zh, en},
    TONGBAN_ERROR_CODES(TONGBAN_X)
#undef TONGBAN_X
};
}  // namespace

const ErrorInfo& error_info(ErrorCode code) noexcept {
  return kTable[static_cast<std::size_t>(code)];
}

bool error_code_from_name(std::string_view name, ErrorCode& out) noexcept {
  for (std::size_t i = 0; i < kTable.size(); ++i) {
    if (kTable[i].name == name) {
      out = static_cast<ErrorCode>(i);
      return true;
    }
  }
  return false;
}

}  // namespace tongban
