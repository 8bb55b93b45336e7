// GET /api/v1/cases/{id}/decision.pdf: the decision document (准予/不予行政许可决定书) as an A4
// PDF with a QR code that opens the public check of the decision (renderer: adapters/pdf).

#include "adapters/http/api/api.hpp"
#include "adapters/pdf/checklist_pdf.hpp"
#include "adapters/pdf/decision_pdf.hpp"
#include "app/casework/cases.hpp"
#include "core/calendar/work_calendar.hpp"

namespace tongban::http {

void add_decision_document_routes(Router& r, const app::Env& env, const ApiOptions& options) {
  r.add("GET", "/api/v1/cases/{id}/decision.pdf", Access::SignedIn,
        [env, base = options.public_base_url](Call& call) {
          auto id = id_param(call.req, "id");
          if (!id) return HttpResponse::error(id.error(), call.req);
          auto c = app::get_case(env, call.ctx, *id);  // scope: as reading the case
          if (!c) return HttpResponse::error(c.error(), call.req);
          const auto& k = c->c;
          if (!k.decision || !k.decision_number || !k.decided_at) {
            return HttpResponse::error(Error{ErrorCode::InvalidTransition, "no decision yet"},
                                       call.req);
          }
          const bool approve = *k.decision == "approve";
          pdf::DecisionText t;
          t.title = approve ? "准予行政许可决定书" : "不予行政许可决定书";
          t.check_url = base + "/api/v1/public/decisions/" + *k.decision_number;
          t.fields = {{"决定书编号", *k.decision_number},
                      {"办件编号", k.number},
                      {"事项", k.item_name + "（" + k.item_code + "）"},
                      {"决定", approve ? "准予许可" : "不予许可"},
                      {"理由", k.decision_reason},
                      {"法律依据", k.legal_basis},
                      {"实施机关", k.department_code},
                      {"决定日期", format_date(calendar::to_local_date(*k.decided_at))}};
          auto doc = pdf::render_decision(t, std::string(pdf::kDefaultCjkFont));
          if (!doc) return HttpResponse::error(doc.error(), call.req);
          auto res = HttpResponse::text(200, std::move(*doc), "application/pdf");
          res.headers["Content-Disposition"] = "inline; filename=\"decision-" + k.number + ".pdf\"";
          return res;
        });
}

}  // namespace tongban::http
