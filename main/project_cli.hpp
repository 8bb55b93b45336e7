// Projects from the command line: the stage templates of data/projects/templates.
#pragma once

#include <string>

#include "app/context.hpp"

namespace tongban::cli {

// Imports every data_dir/projects/templates/*.json template not yet stored (after the demo
// catalog, whose items they name). Prints a line; false (and a message on stderr) on failure.
bool load_demo_project_templates(const app::Env& env, const app::RequestContext& ctx,
                                 const std::string& data_dir);

}  // namespace tongban::cli
