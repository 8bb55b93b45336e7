// Multi-level review from the command line: the self-check rule sets of data/projects/rules and
// the review posts of data/projects/review-posts.json.
#pragma once

#include <string>

#include "app/context.hpp"

namespace tongban::cli {

// Imports (replaces) every rule set and review post (after the demo departments, which the
// posts name). Prints a line; false (and a message on stderr) on failure.
bool load_demo_review_setup(const app::Env& env, const app::RequestContext& ctx,
                            const std::string& data_dir);

}  // namespace tongban::cli
