// The 一次性告知单 (one-time notice) of a service item as a printable A4 PDF in Chinese:
// every field an applicant needs, and a QR code with the item's public URL.
// libharu with an embedded TrueType CJK font (libharu cannot embed CFF-based fonts), QR
// modules drawn as vector squares from libqrencode.
#pragma once

#include <string>

#include "core/catalog/service_item.hpp"
#include "core/common/result.hpp"

namespace tongban::pdf {

inline constexpr std::string_view kDefaultCjkFont = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

struct ChecklistOptions {
  std::string font_path = std::string(kDefaultCjkFont);  // a .ttc (face 0 is used) or .ttf
  std::string public_url;    // what the QR code encodes, e.g. https://host/items/CODE
  std::string generated_on;  // printed in the footer, e.g. 2026-11-26
};

// The PDF bytes ("%PDF-…"). Unavailable when the font cannot be loaded; Internal for any
// other libharu failure. Thread-safe (each call has its own document).
[[nodiscard]] Result<std::string> render_checklist(const catalog::ServiceItem& item,
                                                   const std::string& department_name,
                                                   const ChecklistOptions& options);

}  // namespace tongban::pdf
