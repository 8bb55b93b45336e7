// Stage templates and projects ↔ JSON: the API and storage shape and the files under
// data/projects/templates/. Decoding is total (an Error value, never an exception); unknown
// keys are refused. Errors: template_invalid / project_invalid with `field` = the path inside
// the value ("stages[1].predecessors[0]").
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "core/common/result.hpp"
#include "core/projects/project.hpp"
#include "core/projects/stage_template.hpp"

namespace tongban::projects::io {

[[nodiscard]] boost::json::object to_json(const StageTemplate& t);
[[nodiscard]] Result<StageTemplate> template_from_json(const boost::json::value& v);
[[nodiscard]] Result<StageTemplate> parse_template(std::string_view json_text);
[[nodiscard]] std::string serialize_template(const StageTemplate& t);

// The computed view: {stages, items, serial_days, stage_sum_days, parallel_days} and the
// schedule {stages: [{code, limit_days, earliest_start, earliest_finish, latest_start,
// latest_finish, float_days, critical}], critical_path, figures}.
[[nodiscard]] boost::json::object to_json(const Figures& f);
[[nodiscard]] boost::json::object to_json(const Schedule& s);

// Projects: approval_kind, type and kind by their wire names (core/projects/project.hpp).
[[nodiscard]] boost::json::object to_json(const Project& p);
[[nodiscard]] Result<Project> project_from_json(const boost::json::value& v);

// Every *.json file of `dir` (one template each), in file-name order. NotFound when the
// directory cannot be read; the first file that does not decode is reported by name.
[[nodiscard]] Result<std::vector<StageTemplate>> read_template_dir(
    const std::filesystem::path& dir);

}  // namespace tongban::projects::io
