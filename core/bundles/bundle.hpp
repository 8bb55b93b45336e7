// Bundles (一件事 / 一事通办): several service items applied for together as one life event,
// with one unified form, one material list and one committed limit. Pure values and rules
// over catalog items; no I/O. The rules are written down in docs/bundles.md.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/statutory_clock.hpp"
#include "core/catalog/service_item.hpp"
#include "core/common/result.hpp"
#include "core/common/time.hpp"

namespace tongban::bundles {

// A material of an item that the applicant is not asked for inside the bundle: replaced by
// the unified form (by == kCoveredByForm) or produced by another item of the bundle (by ==
// that item's code; asked for again when that item is not selected).
inline constexpr std::string_view kCoveredByForm = "form";
struct CoveredMaterial {
  std::string material_code;
  std::string by;
};

struct BundleItem {
  std::string item_code;
  bool optional = false;  // 套餐: the applicant may leave it out
  std::vector<CoveredMaterial> covered;
  // The fields of the item's case form (申请表) the bundle knows, e.g. company_name. When
  // listed, the unified form lands only on these; empty: not declared (not checked).
  std::vector<std::string> form_fields;
};

// Where one field of the unified form lands: the field `field` of the item's case form.
struct FieldTarget {
  std::string item_code;
  std::string field;
};

struct FormField {
  std::string key;  // the unified form's field name
  std::string label;
  bool required = false;
  std::vector<FieldTarget> targets;
};

struct Bundle {
  std::string code;      // [a-z0-9-], e.g. "business-start"
  std::string name;      // e.g. 企业开办
  std::string category;  // the front desk's category, e.g. 商事登记
  std::string description;
  std::vector<BundleItem> items;
  std::vector<FormField> fields;
  calendar::Budget committed_limit;  // for the bundle as a whole (children run in parallel)
  // Storage's, not the definition's: versions are immutable, an application pins the version
  // it was made under, and an edit adds the next version (docs/bundles.md §10).
  int version = 1;
};

// The bundle's items as found in the catalog (latest versions), looked up by code.
using ItemIndex = std::map<std::string, catalog::ServiceItem>;

// bundle_invalid (field = the path, e.g. "items[2].item_code") for: empty or malformed code,
// empty name or category, no items, an item twice, an item missing from `catalog`, a covered
// material the item does not have or covered by an item outside the bundle (or itself), an
// item's form field empty or listed twice, a form field without key or label or targets, a
// key that is not [a-z][a-z0-9_]*, a key twice, a target outside the bundle, a target field
// the item does not have (when the item lists its form fields), two fields landing on one
// item field, and a committed limit that is not positive, not in working days or hours,
// shorter than the slowest item's committed limit (children run in parallel) or longer than
// the items' limits added up (nothing gained). Items in natural days cannot be compared and
// are refused.
[[nodiscard]] Status validate_bundle(const Bundle& b, const ItemIndex& catalog);

// The items of an application: every required item plus the optional ones chosen, in the
// bundle's order. item_not_in_bundle for a chosen code outside the bundle; validation_failed
// for a code chosen twice.
[[nodiscard]] Result<std::vector<std::string>> resolve_selection(
    const Bundle& b, const std::vector<std::string>& chosen);

// "The same document": two materials are one document when their identity keys are equal.
// The key is the certificate type when the material names one (营业执照, 居民身份证: the same
// certificate whatever the item calls it), otherwise the material's name; both normalised
// (whitespace dropped, full-width brackets and parentheses made ASCII).
[[nodiscard]] std::string document_key(const catalog::Material& m);

struct MaterialUse {
  std::string item_code;
  std::string material_code;
};

// One document of the bundle's material list, asked for once for every item that needs it.
struct UnifiedDocument {
  std::string key;  // document_key
  std::string name;
  catalog::MaterialSource source = catalog::MaterialSource::ApplicantUpload;
  std::string certificate_type;
  bool required = false;  // required by at least one selected item
  std::vector<MaterialUse> uses;
};

struct MaterialList {
  std::vector<UnifiedDocument> documents;  // in order of first appearance
  std::vector<MaterialUse> covered;        // not asked for (form or another selected item)
  bool unified_form = false;               // the unified form replaces at least one material
};

// REQUIRES: validate_bundle(b, catalog) is ok and every code of `selection` is in both.
[[nodiscard]] MaterialList unify_materials(const Bundle& b, const ItemIndex& catalog,
                                           const std::vector<std::string>& selection);

// Before/after, computed from the catalog: documents (every material an item's checklist
// lists, item by item, vs the bundle's documents plus the unified form), visits (sum vs the
// most any one item needs: one window handles them all) and limits in working days (sum of
// the items' committed limits vs the bundle's; hours count 8 to the day).
struct Figures {
  int items = 0;
  int documents_separate = 0;
  int documents_bundle = 0;
  int visits_separate = 0;
  int visits_bundle = 0;
  double limit_separate_days = 0;
  double limit_bundle_days = 0;
};
// REQUIRES: as unify_materials.
[[nodiscard]] Figures compute_figures(const Bundle& b, const ItemIndex& catalog,
                                      const std::vector<std::string>& selection);
// Over every item of the bundle.
[[nodiscard]] std::vector<std::string> all_items(const Bundle& b);

// The unified form's values turned into each selected item's case form fields.
using FieldValues = std::map<std::string, std::string>;  // field → value
struct ItemForms {
  std::map<std::string, FieldValues> by_item;  // item code → its form fields
};
// `values`: the unified form (key → value); `extra`: item-specific fields (item → field →
// value) for fields the unified form does not cover. validation_failed (field "form.<key>")
// for an unknown key or a missing required field or an extra field the item does not declare
// (field "item_fields.<item>.<field>", when it declares its form fields),
// item_not_in_bundle for extra fields of an item not selected, field_conflict (field
// "items.<item>.<field>") when an extra field lands where a unified field already put a different
// value.
[[nodiscard]] Result<ItemForms> item_forms(const Bundle& b,
                                           const std::vector<std::string>& selection,
                                           const FieldValues& values,
                                           const std::map<std::string, FieldValues>& extra);

// ---- the integrated front desk -----------------------------------------------------------

// The desk categories (综合窗口: 投资建设, 商事登记 …) are the bundles' categories; a category's
// items are the items of its bundles, each once, in bundle order. Sorted distinct categories:
[[nodiscard]] std::vector<std::string> categories(const std::vector<Bundle>& all);
[[nodiscard]] std::vector<std::string> category_items(const std::vector<Bundle>& all,
                                                      const std::string& category);

// ---- the parent case ------------------------------------------------------------------

enum class Delivery { Together, Separately };          // 统一出件 / one by one
[[nodiscard]] std::string_view to_string(Delivery d);  // together | separately
[[nodiscard]] std::optional<Delivery> delivery_from_string(std::string_view s);

// Combined progress from the children's case states (casework wire names).
struct Progress {
  int children = 0;
  int decided = 0;    // approved, denied or delivered
  int delivered = 0;  // delivered
  int ended = 0;      // decided, or closed without a decision (refused, withdrawn, returned)
  // in_progress | completed (every child ended) | delivered (and every decided child handed out)
  std::string state;
};
[[nodiscard]] Progress progress(const std::vector<std::string>& child_states);

// How one child stands for delivery (the parent's per-child view): "delivered"; "held"
// (decided, waiting for 统一出件 — an instant item of a together application included);
// "ready" (decided, handed out on its own: one-by-one delivery); "open" (not decided yet);
// "closed" (ended without a decision: refused, withdrawn, returned).
[[nodiscard]] std::string_view child_delivery(Delivery mode, std::string_view state);

// Whether a child decided at the window (an instant item, 即办件) is handed out there and then:
// yes unless the application's results go out together (then it waits for 统一出件).
[[nodiscard]] bool deliver_at_once(std::optional<Delivery> mode);

// 统一出件: the results go out together once every child has ended and some decision
// awaits delivery; bundle_not_complete while a child is still open, invalid_transition when
// nothing is left to hand out.
[[nodiscard]] Status check_delivery_together(const std::vector<std::string>& child_states);
// A child of a parent delivered together is not handed out alone (bundle_not_complete while
// any sibling is still open).
[[nodiscard]] Status check_child_delivery(Delivery mode,
                                          const std::vector<std::string>& sibling_states);

// A document reused from the applicant's library must still be valid on `today` (the day
// itself counts): document_expired otherwise.
[[nodiscard]] Status check_validity(const std::optional<Date>& valid_until, Date today);

}  // namespace tongban::bundles
