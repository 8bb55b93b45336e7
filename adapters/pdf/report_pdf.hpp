// A sectioned report as a printable A4 PDF in Chinese: a title, then sections of labelled
// fields and paragraphs, flowing over as many pages as needed (the multi-level review report,
// 三级联审审查报告). The renderer knows nothing of filings: the caller lays the text out.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/common/result.hpp"

namespace tongban::pdf {

struct ReportParagraph {
  std::string text;
  int indent = 0;  // 0 body text; 1 a smaller line under the previous one
};

struct ReportSection {
  std::string heading;
  std::vector<std::pair<std::string, std::string>> fields;  // label, value
  std::vector<ReportParagraph> paragraphs;                  // after the fields
};

struct ReportText {
  std::string title;
  std::string subtitle;
  std::vector<ReportSection> sections;
  std::string footer;  // on every page, with the page number
};

// The PDF bytes ("%PDF-…"). Unavailable when the font cannot be loaded; Internal for a
// libharu failure. Thread-safe (each call has its own document).
[[nodiscard]] Result<std::string> render_report(const ReportText& t, const std::string& font_path);

}  // namespace tongban::pdf
