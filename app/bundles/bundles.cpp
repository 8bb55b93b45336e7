#include "app/bundles/bundles.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "app/audit/audit_trail.hpp"
#include "app/casework/personal_data.hpp"
#include "app/desk/desk.hpp"
#include "app/policy.hpp"
#include "core/calendar/work_calendar.hpp"
#include "core/casework/rules.hpp"
#include "core/common/json_writer.hpp"
#include "core/identity/role.hpp"
#include "ports/catalog_repository.hpp"
#include "ports/file_store.hpp"

namespace tongban::app {

using identity::Role;

namespace {

constexpr std::string_view kApply = "bundle.apply";

std::string bundle_target(const std::string& code) { return "bundle:" + code; }
std::string bundle_case_target(std::int64_t id) { return "bundle_case:" + std::to_string(id); }

// The latest catalog versions of the bundle's items; missing ones are simply absent.
bundles::ItemIndex load_items(ports::UnitOfWork& uow, const bundles::Bundle& b) {
  bundles::ItemIndex idx;
  for (const auto& e : b.items) {
    if (auto it = uow.catalog().find_item(e.item_code)) idx.emplace(e.item_code, std::move(*it));
  }
  return idx;
}

void write_fields(JsonWriter& w, const bundles::FieldValues& v) {
  w.object();
  for (const auto& [k, val] : v) w.field(std::string_view(k), val);
  w.end_object();
}

std::string fields_json(const bundles::FieldValues& v) {
  JsonWriter w;
  write_fields(w, v);
  return std::move(w).take();
}

std::string application_json(const BundleApplication& in) {
  JsonWriter w;
  w.object().key("form");
  write_fields(w, in.form);
  w.key("items").object();
  for (const auto& [code, fields] : in.item_fields) {
    w.key(std::string_view(code));
    write_fields(w, fields);
  }
  return std::move(w.end_object().end_object()).take();
}

bool is_hex64(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char ch) {
           return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
         });
}

// What one child is submitted with.
struct ChildPlan {
  std::string item_code;
  std::string form_json;
  std::vector<MaterialRef> materials;
};

struct Checked {
  ports::BundleCaseRecord parent;
  std::vector<ChildPlan> children;
  std::vector<ports::DocumentRecord> new_documents;  // uploads to keep in the library
  bool replayed = false;
};

// Everything apply_bundle checks before it stores anything. `applicant_id` is resolved.
Result<Checked> check_application(const Env& env, ports::UnitOfWork& uow, const Actor& a,
                                  const Applicant& applicant, const BundleApplication& in) {
  const std::int64_t applicant_id = applicant.id;
  auto b = uow.bundles().find_bundle(in.bundle_code);
  if (!b) return Error{ErrorCode::NotFound, "no such bundle"};
  auto selection = bundles::resolve_selection(*b, in.items);
  if (!selection) return selection.error();
  const auto items = load_items(uow, *b);
  if (auto s = bundles::validate_bundle(*b, items); !s) return s.error();
  const auto delivery = bundles::delivery_from_string(in.delivery);
  if (!delivery)
    return Error{ErrorCode::ValidationFailed, "delivery is together or separately", "delivery"};
  // Every child must be one submit_case accepts: items serving this kind of applicant.
  for (const auto& code : *selection) {
    if (auto s = casework::check_service_object(items.at(code), applicant.organisation); !s) {
      Error e = s.error();
      e.detail = code + ": " + e.detail;
      e.field = "items";
      return e;
    }
  }
  if (a.is(Role::FrontClerk)) {
    for (const auto& code : *selection) {
      if (!(a.region_code && casework::region_within(items.at(code).region_code, *a.region_code)))
        return Error{ErrorCode::CaseNotInScope, "item outside the clerk's region: " + code};
    }
    // A clerk of some categories applies for the bundles of those categories only.
    const auto mine = bundles::clerk_categories(*a.user_id, uow.bundles().list_desk_categories());
    if (!mine.empty() && std::find(mine.begin(), mine.end(), b->category) == mine.end())
      return Error{ErrorCode::OutsideDeskCategory, b->code + " belongs to " + b->category};
  }
  auto forms = bundles::item_forms(*b, *selection, in.form, in.item_fields);
  if (!forms) return forms.error();

  // Documents: each names a document of the unified list, once.
  const auto list = bundles::unify_materials(*b, items, *selection);
  const Date today = calendar::to_local_date(env.clock.now());
  Checked out;
  std::map<std::string, std::string> file_of;  // document key → file id
  // A file submit_case will accept: uploaded by the applicant or by the acting clerk.
  auto usable = [&](const std::string& file_id) {
    return is_hex64(file_id) && (uow.files().find_upload(file_id, applicant_id) ||
                                 (a.user_id && uow.files().find_upload(file_id, *a.user_id)));
  };
  for (const auto& ref : in.documents) {
    const auto doc =
        std::find_if(list.documents.begin(), list.documents.end(),
                     [&](const bundles::UnifiedDocument& d) { return d.key == ref.document_key; });
    if (doc == list.documents.end())
      return Error{ErrorCode::ValidationFailed,
                   "not a document of this selection: " + ref.document_key, "documents"};
    if (file_of.count(ref.document_key))
      return Error{ErrorCode::ValidationFailed, "document listed twice: " + ref.document_key,
                   "documents"};
    if (ref.library_id.has_value() == ref.file_id.has_value())
      return Error{ErrorCode::ValidationFailed, "a document is a file_id or a library_id",
                   "documents"};
    std::optional<Date> valid_until;
    if (ref.valid_until) {
      valid_until = parse_date(*ref.valid_until);
      if (!valid_until)
        return Error{ErrorCode::ValidationFailed, "valid_until is YYYY-MM-DD", "documents"};
    }
    if (ref.library_id) {
      auto entry = uow.bundles().find_document(*ref.library_id);
      if (!entry || entry->applicant_id != applicant_id)
        return Error{ErrorCode::ValidationFailed, "no such library document", "documents"};
      if (entry->valid_until) valid_until = parse_date(*entry->valid_until);
      if (auto s = bundles::check_validity(valid_until, today); !s) {
        return Error{
            ErrorCode::DocumentExpired,
            entry->name + " (library " + std::to_string(entry->id) + ") " + s.error().detail,
            "documents"};
      }
      if (!usable(entry->file_id))
        return Error{ErrorCode::ValidationFailed, "library file not usable here", "documents"};
      file_of[ref.document_key] = entry->file_id;
      continue;
    }
    if (auto s = bundles::check_validity(valid_until, today); !s) return s.error();
    if (!usable(*ref.file_id))
      return Error{ErrorCode::ValidationFailed, "unknown file " + *ref.file_id, "documents"};
    file_of[ref.document_key] = *ref.file_id;
    out.new_documents.push_back(
        {0, applicant_id, doc->key, doc->name, *ref.file_id, ref.valid_until, env.clock.now()});
  }
  for (const auto& code : *selection) {
    ChildPlan plan{code, fields_json(forms->by_item.at(code)), {}};
    for (const auto& d : list.documents) {
      auto f = file_of.find(d.key);
      if (f == file_of.end()) continue;
      for (const auto& use : d.uses)
        if (use.item_code == code) plan.materials.push_back({use.material_code, f->second});
    }
    // Covered materials (the unified form, a sibling's result) count as handed in, without
    // a file of their own.
    for (const auto& use : list.covered)
      if (use.item_code == code) plan.materials.push_back({use.material_code, std::nullopt});
    out.children.push_back(std::move(plan));
  }
  auto& p = out.parent;
  p.bundle_code = b->code;
  p.bundle_version = b->version;
  p.applicant_id = applicant_id;
  p.delivery = std::string(bundles::to_string(*delivery));
  p.items = *selection;
  p.form_json = application_json(in);
  p.created_by = *a.user_id;
  p.idempotency_key = in.idempotency_key;
  p.request_hash = in.request_hash;
  p.created_at = env.clock.now();
  return out;
}

// A bundle's category is one of the front desk's (bundle_invalid, field "category").
Status check_category(ports::UnitOfWork& uow, const bundles::Bundle& b) {
  const auto cats = uow.bundles().list_desk_categories();
  if (std::none_of(cats.begin(), cats.end(),
                   [&](const bundles::DeskCategory& c) { return c.name == b.category; }))
    return Error{ErrorCode::BundleInvalid, "no such desk category: " + b.category, "category"};
  return ok_status();
}

// The parent with its children as `ctx` may see them. Children the actor may not read are
// left out; not_found when the actor may see neither the parent nor any child.
Result<BundleCaseDetail> load_parent(const Env& env, const RequestContext& ctx, std::int64_t id) {
  std::optional<ports::BundleCaseRecord> rec;
  std::vector<ports::BundleChildRecord> links;
  std::string name;
  env.store.read([&](ports::UnitOfWork& uow) {
    rec = uow.bundles().find_bundle_case(id);
    if (!rec) return;
    links = uow.bundles().list_children(id);
    if (auto b = uow.bundles().find_bundle_version(rec->bundle_code, rec->bundle_version))
      name = b->name;
  });
  const auto& a = ctx.actor;
  if (!a.signed_in() || !a.role) return Error{ErrorCode::Unauthenticated};
  if (!rec) return Error{ErrorCode::NotFound, "no such bundle case"};
  const bool owner = rec->applicant_id == a.user_id;
  if (identity::is_applicant(*a.role) && !owner)
    return Error{ErrorCode::NotFound, "no such bundle case"};
  BundleCaseDetail out;
  out.c = std::move(*rec);
  out.bundle_name = name;
  out.masked = !identity::is_applicant(*a.role);
  std::vector<std::string> states;
  for (const auto& code : out.c.items) {
    for (const auto& l : links) {
      if (l.item_code != code) continue;
      auto d = get_case(env, ctx, l.case_id);
      if (d) {
        states.push_back(d->c.state);
        out.children.push_back({code, std::move(*d)});
      }
    }
  }
  if (!owner && out.children.empty()) return Error{ErrorCode::NotFound, "no such bundle case"};
  out.progress = bundles::progress(states);
  // Children not yet created (an interrupted application) keep the parent in progress.
  if (links.size() < out.c.items.size()) out.progress.state = "in_progress";
  out.progress.children = static_cast<int>(out.c.items.size());
  return out;
}

}  // namespace

// ---- the bundle catalogue -------------------------------------------------------------

Result<ports::PageOf<BundleSummary>> list_bundles(const Env& env,
                                                  const std::optional<std::string>& category,
                                                  ports::PageRequest page) {
  ports::PageOf<BundleSummary> out;
  env.store.read([&](ports::UnitOfWork& uow) {
    auto bs = uow.bundles().list_bundles(category, page);
    out.total = bs.total;
    for (auto& b : bs.data) {
      const auto items = load_items(uow, b);
      // A bundle whose item left the catalog shows no figures rather than wrong ones.
      bundles::Figures f;
      if (bundles::validate_bundle(b, items).ok())
        f = bundles::compute_figures(b, items, bundles::all_items(b));
      out.data.push_back({std::move(b), f});
    }
  });
  return out;
}

Result<BundleDetail> get_bundle(const Env& env, const std::string& code,
                                const std::optional<std::vector<std::string>>& chosen,
                                std::optional<int> version) {
  std::optional<Result<BundleDetail>> out;
  env.store.read([&](ports::UnitOfWork& uow) {
    auto b = version ? uow.bundles().find_bundle_version(code, *version)
                     : uow.bundles().find_bundle(code);
    if (!b) {
      out.emplace(Error{ErrorCode::NotFound, "no such bundle"});
      return;
    }
    BundleDetail d;
    d.items = load_items(uow, *b);
    if (auto s = bundles::validate_bundle(*b, d.items); !s) {
      out.emplace(s.error());
      return;
    }
    if (chosen) {
      auto selection = bundles::resolve_selection(*b, *chosen);
      if (!selection) {
        out.emplace(selection.error());
        return;
      }
      d.selection = std::move(*selection);
    } else {
      d.selection = bundles::all_items(*b);
    }
    d.materials = bundles::unify_materials(*b, d.items, d.selection);
    d.figures = bundles::compute_figures(*b, d.items, d.selection);
    d.bundle = std::move(*b);
    out.emplace(std::move(d));
  });
  return std::move(*out);
}

Result<BundleImportReport> import_bundles(const Env& env, const RequestContext& ctx,
                                          const std::vector<bundles::Bundle>& list) {
  return audited_write<BundleImportReport>(
      env, ctx, "bundle.import",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<BundleImportReport> {
        target = "bundles:" + std::to_string(list.size());
        if (!may(ctx.actor, Permission::ManageCatalog)) return Error{ErrorCode::Forbidden};
        std::set<std::string> codes;
        for (std::size_t i = 0; i < list.size(); ++i) {
          auto s = bundles::validate_bundle(list[i], load_items(uow, list[i]));
          if (s.ok()) s = check_category(uow, list[i]);
          if (s.ok() && !codes.insert(list[i].code).second)
            s = Error{ErrorCode::BundleInvalid, list[i].code + ": listed twice", "code"};
          if (!s) {
            Error e = s.error();
            e.detail = "bundles[" + std::to_string(i) + "] " + e.detail;
            return e;
          }
        }
        BundleImportReport r;
        for (const auto& b : list)
          // Imported from the data files: no author (the audit entry names who ran the import).
          (uow.bundles().insert_bundle(b, env.clock.now(), std::nullopt) ? r.created : r.present)++;
        return r;
      });
}

Result<bundles::Bundle> save_bundle(const Env& env, const RequestContext& ctx,
                                    const bundles::Bundle& in, std::optional<int> base_version) {
  const bool create = !base_version.has_value();
  return audited_write<bundles::Bundle>(
      env, ctx, create ? "bundle.create" : "bundle.version",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<bundles::Bundle> {
        target = bundle_target(in.code);
        if (!may(ctx.actor, Permission::ManageCatalog)) return Error{ErrorCode::Forbidden};
        auto b = in;
        const auto latest = uow.bundles().find_bundle(b.code);
        if (create && latest) return Error{ErrorCode::BundleExists, b.code, "code"};
        if (!create && !latest) return Error{ErrorCode::NotFound, "no such bundle"};
        if (!create && latest->version != *base_version)
          return Error{ErrorCode::Conflict,
                       "version " + std::to_string(latest->version) + " was saved meanwhile",
                       "base_version"};
        if (auto s = bundles::validate_bundle(b, load_items(uow, b)); !s) return s.error();
        if (auto s = check_category(uow, b); !s) return s.error();
        if (create) {
          b.version = 1;
          uow.bundles().insert_bundle(b, env.clock.now(), ctx.actor.user_id);
        } else {
          b.version = latest->version + 1;
          uow.bundles().insert_bundle_version(b, *ctx.actor.user_id, env.clock.now());
        }
        target += "@" + std::to_string(b.version);
        return b;
      });
}

Result<std::vector<ports::BundleVersionRecord>> list_bundle_versions(const Env& env,
                                                                     const std::string& code) {
  std::vector<ports::BundleVersionRecord> out;
  env.store.read([&](ports::UnitOfWork& uow) { out = uow.bundles().list_bundle_versions(code); });
  if (out.empty()) return Error{ErrorCode::NotFound, "no such bundle"};
  return out;
}

// ---- applying -------------------------------------------------------------------------

Result<BundleApplied> apply_bundle(const Env& env, const RequestContext& ctx,
                                   const BundleApplication& in) {
  const auto& a = ctx.actor;
  auto checked = audited_write<Checked>(
      env, ctx, kApply, [&](ports::UnitOfWork& uow, std::string& target) -> Result<Checked> {
        target = bundle_target(in.bundle_code);
        auto applicant = resolve_applicant(uow, a, in.applicant_id);
        if (!applicant) return applicant.error();
        std::optional<ports::BundleCaseRecord> first;
        if (in.idempotency_key) {
          first = uow.bundles().find_bundle_case_by_key(*a.user_id, *in.idempotency_key);
          if (first && first->request_hash != in.request_hash)
            return Error{ErrorCode::IdempotencyConflict,
                         "Idempotency-Key reused with a different request"};
          if (first && uow.bundles().list_children(first->id).size() == first->items.size()) {
            target = bundle_case_target(first->id);
            Checked done;
            done.parent = *first;
            done.replayed = true;
            return done;
          }
        }
        auto c = check_application(env, uow, a, *applicant, in);
        if (!c) return c.error();
        if (first) {  // a replay of an interrupted application: finish its children
          c->parent = *first;
          c->replayed = true;
          target = bundle_case_target(first->id);
          return c;
        }
        const Instant now = env.clock.now();
        const auto serial = uow.cases().next_serial("bundle:" + c->parent.bundle_code,
                                                    format_date(calendar::to_local_date(now)));
        auto number = casework::format_case_number(c->parent.bundle_code + "-", now, serial);
        if (!number) return Error{ErrorCode::Conflict, "daily numbers exhausted for this bundle"};
        c->parent.number = *number;
        c->parent.id = uow.bundles().insert_bundle_case(c->parent);
        target = bundle_case_target(c->parent.id);
        for (auto& d : c->new_documents) d.id = uow.bundles().insert_document(d);
        return c;
      });
  if (!checked) {
    if (checked.error().code != ErrorCode::Conflict || !in.idempotency_key) return checked.error();
    // A concurrent first application with the same key won: answer with its result.
    bool won = false;
    env.store.read([&](ports::UnitOfWork& uow) {
      won = uow.bundles().find_bundle_case_by_key(*a.user_id, *in.idempotency_key).has_value();
    });
    if (!won) return checked.error();
    return apply_bundle(env, ctx, in);
  }
  const auto parent_id = checked->parent.id;
  for (const auto& plan : checked->children) {
    CaseSubmission sub;
    sub.item_code = plan.item_code;
    sub.form_json = plan.form_json;
    sub.materials = plan.materials;
    sub.applicant_id = checked->parent.applicant_id;
    sub.idempotency_key = "bundle-case:" + std::to_string(parent_id) + ":" + plan.item_code;
    sub.request_hash = checked->parent.request_hash + ":" + plan.item_code;
    auto child = submit_case(env, ctx, sub);
    if (!child) return child.error();
    const auto case_id = child->detail.c.id;
    env.store.write([&](ports::UnitOfWork& uow) {
      uow.bundles().insert_child({parent_id, plan.item_code, case_id});
    });
  }
  auto detail = load_parent(env, ctx, parent_id);
  if (!detail) return detail.error();
  return BundleApplied{std::move(*detail), checked->replayed};
}

Result<BundleCaseDetail> get_bundle_case(const Env& env, const RequestContext& ctx,
                                         std::int64_t id) {
  return load_parent(env, ctx, id);
}

Result<ports::PageOf<ports::BundleCaseRecord>> list_bundle_cases(const Env& env,
                                                                 const RequestContext& ctx,
                                                                 ports::PageRequest page) {
  const auto& a = ctx.actor;
  if (!a.signed_in() || !a.role) return Error{ErrorCode::Unauthenticated};
  ports::BundleCaseFilter f;
  if (identity::is_applicant(*a.role)) {
    f.applicant_id = *a.user_id;
  } else if (a.is(Role::FrontClerk)) {
    if (!a.region_code) return Error{ErrorCode::Forbidden};
    f.region_prefix = casework::region_prefix(*a.region_code);
  } else if (!a.is(Role::Supervisor) && !a.is(Role::Admin)) {
    return Error{ErrorCode::Forbidden};
  }
  ports::PageOf<ports::BundleCaseRecord> out;
  env.store.read([&](ports::UnitOfWork& uow) { out = uow.bundles().list_bundle_cases(f, page); });
  return out;
}

Result<BundleCaseDetail> accept_bundle_case(const Env& env, const RequestContext& ctx,
                                            std::int64_t id) {
  if (!ctx.actor.signed_in() || !ctx.actor.role) return Error{ErrorCode::Unauthenticated};
  auto parent = load_parent(env, ctx, id);
  if (!parent) return parent.error();
  if (!ctx.actor.is(Role::FrontClerk)) return Error{ErrorCode::Forbidden};
  for (const auto& child : parent->children) {
    if (child.detail.c.state != "submitted") continue;
    if (auto r = accept_case(env, ctx, child.detail.c.id, {}); !r) return r.error();
  }
  return load_parent(env, ctx, id);
}

Result<BundleCaseDetail> deliver_bundle_case(const Env& env, const RequestContext& ctx,
                                             std::int64_t id, const Delivery& d) {
  // Reached through its children, as accept_bundle_case does: a clerk of another region gets
  // not_found here instead of marking the application delivered before its children refuse.
  if (auto parent = load_parent(env, ctx, id); !parent) {
    append_audit_failure(env, ctx, "bundle.deliver", bundle_case_target(id), parent.error());
    return parent.error();
  }
  auto ready = audited_write<std::vector<std::int64_t>>(
      env, ctx, "bundle.deliver",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<std::vector<std::int64_t>> {
        target = bundle_case_target(id);
        if (!ctx.actor.signed_in() || !ctx.actor.role) return Error{ErrorCode::Unauthenticated};
        auto rec = uow.bundles().lock_bundle_case(id);
        if (!rec || identity::is_applicant(*ctx.actor.role))
          return Error{ErrorCode::NotFound, "no such bundle case"};
        if (!ctx.actor.is(Role::FrontClerk)) return Error{ErrorCode::Forbidden};
        const auto links = uow.bundles().list_children(id);
        if (links.size() < rec->items.size())
          return Error{ErrorCode::BundleNotComplete, "some children were never submitted"};
        if (auto s = bundles::check_delivery_together(uow.bundles().child_states(id)); !s)
          return s.error();
        std::vector<std::int64_t> out;
        for (const auto& l : links) {
          auto c = uow.cases().find_case(l.case_id);
          if (c && (c->state == "approved" || c->state == "denied")) out.push_back(c->id);
        }
        uow.bundles().set_bundle_case_delivered(id, env.clock.now());
        return out;
      });
  if (!ready) return ready.error();
  for (const auto case_id : *ready) {
    if (auto r = deliver_case(env, ctx, case_id, d); !r) return r.error();
  }
  return load_parent(env, ctx, id);
}

// ---- the integrated front desk ---------------------------------------------------------

Result<DeskView> desk_view(const Env& env, const RequestContext& ctx, const std::string& category) {
  const auto& a = ctx.actor;
  if (!a.signed_in() || !a.role) return Error{ErrorCode::Unauthenticated};
  if (!a.is(Role::FrontClerk) && !a.is(Role::Supervisor) && !a.is(Role::Admin))
    return Error{ErrorCode::Forbidden};
  std::vector<bundles::Bundle> all;
  std::vector<bundles::DeskCategory> cats;
  env.store.read([&](ports::UnitOfWork& uow) {
    all = uow.bundles().list_bundles(std::nullopt, {1, 1000}).data;
    cats = uow.bundles().list_desk_categories();
  });
  DeskView out;
  if (a.is(Role::FrontClerk)) out.categories = bundles::clerk_categories(*a.user_id, cats);
  out.general = out.categories.empty();
  if (out.general)
    for (const auto& c : cats) out.categories.push_back(c.name);
  out.category = category;
  if (!category.empty()) {
    if (std::none_of(cats.begin(), cats.end(),
                     [&](const bundles::DeskCategory& c) { return c.name == category; }))
      return Error{ErrorCode::NotFound, "no such desk category"};
    if (std::find(out.categories.begin(), out.categories.end(), category) == out.categories.end())
      return Error{ErrorCode::OutsideDeskCategory, "not one of your categories", "category"};
  }
  std::map<std::string, std::string> window_of;  // item → the first shown category it is in
  for (const auto& c : cats) {
    const bool shown = category.empty() ? std::find(out.categories.begin(), out.categories.end(),
                                                    c.name) != out.categories.end()
                                        : c.name == category;
    if (!shown) continue;
    for (const auto& code : bundles::desk_items(c, all)) {
      if (window_of.emplace(code, c.name).second) out.items.push_back(code);
    }
  }
  for (const auto& code : out.items) {
    for (const char* state : {"submitted", "approved", "denied"}) {
      CaseQuery q;
      q.state = state;
      q.item_code = code;
      auto page = list_cases(env, ctx, q, {1, 200});
      if (!page) return page.error();
      auto& into = std::string_view(state) == "submitted" ? out.to_accept : out.to_hand_out;
      for (auto& e : page->data) into.push_back({std::move(e), window_of.at(code)});
    }
  }
  auto by_id = [](const DeskEntry& x, const DeskEntry& y) { return x.e.c.id < y.e.c.id; };
  std::sort(out.to_accept.begin(), out.to_accept.end(), by_id);
  std::sort(out.to_hand_out.begin(), out.to_hand_out.end(), by_id);
  auto parents = list_bundle_cases(env, ctx, {1, 200});
  if (!parents) return parents.error();
  for (const auto& p : parents->data) {
    if (p.delivered_at || p.delivery != "together") continue;
    const auto b = std::find_if(all.begin(), all.end(),
                                [&](const bundles::Bundle& x) { return x.code == p.bundle_code; });
    const bool shown = b != all.end() &&
                       (category.empty() ? std::find(out.categories.begin(), out.categories.end(),
                                                     b->category) != out.categories.end()
                                         : b->category == category);
    if (!shown) continue;
    auto d = load_parent(env, ctx, p.id);
    if (d && d->progress.state == "completed") out.ready_together.push_back(std::move(*d));
  }
  return out;
}

// ---- the material library -------------------------------------------------------------

Result<ports::DocumentRecord> add_document(const Env& env, const RequestContext& ctx,
                                           const NewDocument& in) {
  return audited_write<ports::DocumentRecord>(
      env, ctx, "document.add",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<ports::DocumentRecord> {
        const auto& a = ctx.actor;
        if (!a.signed_in() || !a.role) return Error{ErrorCode::Unauthenticated};
        if (!identity::is_applicant(*a.role)) return Error{ErrorCode::Forbidden};
        if (in.document_key.empty() || in.name.empty())
          return Error{ErrorCode::ValidationFailed, "a document has a key and a name",
                       in.name.empty() ? "name" : "document_key"};
        std::optional<Date> until;
        if (in.valid_until) {
          until = parse_date(*in.valid_until);
          if (!until) return Error{ErrorCode::ValidationFailed, "YYYY-MM-DD", "valid_until"};
        }
        if (auto s = bundles::check_validity(until, calendar::to_local_date(env.clock.now())); !s)
          return Error{s.error().code, s.error().detail, "valid_until"};
        if (!is_hex64(in.file_id) || !uow.files().find_upload(in.file_id, *a.user_id))
          return Error{ErrorCode::ValidationFailed, "unknown file", "file_id"};
        ports::DocumentRecord d{0,          *a.user_id,     in.document_key, in.name,
                                in.file_id, in.valid_until, env.clock.now()};
        d.id = uow.bundles().insert_document(d);
        target = "document:" + std::to_string(d.id);
        return d;
      });
}

namespace {

// Whose material library `a` reads: an applicant their own; a front clerk the named
// applicant's (validation_failed without one), when a case of that applicant is within the
// clerk's reach (not_found otherwise); forbidden for others.
Result<std::int64_t> library_owner(ports::UnitOfWork& uow, const Actor& a,
                                   std::optional<std::int64_t> applicant_id) {
  if (!a.signed_in() || !a.role) return Error{ErrorCode::Unauthenticated};
  if (identity::is_applicant(*a.role)) return *a.user_id;
  if (!a.is(Role::FrontClerk)) return Error{ErrorCode::Forbidden};
  if (!applicant_id)
    return Error{ErrorCode::ValidationFailed, "a clerk names the applicant", "applicant_id"};
  if (auto s = reach_applicant(uow, a, *applicant_id); !s) return s.error();
  return *applicant_id;
}

}  // namespace

Result<ports::PageOf<ports::DocumentRecord>> list_documents(
    const Env& env, const RequestContext& ctx, ports::PageRequest page,
    std::optional<std::int64_t> applicant_id) {
  Result<ports::PageOf<ports::DocumentRecord>> out = Error{ErrorCode::Internal};
  read_personal_data(env, ctx.actor, [&](ports::UnitOfWork& uow) {
    auto owner = library_owner(uow, ctx.actor, applicant_id);
    if (!owner) {
      out = owner.error();
      return;
    }
    out = uow.bundles().list_documents(*owner, page);
    record_personal_data_access(uow, ctx.actor, env.clock.now(), *owner, "view_library", "library");
  });
  return out;
}

namespace {

// Every document the applicant handed in before: library entries and earlier cases' files.
std::vector<bundles::OnFileCandidate> on_file_candidates(const Env& env, ports::UnitOfWork& uow,
                                                         std::int64_t owner) {
  std::vector<bundles::OnFileCandidate> out;
  for (const auto& d : uow.bundles().list_documents(owner, {1, 500}).data) {
    std::optional<Date> until;
    if (d.valid_until) until = parse_date(*d.valid_until);
    out.push_back({d.document_key, bundles::OnFileOrigin::Library, d.id, d.name, d.file_id, until,
                   d.added_at});
  }
  ports::CaseFilter f;
  f.applicant_id = owner;
  std::map<std::pair<std::string, int>, std::optional<catalog::ServiceItem>> items;
  for (const auto& c : uow.cases().list_cases(f, env.clock.now(), {1, 200}).data) {
    auto& item = items[{c.item_code, c.item_version}];
    if (!item) item = uow.catalog().find_item(c.item_code, c.item_version);
    if (!item) continue;
    for (const auto& m : uow.cases().list_materials(c.id)) {
      if (!m.file_id) continue;
      const auto material =
          std::find_if(item->materials.begin(), item->materials.end(),
                       [&](const catalog::Material& x) { return x.code == m.material_code; });
      if (material == item->materials.end()) continue;
      out.push_back({bundles::document_key(*material), bundles::OnFileOrigin::Case, c.id, c.number,
                     *m.file_id, std::nullopt, c.submitted_at});
    }
  }
  return out;
}

}  // namespace

Result<OnFileView> documents_on_file(const Env& env, const RequestContext& ctx,
                                     const std::string& code,
                                     const std::optional<std::vector<std::string>>& chosen,
                                     std::optional<std::int64_t> applicant_id,
                                     std::optional<int> version) {
  auto detail = get_bundle(env, code, chosen, version);
  if (!detail) return detail.error();
  OnFileView out;
  out.documents = std::move(detail->materials.documents);
  std::vector<bundles::OnFileCandidate> candidates;
  std::optional<Error> err;
  read_personal_data(env, ctx.actor, [&](ports::UnitOfWork& uow) {
    err.reset();
    auto owner = library_owner(uow, ctx.actor, applicant_id);
    if (!owner) {
      err = owner.error();
      return;
    }
    candidates = on_file_candidates(env, uow, *owner);
    record_personal_data_access(uow, ctx.actor, env.clock.now(), *owner, "view_library", "library");
  });
  if (err) return *err;
  out.on_file = bundles::documents_on_file(out.documents, candidates,
                                           calendar::to_local_date(env.clock.now()));
  return out;
}

}  // namespace tongban::app
