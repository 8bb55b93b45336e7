#include "adapters/pdf/haru.hpp"

#include <qrencode.h>

#include <algorithm>
#include <filesystem>
#include <memory>

namespace tongban::pdf {

void on_haru_error(HPDF_STATUS code, HPDF_STATUS detail, void* user) {
  auto* e = static_cast<HaruError*>(user);
  if (e->code == HPDF_OK) *e = HaruError{code, detail};
}

bool draw_qr(HPDF_Page page, const std::string& url, float x, float top, float size) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
      QRcode_encodeString8bit(url.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!qr) return false;
  const int n = qr->width;
  const float module = size / static_cast<float>(n + 8);  // 4-module quiet zone each side
  HPDF_Page_SetRGBFill(page, 0, 0, 0);
  for (int row = 0; row < n; ++row) {
    for (int col = 0; col < n; ++col) {
      if ((qr->data[row * n + col] & 1) == 0) continue;
      HPDF_Page_Rectangle(page, x + static_cast<float>(col + 4) * module,
                          top - static_cast<float>(row + 5) * module, module, module);
    }
  }
  HPDF_Page_Fill(page);
  return true;
}

Result<std::unique_ptr<Document>> open_document(const std::string& font_path,
                                                const std::string& title) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(font_path, ec))
    return Error{ErrorCode::Unavailable, "CJK font not found: " + font_path};
  auto d = std::make_unique<Document>();
  d->doc.reset(HPDF_New(&on_haru_error, &d->err));
  if (!d->doc) return Error{ErrorCode::Internal, "libharu: cannot create a document"};
  HPDF_Doc pdf = d->doc.get();
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCurrentEncoder(pdf, "UTF-8");
  const char* font_name = HPDF_LoadTTFontFromFile2(pdf, font_path.c_str(), 0, HPDF_TRUE);
  if (font_name == nullptr || d->err.code != HPDF_OK)
    return Error{ErrorCode::Unavailable, "libharu cannot load the font " + font_path};
  d->font = HPDF_GetFont(pdf, font_name, "UTF-8");
  HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, title.c_str());
  HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "tongban");
  return d;
}

Result<std::string> save_document(Document& d) {
  HPDF_Doc pdf = d.doc.get();
  if (d.err.code != HPDF_OK) {
    return Error{ErrorCode::Internal, "libharu error " + std::to_string(d.err.code) + "/" +
                                          std::to_string(d.err.detail)};
  }
  if (HPDF_SaveToStream(pdf) != HPDF_OK) return Error{ErrorCode::Internal, "libharu cannot save"};
  std::string out;
  out.resize(HPDF_GetStreamSize(pdf));
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
  HPDF_ResetStream(pdf);
  if (HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(out.data()), &size) != HPDF_OK &&
      d.err.code != HPDF_STREAM_EOF) {
    return Error{ErrorCode::Internal, "libharu cannot read the stream"};
  }
  out.resize(size);
  return out;
}

std::vector<std::string> code_points(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 1;
    n = std::min(n, s.size() - i);
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

TextWriter::TextWriter(HPDF_Doc doc, HPDF_Font font, std::string footer)
    : doc_(doc), font_(font), footer_(std::move(footer)) {
  new_page();
}

void TextWriter::title(const std::string& text, float size) {
  HPDF_Page_SetFontAndSize(page_, font_, size);
  const float w = HPDF_Page_TextWidth(page_, text.c_str());
  line_at(text, size, std::max(kMargin, (kPageWidth - w) / 2));
}

void TextWriter::heading(const std::string& text) {
  y_ -= 6;
  ensure(kBody * 2);
  HPDF_Page_SetRGBFill(page_, 0.72F, 0.07F, 0.07F);
  paragraph(text, 12.5F, 0);
  HPDF_Page_SetRGBFill(page_, 0, 0, 0);
}

void TextWriter::field(const std::string& label, const std::string& value) {
  paragraph(label + "：" + (value.empty() ? "无" : value), kBody, 0);
}

void TextWriter::paragraph(const std::string& text, float size, float indent) {
  HPDF_Page_SetFontAndSize(page_, font_, size);
  const float width = right_ - kMargin - indent;
  std::string line;
  for (const auto& cp : code_points(text)) {
    if (cp == "\n") {
      line_at(line, size, kMargin + indent);
      line.clear();
      continue;
    }
    const std::string next = line + cp;
    if (!line.empty() && HPDF_Page_TextWidth(page_, next.c_str()) > width) {
      line_at(line, size, kMargin + indent);
      line = cp;
    } else {
      line = next;
    }
  }
  line_at(line, size, kMargin + indent);
}

void TextWriter::reserve_right(float width, float bottom) {
  right_ = kPageWidth - kMargin - width;
  reserve_bottom_ = bottom;
}

void TextWriter::line_at(const std::string& text, float size, float x) {
  ensure(size * kLineGap);
  y_ -= size * kLineGap;
  if (y_ < reserve_bottom_) right_ = kPageWidth - kMargin;
  HPDF_Page_SetFontAndSize(page_, font_, size);
  HPDF_Page_BeginText(page_);
  HPDF_Page_TextOut(page_, x, y_, text.c_str());
  HPDF_Page_EndText(page_);
}

void TextWriter::ensure(float height) {
  if (y_ - height < kMargin + 20) new_page();
}

void TextWriter::new_page() {
  page_ = HPDF_AddPage(doc_);
  HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
  ++pages_;
  HPDF_Page_SetFontAndSize(page_, font_, 8);
  HPDF_Page_BeginText(page_);
  HPDF_Page_TextOut(page_, kMargin, kMargin - 20,
                    (footer_ + "  第 " + std::to_string(pages_) + " 页").c_str());
  HPDF_Page_EndText(page_);
  y_ = kPageHeight - kMargin;
  right_ = kPageWidth - kMargin;
  reserve_bottom_ = 0;
}

}  // namespace tongban::pdf
