// What the PDF renderers of adapters/pdf share: libharu's error capture and QR codes drawn
// as vector squares (libqrencode). Internal to adapters/pdf.
#pragma once

#include <hpdf.h>

#include <string>

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

}  // namespace tongban::pdf
