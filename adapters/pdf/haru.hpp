// What the PDF renderers of adapters/pdf share: libharu's error capture, an A4 document with
// the CJK font, a writer that flows wrapped text over pages, and QR codes drawn as vector
// squares (libqrencode). Internal to adapters/pdf.
#pragma once

#include <hpdf.h>

#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "core/common/result.hpp"

namespace tongban::pdf {

// The first libharu error of a document; pass on_haru_error and a HaruError to HPDF_New.
struct HaruError {
  HPDF_STATUS code = HPDF_OK;
  HPDF_STATUS detail = 0;
};
void on_haru_error(HPDF_STATUS code, HPDF_STATUS detail, void* user);

// Draws the QR code of `url` (error correction M, 4-module quiet zone) as a `size`-point
// square with its top-left corner at (x, top). False when the text cannot be encoded.
bool draw_qr(HPDF_Page page, const std::string& url, float x, float top, float size);

inline constexpr float kPageWidth = 595.276F;  // A4 in points
inline constexpr float kPageHeight = 841.89F;
inline constexpr float kMargin = 50.0F;
inline constexpr float kBody = 10.5F;
inline constexpr float kLineGap = 1.45F;  // line height / font size

// A document with the TrueType CJK font loaded (UTF-8). `err` is libharu's first error; the
// struct stays where open_document put it (libharu holds its address).
struct Document {
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, decltype(&HPDF_Free)> doc{nullptr, &HPDF_Free};
  HaruError err;
  HPDF_Font font = nullptr;
};
// Unavailable when the font file is missing or cannot be loaded; Internal otherwise.
[[nodiscard]] Result<std::unique_ptr<Document>> open_document(const std::string& font_path,
                                                              const std::string& title);
// The PDF bytes; Internal when libharu reported an error while drawing or saving.
[[nodiscard]] Result<std::string> save_document(Document& d);

// Splits UTF-8 text into code points (each a std::string).
[[nodiscard]] std::vector<std::string> code_points(const std::string& s);

// Writes text top-down with wrapping and page breaks; every page gets `footer` and its number.
class TextWriter {
 public:
  TextWriter(HPDF_Doc doc, HPDF_Font font, std::string footer);

  void title(const std::string& text, float size);
  void heading(const std::string& text);
  // "label：value" with the value wrapped under itself ("无" when empty).
  void field(const std::string& label, const std::string& value);
  void paragraph(const std::string& text, float size, float indent);
  // Keeps the first page's text left of the QR code until `bottom`.
  void reserve_right(float width, float bottom);
  [[nodiscard]] HPDF_Page page() const { return page_; }
  [[nodiscard]] float y() const { return y_; }

 private:
  void line_at(const std::string& text, float size, float x);
  void ensure(float height);
  void new_page();

  HPDF_Doc doc_;
  HPDF_Font font_;
  std::string footer_;
  HPDF_Page page_ = nullptr;
  int pages_ = 0;
  float y_ = 0;
  float right_ = kPageWidth - kMargin;
  float reserve_bottom_ = 0;
};

}  // namespace tongban::pdf
