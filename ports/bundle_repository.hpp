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
#include "core/common/time.hpp"
#include "ports/store.hpp"

namespace tongban::ports {

// The parent case (one per bundle application); its progress is derived from the children.
struct BundleCaseRecord {
  std::int64_t id = 0;
  std::string number;
  std::string bundle_code;
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
  // False when a bundle with this code exists (left as it is).
  virtual bool insert_bundle(const bundles::Bundle& b, Instant at) = 0;
  virtual std::optional<bundles::Bundle> find_bundle(const std::string& code) = 0;
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

  virtual std::int64_t insert_document(const DocumentRecord& d) = 0;
  virtual std::optional<DocumentRecord> find_document(std::int64_t id) = 0;
  // Newest first.
  virtual PageOf<DocumentRecord> list_documents(std::int64_t applicant_id, PageRequest page) = 0;
};

}  // namespace tongban::ports
