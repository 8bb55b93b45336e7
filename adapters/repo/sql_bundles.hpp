// Bundles, their parent cases and children, and the material library
// (ports/bundle_repository.hpp).
#pragma once

#include "adapters/repo/sql_personal_data.hpp"
#include "ports/bundle_repository.hpp"
#include "ports/database.hpp"

namespace tongban::repo {

class SqlBundleRepository final : public ports::BundleRepository {
 public:
  // bundle_cases.form_json is sealed with `keys.box` (sql_personal_data.hpp).
  SqlBundleRepository(ports::Tx& tx, const PersonalDataKeys& keys) : tx_(tx), keys_(keys) {}
  bool insert_bundle(const bundles::Bundle& b, Instant at, std::optional<std::int64_t> by) override;
  void insert_bundle_version(const bundles::Bundle& b, std::int64_t by, Instant at) override;
  std::optional<bundles::Bundle> find_bundle(const std::string& code) override;
  std::optional<bundles::Bundle> find_bundle_version(const std::string& code, int version) override;
  std::vector<ports::BundleVersionRecord> list_bundle_versions(const std::string& code) override;
  ports::PageOf<bundles::Bundle> list_bundles(const std::optional<std::string>& category,
                                              ports::PageRequest page) override;

  std::int64_t insert_bundle_case(const ports::BundleCaseRecord& c) override;
  std::optional<ports::BundleCaseRecord> find_bundle_case(std::int64_t id) override;
  std::optional<ports::BundleCaseRecord> lock_bundle_case(std::int64_t id) override;
  std::optional<ports::BundleCaseRecord> find_bundle_case_by_key(std::int64_t created_by,
                                                                 const std::string& key) override;
  void set_bundle_case_delivered(std::int64_t id, Instant at) override;
  ports::PageOf<ports::BundleCaseRecord> list_bundle_cases(const ports::BundleCaseFilter& f,
                                                           ports::PageRequest page) override;

  void insert_child(const ports::BundleChildRecord& c) override;
  std::vector<ports::BundleChildRecord> list_children(std::int64_t bundle_case_id) override;
  std::optional<ports::BundleChildRecord> find_child_by_case(std::int64_t case_id) override;
  std::vector<std::string> child_states(std::int64_t bundle_case_id) override;

  std::int64_t insert_document(const ports::DocumentRecord& d) override;
  std::optional<ports::DocumentRecord> find_document(std::int64_t id) override;
  ports::PageOf<ports::DocumentRecord> list_documents(std::int64_t applicant_id,
                                                      ports::PageRequest page) override;

  std::vector<bundles::DeskCategory> list_desk_categories() override;
  std::int64_t insert_desk_category(const bundles::DeskCategory& c, Instant at) override;
  bool update_desk_category(const bundles::DeskCategory& c) override;
  bool delete_desk_category(std::int64_t id) override;
  bool category_in_use(const std::string& name) override;

 private:
  void replace_category_members(const bundles::DeskCategory& c);
  ports::Tx& tx_;
  const PersonalDataKeys& keys_;
};

}  // namespace tongban::repo
