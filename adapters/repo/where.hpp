// Builds a WHERE clause from optional filters, keeping every value a bound parameter.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "ports/database.hpp"

namespace tongban::repo {

// Escapes LIKE wildcards so user text matches literally (used with ESCAPE '\').
inline std::string like_contains(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

class Where {
 public:
  // Adds `clause` (with `?` placeholders) and its parameters.
  Where& add(std::string clause, std::vector<ports::Param> params) {
    sql_ += sql_.empty() ? " WHERE " : " AND ";
    sql_ += clause;
    for (auto& p : params) params_.push_back(std::move(p));
    return *this;
  }
  // The search text `q` anywhere in one of `columns`, taken literally (LIKE wildcards in it
  // escaped) and ignoring the case of ASCII letters on both databases: SQLite's LIKE ignores
  // it, PostgreSQL's does not, so both sides are lowered.
  Where& add_contains(std::initializer_list<const char*> columns, const std::string& q) {
    std::string lowered = q;
    for (char& c : lowered) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    std::string clause = "(";
    std::vector<ports::Param> params;
    for (const char* column : columns) {
      if (!params.empty()) clause += " OR ";
      clause += std::string("LOWER(") + column + ") LIKE ? ESCAPE '\\'";
      params.emplace_back(like_contains(lowered));
    }
    return add(clause + ")", std::move(params));
  }
  [[nodiscard]] const std::string& sql() const { return sql_; }
  // The parameters followed by `extra` (e.g. LIMIT and OFFSET).
  [[nodiscard]] std::vector<ports::Param> params(std::vector<ports::Param> extra = {}) const {
    auto out = params_;
    for (auto& p : extra) out.push_back(std::move(p));
    return out;
  }

 private:
  std::string sql_;
  std::vector<ports::Param> params_;
};

}  // namespace tongban::repo
