// The integrated front desk's categories (综合窗口分类): admins create, edit and remove them,
// assign items and front clerks; the window check casework's acceptance calls. The desk view
// itself is app::desk_view (app/bundles/bundles.hpp). Rules: core/bundles/desk.hpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/bundles/desk.hpp"
#include "core/common/result.hpp"
#include "ports/store.hpp"

namespace tongban::app {

// Staff (front clerks, reviewers, heads, supervisors, admins); anyone else (applicants,
// agencies, hotline operators): forbidden.
Result<std::vector<bundles::DeskCategory>> list_desk_categories(const Env& env,
                                                                const RequestContext& ctx);

// Admins. desk_category_invalid (field path) for a rule of core/bundles/desk.hpp, a name
// another category has, an item not in the catalog (items[i]), a user who is not a front
// clerk (clerks[i]). Audited as desk_category.create / .update / .delete.
Result<bundles::DeskCategory> create_desk_category(const Env& env, const RequestContext& ctx,
                                                   const bundles::DeskCategory& c);
// Replaces the category `c.id`: not_found; desk_category_in_use when renaming a category a
// bundle names.
Result<bundles::DeskCategory> update_desk_category(const Env& env, const RequestContext& ctx,
                                                   const bundles::DeskCategory& c);
// desk_category_in_use while a bundle names it.
Status delete_desk_category(const Env& env, const RequestContext& ctx, std::int64_t id);

// For casework's acceptance, inside its transaction: outside_desk_category when `a` is a
// front clerk with categories none of which the case's item belongs to (a bundle's child
// belongs to its bundle's category too). Ok for everyone else.
Status check_window_category(ports::UnitOfWork& uow, const Actor& a, std::int64_t case_id,
                             const std::string& item_code);

// The categories the case's item belongs to (with the parent bundle's, for a child).
std::vector<std::string> case_categories(ports::UnitOfWork& uow,
                                         const std::vector<bundles::DeskCategory>& cats,
                                         const std::vector<bundles::Bundle>& all,
                                         std::int64_t case_id, const std::string& item_code);

}  // namespace tongban::app
