// What the configuration tests share.
#pragma once

#include <string>

#include "core/common/result.hpp"
#include "main/config.hpp"

namespace tongban::cli {

// Applies `toml` to cfg through a config file of its own (removed again).
Status apply_toml(Config& cfg, const std::string& toml);

}  // namespace tongban::cli
