#include "adapters/repo/sql_personal_data.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace tongban::repo {
namespace {

// A column sealed under the data key.
struct SealedColumn {
  const char* table;
  const char* key;           // the row's key
  const char* column;        // the sealed value
  const char* index_column;  // its blind index (purpose "id_number"), or null
  bool may_be_clear;         // rows from before values were sealed
};

constexpr SealedColumn kSealedColumns[] = {
    {"users", "id", "id_number", "id_number_index", true},
    {"users", "id", "phone", nullptr, true},
    {"sms_outbox", "id", "phone", nullptr, true},
    {"cases", "id", "form_json", nullptr, true},
    {"bundle_cases", "id", "form_json", nullptr, true},
    // Sealed since they were introduced (app/identity/second_factor.cpp): only re-sealed.
    {"second_factors", "user_id", "secret", nullptr, false},
};

constexpr std::int64_t kBatch = 256;
constexpr std::string_view kKeyCheckText = "tongban blind-index key check";

// A sealed value starts "<key id>:", a key id being 1–16 of [A-Za-z0-9_-]; no clear value
// does (a phone number has no ':', a 身份证 neither, a form is JSON and starts with '{').
bool looks_sealed(std::string_view stored) {
  const auto colon = stored.substr(0, 17).find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  return std::all_of(stored.begin(), stored.begin() + static_cast<std::ptrdiff_t>(colon),
                     [](char ch) {
                       return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                              (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
                     });
}

void check_index_key(ports::Database& db, const ports::BlindIndex& index) {
  const auto check = index.index("key_check", kKeyCheckText);
  const auto stored = db.write([&](ports::Tx& tx) {
    tx.exec("INSERT INTO blind_index_key (id, key_check) VALUES (1, ?) ON CONFLICT (id) DO NOTHING",
            {check});
    return tx.query_one("SELECT key_check FROM blind_index_key WHERE id = 1")->text(0);
  });
  if (stored != check) {
    throw std::runtime_error(
        "the blind-index key (index.key beside data_key_file) is not the one this database's "
        "身份证 numbers were indexed with: restore that file (docs/operations.md)");
  }
}

struct Batch {
  SealReport report;
  std::optional<std::int64_t> last_key;  // nullopt: nothing left
};

Batch seal_batch(ports::Tx& tx, const SealedColumn& c, const PersonalDataKeys& keys,
                 const std::string& prefix, std::int64_t after) {
  const std::string col = c.column;
  std::string needs_work = "substr(" + col + ", 1, " + std::to_string(prefix.size()) + ") <> ?";
  if (c.index_column) needs_work += std::string(" OR ") + c.index_column + " IS NULL";
  const auto rows = tx.query(std::string("SELECT ") + c.key + ", " + col + " FROM " + c.table +
                                 " WHERE " + c.key + " > ? AND " + col + " IS NOT NULL AND " + col +
                                 " <> '' AND (" + needs_work + ") ORDER BY " + c.key + " LIMIT ?",
                             {after, prefix, kBatch});
  Batch out;
  std::string update = std::string("UPDATE ") + c.table + " SET " + col + " = ?";
  if (c.index_column) update += std::string(", ") + c.index_column + " = ?";
  update += std::string(" WHERE ") + c.key + " = ? AND " + col + " = ?";
  for (const auto& r : rows) {
    const auto key = r.i64(0);
    const auto& stored = r.text(1);
    out.last_key = key;
    const bool clear = !looks_sealed(stored);
    std::optional<std::string> plain;
    if (clear) {
      if (c.may_be_clear) plain = stored;
    } else {
      plain = keys.box.open(stored);
    }
    if (!plain) {
      ++out.report.unopened;
      continue;
    }
    std::vector<ports::Param> params{keys.box.seal(*plain)};
    if (c.index_column) params.emplace_back(id_number_index(keys.index, *plain));
    params.emplace_back(key);
    params.emplace_back(stored);
    if (tx.exec(update, params) == 0) continue;  // changed meanwhile by someone else
    ++(clear ? out.report.sealed : out.report.resealed);
  }
  return out;
}

}  // namespace

std::string id_number_index(const ports::BlindIndex& index, std::string_view id_number) {
  std::string normal;
  normal.reserve(id_number.size());
  for (const char ch : id_number) {
    if (ch == ' ') continue;
    normal.push_back(ch == 'x' ? 'X' : ch);
  }
  return index.index("id_number", normal);
}

std::optional<std::string> try_open_value(const ports::SecretBox& box, const std::string& stored) {
  if (!looks_sealed(stored)) return stored;
  return box.open(stored);
}

std::optional<std::string> open_column(const ports::SecretBox& box,
                                       const std::optional<std::string>& stored,
                                       std::string_view column) {
  if (!stored) return std::nullopt;
  auto plain = try_open_value(box, *stored);
  if (!plain) {
    throw std::runtime_error(std::string(column) +
                             ": a sealed value no key of data_key_file opens (a key removed from "
                             "the file, or the value altered)");
  }
  return plain;
}

SealReport seal_personal_data(ports::Database& db, const PersonalDataKeys& keys) {
  check_index_key(db, keys.index);
  const auto prefix = keys.box.current_key_id() + ":";
  SealReport total;
  for (const auto& c : kSealedColumns) {
    std::int64_t after = 0;
    for (;;) {
      const auto batch =
          db.write([&](ports::Tx& tx) { return seal_batch(tx, c, keys, prefix, after); });
      total.sealed += batch.report.sealed;
      total.resealed += batch.report.resealed;
      total.unopened += batch.report.unopened;
      if (!batch.last_key) break;
      after = *batch.last_key;
    }
  }
  return total;
}

}  // namespace tongban::repo
