#include "tests/support/test_store.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "adapters/crypto/blind_index.hpp"
#include "adapters/crypto/secret_box.hpp"

namespace tongban::testing {
namespace {

struct Keys {
  std::unique_ptr<ports::SecretBox> box;
  std::unique_ptr<ports::BlindIndex> index;
};

// Reads a key file holding `line`, written in a directory removed right after.
template <class Load>
auto load_fixed(const std::string& line, Load load) {
  const char* tmp = std::getenv("TMPDIR");
  std::string dir =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/tongban-keys-XXXXXX";
  if (::mkdtemp(dir.data()) == nullptr) throw std::runtime_error("mkdtemp failed: " + dir);
  const auto path = std::filesystem::path(dir) / "test.key";
  std::ofstream(path) << line;
  auto loaded = load(path.string());
  std::filesystem::remove_all(dir);
  if (!loaded) throw std::runtime_error("test key: " + loaded.error().detail);
  return std::move(*loaded);
}

Keys make_keys() {
  Keys k;
  k.box = load_fixed("k1 " + std::string(64, '1') + "\n", crypto::load_secret_box);
  k.index = load_fixed("k1 " + std::string(64, '2') + "\n", crypto::load_blind_index);
  return k;
}

}  // namespace

const repo::PersonalDataKeys& test_personal_data_keys() {
  static const Keys* keys = new Keys(make_keys());  // never destroyed: stores may outlive tests
  static const repo::PersonalDataKeys out{*keys->box, *keys->index};
  return out;
}

void StoreTest::SetUp() {
  DatabaseTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  store_.emplace(db(), test_personal_data_keys());
  seed();
}

void StoreTest::TearDown() {
  store_.reset();
  DatabaseTest::TearDown();
}

std::int64_t StoreTest::add_person(const std::string& username) {
  ports::UserRecord u;
  u.username = username;
  u.display_name = "申请人 " + username;
  u.password_hash = "x";
  u.role = "applicant_person";
  u.kind = "person";
  u.created_at = at_second(0);
  return write([&](ports::UnitOfWork& uow) { return uow.identity().insert_user(u); });
}

Instant at_second(std::int64_t seconds) {
  // 2026-03-02T01:00:00Z, a Monday morning in China.
  return from_micros((1772413200 + seconds) * 1000000);
}

Date day(std::string_view text) {
  auto d = parse_date(text);
  if (!d) throw std::invalid_argument("not a date: " + std::string(text));
  return *d;
}

}  // namespace tongban::testing
