#include "main/catalog_cli.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "adapters/catalog/item_json.hpp"
#include "app/catalog/catalog.hpp"

namespace tongban::cli {
namespace {

void print_error(const Error& e) {
  std::fprintf(stderr, "error: %s%s%s: %s\n", std::string(e.name()).c_str(),
               e.field.empty() ? "" : " field ", e.field.c_str(), e.detail.c_str());
}

int run_import(const app::Env& env, const app::RequestContext& ctx, const CatalogCommand& cmd) {
  auto items = catalog::io::read_catalog_file(cmd.file);
  if (!items) {
    print_error(items.error());
    return items.error().code == ErrorCode::CatalogMalformed ? 1 : 2;
  }
  auto report = app::import_items(env, ctx, *items);
  if (!report) {
    print_error(report.error());
    return 1;
  }
  std::printf("catalog import: %d created, %d new versions, %d unchanged\n", report->created,
              report->versioned, report->unchanged);
  return 0;
}

int run_export(const app::Env& env, const app::RequestContext& ctx, const CatalogCommand& cmd) {
  catalog::io::FileFormat format = catalog::io::FileFormat::Json;
  if (cmd.format == "toml") {
    format = catalog::io::FileFormat::Toml;
  } else if (cmd.format.empty() && !cmd.file.empty()) {
    format = catalog::io::format_of(cmd.file).value_or(catalog::io::FileFormat::Json);
  }
  auto items = app::export_items(env, ctx);
  if (!items) {
    print_error(items.error());
    return 1;
  }
  const auto text = catalog::io::write_catalog(*items, format);
  if (cmd.file.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
  }
  std::ofstream out(cmd.file, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) {
    std::fprintf(stderr, "error: cannot write %s\n", cmd.file.c_str());
    return 2;
  }
  std::fprintf(stderr, "catalog export: %zu items written to %s\n", items->size(),
               cmd.file.c_str());
  return 0;
}

}  // namespace

void add_catalog_commands(CLI::App& parent, CatalogCommand& cmd) {
  auto* catalog = parent.add_subcommand("catalog", "the service catalog: import and export items");
  catalog->require_subcommand(1);
  cmd.import =
      catalog->add_subcommand("import", "import items from a .json or .toml file (all or nothing)");
  cmd.import->add_option("file", cmd.file, "catalog file")->required();
  cmd.export_ = catalog->add_subcommand("export", "write the latest version of every item");
  cmd.export_->add_option("--format", cmd.format, "json | toml")
      ->check(CLI::IsMember({"json", "toml"}));
  cmd.export_->add_option("file", cmd.file, "output file (default: standard output)");
}

int run_catalog_command(const app::Env& env, const app::RequestContext& ctx,
                        const CatalogCommand& cmd) {
  if (*cmd.import) return run_import(env, ctx, cmd);
  return run_export(env, ctx, cmd);
}

bool load_demo_catalog(const app::Env& env, const app::RequestContext& ctx,
                       const std::string& data_dir) {
  auto items = catalog::io::read_catalog_file(std::filesystem::path(data_dir) / "catalog" /
                                              "demo-catalog.json");
  auto report = items ? app::import_items(env, ctx, *items, app::ImportMode::OnlyMissing)
                      : Result<app::ImportReport>(items.error());
  if (!report) {
    print_error(report.error());
    return false;
  }
  std::printf("demo catalog: %d items created, %d already present\n", report->created,
              report->unchanged);
  return true;
}

}  // namespace tongban::cli
