// Bundle use cases (一件事): the public bundle catalogue with its before/after figures,
// applying for a bundle (one parent case, one child case per selected item, created through
// the casework use cases so each child runs in its department like any case), the parent's
// combined view, unified delivery (统一出件) and the applicants' material library.
//
// Applying, in order: (1) one write transaction checks everything — bundle, selection, the
// unified form, every document (uploads of the applicant, library entries still valid) —
// and stores the parent case and new library entries, audited as bundle.apply; a refusal
// stores nothing. (2) Each child is submitted through app::submit_case with the idempotency
// key "bundle-case:<parent id>:<item code>" and linked to the parent. Should (2) stop half way
// (a crash, a lost connection), repeating the request with the same Idempotency-Key replays
// the parent and submits the missing children only.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/casework/cases.hpp"
#include "app/context.hpp"
#include "core/bundles/bundle.hpp"
#include "core/common/result.hpp"
#include "ports/bundle_repository.hpp"

namespace tongban::app {

// ---- the bundle catalogue (public) ----------------------------------------------------

struct BundleSummary {
  bundles::Bundle bundle;
  bundles::Figures figures;  // over every item of the bundle
};
// Ordered by category, then code.
Result<ports::PageOf<BundleSummary>> list_bundles(const Env& env,
                                                  const std::optional<std::string>& category,
                                                  ports::PageRequest page);

struct BundleDetail {
  bundles::Bundle bundle;
  bundles::ItemIndex items;            // latest catalog versions of the bundle's items
  std::vector<std::string> selection;  // what the materials and figures are computed over
  bundles::MaterialList materials;
  bundles::Figures figures;
};
// Over every item, or over a selection (the required items plus `chosen`, as an application
// would be: the wizard's 套餐). not_found for an unknown code; item_not_in_bundle.
Result<BundleDetail> get_bundle(const Env& env, const std::string& code,
                                const std::optional<std::vector<std::string>>& chosen = {});

struct BundleImportReport {
  int created = 0;
  int present = 0;  // a bundle with that code exists (left alone)
};
// Admin (the catalog permission). All or nothing: every bundle is validated against the
// latest catalog (bundle_invalid naming bundles[i]) before any is stored. Audited as
// bundle.import.
Result<BundleImportReport> import_bundles(const Env& env, const RequestContext& ctx,
                                          const std::vector<bundles::Bundle>& list);

// ---- applying -------------------------------------------------------------------------

// One document of the unified material list: a new upload, or an entry of the applicant's
// library (reused only while valid).
struct DocumentRef {
  std::string document_key;                // bundles::document_key, as GET /bundles/{code} lists
  std::optional<std::string> file_id;      // a new upload (sha256)
  std::optional<std::string> valid_until;  // for a new upload: kept in the library with it
  std::optional<std::int64_t> library_id;  // reuse an entry of the library instead
};

struct BundleApplication {
  std::string bundle_code;
  std::vector<std::string> items;  // optional items chosen (required ones are always in)
  bundles::FieldValues form;       // the unified form
  std::map<std::string, bundles::FieldValues> item_fields;  // item-specific fields
  std::vector<DocumentRef> documents;
  std::string delivery = "together";         // together (统一出件) | separately
  std::optional<std::int64_t> applicant_id;  // a clerk applying for an applicant
  std::optional<std::string> idempotency_key;
  std::string request_hash;
};

struct BundleChild {
  std::string item_code;
  CaseDetail detail;
};

struct BundleCaseDetail {
  ports::BundleCaseRecord c;
  std::string bundle_name;
  std::vector<BundleChild> children;  // in the bundle's order
  bundles::Progress progress;
};

struct BundleApplied {
  BundleCaseDetail detail;
  bool replayed = false;
};

// Applicants for themselves, front clerks for a named applicant (items within their
// region, case_not_in_scope otherwise). Errors, each storing nothing: not_found (bundle),
// item_not_in_bundle, validation_failed (form, documents, delivery), field_conflict,
// document_expired, idempotency_conflict.
Result<BundleApplied> apply_bundle(const Env& env, const RequestContext& ctx,
                                   const BundleApplication& in);

// The applicant (their own; not_found for another's) and staff who may see one of the
// children.
Result<BundleCaseDetail> get_bundle_case(const Env& env, const RequestContext& ctx,
                                         std::int64_t id);
// Applicants: their own; front clerks: parents with a child in their region; supervisors
// and admins: all. Newest first.
Result<ports::PageOf<ports::BundleCaseRecord>> list_bundle_cases(const Env& env,
                                                                 const RequestContext& ctx,
                                                                 ports::PageRequest page);

// 一窗受理 of a whole application by a front clerk: accepts every child still submitted, in
// the bundle's order, each through app::accept_case (its own transaction and audit entry;
// materials as handed in). Stops at the first refusal and returns it (children accepted
// before stay accepted; calling again continues).
Result<BundleCaseDetail> accept_bundle_case(const Env& env, const RequestContext& ctx,
                                            std::int64_t id);

// 统一出件 by a front clerk: every decided child is handed out at once, when every child
// has ended (bundle_not_complete before). Audited as bundle.deliver; each child's delivery
// is its own case.deliver.
Result<BundleCaseDetail> deliver_bundle_case(const Env& env, const RequestContext& ctx,
                                             std::int64_t id, const Delivery& d);

// Whether a single child may be handed out now: a child of a parent delivered together
// waits for its siblings (bundle_not_complete). Ok for cases outside any bundle.
// For deliver_case (app/casework) to call inside its transaction.
Status check_child_delivery(ports::UnitOfWork& uow, std::int64_t case_id);

// ---- the integrated front desk ---------------------------------------------------------

// One category window (综合窗口) of the front desk: its items (those of its bundles), the
// cases waiting to be accepted, the decided cases waiting to be handed out, and the bundle
// applications ready for 统一出件 — all within the clerk's region.
struct DeskView {
  std::string category;
  std::vector<std::string> categories;  // every category, for the desk's tabs
  std::vector<std::string> items;
  std::vector<CaseListEntry> to_accept;          // submitted
  std::vector<CaseListEntry> to_hand_out;        // approved or denied
  std::vector<BundleCaseDetail> ready_together;  // parents completed, delivery together
};
// Front clerks, supervisors and admins (forbidden otherwise). An empty category means the
// first one; not_found for a category no bundle has.
Result<DeskView> desk_view(const Env& env, const RequestContext& ctx, const std::string& category);

// ---- the material library -------------------------------------------------------------

struct NewDocument {
  std::string document_key;
  std::string name;
  std::string file_id;
  std::optional<std::string> valid_until;  // YYYY-MM-DD
};
// Applicants only, their own uploads. validation_failed for a file that is not theirs or a
// malformed date; document_expired for a date already past. Audited as document.add.
Result<ports::DocumentRecord> add_document(const Env& env, const RequestContext& ctx,
                                           const NewDocument& in);
// Applicants: their own. Front clerks: the named applicant's (what is already on file, so the
// window asks only for the rest); validation_failed without one.
Result<ports::PageOf<ports::DocumentRecord>> list_documents(
    const Env& env, const RequestContext& ctx, ports::PageRequest page,
    std::optional<std::int64_t> applicant_id = std::nullopt);

}  // namespace tongban::app
