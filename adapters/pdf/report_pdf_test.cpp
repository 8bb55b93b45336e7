#include "adapters/pdf/report_pdf.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "adapters/pdf/checklist_pdf.hpp"

namespace tongban::pdf {
namespace {

ReportText report(int sections) {
  ReportText t;
  t.title = "三级联审审查报告";
  t.subtitle = "2026-450502-47-01-3A81FK";
  for (int i = 0; i < sections; ++i) {
    ReportSection s;
    s.heading = "第" + std::to_string(i + 1) + "轮";
    s.fields = {{"报送日期", "2026-03-02"}, {"报件自检", "通过 12 项"}};
    s.paragraphs = {
        {"县级 北海市自然资源局海城分局：需补正（逾期）", 0},
        {"补正要点：1. 补充勘测定界图坐标，一段很长的说明需要换行" + std::string(80, 'x'), 1}};
    t.sections.push_back(std::move(s));
  }
  t.footer = "报件 1  生成于 2026-03-12";
  return t;
}

// The page tree's /Count (the largest one in the file).
int page_count(const std::string& pdf) {
  int most = 0;
  for (auto at = pdf.find("/Count "); at != std::string::npos; at = pdf.find("/Count ", at + 1))
    most = std::max(most, std::atoi(pdf.c_str() + at + 7));
  return most;
}

TEST(ReportPdf, FlowsOverPagesWithTheEmbeddedFont) {
  auto one = render_report(report(1), std::string(kDefaultCjkFont));
  ASSERT_TRUE(one.ok()) << one.error().detail;
  EXPECT_EQ(one->substr(0, 5), "%PDF-");
  EXPECT_NE(one->find("/FontFile2"), std::string::npos);
  EXPECT_EQ(page_count(*one), 1);
  auto many = render_report(report(40), std::string(kDefaultCjkFont));
  ASSERT_TRUE(many.ok()) << many.error().detail;
  EXPECT_GT(page_count(*many), 2);
}

TEST(ReportPdf, MissingFontIsUnavailable) {
  auto r = render_report(report(1), "/nonexistent/font.ttc");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::Unavailable);
}

}  // namespace
}  // namespace tongban::pdf
