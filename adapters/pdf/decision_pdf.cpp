#include "adapters/pdf/decision_pdf.hpp"

#include <hpdf.h>

#include <filesystem>
#include <memory>

#include "adapters/pdf/haru.hpp"

namespace tongban::pdf {

Result<std::string> render_decision(const DecisionText& t, const std::string& font_path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(font_path, ec)) {
    return Error{ErrorCode::Unavailable, "CJK font not found: " + font_path};
  }
  HaruError status;
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, decltype(&HPDF_Free)> doc(
      HPDF_New(&on_haru_error, &status), &HPDF_Free);
  if (!doc) return Error{ErrorCode::Internal, "libharu: cannot create a document"};
  HPDF_Doc pdf = doc.get();
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCurrentEncoder(pdf, "UTF-8");
  const char* font_name = HPDF_LoadTTFontFromFile2(pdf, font_path.c_str(), 0, HPDF_TRUE);
  if (font_name == nullptr || status.code != HPDF_OK)
    return Error{ErrorCode::Unavailable, "cannot load the font"};
  HPDF_Font font = HPDF_GetFont(pdf, font_name, "UTF-8");
  HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, t.title.c_str());
  HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "tongban");
  HPDF_Page page = HPDF_AddPage(pdf);
  HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
  const float width = HPDF_Page_GetWidth(page);
  const float margin = 56;
  float y = HPDF_Page_GetHeight(page) - margin;

  auto text = [&](float x, float size, const std::string& s) {
    HPDF_Page_SetFontAndSize(page, font, size);
    HPDF_Page_BeginText(page);
    HPDF_Page_TextOut(page, x, y, s.c_str());
    HPDF_Page_EndText(page);
  };
  HPDF_Page_SetFontAndSize(page, font, 20);
  const float tw = HPDF_Page_TextWidth(page, t.title.c_str());
  y -= 24;
  text((width - tw) / 2, 20, t.title);
  y -= 36;
  // Fields: a label column and wrapped values (wrapping by measured width, per character).
  const float label_w = 96;
  const float value_w = width - 2 * margin - label_w - 120;
  for (const auto& [label, value] : t.fields) {
    text(margin, 11, label);
    std::string line;
    std::size_t i = 0;
    bool first = true;
    auto flush = [&] {
      HPDF_Page_SetFontAndSize(page, font, 11);
      HPDF_Page_BeginText(page);
      HPDF_Page_TextOut(page, margin + label_w, y, line.c_str());
      HPDF_Page_EndText(page);
      y -= 18;
      line.clear();
      first = false;
    };
    while (i < value.size()) {
      std::size_t len = 1;
      const auto c = static_cast<unsigned char>(value[i]);
      if (c >= 0xF0)
        len = 4;
      else if (c >= 0xE0)
        len = 3;
      else if (c >= 0xC0)
        len = 2;
      const std::string next = line + value.substr(i, len);
      HPDF_Page_SetFontAndSize(page, font, 11);
      if (!line.empty() && HPDF_Page_TextWidth(page, next.c_str()) > value_w) flush();
      line += value.substr(i, len);
      i += len;
    }
    if (!line.empty() || first) flush();
    y -= 6;
  }
  // QR code (top right) to the public check.
  const float size = 100;
  const float top = HPDF_Page_GetHeight(page) - margin - 60;
  const float x0 = width - margin - size;
  if (!draw_qr(page, t.check_url, x0, top, size))
    return Error{ErrorCode::Internal, "QR encoding failed"};
  y = top - size - 8;
  text(x0 + 10, 8, "扫码核验本决定");
  if (status.code != HPDF_OK)
    return Error{ErrorCode::Internal, "libharu error " + std::to_string(status.code)};
  if (HPDF_SaveToStream(pdf) != HPDF_OK) return Error{ErrorCode::Internal, "libharu: cannot save"};
  std::string out(HPDF_GetStreamSize(pdf), '\0');
  HPDF_UINT32 size_read = static_cast<HPDF_UINT32>(out.size());
  if (HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(out.data()), &size_read) != HPDF_OK &&
      size_read != out.size()) {
    return Error{ErrorCode::Internal, "libharu: cannot read the stream"};
  }
  out.resize(size_read);
  return out;
}

}  // namespace tongban::pdf
