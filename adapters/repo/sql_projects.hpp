// Stage templates, projects, their stages, cases and joint tasks (ports/project_repository.hpp).
#pragma once

#include "ports/database.hpp"
#include "ports/project_repository.hpp"

namespace tongban::repo {

class SqlProjectRepository final : public ports::ProjectRepository {
 public:
  explicit SqlProjectRepository(ports::Tx& tx) : tx_(tx) {}
  bool insert_template(const projects::StageTemplate& t, Instant at) override;
  bool replace_template(const projects::StageTemplate& t, Instant at) override;
  std::optional<projects::StageTemplate> find_template(const std::string& code) override;
  ports::PageOf<projects::StageTemplate> list_templates(const ports::TemplateFilter& f,
                                                        ports::PageRequest page) override;

  bool insert_project(const ports::ProjectRecord& p) override;
  std::optional<ports::ProjectRecord> find_project(const std::string& code) override;
  std::optional<ports::ProjectRecord> lock_project(const std::string& code) override;
  ports::PageOf<ports::ProjectRecord> list_projects(const ports::ProjectFilter& f,
                                                    ports::PageRequest page) override;
  void update_project_state(const std::string& code, const std::string& state) override;
  void set_helper(const std::string& code, std::optional<std::int64_t> user_id) override;
  std::optional<std::int64_t> find_owner_account(const std::string& uscc) override;

  void insert_stage(const ports::ProjectStageRecord& s) override;
  void update_stage(const ports::ProjectStageRecord& s) override;
  std::vector<ports::ProjectStageRecord> list_stages(const std::string& project_code) override;
  std::vector<ports::ProjectStageRecord> list_open_stages(
      const std::vector<std::string>& project_codes) override;

  void insert_project_case(const std::string& project_code, const std::string& stage_code,
                           std::int64_t case_id, const std::string& item_code) override;
  std::vector<ports::ProjectCaseRecord> list_project_cases(
      const std::string& project_code) override;

  std::int64_t insert_joint_task(const ports::JointTaskRecord& t) override;
  std::optional<ports::JointTaskRecord> find_joint_task(std::int64_t id) override;
  std::optional<ports::JointTaskRecord> lock_joint_task(std::int64_t id) override;
  ports::PageOf<ports::JointTaskRecord> list_joint_tasks(const ports::JointTaskFilter& f,
                                                         ports::PageRequest page) override;
  void update_joint_task(const ports::JointTaskRecord& t) override;

 private:
  std::vector<ports::JointAnswerRecord> answers_of(std::int64_t task_id);
  ports::Tx& tx_;
};

}  // namespace tongban::repo
