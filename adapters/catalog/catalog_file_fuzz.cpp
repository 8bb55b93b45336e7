// libFuzzer target for catalog files and item bodies (outside input: imports and POST bodies).
// The first byte picks the format; beyond "no crash" it checks that whatever parses survives
// a write/parse round trip unchanged and that validation of any parsed item returns a value.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "adapters/catalog/item_json.hpp"
#include "core/catalog/validation.hpp"

namespace {

void require(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tongban::catalog;
  if (size == 0) return 0;
  const auto format = (data[0] & 1) != 0 ? io::FileFormat::Toml : io::FileFormat::Json;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto items = io::parse_catalog(text, format);
  if (!items.ok()) {
    require(!items.error().detail.empty());
  } else {
    for (const auto& it : *items) (void)validate_item(it);
    auto again = io::parse_catalog(io::write_catalog(*items, format), format);
    require(again.ok() && again->size() == items->size());
    for (std::size_t i = 0; i < items->size(); ++i) {
      require(io::serialize_item((*again)[i]) == io::serialize_item((*items)[i]));
    }
  }
  (void)io::parse_item(text);
  return 0;
}
