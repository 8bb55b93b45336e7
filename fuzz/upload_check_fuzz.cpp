// libFuzzer target for the upload checks (adapters/files/content_check.hpp): the input is split
// into a declared Content-Type, a file name and the file's bytes (at the first two NULs), then
// sniff_content_type, canonical_declared_type, clean_original_name and check_upload run on
// them. Beyond "no crash", it checks the documented contract: an accepted file starts with one
// of the allowed signatures and has the sniffed type, a declared type never contradicts it, the
// kept name is short, valid and has no path or control characters; every refusal carries one
// of the documented codes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "adapters/files/content_check.hpp"
#include "ports/file_store.hpp"

namespace {

using namespace tongban;
using namespace tongban::files;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// The signatures content_check.hpp documents, for the sniffed type.
bool has_signature(std::string_view bytes, std::string_view type) {
  if (type == ports::kContentTypePdf) return starts_with(bytes, "%PDF-");
  if (type == ports::kContentTypePng) return starts_with(bytes, {"\x89PNG\r\n\x1a\n", 8});
  if (type == ports::kContentTypeJpeg) return starts_with(bytes, "\xFF\xD8\xFF");
  if (type == ports::kContentTypeOfd) {
    return starts_with(bytes, {"PK\x03\x04", 4}) && bytes.size() >= 37 &&
           bytes.substr(30, 7) == "OFD.xml";
  }
  return false;
}

void check_name(std::string_view kept) {
  require(!kept.empty() && kept.size() <= kMaxOriginalNameBytes);
  require(kept != "." && kept != "..");
  for (const char c : kept) {
    const auto u = static_cast<unsigned char>(c);
    require(c != '/' && c != '\\' && u >= 0x20 && u != 0x7F);
  }
  // Cleaning is idempotent: a kept name is kept as it is.
  auto again = clean_original_name(kept);
  require(again.ok() && *again == kept);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto first = input.find('\0');
  const auto second = first == std::string_view::npos ? first : input.find('\0', first + 1);
  std::string_view declared;
  std::string_view name = "upload.pdf";
  std::string_view bytes = input;
  if (second != std::string_view::npos) {
    declared = input.substr(0, first);
    name = input.substr(first + 1, second - first - 1);
    bytes = input.substr(second + 1);
  }

  const auto sniffed = sniff_content_type(bytes);
  if (sniffed) require(has_signature(bytes, *sniffed));
  const std::string claimed = canonical_declared_type(declared);
  for (const char c : claimed) require(!(c >= 'A' && c <= 'Z'));
  if (auto kept = clean_original_name(name); kept.ok()) {
    check_name(*kept);
  } else {
    require(kept.error().code == ErrorCode::ValidationFailed &&
            kept.error().field == "original_name");
  }

  for (const std::size_t max : {kDefaultMaxUploadBytes, std::size_t{16}}) {
    auto r = check_upload(bytes, declared, name, max);
    if (r.ok()) {
      require(!bytes.empty() && bytes.size() <= max);
      require(sniffed && r->content_type == *sniffed && has_signature(bytes, r->content_type));
      require(claimed.empty() || claimed == r->content_type);
      check_name(r->original_name);
      continue;
    }
    const auto code = r.error().code;
    require(code == ErrorCode::ValidationFailed || code == ErrorCode::PayloadTooLarge ||
            code == ErrorCode::FileTypeForbidden || code == ErrorCode::FileTypeMismatch);
    if (code == ErrorCode::PayloadTooLarge) require(bytes.size() > max);
    if (code == ErrorCode::FileTypeForbidden) require(!sniffed && !bytes.empty());
    if (code == ErrorCode::FileTypeMismatch) require(!claimed.empty() && claimed != *sniffed);
  }
  return 0;
}
