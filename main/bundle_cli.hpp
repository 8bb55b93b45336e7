// Bundles from the command line: the demo bundles of data/bundles.
#pragma once

#include <string>

#include "app/context.hpp"

namespace tongban::cli {

// Imports every data_dir/bundles/*.json bundle not yet stored (after the demo catalog, whose
// items they name). Prints a line; false (and a message on stderr) on failure.
bool load_demo_bundles(const app::Env& env, const app::RequestContext& ctx,
                       const std::string& data_dir);

}  // namespace tongban::cli
