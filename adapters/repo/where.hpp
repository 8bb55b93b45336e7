// Builds a WHERE clause from optional filters, keeping every value a bound parameter.
#pragma once

#include <string>
#include <vector>

#include "ports/database.hpp"

namespace tongban::repo {

class Where {
 public:
  // Adds `clause` (with `?` placeholders) and its parameters.
  Where& add(std::string clause, std::vector<ports::Param> params) {
    sql_ += sql_.empty() ? " WHERE " : " AND ";
    sql_ += clause;
    for (auto& p : params) params_.push_back(std::move(p));
    return *this;
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

}  // namespace tongban::repo
