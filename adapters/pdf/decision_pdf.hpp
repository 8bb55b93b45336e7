// The decision document (决定书) of a case as a printable A4 PDF in Chinese: a title, labelled
// fields wrapped by measured width, and a QR code that opens the public check page.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/common/result.hpp"

namespace tongban::pdf {

struct DecisionText {
  std::string title;
  std::vector<std::pair<std::string, std::string>> fields;
  std::string check_url;
  std::string check_number;
};

// The PDF bytes. Unavailable when the font cannot be loaded; Internal for a libharu failure
// or a check URL too long for a QR code. Thread-safe (each call has its own document).
[[nodiscard]] Result<std::string> render_decision(const DecisionText& t,
                                                  const std::string& font_path);

}  // namespace tongban::pdf
