#include "adapters/files/content_check.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "core/common/utf8.hpp"
#include "ports/file_store.hpp"

namespace tongban::files {
namespace {

bool starts_with(std::string_view bytes, std::string_view magic) {
  return bytes.substr(0, magic.size()) == magic;
}

std::uint16_t le16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                    (static_cast<unsigned char>(b[at + 1]) << 8));
}

// A zip's first local file header (APPNOTE 4.3.7): signature, 26 fixed bytes, then the name.
bool is_ofd_zip(std::string_view b) {
  constexpr std::string_view kZip("PK\x03\x04", 4);
  constexpr std::string_view kEntry = "OFD.xml";
  if (!starts_with(b, kZip) || b.size() < 30) return false;
  const std::size_t name_len = le16(b, 26);
  return name_len == kEntry.size() && b.size() >= 30 + name_len && b.substr(30, name_len) == kEntry;
}

std::string lower_trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::optional<std::string_view> sniff_content_type(std::string_view b) {
  if (starts_with(b, "%PDF-")) return ports::kContentTypePdf;
  if (starts_with(b, std::string_view("\x89PNG\r\n\x1a\n", 8))) return ports::kContentTypePng;
  if (starts_with(b, "\xFF\xD8\xFF")) return ports::kContentTypeJpeg;
  if (is_ofd_zip(b)) return ports::kContentTypeOfd;
  return std::nullopt;
}

std::string canonical_declared_type(std::string_view declared) {
  std::string t = lower_trim(declared.substr(0, declared.find(';')));
  if (t.empty() || t == "application/octet-stream") return {};
  if (t == "image/jpg" || t == "image/pjpeg") return std::string(ports::kContentTypeJpeg);
  if (t == "application/x-pdf") return std::string(ports::kContentTypePdf);
  if (t == "application/vnd.ofd" || t == "application/x-ofd")
    return std::string(ports::kContentTypeOfd);
  return t;
}

Result<std::string> clean_original_name(std::string_view name) {
  if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) {
    name.remove_prefix(slash + 1);
  }
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t n = utf8_sequence(name, i);
    if (n == 0)
      return Error{ErrorCode::ValidationFailed, "file name is not UTF-8", "original_name"};
    const auto c = static_cast<unsigned char>(name[i]);
    const bool control = n == 1 && (c < 0x20 || c == 0x7F);
    if (!control) {
      if (out.size() + n > kMaxOriginalNameBytes) break;
      out.append(name.substr(i, n));
    }
    i += n;
  }
  if (out.empty() || out == "." || out == "..") out = "file";
  return out;
}

Result<CheckedUpload> check_upload(std::string_view bytes, std::string_view declared,
                                   std::string_view original_name, std::size_t max_bytes) {
  if (bytes.empty()) return Error{ErrorCode::ValidationFailed, "the file is empty", "file"};
  if (bytes.size() > max_bytes) {
    return Error{ErrorCode::PayloadTooLarge,
                 "the file is larger than " + std::to_string(max_bytes) + " bytes", "file"};
  }
  auto sniffed = sniff_content_type(bytes);
  if (!sniffed) return Error{ErrorCode::FileTypeForbidden, "not PDF, JPEG, PNG or OFD", "file"};
  const std::string claimed = canonical_declared_type(declared);
  if (!claimed.empty() && claimed != *sniffed) {
    return Error{ErrorCode::FileTypeMismatch,
                 "declared " + claimed + " but the content is " + std::string(*sniffed), "file"};
  }
  auto name = clean_original_name(original_name);
  if (!name) return name.error();
  return CheckedUpload{std::string(*sniffed), std::move(*name)};
}

}  // namespace tongban::files
