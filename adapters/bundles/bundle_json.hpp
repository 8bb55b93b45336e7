// Bundle ↔ JSON: the API and storage shape and the files under data/bundles/. Decoding is
// total (an Error value, never an exception); unknown keys are refused. Errors:
// bundle_invalid with `field` = the path inside the bundle ("items[1].covered[0].by").
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "core/bundles/bundle.hpp"
#include "core/common/result.hpp"

namespace tongban::bundles::io {

[[nodiscard]] boost::json::object to_json(const Bundle& b);
[[nodiscard]] Result<Bundle> bundle_from_json(const boost::json::value& v);
[[nodiscard]] Result<Bundle> parse_bundle(std::string_view json_text);
[[nodiscard]] std::string serialize_bundle(const Bundle& b);

// Every *.json file of `dir` (one bundle each), in file-name order. NotFound when the
// directory cannot be read; the first file that does not decode is reported by name.
[[nodiscard]] Result<std::vector<Bundle>> read_bundle_dir(const std::filesystem::path& dir);

}  // namespace tongban::bundles::io
