// What an upload is, decided from its bytes: the checks every FileStore runs before the
// scanner and before anything is written. Pure functions, no I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/result.hpp"

namespace tongban::files {

inline constexpr std::size_t kDefaultMaxUploadBytes = 5 * 1024 * 1024;
inline constexpr std::size_t kMaxOriginalNameBytes = 200;

// One of ports::kContentType* when the bytes start like a PDF ("%PDF-"), PNG (the 8-byte
// signature), JPEG (FF D8 FF) or OFD (a zip whose first local entry is named "OFD.xml");
// nullopt for anything else, including other zips.
[[nodiscard]] std::optional<std::string_view> sniff_content_type(std::string_view bytes);

// The canonical type a declared Content-Type names ("image/jpg; x=y" → "image/jpeg"), the
// empty string for "no claim" (empty, application/octet-stream), or the lower-cased media
// type itself when it is not one we know (it then contradicts any accepted content).
[[nodiscard]] std::string canonical_declared_type(std::string_view declared);

// The file name to keep: the last path component, control characters dropped, cut to
// kMaxOriginalNameBytes at a character boundary; "file" when nothing is left.
// validation_failed (field original_name) when it is not valid UTF-8.
[[nodiscard]] Result<std::string> clean_original_name(std::string_view name);

struct CheckedUpload {
  std::string content_type;
  std::string original_name;
};

// The checks of ports::FileStore::put, in its documented order (without the scanner).
[[nodiscard]] Result<CheckedUpload> check_upload(std::string_view bytes, std::string_view declared,
                                                 std::string_view original_name,
                                                 std::size_t max_bytes);

}  // namespace tongban::files
