#include "adapters/pdf/checklist_pdf.hpp"

#include <gtest/gtest.h>

#include "tests/catalog/sample_items.hpp"

namespace tongban::pdf {
namespace {

TEST(ChecklistPdf, IsAPdfWithTheEmbeddedCjkFont) {
  auto item = catalog::testing::commitment_item("PDF0000000001");
  // Long enough to need wrapping and a second page.
  for (int i = 0; i < 40; ++i) {
    item.materials.push_back(catalog::Material{
        .code = "X" + std::to_string(i),
        .name = "一份名称很长很长很长很长很长很长很长很长很长很长很长很长很长很长的材料",
        .required = false});
  }
  auto pdf = render_checklist(item, "南宁市行政审批局",
                              {.public_url = "https://example.org/items/PDF0000000001"});
  ASSERT_TRUE(pdf.ok()) << pdf.error().detail;
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  EXPECT_NE(pdf->find("/FontFile2"), std::string::npos);  // an embedded TrueType font
  EXPECT_NE(pdf->find("WenQuanYi"), std::string::npos);
  const auto count = pdf->find("/Count ");
  ASSERT_NE(count, std::string::npos);
  EXPECT_GE(std::stoi(pdf->substr(count + 7, 3)), 2);  // the long list broke onto more pages
  EXPECT_NE(pdf->rfind("%%EOF"), std::string::npos);
}

TEST(ChecklistPdf, MissingFontIsUnavailable) {
  auto pdf = render_checklist(catalog::testing::commitment_item("PDF0000000002"), "x",
                              {.font_path = "/nonexistent/font.ttc"});
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().code, ErrorCode::Unavailable);
}

}  // namespace
}  // namespace tongban::pdf
