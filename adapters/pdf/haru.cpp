#include "adapters/pdf/haru.hpp"

#include <qrencode.h>

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

}  // namespace tongban::pdf
