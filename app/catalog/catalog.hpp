// The service catalog's use cases: public reads, admin edits (each edit a new version),
// all-or-nothing import, export, the three published lists and the indicators.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/catalog/indicators.hpp"
#include "core/catalog/service_item.hpp"
#include "core/common/result.hpp"
#include "ports/catalog_repository.hpp"

namespace tongban::app {

// Public: anyone may read the catalog. Latest versions only, ordered by code.
[[nodiscard]] Result<ports::PageOf<catalog::ServiceItem>> list_items(
    const Env& env, const RequestContext& ctx, const ports::ItemFilter& filter,
    ports::PageRequest page);
// Public. The latest version, or `version`. NotFound when absent.
[[nodiscard]] Result<catalog::ServiceItem> get_item(const Env& env, const RequestContext& ctx,
                                                    const std::string& code,
                                                    std::optional<int> version);

// Admin (Permission::ManageCatalog). Stores version 1; ItemExists when the code is taken.
// ItemInvalid (validate_item) or UnknownDepartment (the item's or a post's department is not
// in the departments table), with the offending field. Audited as catalog.item.create.
[[nodiscard]] Result<catalog::ServiceItem> create_item(const Env& env, const RequestContext& ctx,
                                                       catalog::ServiceItem item);
// Admin. Stores the edit as latest + 1 (item.code must equal `code`, else InvalidArgument
// on field code); earlier versions stay readable. NotFound for an unknown code.
// Audited as catalog.item.update.
[[nodiscard]] Result<catalog::ServiceItem> update_item(const Env& env, const RequestContext& ctx,
                                                       const std::string& code,
                                                       catalog::ServiceItem item);

enum class ImportMode {
  NewVersions,  // unknown codes get version 1; changed items a new version; equal ones stay
  OnlyMissing,  // only codes not yet present are stored (the demo loader; idempotent)
};
struct ImportReport {
  int created = 0;    // new codes
  int versioned = 0;  // existing codes given a new version
  int unchanged = 0;  // existing and equal (or skipped in OnlyMissing mode)
};
// Admin. All or nothing: every item is checked (validate_item, departments, no code twice
// in the file) before anything is stored; the first problem is returned with a detail naming
// the item and a field naming what is wrong, and nothing is stored. Audited as catalog.import.
[[nodiscard]] Result<ImportReport> import_items(const Env& env, const RequestContext& ctx,
                                                const std::vector<catalog::ServiceItem>& items,
                                                ImportMode mode = ImportMode::NewVersions);
// Public (the catalog is public data). Every item's latest version, ordered by code.
[[nodiscard]] Result<std::vector<catalog::ServiceItem>> export_items(const Env& env,
                                                                     const RequestContext& ctx);

enum class CatalogList { MostOneVisit, ZeroVisit, Tolerable };  // 最多跑一次 / 一次不用跑 / 容缺
// "most-one-visit" | "zero-visit" | "tolerable".
[[nodiscard]] std::optional<CatalogList> catalog_list_from_string(std::string_view s);
// Public. The published list, optionally narrowed to one department.
[[nodiscard]] Result<ports::PageOf<catalog::ServiceItem>> list_catalog(
    const Env& env, const RequestContext& ctx, CatalogList list,
    const std::optional<std::string>& department_code, ports::PageRequest page);

// Public. REFERENCE §4 indicators per department over the latest versions.
[[nodiscard]] Result<catalog::IndicatorReport> catalog_indicators(const Env& env,
                                                                  const RequestContext& ctx);

// What the 一次性告知单 needs beside the item: the department's display name.
struct ChecklistData {
  catalog::ServiceItem item;
  std::string department_name;  // the code when the department is unknown
};
[[nodiscard]] Result<ChecklistData> checklist_data(const Env& env, const RequestContext& ctx,
                                                   const std::string& code,
                                                   std::optional<int> version);

}  // namespace tongban::app
