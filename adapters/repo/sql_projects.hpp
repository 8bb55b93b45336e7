// Stage templates (ports/project_repository.hpp).
#pragma once

#include "ports/database.hpp"
#include "ports/project_repository.hpp"

namespace tongban::repo {

class SqlProjectRepository final : public ports::ProjectRepository {
 public:
  explicit SqlProjectRepository(ports::Tx& tx) : tx_(tx) {}
  bool insert_template(const projects::StageTemplate& t, Instant at) override;
  std::optional<projects::StageTemplate> find_template(const std::string& code) override;
  ports::PageOf<projects::StageTemplate> list_templates(const ports::TemplateFilter& f,
                                                        ports::PageRequest page) override;

 private:
  ports::Tx& tx_;
};

}  // namespace tongban::repo
