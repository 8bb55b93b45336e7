#include "ports/database.hpp"

namespace tongban::ports {
namespace {
[[noreturn]] void type_error(std::size_t i, const char* want) {
  throw DbError(DbError::Kind::Other, "column " + std::to_string(i) + " is not " + want);
}
}  // namespace

std::int64_t Row::i64(std::size_t i) const {
  const auto& v = cols_.at(i);
  if (const auto* p = std::get_if<std::int64_t>(&v)) return *p;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  type_error(i, "an integer");
}

double Row::f64(std::size_t i) const {
  const auto& v = cols_.at(i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* p = std::get_if<std::int64_t>(&v)) return static_cast<double>(*p);
  type_error(i, "a number");
}

const std::string& Row::text(std::size_t i) const {
  const auto& v = cols_.at(i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  type_error(i, "text");
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

std::optional<std::int64_t> Row::opt_i64(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return i64(i);
}

const Blob& Row::blob(std::size_t i) const {
  const auto& v = cols_.at(i);
  if (const auto* b = std::get_if<Blob>(&v)) return *b;
  type_error(i, "a blob");
}

}  // namespace tongban::ports
