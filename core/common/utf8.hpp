// UTF-8 checks shared by everything that takes text from outside (file names, paths, query
// strings). Pure.
#pragma once

#include <cstddef>
#include <string_view>

namespace tongban {

// Length of the UTF-8 sequence starting at b[i] (i < b.size()), or 0 when it is malformed
// (overlong forms, surrogates and values above U+10FFFF included).
[[nodiscard]] std::size_t utf8_sequence(std::string_view b, std::size_t i);

// Whether the whole text is well-formed UTF-8.
[[nodiscard]] bool valid_utf8(std::string_view text);

}  // namespace tongban
