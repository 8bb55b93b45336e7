// libFuzzer target for bundle definitions (data/bundles files, imported as outside input).
// Beyond "no crash": whatever parses survives a serialize/parse round trip unchanged, and the
// pure rules (validation against an empty catalog, selection, forms) return values.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "adapters/bundles/bundle_json.hpp"

namespace {

void require(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tongban::bundles;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto b = io::parse_bundle(text);
  if (!b.ok()) {
    require(b.error().code == tongban::ErrorCode::BundleInvalid);
    return 0;
  }
  const auto once = io::serialize_bundle(*b);
  auto again = io::parse_bundle(once);
  require(again.ok() && io::serialize_bundle(*again) == once);
  (void)validate_bundle(*b, {});
  auto selection = resolve_selection(*b, all_items(*b));
  if (selection.ok()) (void)item_forms(*b, *selection, {}, {});
  return 0;
}
