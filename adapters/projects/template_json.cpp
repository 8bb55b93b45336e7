#include "adapters/projects/template_json.hpp"

#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>

#include "adapters/catalog/json_fields.hpp"

namespace tongban::projects::io {
namespace json = boost::json;
using namespace catalog::io::json_fields;  // NOLINT(google-build-using-namespace)

namespace {

std::vector<std::string> read_strings(Fields& f, std::string_view key) {
  std::vector<std::string> out;
  if (const auto* a = f.array(key)) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      const auto& v = (*a)[i];
      if (!v.is_string()) fail(index(join(f.path(), key), i), "expected a string");
      out.emplace_back(v.as_string());
    }
  }
  return out;
}

json::array strings_json(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

int small_int(Fields& f, std::string_view key, int fallback, bool required = false) {
  const auto v = f.integer(key, fallback, required);
  if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
    fail(join(f.path(), key), "out of range");
  return static_cast<int>(v);
}

Stage read_stage(const json::value& v, const std::string& path) {
  Fields f(v, path);
  Stage s;
  s.code = f.str("code", true);
  s.name = f.str("name", true);
  s.lead_dept = f.str("lead_dept", true);
  s.co_depts = read_strings(f, "co_depts");
  s.items = read_strings(f, "items");
  s.limit_days = small_int(f, "limit_days", 0, true);
  s.serial_days = small_int(f, "serial_days", 0, true);
  s.predecessors = read_strings(f, "predecessors");
  s.note = f.str("note");
  f.no_unknown_keys();
  return s;
}

}  // namespace

json::object to_json(const StageTemplate& t) {
  json::array stages;
  for (const auto& s : t.stages) {
    stages.push_back(json::object{{"code", s.code},
                                  {"name", s.name},
                                  {"lead_dept", s.lead_dept},
                                  {"co_depts", strings_json(s.co_depts)},
                                  {"items", strings_json(s.items)},
                                  {"limit_days", s.limit_days},
                                  {"serial_days", s.serial_days},
                                  {"predecessors", strings_json(s.predecessors)},
                                  {"note", s.note}});
  }
  return json::object{{"code", t.code},
                      {"name", t.name},
                      {"region", t.region},
                      {"project_types", strings_json(t.project_types)},
                      {"source", t.source},
                      {"target_days", t.target_days},
                      {"fast_lane_percent", t.fast_lane_percent},
                      {"stages", std::move(stages)}};
}

Result<StageTemplate> template_from_json(const json::value& v) {
  try {
    Fields f(v, "");
    StageTemplate t;
    t.code = f.str("code", true);
    t.name = f.str("name", true);
    t.region = f.str("region", true);
    t.project_types = read_strings(f, "project_types");
    t.source = f.str("source");
    t.target_days = small_int(f, "target_days", 0);
    t.fast_lane_percent = small_int(f, "fast_lane_percent", 70);
    if (const auto* a = f.array("stages", true)) {
      for (std::size_t i = 0; i < a->size(); ++i)
        t.stages.push_back(read_stage((*a)[i], index("stages", i)));
    }
    f.no_unknown_keys();
    return t;
  } catch (const DecodeError& e) {
    return Error{ErrorCode::TemplateInvalid, e.detail, e.field};
  }
}

Result<StageTemplate> parse_template(std::string_view json_text) {
  boost::system::error_code ec;
  auto v = json::parse(json_text, ec);
  if (ec) return Error{ErrorCode::TemplateInvalid, "not JSON: " + ec.message()};
  return template_from_json(v);
}

std::string serialize_template(const StageTemplate& t) { return json::serialize(to_json(t)); }

json::object to_json(const Figures& f) {
  return json::object{{"stages", f.stages},
                      {"items", f.items},
                      {"serial_days", f.serial_days},
                      {"stage_sum_days", f.stage_sum_days},
                      {"parallel_days", f.parallel_days}};
}

json::object to_json(const Schedule& s) {
  json::array stages;
  for (const auto& e : s.stages) {
    stages.push_back(json::object{{"code", e.code},
                                  {"limit_days", e.limit_days},
                                  {"earliest_start", e.earliest_start},
                                  {"earliest_finish", e.earliest_finish},
                                  {"latest_start", e.latest_start},
                                  {"latest_finish", e.latest_finish},
                                  {"float_days", e.float_days},
                                  {"critical", e.critical}});
  }
  return json::object{{"stages", std::move(stages)},
                      {"critical_path", strings_json(s.critical_path)},
                      {"figures", to_json(s.figures)}};
}

json::object to_json(const Project& p) {
  return json::object{{"code", p.code},
                      {"name", p.name},
                      {"owner_uscc", p.owner_uscc},
                      {"owner_name", p.owner_name},
                      {"approval_kind", to_string(p.approval_kind)},
                      {"type", to_string(p.type)},
                      {"kind", to_string(p.kind)},
                      {"investment_yuan", p.investment_yuan},
                      {"region_code", p.region_code},
                      {"site", p.site},
                      {"fast_lane", p.fast_lane},
                      {"template_code", p.template_code}};
}

Result<Project> project_from_json(const json::value& v) {
  try {
    Fields f(v, "");
    Project p;
    p.code = f.str("code", true);
    p.name = f.str("name", true);
    p.owner_uscc = f.str("owner_uscc", true);
    p.owner_name = f.str("owner_name", true);
    p.approval_kind =
        f.enumeration("approval_kind", ApprovalKind::Filing, approval_kind_from_string, true);
    p.type = f.enumeration("type", ProjectType::Industry, project_type_from_string, true);
    p.kind = f.enumeration("kind", ProjectKind::Construction, project_kind_from_string);
    p.investment_yuan = f.integer("investment_yuan", 0, true);
    p.region_code = f.str("region_code", true);
    p.site = f.str("site");
    p.fast_lane = f.boolean("fast_lane", false);
    p.template_code = f.str("template_code", true);
    f.no_unknown_keys();
    return p;
  } catch (const DecodeError& e) {
    return Error{ErrorCode::ProjectInvalid, e.detail, e.field};
  }
}

Result<std::vector<StageTemplate>> read_template_dir(const std::filesystem::path& dir) {
  return read_json_dir<StageTemplate>(dir,
                                      [](const std::string& text) { return parse_template(text); });
}

}  // namespace tongban::projects::io
