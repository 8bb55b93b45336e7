// Placeholder rewriting: the portable `?` parameters of ports/database.hpp, turned into the
// form an engine wants.
#pragma once

#include <string>
#include <string_view>

#include "ports/database.hpp"

namespace tongban::sql {

// Returns sql with every `?` parameter rewritten for the dialect: unchanged for SQLite,
// `$1`, `$2`, … in order of appearance for PostgreSQL. A `?` inside a '…' string literal
// (with '' escapes), a "…" quoted identifier, a -- line comment, a /* */ block comment or a
// PostgreSQL $tag$…$tag$ dollar-quoted string is left alone. Consequently PostgreSQL's
// jsonb operators `?`, `?|`, `?&` cannot be written in portable SQL.
[[nodiscard]] std::string rewrite_placeholders(std::string_view sql, ports::Dialect dialect);

// The number of `?` parameters rewrite_placeholders() would rewrite.
[[nodiscard]] int count_placeholders(std::string_view sql);

}  // namespace tongban::sql
