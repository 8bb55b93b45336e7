#include "core/bundles/bundle.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace tongban::bundles {

namespace {

Error invalid(const std::string& field, const std::string& reason) {
  return Error{ErrorCode::BundleInvalid, reason, field};
}

bool valid_code(const std::string& code) {
  if (code.empty() || code.size() > 64) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool valid_key(const std::string& key) {
  if (key.empty() || key.size() > 64 || key[0] < 'a' || key[0] > 'z') return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Working days of a limit; nullopt for natural days (not comparable without a calendar).
std::optional<double> working_days(const calendar::Budget& b) {
  switch (b.unit) {
    case calendar::BudgetUnit::WorkingDays:
      return static_cast<double>(b.amount);
    case calendar::BudgetUnit::WorkingHours:
      return static_cast<double>(b.amount) / 8.0;
    case calendar::BudgetUnit::NaturalDays:
      return std::nullopt;
  }
  return std::nullopt;
}

const BundleItem* find_entry(const Bundle& b, const std::string& code) {
  for (const auto& e : b.items)
    if (e.item_code == code) return &e;
  return nullptr;
}

bool selected(const std::vector<std::string>& selection, const std::string& code) {
  return std::find(selection.begin(), selection.end(), code) != selection.end();
}

// Why the material is not asked for in this selection, or nullptr when it is.
const CoveredMaterial* covering(const BundleItem& e, const std::string& material_code,
                                const std::vector<std::string>& selection) {
  for (const auto& c : e.covered) {
    if (c.material_code != material_code) continue;
    if (c.by == kCoveredByForm || selected(selection, c.by)) return &c;
  }
  return nullptr;
}

}  // namespace

Status validate_bundle(const Bundle& b, const ItemIndex& catalog) {
  if (!valid_code(b.code)) return invalid("code", "a code of 1..64 characters a-z, 0-9, '-'");
  if (b.name.empty()) return invalid("name", b.code + ": a bundle has a name");
  if (b.category.empty()) return invalid("category", b.code + ": a bundle has a category");
  if (b.items.empty()) return invalid("items", b.code + ": a bundle has at least one item");
  std::set<std::string> codes;
  double slowest = 0;
  double total = 0;  // every item one by one
  for (std::size_t i = 0; i < b.items.size(); ++i) {
    const auto& e = b.items[i];
    const std::string at = "items[" + std::to_string(i) + "]";
    if (!codes.insert(e.item_code).second)
      return invalid(at + ".item_code", b.code + ": item listed twice: " + e.item_code);
    auto it = catalog.find(e.item_code);
    if (it == catalog.end())
      return invalid(at + ".item_code", b.code + ": no such item in the catalog: " + e.item_code);
    auto days = working_days(it->second.committed_limit);
    if (!days)
      return invalid(at + ".item_code", b.code + ": item limit in natural days: " + e.item_code);
    slowest = std::max(slowest, *days);
    total += *days;
  }
  if (std::all_of(b.items.begin(), b.items.end(), [](const BundleItem& e) { return e.optional; }))
    return invalid("items", b.code + ": at least one item is not optional");
  for (std::size_t i = 0; i < b.items.size(); ++i) {
    const auto& e = b.items[i];
    const auto& item = catalog.at(e.item_code);
    std::set<std::string> own;
    for (std::size_t j = 0; j < e.form_fields.size(); ++j) {
      if (e.form_fields[j].empty() || !own.insert(e.form_fields[j]).second)
        return invalid("items[" + std::to_string(i) + "].form_fields[" + std::to_string(j) + "]",
                       b.code + ": form field empty or listed twice: " + e.form_fields[j]);
    }
    std::set<std::string> seen;
    for (std::size_t j = 0; j < e.covered.size(); ++j) {
      const auto& c = e.covered[j];
      const std::string at = "items[" + std::to_string(i) + "].covered[" + std::to_string(j) + "]";
      const bool has =
          std::any_of(item.materials.begin(), item.materials.end(),
                      [&](const catalog::Material& m) { return m.code == c.material_code; });
      if (!has)
        return invalid(at + ".material_code",
                       b.code + ": " + e.item_code + " has no material " + c.material_code);
      if (!seen.insert(c.material_code).second)
        return invalid(at + ".material_code", b.code + ": covered twice: " + c.material_code);
      if (c.by != kCoveredByForm && (c.by == e.item_code || !codes.count(c.by)))
        return invalid(at + ".by", b.code + ": covered by \"form\" or another item of the bundle");
    }
  }
  std::set<std::string> keys;
  std::set<std::pair<std::string, std::string>> landed;
  for (std::size_t i = 0; i < b.fields.size(); ++i) {
    const auto& f = b.fields[i];
    const std::string at = "fields[" + std::to_string(i) + "]";
    if (!valid_key(f.key)) return invalid(at + ".key", b.code + ": a key [a-z][a-z0-9_]*");
    if (!keys.insert(f.key).second) return invalid(at + ".key", b.code + ": key twice: " + f.key);
    if (f.label.empty()) return invalid(at + ".label", b.code + ": " + f.key + " has a label");
    if (f.targets.empty())
      return invalid(at + ".targets", b.code + ": " + f.key + " lands nowhere");
    for (std::size_t j = 0; j < f.targets.size(); ++j) {
      const auto& t = f.targets[j];
      const std::string tat = at + ".targets[" + std::to_string(j) + "]";
      if (!codes.count(t.item_code))
        return invalid(tat + ".item_code", b.code + ": " + t.item_code + " is not in the bundle");
      if (t.field.empty()) return invalid(tat + ".field", b.code + ": a target names a field");
      const auto& own = find_entry(b, t.item_code)->form_fields;
      if (!own.empty() && std::find(own.begin(), own.end(), t.field) == own.end())
        return invalid(tat + ".field",
                       b.code + ": " + t.item_code + " has no form field " + t.field);
      if (!landed.insert({t.item_code, t.field}).second)
        return invalid(tat + ".field",
                       b.code + ": two form fields land on " + t.item_code + "." + t.field);
    }
  }
  auto limit = working_days(b.committed_limit);
  if (!limit || b.committed_limit.amount <= 0)
    return invalid("committed_limit", b.code + ": a positive limit in working days or hours");
  if (*limit < slowest)
    return invalid("committed_limit", b.code + ": shorter than the slowest item's committed limit");
  if (*limit > total)
    return invalid("committed_limit", b.code + ": longer than the items' limits added up");
  return ok_status();
}

Result<std::vector<std::string>> resolve_selection(const Bundle& b,
                                                   const std::vector<std::string>& chosen) {
  std::set<std::string> picked;
  for (const auto& code : chosen) {
    if (!find_entry(b, code))
      return Error{ErrorCode::ItemNotInBundle, "not in bundle " + b.code + ": " + code, "items"};
    if (!picked.insert(code).second)
      return Error{ErrorCode::ValidationFailed, "item chosen twice: " + code, "items"};
  }
  std::vector<std::string> out;
  for (const auto& e : b.items)
    if (!e.optional || picked.count(e.item_code)) out.push_back(e.item_code);
  return out;
}

std::string document_key(const catalog::Material& m) {
  const std::string& text = m.certificate_type.empty() ? m.name : m.certificate_type;
  static const std::pair<std::string_view, std::string_view> kFold[] = {
      {"（", "("}, {"）", ")"}, {"【", "["}, {"】", "]"}, {"　", ""}};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool folded = false;
    for (const auto& [from, to] : kFold) {
      if (text.compare(i, from.size(), from) == 0) {
        out += to;
        i += from.size();
        folded = true;
        break;
      }
    }
    if (folded) continue;
    const char c = text[i++];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
  }
  return out;
}

MaterialList unify_materials(const Bundle& b, const ItemIndex& catalog,
                             const std::vector<std::string>& selection) {
  MaterialList out;
  std::map<std::string, std::size_t> index;
  for (const auto& code : selection) {
    const auto& entry = *find_entry(b, code);
    for (const auto& m : catalog.at(code).materials) {
      const MaterialUse use{code, m.code};
      if (const auto* c = covering(entry, m.code, selection)) {
        out.unified_form = out.unified_form || c->by == kCoveredByForm;
        out.covered.push_back(use);
        continue;
      }
      const auto key = document_key(m);
      auto [it, fresh] = index.emplace(key, out.documents.size());
      if (fresh) {
        UnifiedDocument d;
        d.key = key;
        d.name = m.name;
        d.source = m.source;
        d.certificate_type = m.certificate_type;
        out.documents.push_back(std::move(d));
      }
      auto& d = out.documents[it->second];
      d.required = d.required || m.required;
      d.uses.push_back(use);
    }
  }
  return out;
}

std::vector<std::string> all_items(const Bundle& b) {
  std::vector<std::string> out;
  for (const auto& e : b.items) out.push_back(e.item_code);
  return out;
}

Figures compute_figures(const Bundle& b, const ItemIndex& catalog,
                        const std::vector<std::string>& selection) {
  Figures f;
  f.items = static_cast<int>(selection.size());
  for (const auto& code : selection) {
    const auto& item = catalog.at(code);
    f.documents_separate += static_cast<int>(item.materials.size());
    f.visits_separate += item.visits;
    f.visits_bundle = std::max(f.visits_bundle, item.visits);
    f.limit_separate_days += working_days(item.committed_limit).value_or(0);
  }
  const auto list = unify_materials(b, catalog, selection);
  f.documents_bundle = static_cast<int>(list.documents.size()) + (list.unified_form ? 1 : 0);
  f.limit_bundle_days = working_days(b.committed_limit).value_or(0);
  return f;
}

Result<ItemForms> item_forms(const Bundle& b, const std::vector<std::string>& selection,
                             const FieldValues& values,
                             const std::map<std::string, FieldValues>& extra) {
  ItemForms out;
  for (const auto& code : selection) out.by_item[code];
  for (const auto& entry : values) {
    const std::string& key = entry.first;
    const bool known = std::any_of(b.fields.begin(), b.fields.end(),
                                   [&](const FormField& f) { return f.key == key; });
    if (!known)
      return Error{ErrorCode::ValidationFailed, "no such form field: " + key, "form." + key};
  }
  for (const auto& f : b.fields) {
    auto v = values.find(f.key);
    const bool lands = std::any_of(f.targets.begin(), f.targets.end(), [&](const FieldTarget& t) {
      return selected(selection, t.item_code);
    });
    if (v == values.end() || v->second.empty()) {
      if (f.required && lands)
        return Error{ErrorCode::ValidationFailed, "required: " + f.key, "form." + f.key};
      continue;
    }
    for (const auto& t : f.targets)
      if (selected(selection, t.item_code)) out.by_item[t.item_code][t.field] = v->second;
  }
  for (const auto& [code, fields] : extra) {
    if (!selected(selection, code))
      return Error{ErrorCode::ItemNotInBundle, "fields for an item not chosen: " + code, "items"};
    auto& form = out.by_item[code];
    const auto& own = find_entry(b, code)->form_fields;
    for (const auto& [field, value] : fields) {
      if (!own.empty() && std::find(own.begin(), own.end(), field) == own.end())
        return Error{ErrorCode::ValidationFailed, code + " has no form field " + field,
                     "item_fields." + code + "." + field};
      auto [it, fresh] = form.emplace(field, value);
      if (!fresh && it->second != value) {
        std::string where = code;
        where += '.';
        where += field;
        return Error{ErrorCode::FieldConflict, where + " differs from the unified form's value",
                     "items." + where};
      }
    }
  }
  return out;
}

std::vector<std::string> categories(const std::vector<Bundle>& all) {
  std::set<std::string> out;
  for (const auto& b : all) out.insert(b.category);
  return {out.begin(), out.end()};
}

std::vector<std::string> category_items(const std::vector<Bundle>& all,
                                        const std::string& category) {
  std::vector<std::string> out;
  for (const auto& b : all) {
    if (b.category != category) continue;
    for (const auto& e : b.items)
      if (std::find(out.begin(), out.end(), e.item_code) == out.end()) out.push_back(e.item_code);
  }
  return out;
}

std::string_view to_string(Delivery d) {
  return d == Delivery::Together ? "together" : "separately";
}

std::optional<Delivery> delivery_from_string(std::string_view s) {
  if (s == "together") return Delivery::Together;
  if (s == "separately") return Delivery::Separately;
  return std::nullopt;
}

namespace {
bool is_decided(std::string_view s) { return s == "approved" || s == "denied" || s == "delivered"; }
bool is_ended(std::string_view s) {
  return is_decided(s) || s == "refused" || s == "withdrawn" || s == "returned";
}
}  // namespace

Progress progress(const std::vector<std::string>& child_states) {
  Progress p;
  p.children = static_cast<int>(child_states.size());
  for (const auto& s : child_states) {
    p.decided += is_decided(s) ? 1 : 0;
    p.delivered += s == "delivered" ? 1 : 0;
    p.ended += is_ended(s) ? 1 : 0;
  }
  if (p.children == 0 || p.ended < p.children) {
    p.state = "in_progress";
  } else if (p.delivered == p.decided) {
    p.state = "delivered";
  } else {
    p.state = "completed";
  }
  return p;
}

std::string_view child_delivery(Delivery mode, std::string_view state) {
  if (state == "delivered") return "delivered";
  if (is_decided(state)) return mode == Delivery::Together ? "held" : "ready";
  if (is_ended(state)) return "closed";
  return "open";
}

bool deliver_at_once(std::optional<Delivery> mode) { return mode != Delivery::Together; }

Status check_delivery_together(const std::vector<std::string>& child_states) {
  const auto p = progress(child_states);
  if (p.state == "in_progress")
    return Error{ErrorCode::BundleNotComplete, std::to_string(p.children - p.ended) + " of " +
                                                   std::to_string(p.children) +
                                                   " items still open"};
  if (p.decided == p.delivered)
    return Error{ErrorCode::InvalidTransition, "nothing left to hand out"};
  return ok_status();
}

Status check_child_delivery(Delivery mode, const std::vector<std::string>& sibling_states) {
  if (mode == Delivery::Separately) return ok_status();
  if (progress(sibling_states).state == "in_progress")
    return Error{ErrorCode::BundleNotComplete, "the bundle's results go out together"};
  return ok_status();
}

Status check_validity(const std::optional<Date>& valid_until, Date today) {
  if (valid_until && *valid_until < today)
    return Error{ErrorCode::DocumentExpired, "valid until " + format_date(*valid_until),
                 "materials"};
  return ok_status();
}

}  // namespace tongban::bundles
