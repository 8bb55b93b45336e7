#include "adapters/sql/placeholders.hpp"

#include <cctype>

namespace tongban::sql {
namespace {

bool is_ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Scans sql once; calls on_param(offset) for every `?` outside quotes and comments.
template <class F>
void scan(std::string_view sql, F&& on_param) {
  const std::size_t n = sql.size();
  std::size_t i = 0;
  while (i < n) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {
      // A doubled quote is an escaped quote inside the literal; scanning on handles it
      // as "close, reopen", which skips the same characters.
      const std::size_t close = sql.find(c, i + 1);
      i = close == std::string_view::npos ? n : close + 1;
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      const std::size_t eol = sql.find('\n', i + 2);
      i = eol == std::string_view::npos ? n : eol + 1;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      const std::size_t end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? n : end + 2;
    } else if (c == '$' && (i == 0 || !is_ident_char(sql[i - 1]))) {
      // $tag$ … $tag$ (tag may be empty). `$1`-style parameters are not tags: a tag does
      // not start with a digit.
      std::size_t j = i + 1;
      while (j < n && is_ident_char(sql[j]) &&
             !(j == i + 1 && std::isdigit(static_cast<unsigned char>(sql[j])) != 0)) {
        ++j;
      }
      if (j < n && sql[j] == '$') {
        const std::string_view tag = sql.substr(i, j - i + 1);
        const std::size_t end = sql.find(tag, j + 1);
        i = end == std::string_view::npos ? n : end + tag.size();
      } else {
        i = j;
      }
    } else {
      if (c == '?') on_param(i);
      ++i;
    }
  }
}

}  // namespace

std::string rewrite_placeholders(std::string_view sql, ports::Dialect dialect) {
  if (dialect == ports::Dialect::Sqlite) return std::string(sql);
  std::string out;
  out.reserve(sql.size() + 16);
  std::size_t copied = 0;
  int number = 0;
  scan(sql, [&](std::size_t at) {
    out.append(sql.substr(copied, at - copied));
    out.push_back('$');
    out.append(std::to_string(++number));
    copied = at + 1;
  });
  out.append(sql.substr(copied));
  return out;
}

int count_placeholders(std::string_view sql) {
  int count = 0;
  scan(sql, [&](std::size_t) { ++count; });
  return count;
}

}  // namespace tongban::sql
