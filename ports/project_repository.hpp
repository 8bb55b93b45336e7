// The projects context's storage: stage templates (data/projects/templates, stored as the JSON
// of adapters/projects). One SQL implementation (adapters/repo/sql_projects.cpp) runs on SQLite
// and PostgreSQL; all methods run inside the unit of work's transaction.
#pragma once

#include <optional>
#include <string>

#include "core/common/time.hpp"
#include "core/projects/stage_template.hpp"
#include "ports/store.hpp"

namespace tongban::ports {

struct TemplateFilter {
  std::optional<std::string> region;  // exactly this region code
};

class ProjectRepository {
 public:
  virtual ~ProjectRepository() = default;
  // False when a template with this code exists (left as it is).
  virtual bool insert_template(const projects::StageTemplate& t, Instant at) = 0;
  virtual std::optional<projects::StageTemplate> find_template(const std::string& code) = 0;
  // Ordered by region, then code.
  virtual PageOf<projects::StageTemplate> list_templates(const TemplateFilter& f,
                                                         PageRequest page) = 0;
};

}  // namespace tongban::ports
