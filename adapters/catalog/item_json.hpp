// ServiceItem ↔ JSON (the API and storage shape) and catalog files (JSON or TOML, many
// items). Field names are snake_case; enums are the stable names of core/catalog/names.hpp;
// limits are {"amount": n, "unit": "working_days"}.
//
// Decoding is total: any text gives a value or an Error, never an exception (fuzzed).
// Errors: catalog_malformed with `field` = the path inside the item ("materials[2].form")
// and a detail that starts with the item's code (or "#<index>" when it has none yet).
// Unknown fields are rejected so a misspelt key is not silently dropped.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "core/catalog/service_item.hpp"
#include "core/common/result.hpp"

namespace tongban::catalog::io {

[[nodiscard]] boost::json::object to_json(const ServiceItem& item);
// `version` is optional on input (default 1); the use cases assign the real one.
[[nodiscard]] Result<ServiceItem> item_from_json(const boost::json::value& v);
[[nodiscard]] Result<ServiceItem> parse_item(std::string_view json_text);
[[nodiscard]] std::string serialize_item(const ServiceItem& item);

enum class FileFormat { Json, Toml };
// From the file name's extension (.json, .toml); nullopt for others.
[[nodiscard]] std::optional<FileFormat> format_of(std::string_view filename);

// A catalog file: JSON {"items": [...]} (a bare array is accepted too), or TOML with an
// array of tables [[items]]. Errors name the item index and code.
[[nodiscard]] Result<std::vector<ServiceItem>> parse_catalog(std::string_view text, FileFormat f);
[[nodiscard]] std::string write_catalog(const std::vector<ServiceItem>& items, FileFormat f);
// Reads and parses a .json or .toml catalog file. InvalidArgument for another extension,
// NotFound when the file cannot be read.
[[nodiscard]] Result<std::vector<ServiceItem>> read_catalog_file(const std::filesystem::path& path);

}  // namespace tongban::catalog::io
