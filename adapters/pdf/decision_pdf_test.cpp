#include "adapters/pdf/decision_pdf.hpp"

#include <gtest/gtest.h>

#include "adapters/pdf/checklist_pdf.hpp"

namespace tongban::pdf {
namespace {

DecisionText decision() {
  DecisionText t;
  t.title = "准予行政许可决定书";
  t.fields = {{"办件编号", "1145010000756501982015019001000202603020001"},
              {"理由", std::string(60, 'x') +
                           "符合《建筑法》第八条规定的条件，准予许可，一段很长的理由需要换行"}};
  t.check_url = "https://example.org/api/v1/public/decisions/D2026-0001";
  t.check_number = "D2026-0001";
  return t;
}

TEST(DecisionPdf, IsAOnePagePdfWithTheEmbeddedFontAndTheQrCode) {
  auto pdf = render_decision(decision(), std::string(kDefaultCjkFont));
  ASSERT_TRUE(pdf.ok()) << pdf.error().detail;
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  EXPECT_NE(pdf->find("/FontFile2"), std::string::npos);
  EXPECT_NE(pdf->find("/Count 1"), std::string::npos);
  EXPECT_NE(pdf->rfind("%%EOF"), std::string::npos);
}

TEST(DecisionPdf, MissingFontIsUnavailableAndAnUnencodableUrlIsInternal) {
  auto missing = render_decision(decision(), "/nonexistent/font.ttc");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::Unavailable);
  auto t = decision();
  t.check_url = std::string(8000, 'a');  // beyond a QR code's capacity
  auto too_long = render_decision(t, std::string(kDefaultCjkFont));
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().code, ErrorCode::Internal);
}

}  // namespace
}  // namespace tongban::pdf
