#include "adapters/pdf/report_pdf.hpp"

#include "adapters/pdf/haru.hpp"

namespace tongban::pdf {

Result<std::string> render_report(const ReportText& t, const std::string& font_path) {
  auto document = open_document(font_path, t.title);
  if (!document) return document.error();
  TextWriter w((*document)->doc.get(), (*document)->font, t.footer);
  w.title(t.title, 17);
  if (!t.subtitle.empty()) w.title(t.subtitle, 11);
  for (const auto& s : t.sections) {
    w.heading(s.heading);
    for (const auto& [label, value] : s.fields) w.field(label, value);
    for (const auto& p : s.paragraphs)
      w.paragraph(p.text, p.indent == 0 ? kBody : 9, static_cast<float>(p.indent) * 14);
  }
  return save_document(**document);
}

}  // namespace tongban::pdf
