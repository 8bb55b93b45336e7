#include "adapters/catalog/item_json.hpp"

#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "adapters/catalog/json_fields.hpp"
#include "core/catalog/names.hpp"

namespace tongban::catalog::io {
namespace json = boost::json;
using namespace json_fields;  // NOLINT(google-build-using-namespace)
namespace {

int to_int(std::int64_t v, const std::string& field) {
  if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
    fail(field, "out of range");
  return static_cast<int>(v);
}

Material read_material(const json::value& v, const std::string& path) {
  Fields f(v, path);
  Material m;
  m.code = f.str("code", true);
  m.name = f.str("name", true);
  m.required = f.boolean("required", true);
  m.form = f.enumeration("form", MaterialForm::Original, material_form_from_string);
  m.copies = to_int(f.integer("copies", 1), join(path, "copies"));
  m.source = f.enumeration("source", MaterialSource::ApplicantUpload, material_source_from_string);
  m.certificate_type = f.str("certificate_type");
  m.blank_form = f.str("blank_form");
  m.example = f.str("example");
  m.tolerable = f.boolean("tolerable", false);
  m.notes = f.str("notes");
  f.no_unknown_keys();
  return m;
}

ProcessStep read_step(const json::value& v, const std::string& path) {
  Fields f(v, path);
  ProcessStep s;
  s.name = f.str("name", true);
  if (const auto* posts = f.array("posts")) {
    for (std::size_t i = 0; i < posts->size(); ++i) {
      const auto ppath = index(join(path, "posts"), i);
      Fields p((*posts)[i], ppath);
      ReviewPost post;
      post.name = p.str("name", true);
      post.department_code = p.str("department_code", true);
      post.limit = read_budget(p, "limit");
      p.no_unknown_keys();
      s.posts.push_back(std::move(post));
    }
  }
  f.no_unknown_keys();
  return s;
}

Fee read_fee(const json::value& v, const std::string& path) {
  Fields f(v, path);
  Fee fee;
  fee.name = f.str("name", true);
  fee.rate = f.str("rate");
  fee.legal_basis = f.str("legal_basis");
  fee.reducible = f.boolean("reducible", false);
  f.no_unknown_keys();
  return fee;
}

ServiceItem read_item(const json::value& v) {
  Fields f(v, "");
  ServiceItem it;
  it.code = f.str("code", true);
  it.version = to_int(f.integer("version", 1), "version");
  it.name = f.str("name", true);
  it.type = f.enumeration("type", ItemType::Licensing, item_type_from_string, true);
  it.department_code = f.str("department_code", true);
  it.region_code = f.str("region_code");
  it.level = f.enumeration("level", ExerciseLevel::City, exercise_level_from_string);
  it.service_object =
      f.enumeration("service_object", ServiceObject::Both, service_object_from_string);
  it.legal_basis = f.str("legal_basis");
  it.acceptance_conditions = f.str("acceptance_conditions");
  if (const auto* a = f.array("materials")) {
    for (std::size_t i = 0; i < a->size(); ++i)
      it.materials.push_back(read_material((*a)[i], index("materials", i)));
  }
  if (const auto* a = f.array("steps")) {
    for (std::size_t i = 0; i < a->size(); ++i)
      it.steps.push_back(read_step((*a)[i], index("steps", i)));
  }
  it.legal_limit = read_budget(f, "legal_limit");
  it.committed_limit = read_budget(f, "committed_limit");
  it.limit_explanation = f.str("limit_explanation");
  it.handling = f.enumeration("handling", HandlingKind::Commitment, handling_from_string, true);
  it.visits = to_int(f.integer("visits", 1, true), "visits");
  if (const auto* a = f.array("channels")) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      const auto& c = (*a)[i];
      auto ch = c.is_string() ? channel_from_string(std::string_view(c.as_string())) : std::nullopt;
      if (!ch) fail(index("channels", i), "unknown channel");
      it.channels.push_back(*ch);
    }
  }
  if (const auto* a = f.array("fees")) {
    for (std::size_t i = 0; i < a->size(); ++i)
      it.fees.push_back(read_fee((*a)[i], index("fees", i)));
  }
  if (const auto* a = f.array("intermediary_services")) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      if (!(*a)[i].is_string()) fail(index("intermediary_services", i), "expected a string");
      it.intermediary_services.emplace_back((*a)[i].as_string());
    }
  }
  it.location = f.str("location");
  it.office_hours = f.str("office_hours");
  it.consult_phone = f.str("consult_phone");
  it.complaint_phone = f.str("complaint_phone");
  it.warning_days = to_int(f.integer("warning_days", 2), "warning_days");
  it.warning_percent = to_int(f.integer("warning_percent", 20), "warning_percent");
  f.no_unknown_keys();
  return it;
}

// The code of the item at `v`, for error messages, when it can be read.
std::string code_hint(const json::value& v) {
  if (v.is_object()) {
    if (const auto* c = v.as_object().if_contains("code"); c != nullptr && c->is_string()) {
      return std::string(c->as_string());
    }
  }
  return {};
}

Result<std::vector<ServiceItem>> items_from_json(const json::value& root) {
  const json::array* items = nullptr;
  if (root.is_array()) {
    items = &root.as_array();
  } else if (root.is_object()) {
    const auto& o = root.as_object();
    for (const auto& kv : o) {
      if (kv.key() != "items")
        return Error{ErrorCode::CatalogMalformed, "unknown top-level key", std::string(kv.key())};
    }
    const auto* v = o.if_contains("items");
    if (v == nullptr || !v->is_array())
      return Error{ErrorCode::CatalogMalformed, "expected an items array", "items"};
    items = &v->as_array();
  } else {
    return Error{ErrorCode::CatalogMalformed, "expected an object with items", ""};
  }
  std::vector<ServiceItem> out;
  out.reserve(items->size());
  for (std::size_t i = 0; i < items->size(); ++i) {
    auto item = item_from_json((*items)[i]);
    if (!item) {
      Error e = item.error();
      const auto code = code_hint((*items)[i]);
      e.detail = "items[" + std::to_string(i) + "]" + (code.empty() ? "" : " (" + code + ")") +
                 ": " + e.detail;
      return e;
    }
    out.push_back(std::move(*item));
  }
  return out;
}

// TOML → JSON so one decoder serves both formats.
std::optional<json::value> toml_to_json(const toml::node& n) {
  if (const auto* t = n.as_table()) {
    json::object o;
    for (const auto& [k, v] : *t) {
      auto jv = toml_to_json(v);
      if (!jv) return std::nullopt;
      o[std::string(k.str())] = std::move(*jv);
    }
    return o;
  }
  if (const auto* a = n.as_array()) {
    json::array arr;
    for (const auto& v : *a) {
      auto jv = toml_to_json(v);
      if (!jv) return std::nullopt;
      arr.push_back(std::move(*jv));
    }
    return arr;
  }
  if (const auto* s = n.as_string()) return json::value(std::string_view(s->get()));
  if (const auto* i = n.as_integer()) return json::value(i->get());
  if (const auto* b = n.as_boolean()) return json::value(b->get());
  return std::nullopt;  // floats, dates and times have no place in a catalog file
}

// JSON → TOML for export. REQUIRES: no nulls or floats (to_json emits none).
void put_toml(toml::table& t, std::string_view key, const json::value& v);
toml::array toml_array(const json::array& a);

toml::table toml_table(const json::object& o) {
  toml::table t;
  for (const auto& kv : o) put_toml(t, kv.key(), kv.value());
  return t;
}

toml::array toml_array(const json::array& a) {
  toml::array out;
  for (const auto& v : a) {
    if (v.is_object())
      out.push_back(toml_table(v.as_object()));
    else if (v.is_array())
      out.push_back(toml_array(v.as_array()));
    else if (v.is_string())
      out.push_back(std::string(v.as_string()));
    else if (v.is_int64())
      out.push_back(v.as_int64());
    else if (v.is_bool())
      out.push_back(v.as_bool());
  }
  return out;
}

void put_toml(toml::table& t, std::string_view key, const json::value& v) {
  if (v.is_object())
    t.insert(key, toml_table(v.as_object()));
  else if (v.is_array())
    t.insert(key, toml_array(v.as_array()));
  else if (v.is_string())
    t.insert(key, std::string(v.as_string()));
  else if (v.is_int64())
    t.insert(key, v.as_int64());
  else if (v.is_uint64())
    t.insert(key, static_cast<std::int64_t>(v.as_uint64()));
  else if (v.is_bool())
    t.insert(key, v.as_bool());
}

}  // namespace

json::object to_json(const ServiceItem& it) {
  json::array materials;
  for (const auto& m : it.materials) {
    materials.push_back(json::object{{"code", m.code},
                                     {"name", m.name},
                                     {"required", m.required},
                                     {"form", to_string(m.form)},
                                     {"copies", m.copies},
                                     {"source", to_string(m.source)},
                                     {"certificate_type", m.certificate_type},
                                     {"blank_form", m.blank_form},
                                     {"example", m.example},
                                     {"tolerable", m.tolerable},
                                     {"notes", m.notes}});
  }
  json::array steps;
  for (const auto& s : it.steps) {
    json::array posts;
    for (const auto& p : s.posts) {
      posts.push_back(json::object{{"name", p.name},
                                   {"department_code", p.department_code},
                                   {"limit", budget_json(p.limit)}});
    }
    steps.push_back(json::object{{"name", s.name}, {"posts", std::move(posts)}});
  }
  json::array channels;
  for (auto c : it.channels) channels.emplace_back(to_string(c));
  json::array fees;
  for (const auto& f : it.fees) {
    fees.push_back(json::object{{"name", f.name},
                                {"rate", f.rate},
                                {"legal_basis", f.legal_basis},
                                {"reducible", f.reducible}});
  }
  json::array intermediaries;
  for (const auto& s : it.intermediary_services) intermediaries.emplace_back(s);
  return json::object{{"code", it.code},
                      {"version", it.version},
                      {"name", it.name},
                      {"type", to_string(it.type)},
                      {"department_code", it.department_code},
                      {"region_code", it.region_code},
                      {"level", to_string(it.level)},
                      {"service_object", to_string(it.service_object)},
                      {"legal_basis", it.legal_basis},
                      {"acceptance_conditions", it.acceptance_conditions},
                      {"materials", std::move(materials)},
                      {"steps", std::move(steps)},
                      {"legal_limit", budget_json(it.legal_limit)},
                      {"committed_limit", budget_json(it.committed_limit)},
                      {"limit_explanation", it.limit_explanation},
                      {"handling", to_string(it.handling)},
                      {"visits", it.visits},
                      {"channels", std::move(channels)},
                      {"fees", std::move(fees)},
                      {"intermediary_services", std::move(intermediaries)},
                      {"location", it.location},
                      {"office_hours", it.office_hours},
                      {"consult_phone", it.consult_phone},
                      {"complaint_phone", it.complaint_phone},
                      {"warning_days", it.warning_days},
                      {"warning_percent", it.warning_percent}};
}

Result<ServiceItem> item_from_json(const json::value& v) {
  try {
    return read_item(v);
  } catch (const DecodeError& e) {
    const auto code = code_hint(v);
    return Error{ErrorCode::CatalogMalformed,
                 (code.empty() ? "item" : "item " + code) + ": " + e.detail, e.field};
  }
}

Result<ServiceItem> parse_item(std::string_view text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec) return Error{ErrorCode::InvalidJson, ec.message()};
  return item_from_json(v);
}

std::string serialize_item(const ServiceItem& item) { return json::serialize(to_json(item)); }

std::optional<FileFormat> format_of(std::string_view filename) {
  if (filename.ends_with(".json")) return FileFormat::Json;
  if (filename.ends_with(".toml")) return FileFormat::Toml;
  return std::nullopt;
}

Result<std::vector<ServiceItem>> parse_catalog(std::string_view text, FileFormat f) {
  if (f == FileFormat::Json) {
    boost::system::error_code ec;
    auto v = json::parse(text, ec);
    if (ec) return Error{ErrorCode::CatalogMalformed, "not JSON: " + ec.message()};
    return items_from_json(v);
  }
  toml::table parsed;
  try {
    parsed = toml::parse(text);
  } catch (const toml::parse_error& err) {
    return Error{ErrorCode::CatalogMalformed, "not TOML (line " +
                                                  std::to_string(err.source().begin.line) +
                                                  "): " + std::string(err.description())};
  }
  auto v = toml_to_json(parsed);
  if (!v) return Error{ErrorCode::CatalogMalformed, "floats, dates and times are not allowed"};
  return items_from_json(*v);
}

std::string write_catalog(const std::vector<ServiceItem>& items, FileFormat f) {
  json::array arr;
  for (const auto& it : items) arr.push_back(to_json(it));
  if (f == FileFormat::Json) {
    // One item per line keeps diffs of exported catalogs readable.
    std::string out = "{\"items\": [\n";
    for (std::size_t i = 0; i < arr.size(); ++i) {
      out += "  " + json::serialize(arr[i]) + (i + 1 < arr.size() ? ",\n" : "\n");
    }
    out += "]}\n";
    return out;
  }
  toml::table root;
  root.insert("items", toml_array(arr));
  std::ostringstream os;
  os << root << "\n";
  return os.str();
}

Result<std::vector<ServiceItem>> read_catalog_file(const std::filesystem::path& path) {
  const auto format = format_of(path.string());
  if (!format)
    return Error{ErrorCode::InvalidArgument,
                 path.string() + ": the file must end in .json or .toml"};
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{ErrorCode::NotFound, "cannot read " + path.string()};
  std::ostringstream text;
  text << in.rdbuf();
  return parse_catalog(text.str(), *format);
}

}  // namespace tongban::catalog::io
