// `tongban catalog import FILE` and `tongban catalog export [--format json|toml] [FILE]`.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "app/context.hpp"

namespace tongban::cli {

struct CatalogCommand {
  CLI::App* import = nullptr;
  CLI::App* export_ = nullptr;
  std::string file;    // import: required; export: empty → stdout
  std::string format;  // export: json | toml; empty → from FILE's extension, else json

  [[nodiscard]] bool chosen() const { return *import || *export_; }
};

// Registers `catalog import|export` under `parent`.
void add_catalog_commands(CLI::App& parent, CatalogCommand& cmd);

// Runs the chosen command as `ctx` (the CLI's administrator). Import is all-or-nothing: on
// the first bad item nothing is stored and the error (stable code, field, detail naming the
// item) goes to stderr. Returns the exit code: 0 ok, 1 rejected data, 2 bad usage or I/O.
int run_catalog_command(const app::Env& env, const app::RequestContext& ctx,
                        const CatalogCommand& cmd);

// `tongban demo`: imports data_dir/catalog/demo-catalog.json, storing only the items not yet
// present (idempotent). Prints one line; returns false (after printing the error) on failure.
bool load_demo_catalog(const app::Env& env, const app::RequestContext& ctx,
                       const std::string& data_dir);

}  // namespace tongban::cli
