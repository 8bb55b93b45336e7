#include "app/catalog/catalog.hpp"

#include <set>

#include "app/audit/audit_trail.hpp"
#include "app/policy.hpp"
#include "core/catalog/validation.hpp"

namespace tongban::app {
namespace {

constexpr std::int64_t kScanPage = 200;

std::string item_target(const catalog::ServiceItem& it) {
  return "item:" + it.code + "@" + std::to_string(it.version);
}

Error audit_failure(const Env& env, const RequestContext& ctx, std::string_view action, Error e,
                    std::string_view target = {}) {
  append_audit_failure(env, ctx, action, target, e);
  return e;
}

// Every department the item names (its own and its posts') must exist.
Status check_departments(ports::UnitOfWork& uow, const catalog::ServiceItem& it) {
  auto& ids = uow.identity();
  const auto unknown = [&](const std::string& code, std::string field) -> Status {
    return Error{ErrorCode::UnknownDepartment, "item " + it.code + ": unknown department " + code,
                 std::move(field)};
  };
  if (!ids.find_department_by_code(it.department_code))
    return unknown(it.department_code, "department_code");
  for (std::size_t s = 0; s < it.steps.size(); ++s) {
    for (std::size_t p = 0; p < it.steps[s].posts.size(); ++p) {
      const auto& code = it.steps[s].posts[p].department_code;
      if (code != it.department_code && !ids.find_department_by_code(code)) {
        return unknown(code, "steps[" + std::to_string(s) + "].posts[" + std::to_string(p) +
                                 "].department_code");
      }
    }
  }
  return ok_status();
}

std::vector<catalog::ServiceItem> all_latest(ports::UnitOfWork& uow,
                                             const ports::ItemFilter& f = {}) {
  std::vector<catalog::ServiceItem> out;
  for (std::int64_t page = 1;; ++page) {
    auto p = uow.catalog().list_items(f, {page, kScanPage});
    for (auto& it : p.data) out.push_back(std::move(it));
    if (p.data.size() < static_cast<std::size_t>(kScanPage)) break;
  }
  return out;
}

Status check_page(ports::PageRequest page) {
  if (page.page < 1 || page.page_size < 1 || page.page_size > 200) {
    return Error{ErrorCode::InvalidArgument, "page >= 1, page_size 1..200", "page_size"};
  }
  return ok_status();
}

}  // namespace

Result<ports::PageOf<catalog::ServiceItem>> list_items(const Env& env, const RequestContext&,
                                                       const ports::ItemFilter& filter,
                                                       ports::PageRequest page) {
  if (auto s = check_page(page); !s) return s.error();
  ports::PageOf<catalog::ServiceItem> out;
  env.store.read([&](ports::UnitOfWork& uow) { out = uow.catalog().list_items(filter, page); });
  return out;
}

Result<catalog::ServiceItem> get_item(const Env& env, const RequestContext&,
                                      const std::string& code, std::optional<int> version) {
  std::optional<catalog::ServiceItem> out;
  env.store.read([&](ports::UnitOfWork& uow) { out = uow.catalog().find_item(code, version); });
  if (!out) return Error{ErrorCode::NotFound, "no such item or version", "code"};
  return std::move(*out);
}

Result<catalog::ServiceItem> create_item(const Env& env, const RequestContext& ctx,
                                         catalog::ServiceItem item) {
  constexpr std::string_view kAction = "catalog.item.create";
  item.version = 1;
  if (!may(ctx.actor, Permission::ManageCatalog)) {
    return audit_failure(env, ctx, kAction, Error{ErrorCode::Forbidden}, "item:" + item.code);
  }
  if (auto s = catalog::validate_item(item); !s)
    return audit_failure(env, ctx, kAction, s.error(), "item:" + item.code);
  return audited_write<catalog::ServiceItem>(
      env, ctx, kAction,
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<catalog::ServiceItem> {
        target = item_target(item);
        if (uow.catalog().find_item(item.code, std::nullopt)) {
          return Error{ErrorCode::ItemExists,
                       "item " + item.code + " exists; use PUT for a new version", "code"};
        }
        if (auto s = check_departments(uow, item); !s) return s.error();
        uow.catalog().insert_item_version(item, env.clock.now(), ctx.actor.username);
        return item;
      });
}

Result<catalog::ServiceItem> update_item(const Env& env, const RequestContext& ctx,
                                         const std::string& code, catalog::ServiceItem item) {
  constexpr std::string_view kAction = "catalog.item.update";
  if (!may(ctx.actor, Permission::ManageCatalog)) {
    return audit_failure(env, ctx, kAction, Error{ErrorCode::Forbidden}, "item:" + code);
  }
  if (item.code != code) {
    return audit_failure(env, ctx, kAction,
                         Error{ErrorCode::InvalidArgument, "code differs from the path", "code"},
                         "item:" + code);
  }
  item.version = 1;  // validated as any version; the real one is assigned below
  if (auto s = catalog::validate_item(item); !s)
    return audit_failure(env, ctx, kAction, s.error(), "item:" + code);
  return audited_write<catalog::ServiceItem>(
      env, ctx, kAction,
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<catalog::ServiceItem> {
        target = "item:" + code;
        auto latest = uow.catalog().find_item(code, std::nullopt);
        if (!latest) return Error{ErrorCode::NotFound, "no such item", "code"};
        if (auto s = check_departments(uow, item); !s) return s.error();
        auto stored = item;
        stored.version = latest->version + 1;
        target = item_target(stored);
        uow.catalog().insert_item_version(stored, env.clock.now(), ctx.actor.username);
        return stored;
      });
}

Result<ImportReport> import_items(const Env& env, const RequestContext& ctx,
                                  const std::vector<catalog::ServiceItem>& items, ImportMode mode) {
  constexpr std::string_view kAction = "catalog.import";
  if (!may(ctx.actor, Permission::ManageCatalog))
    return audit_failure(env, ctx, kAction, Error{ErrorCode::Forbidden});
  std::set<std::string> codes;
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto checked = items[i];
    checked.version = 1;
    auto s = catalog::validate_item(checked);
    if (s.ok() && !codes.insert(items[i].code).second) {
      s = Error{ErrorCode::ItemInvalid, "item " + items[i].code + ": listed twice in the file",
                "code"};
    }
    if (!s) {
      Error e = s.error();
      e.detail = "items[" + std::to_string(i) + "] " + e.detail;
      return audit_failure(env, ctx, kAction, e);
    }
  }
  return audited_write<ImportReport>(
      env, ctx, kAction, [&](ports::UnitOfWork& uow, std::string& target) -> Result<ImportReport> {
        target = "catalog:" + std::to_string(items.size()) + " items";
        ImportReport report;
        const Instant now = env.clock.now();
        for (std::size_t i = 0; i < items.size(); ++i) {
          if (auto s = check_departments(uow, items[i]); !s) {
            Error e = s.error();
            e.detail = "items[" + std::to_string(i) + "] " + e.detail;
            return e;
          }
          auto item = items[i];
          auto latest = uow.catalog().find_item(item.code, std::nullopt);
          if (latest && (mode == ImportMode::OnlyMissing || catalog::same_content(*latest, item))) {
            ++report.unchanged;
            continue;
          }
          item.version = latest ? latest->version + 1 : 1;
          uow.catalog().insert_item_version(item, now, ctx.actor.username);
          ++(latest ? report.versioned : report.created);
        }
        return report;
      });
}

Result<std::vector<catalog::ServiceItem>> export_items(const Env& env, const RequestContext&) {
  std::vector<catalog::ServiceItem> out;
  env.store.read([&](ports::UnitOfWork& uow) { out = all_latest(uow); });
  return out;
}

std::optional<CatalogList> catalog_list_from_string(std::string_view s) {
  if (s == "most-one-visit") return CatalogList::MostOneVisit;
  if (s == "zero-visit") return CatalogList::ZeroVisit;
  if (s == "tolerable") return CatalogList::Tolerable;
  return std::nullopt;
}

Result<ports::PageOf<catalog::ServiceItem>> list_catalog(
    const Env& env, const RequestContext& ctx, CatalogList list,
    const std::optional<std::string>& department_code, ports::PageRequest page) {
  ports::ItemFilter f;
  f.department_code = department_code;
  switch (list) {
    case CatalogList::MostOneVisit:
      f.max_visits = 1;
      break;
    case CatalogList::ZeroVisit:
      f.max_visits = 0;
      break;
    case CatalogList::Tolerable:
      f.tolerable_only = true;
      break;
  }
  return list_items(env, ctx, f, page);
}

Result<catalog::IndicatorReport> catalog_indicators(const Env& env, const RequestContext&) {
  std::vector<catalog::ServiceItem> items;
  env.store.read([&](ports::UnitOfWork& uow) { items = all_latest(uow); });
  return catalog::compute_indicators(items);
}

Result<ChecklistData> checklist_data(const Env& env, const RequestContext&, const std::string& code,
                                     std::optional<int> version) {
  std::optional<ChecklistData> out;
  env.store.read([&](ports::UnitOfWork& uow) {
    auto item = uow.catalog().find_item(code, version);
    if (!item) return;
    auto dept = uow.identity().find_department_by_code(item->department_code);
    out = ChecklistData{std::move(*item), dept ? dept->name : item->department_code};
  });
  if (!out) return Error{ErrorCode::NotFound, "no such item or version", "code"};
  return std::move(*out);
}

}  // namespace tongban::app
