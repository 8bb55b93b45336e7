#include "adapters/pdf/checklist_pdf.hpp"

#include <hpdf.h>

#include <filesystem>
#include <memory>
#include <vector>

#include "adapters/pdf/haru.hpp"
#include "core/catalog/names.hpp"

namespace tongban::pdf {
namespace {

constexpr float kPageWidth = 595.276F;  // A4 in points
constexpr float kPageHeight = 841.89F;
constexpr float kMargin = 50.0F;
constexpr float kBody = 10.5F;
constexpr float kLineGap = 1.45F;  // line height / font size

std::string budget_text(const calendar::Budget& b) {
  switch (b.unit) {
    case calendar::BudgetUnit::WorkingDays:
      return std::to_string(b.amount) + " 个工作日";
    case calendar::BudgetUnit::NaturalDays:
      return std::to_string(b.amount) + " 个自然日";
    case calendar::BudgetUnit::WorkingHours:
      return std::to_string(b.amount) + " 个工作小时";
  }
  return std::to_string(b.amount);
}

std::string visits_text(int visits) {
  if (visits == 0) return "0 次（一次不用跑）";
  if (visits == 1) return "1 次（最多跑一次）";
  return std::to_string(visits) + " 次";
}

std::string source_text(const catalog::Material& m) {
  switch (m.source) {
    case catalog::MaterialSource::ApplicantUpload:
      return "申请人提供";
    case catalog::MaterialSource::Certificate:
      return "电子证照库调取（" + m.certificate_type + "），无需提交";
    case catalog::MaterialSource::SharedData:
      return "部门共享获取，无需提交";
  }
  return {};
}

std::string object_text(catalog::ServiceObject o) {
  switch (o) {
    case catalog::ServiceObject::Person:
      return "自然人";
    case catalog::ServiceObject::Organisation:
      return "法人";
    case catalog::ServiceObject::Both:
      return "自然人、法人";
  }
  return {};
}

std::string level_text(catalog::ExerciseLevel l) {
  switch (l) {
    case catalog::ExerciseLevel::Province:
      return "省级";
    case catalog::ExerciseLevel::City:
      return "市级";
    case catalog::ExerciseLevel::County:
      return "县级";
    case catalog::ExerciseLevel::Township:
      return "乡镇（街道）级";
  }
  return {};
}

// Splits UTF-8 text into code points (each a std::string).
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

// Writes text top-down with wrapping and page breaks.
class Writer {
 public:
  Writer(HPDF_Doc doc, HPDF_Font font, std::string footer)
      : doc_(doc), font_(font), footer_(std::move(footer)) {
    new_page();
  }

  void title(const std::string& text, float size) {
    HPDF_Page_SetFontAndSize(page_, font_, size);
    const float w = HPDF_Page_TextWidth(page_, text.c_str());
    line_at(text, size, std::max(kMargin, (kPageWidth - w) / 2));
  }
  void heading(const std::string& text) {
    y_ -= 6;
    ensure(kBody * 2);
    HPDF_Page_SetRGBFill(page_, 0.72F, 0.07F, 0.07F);
    paragraph(text, 12.5F, 0);
    HPDF_Page_SetRGBFill(page_, 0, 0, 0);
  }
  // "label：value" with the value wrapped under itself.
  void field(const std::string& label, const std::string& value) {
    paragraph(label + "：" + (value.empty() ? "无" : value), kBody, 0);
  }
  void paragraph(const std::string& text, float size, float indent) {
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
  // Keeps the first page's text left of the QR code until `bottom`.
  void reserve_right(float width, float bottom) {
    right_ = kPageWidth - kMargin - width;
    reserve_bottom_ = bottom;
  }
  [[nodiscard]] HPDF_Page page() const { return page_; }
  [[nodiscard]] float y() const { return y_; }

 private:
  void line_at(const std::string& text, float size, float x) {
    ensure(size * kLineGap);
    y_ -= size * kLineGap;
    if (y_ < reserve_bottom_) right_ = kPageWidth - kMargin;
    HPDF_Page_SetFontAndSize(page_, font_, size);
    HPDF_Page_BeginText(page_);
    HPDF_Page_TextOut(page_, x, y_, text.c_str());
    HPDF_Page_EndText(page_);
  }
  void ensure(float height) {
    if (y_ - height < kMargin + 20) new_page();
  }
  void new_page() {
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

  HPDF_Doc doc_;
  HPDF_Font font_;
  std::string footer_;
  HPDF_Page page_ = nullptr;
  int pages_ = 0;
  float y_ = 0;
  float right_ = kPageWidth - kMargin;
  float reserve_bottom_ = 0;
};

}  // namespace

Result<std::string> render_checklist(const catalog::ServiceItem& item,
                                     const std::string& department_name,
                                     const ChecklistOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(options.font_path, ec)) {
    return Error{ErrorCode::Unavailable, "CJK font not found: " + options.font_path};
  }
  HaruError err;
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, decltype(&HPDF_Free)> doc(
      HPDF_New(&on_haru_error, &err), &HPDF_Free);
  if (!doc) return Error{ErrorCode::Internal, "libharu: cannot create a document"};
  HPDF_Doc pdf = doc.get();
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCurrentEncoder(pdf, "UTF-8");
  const char* font_name = HPDF_LoadTTFontFromFile2(pdf, options.font_path.c_str(), 0, HPDF_TRUE);
  if (font_name == nullptr || err.code != HPDF_OK) {
    return Error{ErrorCode::Unavailable, "libharu cannot load the font " + options.font_path};
  }
  HPDF_Font font = HPDF_GetFont(pdf, font_name, "UTF-8");
  HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, (item.name + " 一次性告知单").c_str());
  HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "tongban");

  Writer w(pdf, font,
           "事项编码 " + item.code + " 第 " + std::to_string(item.version) + " 版" +
               (options.generated_on.empty() ? "" : "  生成于 " + options.generated_on));
  constexpr float kQr = 96;
  const float qr_top = kPageHeight - kMargin;
  if (!options.public_url.empty()) {
    if (!draw_qr(w.page(), options.public_url, kPageWidth - kMargin - kQr, qr_top, kQr)) {
      return Error{ErrorCode::Internal, "QR encoding failed"};
    }
    HPDF_Page_SetFontAndSize(w.page(), font, 7.5F);
    HPDF_Page_BeginText(w.page());
    HPDF_Page_TextOut(w.page(), kPageWidth - kMargin - kQr + 12, qr_top - kQr - 4,
                      "扫码查看办事指南");
    HPDF_Page_EndText(w.page());
    w.reserve_right(kQr + 8, qr_top - kQr - 12);
  }

  w.title(item.name, 17);
  w.title("一次性告知单", 13);
  w.heading("一、基本信息");
  w.field("事项编码", item.code);
  w.field("事项类型", std::string(catalog::item_type_label(item.type)) + "（" +
                          catalog::item_type_code(item.type) + "）");
  w.field("实施主体", department_name);
  w.field("行使层级", level_text(item.level));
  w.field("服务对象", object_text(item.service_object));
  w.field("设定依据", item.legal_basis);

  w.heading("二、受理条件");
  w.paragraph(item.acceptance_conditions.empty() ? "无特别条件。" : item.acceptance_conditions,
              kBody, 0);

  w.heading("三、申请材料");
  if (item.materials.empty()) w.paragraph("无需提交材料。", kBody, 0);
  for (std::size_t i = 0; i < item.materials.size(); ++i) {
    const auto& m = item.materials[i];
    std::string line = std::to_string(i + 1) + ". " + m.name + "【" +
                       std::string(catalog::material_form_label(m.form)) + " " +
                       std::to_string(m.copies) + " 份；" + (m.required ? "必需" : "非必需") +
                       (m.tolerable ? "；可容缺（先承诺后补交）" : "") + "】";
    w.paragraph(line, kBody, 0);
    std::string more = "来源：" + source_text(m);
    if (!m.blank_form.empty()) more += "；空白表格：" + m.blank_form;
    if (!m.example.empty()) more += "；示例样表：" + m.example;
    if (!m.notes.empty()) more += "；说明：" + m.notes;
    w.paragraph(more, 9, 14);
  }

  w.heading("四、办理流程");
  if (item.steps.empty()) w.paragraph("窗口受理后即时办结。", kBody, 0);
  for (std::size_t i = 0; i < item.steps.size(); ++i) {
    const auto& s = item.steps[i];
    std::string line =
        std::to_string(i + 1) + ". " + s.name + (s.posts.size() > 1 ? "（并联）" : "") + "：";
    for (std::size_t p = 0; p < s.posts.size(); ++p) {
      line += (p > 0 ? "；" : "") + s.posts[p].name + " " + budget_text(s.posts[p].limit);
    }
    w.paragraph(line, kBody, 0);
  }

  w.heading("五、办理时限与次数");
  w.field("办件类型", item.handling == catalog::HandlingKind::Instant ? "即办件" : "承诺件");
  w.field("法定办结时限", item.legal_limit.amount == 0 ? "无" : budget_text(item.legal_limit));
  w.field("承诺办结时限", item.handling == catalog::HandlingKind::Instant
                              ? "即时办结"
                              : budget_text(item.committed_limit));
  if (!item.limit_explanation.empty()) w.field("时限说明", item.limit_explanation);
  w.field("到办事现场次数", visits_text(item.visits));
  std::string channels;
  for (auto c : item.channels)
    channels += (channels.empty() ? "" : "、") + std::string(catalog::channel_label(c));
  w.field("办理渠道", channels);

  w.heading("六、收费标准");
  if (item.fees.empty()) w.paragraph("不收费。", kBody, 0);
  for (const auto& f : item.fees) {
    w.paragraph(f.name + "：" + f.rate +
                    (f.legal_basis.empty() ? "" : "（依据：" + f.legal_basis + "）") +
                    (f.reducible ? "，可减免" : ""),
                kBody, 0);
  }
  if (!item.intermediary_services.empty()) {
    std::string list;
    for (const auto& s : item.intermediary_services) list += (list.empty() ? "" : "、") + s;
    w.field("所需中介服务", list);
  }

  w.heading("七、办理地点与咨询");
  w.field("办理地点", item.location);
  w.field("办理时间", item.office_hours);
  w.field("咨询电话", item.consult_phone);
  w.field("监督投诉电话", item.complaint_phone);
  if (!options.public_url.empty()) w.field("网上办事指南", options.public_url);
  w.paragraph(
      "本告知单所列材料即为办理本事项所需的全部材料，窗口不得要求申请人提交清单以外的材料。", 9, 0);

  if (err.code != HPDF_OK) {
    return Error{ErrorCode::Internal,
                 "libharu error " + std::to_string(err.code) + "/" + std::to_string(err.detail)};
  }
  if (HPDF_SaveToStream(pdf) != HPDF_OK) return Error{ErrorCode::Internal, "libharu cannot save"};
  std::string out;
  out.resize(HPDF_GetStreamSize(pdf));
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
  HPDF_ResetStream(pdf);
  if (HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(out.data()), &size) != HPDF_OK &&
      err.code != HPDF_STREAM_EOF) {
    return Error{ErrorCode::Internal, "libharu cannot read the stream"};
  }
  out.resize(size);
  return out;
}

}  // namespace tongban::pdf
