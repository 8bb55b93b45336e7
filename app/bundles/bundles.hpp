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
#include "core/bundles/library.hpp"
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
// `version`: an earlier version (not_found when there is none); default: the latest.
Result<BundleDetail> get_bundle(const Env& env, const std::string& code,
                                const std::optional<std::vector<std::string>>& chosen = {},
                                std::optional<int> version = std::nullopt);

struct BundleImportReport {
  int created = 0;
  int present = 0;  // a bundle with that code exists (left alone)
};
// Admin (the catalog permission). All or nothing: every bundle is validated against the
// latest catalog (bundle_invalid naming bundles[i]) before any is stored. Audited as
// bundle.import.
Result<BundleImportReport> import_bundles(const Env& env, const RequestContext& ctx,
                                          const std::vector<bundles::Bundle>& list);

// The bundle editor (admins, the catalog permission). Without `base_version`: a new bundle
// (bundle_exists when the code is taken), stored as version 1. With it: the next version of
// an existing bundle (not_found; conflict when `base_version` is no longer the latest —
// another admin saved meanwhile). Versions are immutable; applications keep the version they
// were made under. bundle_invalid (field path) for validate_bundle's rules against the latest
// catalog and for a category that is not a desk category. Audited as bundle.create /
// bundle.version. Returns the stored bundle with its version number.
Result<bundles::Bundle> save_bundle(const Env& env, const RequestContext& ctx,
                                    const bundles::Bundle& in, std::optional<int> base_version);
// Newest first; not_found for an unknown code. Public, as the catalogue.
Result<std::vector<ports::BundleVersionRecord>> list_bundle_versions(const Env& env,
                                                                     const std::string& code);

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
  bool masked = true;  // staff see the form's personal fields masked (as a case's)
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

// ---- the integrated front desk ---------------------------------------------------------

// The integrated front desk (综合窗口): the cases waiting to be accepted, the decided cases
// waiting to be handed out and the bundle applications ready for 统一出件, of one category or
// of all the categories the actor works in — all within the clerk's region. A category's items
// are those assigned to it and those of its bundles (core/bundles/desk.hpp).
struct DeskEntry {
  CaseListEntry e;
  std::string category;  // the window it belongs to
};
struct DeskView {
  std::string category;                 // empty: every category of `categories`
  std::vector<std::string> categories;  // the clerk's (all of them for general clerks)
  bool general = false;                 // a clerk without categories (全科受理)
  std::vector<std::string> items;
  std::vector<DeskEntry> to_accept;              // submitted
  std::vector<DeskEntry> to_hand_out;            // approved or denied
  std::vector<BundleCaseDetail> ready_together;  // parents completed, delivery together
};
// Front clerks, supervisors and admins (forbidden otherwise). An empty category means every
// category the actor sees; not_found for a category that does not exist;
// outside_desk_category for one the clerk is not assigned to.
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

// Hand it in once: for each document of the bundle's selection (as get_bundle computes it),
// what the applicant already has on file — the newest still valid document from the library
// or from any earlier application (a case of any item, bundle or not), else the newest
// expired one (to be handed in anew). Applicants: their own; front clerks: the named
// applicant's (validation_failed without one); others: forbidden. `version`: the bundle
// version an application pinned (default: the latest). Errors of get_bundle.
struct OnFileView {
  std::vector<bundles::UnifiedDocument> documents;
  std::vector<bundles::OnFile> on_file;  // one per document, same order
};
Result<OnFileView> documents_on_file(const Env& env, const RequestContext& ctx,
                                     const std::string& code,
                                     const std::optional<std::vector<std::string>>& chosen,
                                     std::optional<std::int64_t> applicant_id,
                                     std::optional<int> version = std::nullopt);

}  // namespace tongban::app
