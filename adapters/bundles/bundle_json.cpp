#include "adapters/bundles/bundle_json.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "adapters/catalog/json_fields.hpp"

namespace tongban::bundles::io {
namespace json = boost::json;
using namespace catalog::io::json_fields;  // NOLINT(google-build-using-namespace)

namespace {

template <class T, class Read>
std::vector<T> read_array(Fields& f, std::string_view key, Read read) {
  std::vector<T> out;
  if (const auto* a = f.array(key)) {
    for (std::size_t i = 0; i < a->size(); ++i)
      out.push_back(read((*a)[i], index(join(f.path(), key), i)));
  }
  return out;
}

BundleItem read_item(const json::value& v, const std::string& path) {
  Fields f(v, path);
  BundleItem e;
  e.item_code = f.str("item_code", true);
  e.optional = f.boolean("optional", false);
  e.covered =
      read_array<CoveredMaterial>(f, "covered", [](const json::value& c, const std::string& p) {
        Fields cf(c, p);
        CoveredMaterial m{cf.str("material_code", true), cf.str("by", true)};
        cf.no_unknown_keys();
        return m;
      });
  e.form_fields =
      read_array<std::string>(f, "form_fields", [](const json::value& n, const std::string& p) {
        if (!n.is_string()) fail(p, "expected a string");
        return std::string(n.as_string());
      });
  f.no_unknown_keys();
  return e;
}

FormField read_field(const json::value& v, const std::string& path) {
  Fields f(v, path);
  FormField ff;
  ff.key = f.str("key", true);
  ff.label = f.str("label");
  ff.required = f.boolean("required", false);
  ff.targets =
      read_array<FieldTarget>(f, "targets", [](const json::value& t, const std::string& p) {
        Fields tf(t, p);
        FieldTarget target{tf.str("item_code", true), tf.str("field", true)};
        tf.no_unknown_keys();
        return target;
      });
  f.no_unknown_keys();
  return ff;
}

}  // namespace

json::object to_json(const Bundle& b) {
  json::array items;
  for (const auto& e : b.items) {
    json::array covered;
    for (const auto& c : e.covered)
      covered.push_back(json::object{{"material_code", c.material_code}, {"by", c.by}});
    json::array own;
    for (const auto& n : e.form_fields) own.emplace_back(n);
    items.push_back(json::object{{"item_code", e.item_code},
                                 {"optional", e.optional},
                                 {"covered", std::move(covered)},
                                 {"form_fields", std::move(own)}});
  }
  json::array fields;
  for (const auto& f : b.fields) {
    json::array targets;
    for (const auto& t : f.targets)
      targets.push_back(json::object{{"item_code", t.item_code}, {"field", t.field}});
    fields.push_back(json::object{{"key", f.key},
                                  {"label", f.label},
                                  {"required", f.required},
                                  {"targets", std::move(targets)}});
  }
  return json::object{{"code", b.code},
                      {"name", b.name},
                      {"category", b.category},
                      {"description", b.description},
                      {"committed_limit", budget_json(b.committed_limit)},
                      {"items", std::move(items)},
                      {"fields", std::move(fields)}};
}

Result<Bundle> bundle_from_json(const json::value& v) {
  try {
    Fields f(v, "");
    Bundle b;
    b.code = f.str("code", true);
    b.name = f.str("name", true);
    b.category = f.str("category", true);
    b.description = f.str("description");
    b.committed_limit = read_budget(f, "committed_limit");
    b.items = read_array<BundleItem>(f, "items", read_item);
    b.fields = read_array<FormField>(f, "fields", read_field);
    f.no_unknown_keys();
    return b;
  } catch (const DecodeError& e) {
    return Error{ErrorCode::BundleInvalid, e.detail, e.field};
  }
}

Result<Bundle> parse_bundle(std::string_view json_text) {
  boost::system::error_code ec;
  auto v = json::parse(json_text, ec);
  if (ec) return Error{ErrorCode::BundleInvalid, "not JSON: " + ec.message()};
  return bundle_from_json(v);
}

std::string serialize_bundle(const Bundle& b) { return json::serialize(to_json(b)); }

Result<std::vector<Bundle>> read_bundle_dir(const std::filesystem::path& dir) {
  return read_json_dir<Bundle>(dir, [](const std::string& text) { return parse_bundle(text); });
}

}  // namespace tongban::bundles::io
