#include "adapters/pdf/checklist_pdf.hpp"

#include <hpdf.h>

#include <string>

#include "adapters/pdf/haru.hpp"
#include "core/catalog/names.hpp"

namespace tongban::pdf {
namespace {

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

}  // namespace

Result<std::string> render_checklist(const catalog::ServiceItem& item,
                                     const std::string& department_name,
                                     const ChecklistOptions& options) {
  auto document = open_document(options.font_path, item.name + " 一次性告知单");
  if (!document) return document.error();
  HPDF_Font font = (*document)->font;

  TextWriter w((*document)->doc.get(), font,
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

  return save_document(**document);
}

}  // namespace tongban::pdf
