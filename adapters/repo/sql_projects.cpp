#include "adapters/repo/sql_projects.hpp"

#include <stdexcept>
#include <vector>

#include "adapters/projects/template_json.hpp"

namespace tongban::repo {
namespace {

projects::StageTemplate to_template(const ports::Row& r) {
  auto t = projects::io::parse_template(r.text(0));
  // Stored definitions were validated on the way in; a broken one is a bug, not user input.
  if (!t) throw std::runtime_error("stored stage template does not decode: " + t.error().detail);
  return std::move(*t);
}

}  // namespace

bool SqlProjectRepository::insert_template(const projects::StageTemplate& t, Instant at) {
  if (tx_.query_one("SELECT 1 FROM project_templates WHERE code = ?", {t.code})) return false;
  tx_.exec(
      "INSERT INTO project_templates (code, name, region, definition, updated_at) "
      "VALUES (?, ?, ?, ?, ?)",
      {t.code, t.name, t.region, projects::io::serialize_template(t), to_micros(at)});
  return true;
}

std::optional<projects::StageTemplate> SqlProjectRepository::find_template(
    const std::string& code) {
  auto row = tx_.query_one("SELECT definition FROM project_templates WHERE code = ?", {code});
  if (!row) return std::nullopt;
  return to_template(*row);
}

ports::PageOf<projects::StageTemplate> SqlProjectRepository::list_templates(
    const ports::TemplateFilter& f, ports::PageRequest page) {
  ports::PageOf<projects::StageTemplate> out;
  const std::string where = f.region ? " WHERE region = ?" : "";
  std::vector<ports::Param> params;
  if (f.region) params.emplace_back(*f.region);
  out.total = tx_.query("SELECT COUNT(*) FROM project_templates" + where, params).at(0).i64(0);
  params.emplace_back(page.page_size);
  params.emplace_back(page.offset());
  for (const auto& r : tx_.query("SELECT definition FROM project_templates" + where +
                                     " ORDER BY region, code LIMIT ? OFFSET ?",
                                 params))
    out.data.push_back(to_template(r));
  return out;
}

}  // namespace tongban::repo
