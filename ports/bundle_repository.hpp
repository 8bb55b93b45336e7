// The bundles context's storage: bundle definitions, parent cases of bundle applications and
// their children, and the applicants' material library. One SQL implementation
// (adapters/repo/sql_bundles.cpp) runs on SQLite and PostgreSQL; all methods run inside the
// unit of work's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/bundles/bundle.hpp"
#include "core/bundles/desk.hpp"
#include "core/common/time.hpp"
#include "ports/store.hpp"

namespace tongban::ports {

// The parent case (one per bundle application); its progress is derived from the children.
struct BundleCaseRecord {
  std::int64_t id = 0;
  std::string number;
  std::string bundle_code;
  int bundle_version = 1;  // the version the application was made under
  std::int64_t applicant_id = 0;
  std::string delivery;            // bundles::Delivery wire name
  std::vector<std::string> items;  // the selection, in the bundle's order (stored as JSON)
  std::string form_json;           // the unified form as filled in, a JSON object
  std::int64_t created_by = 0;     // the applicant, or the clerk who applied for them
  std::optional<std::string> idempotency_key;
  std::string request_hash;
  Instant created_at{};
  std::optional<Instant> delivered_at;  // results handed out together (统一出件)
};

struct BundleVersionRecord {
  int version = 0;
  std::string name;
  std::string category;
  std::optional<std::int64_t> created_by;
  Instant created_at{};
};

struct BundleChildRecord {
  std::int64_t bundle_case_id = 0;
  std::string item_code;
  std::int64_t case_id = 0;
};

struct BundleCaseFilter {
  std::optional<std::int64_t> applicant_id;
  std::optional<std::string> region_prefix;  // some child's item region LIKE prefix%
};

// A document of an applicant's material library.
struct DocumentRecord {
  std::int64_t id = 0;
  std::int64_t applicant_id = 0;
  std::string document_key;  // bundles::document_key
  std::string name;
  std::string file_id;                     // sha256 of the upload
  std::optional<std::string> valid_until;  // YYYY-MM-DD; nullopt: no expiry
  Instant added_at{};
};

class BundleRepository {
 public:
  virtual ~BundleRepository() = default;
  // Version 1 of a new bundle (b.version is ignored). False when a bundle with this code
  // exists (left as it is). `by`: the admin; nullopt for the demo loader.
  virtual bool insert_bundle(const bundles::Bundle& b, Instant at,
                             std::optional<std::int64_t> by) = 0;
  // Stores b.version (the next one) of an existing bundle and makes it the latest.
  virtual void insert_bundle_version(const bundles::Bundle& b, std::int64_t by, Instant at) = 0;
  // The latest version (with its number).
  virtual std::optional<bundles::Bundle> find_bundle(const std::string& code) = 0;
  virtual std::optional<bundles::Bundle> find_bundle_version(const std::string& code,
                                                             int version) = 0;
  // Every version of a bundle, newest first.
  virtual std::vector<BundleVersionRecord> list_bundle_versions(const std::string& code) = 0;
  // Ordered by category, then code.
  virtual PageOf<bundles::Bundle> list_bundles(const std::optional<std::string>& category,
                                               PageRequest page) = 0;

  virtual std::int64_t insert_bundle_case(const BundleCaseRecord& c) = 0;
  virtual std::optional<BundleCaseRecord> find_bundle_case(std::int64_t id) = 0;
  // find_bundle_case that locks the row until the transaction ends.
  virtual std::optional<BundleCaseRecord> lock_bundle_case(std::int64_t id) = 0;
  virtual std::optional<BundleCaseRecord> find_bundle_case_by_key(std::int64_t created_by,
                                                                  const std::string& key) = 0;
  virtual void set_bundle_case_delivered(std::int64_t id, Instant at) = 0;
  // Newest first.
  virtual PageOf<BundleCaseRecord> list_bundle_cases(const BundleCaseFilter& f,
                                                     PageRequest page) = 0;

  // Does nothing when the child (or the parent's item) is linked already.
  virtual void insert_child(const BundleChildRecord& c) = 0;
  // In the order the children were created.
  virtual std::vector<BundleChildRecord> list_children(std::int64_t bundle_case_id) = 0;
  virtual std::optional<BundleChildRecord> find_child_by_case(std::int64_t case_id) = 0;
  // The states (CaseRecord::state) of the application's child cases, by case id.
  virtual std::vector<std::string> child_states(std::int64_t bundle_case_id) = 0;

  virtual std::int64_t insert_document(const DocumentRecord& d) = 0;
  virtual std::optional<DocumentRecord> find_document(std::int64_t id) = 0;
  // Newest first.
  virtual PageOf<DocumentRecord> list_documents(std::int64_t applicant_id, PageRequest page) = 0;

  // ---- the front desk's categories (综合窗口分类) ----
  // Every category with its items and clerks, by position then name.
  virtual std::vector<bundles::DeskCategory> list_desk_categories() = 0;
  virtual std::int64_t insert_desk_category(const bundles::DeskCategory& c, Instant at) = 0;
  // Replaces name, position, items and clerks. False when there is no such category.
  virtual bool update_desk_category(const bundles::DeskCategory& c) = 0;
  virtual bool delete_desk_category(std::int64_t id) = 0;
  // Whether a stored bundle names the category.
  virtual bool category_in_use(const std::string& name) = 0;
};

}  // namespace tongban::ports
