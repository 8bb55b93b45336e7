#include "app/desk/desk.hpp"

#include <algorithm>

#include "app/audit/audit_trail.hpp"
#include "app/policy.hpp"
#include "core/identity/role.hpp"
#include "ports/bundle_repository.hpp"
#include "ports/catalog_repository.hpp"

namespace tongban::app {

using identity::Role;

namespace {

std::string target_of(std::int64_t id) { return "desk_category:" + std::to_string(id); }

std::vector<bundles::Bundle> all_bundles(ports::UnitOfWork& uow) {
  return uow.bundles().list_bundles(std::nullopt, {1, 1000}).data;
}

// Everything about `c` that needs storage: unique name, items in the catalog, clerks who are
// front clerks.
Status check_against_store(ports::UnitOfWork& uow, const bundles::DeskCategory& c) {
  if (auto s = bundles::validate_category(c); !s) return s;
  for (const auto& other : uow.bundles().list_desk_categories()) {
    if (other.id != c.id && other.name == c.name)
      return Error{ErrorCode::DeskCategoryInvalid, "another category has this name", "name"};
  }
  for (std::size_t i = 0; i < c.items.size(); ++i) {
    if (!uow.catalog().find_item(c.items[i]))
      return Error{ErrorCode::DeskCategoryInvalid, "no such item: " + c.items[i],
                   "items[" + std::to_string(i) + "]"};
  }
  for (std::size_t i = 0; i < c.clerks.size(); ++i) {
    auto u = uow.identity().find_user(c.clerks[i]);
    if (!u || u->role != identity::role_name(Role::FrontClerk))
      return Error{ErrorCode::DeskCategoryInvalid, "not a front clerk",
                   "clerks[" + std::to_string(i) + "]"};
  }
  return ok_status();
}

std::optional<bundles::DeskCategory> find(ports::UnitOfWork& uow, std::int64_t id) {
  for (auto& c : uow.bundles().list_desk_categories())
    if (c.id == id) return std::move(c);
  return std::nullopt;
}

}  // namespace

Result<std::vector<bundles::DeskCategory>> list_desk_categories(const Env& env,
                                                                const RequestContext& ctx) {
  const auto& a = ctx.actor;
  if (!a.signed_in() || !a.role) return Error{ErrorCode::Unauthenticated};
  if (!is_staff(a)) return Error{ErrorCode::Forbidden};
  std::vector<bundles::DeskCategory> out;
  env.store.read([&](ports::UnitOfWork& uow) { out = uow.bundles().list_desk_categories(); });
  return out;
}

Result<bundles::DeskCategory> create_desk_category(const Env& env, const RequestContext& ctx,
                                                   const bundles::DeskCategory& c) {
  return audited_write<bundles::DeskCategory>(
      env, ctx, "desk_category.create",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<bundles::DeskCategory> {
        target = "desk_category:" + c.name;
        if (!ctx.actor.is(Role::Admin)) return Error{ErrorCode::Forbidden};
        auto stored = c;
        stored.id = 0;
        if (auto s = check_against_store(uow, stored); !s) return s.error();
        stored.id = uow.bundles().insert_desk_category(stored, env.clock.now());
        target = target_of(stored.id);
        return stored;
      });
}

Result<bundles::DeskCategory> update_desk_category(const Env& env, const RequestContext& ctx,
                                                   const bundles::DeskCategory& c) {
  return audited_write<bundles::DeskCategory>(
      env, ctx, "desk_category.update",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<bundles::DeskCategory> {
        target = target_of(c.id);
        if (!ctx.actor.is(Role::Admin)) return Error{ErrorCode::Forbidden};
        auto old = find(uow, c.id);
        if (!old) return Error{ErrorCode::NotFound, "no such category"};
        if (auto s = check_against_store(uow, c); !s) return s.error();
        if (old->name != c.name && uow.bundles().category_in_use(old->name))
          return Error{ErrorCode::DeskCategoryInUse, old->name + " is named by a bundle", "name"};
        uow.bundles().update_desk_category(c);
        return c;
      });
}

Status delete_desk_category(const Env& env, const RequestContext& ctx, std::int64_t id) {
  auto r = audited_write<bool>(
      env, ctx, "desk_category.delete",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<bool> {
        target = target_of(id);
        if (!ctx.actor.is(Role::Admin)) return Error{ErrorCode::Forbidden};
        auto old = find(uow, id);
        if (!old) return Error{ErrorCode::NotFound, "no such category"};
        if (uow.bundles().category_in_use(old->name))
          return Error{ErrorCode::DeskCategoryInUse, old->name + " is named by a bundle"};
        uow.bundles().delete_desk_category(id);
        return true;
      });
  if (!r) return r.error();
  return ok_status();
}

std::vector<std::string> case_categories(ports::UnitOfWork& uow,
                                         const std::vector<bundles::DeskCategory>& cats,
                                         const std::vector<bundles::Bundle>& all,
                                         std::int64_t case_id, const std::string& item_code) {
  auto out = bundles::item_categories(item_code, cats, all);
  if (auto link = uow.bundles().find_child_by_case(case_id)) {
    if (auto parent = uow.bundles().find_bundle_case(link->bundle_case_id)) {
      // The version the application was made under.
      auto b = uow.bundles().find_bundle_version(parent->bundle_code, parent->bundle_version);
      if (b && std::find(out.begin(), out.end(), b->category) == out.end())
        out.push_back(b->category);
    }
  }
  return out;
}

Status check_window_category(ports::UnitOfWork& uow, const Actor& a, std::int64_t case_id,
                             const std::string& item_code) {
  if (!a.is(Role::FrontClerk) || !a.user_id) return ok_status();
  const auto cats = uow.bundles().list_desk_categories();
  const auto mine = bundles::clerk_categories(*a.user_id, cats);
  if (mine.empty()) return ok_status();
  return bundles::check_clerk_category(
      mine, case_categories(uow, cats, all_bundles(uow), case_id, item_code), item_code);
}

}  // namespace tongban::app
