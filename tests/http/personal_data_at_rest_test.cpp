// Personal data sealed at rest (docs/security.md): 身份证 and phone numbers, and the forms of
// applications, are stored sealed under the data key, never in clear — not in the tables, not
// in SQLite's file or WAL — and
// read back in clear; a 身份证 stays unique through its blind index; the clear rows of an
// older version are sealed when the server starts; a new data key re-seals everything; a
// lost blind-index key is refused, then replaced by re-indexing.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "adapters/crypto/key_file.hpp"
#include "adapters/repo/sql_personal_data.hpp"
#include "app/notifications/notifications.hpp"
#include "ports/catalog_repository.hpp"
#include "tests/catalog/sample_items.hpp"
#include "tests/http/test_server.hpp"

namespace tongban::testing {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

constexpr const char* kIdNumber = "45010219800101004X";
constexpr const char* kPhone = "13800001234";
constexpr const char* kAddress = "南宁市青秀区民族大道100号";
constexpr const char* kItem = "11450100MB0000000X4000100001";

json::object person(const std::string& username, const std::string& id_number) {
  return json::object{{"username", username},
                      {"password", "Secret123"},
                      {"display_name", "黄小明"},
                      {"kind", "person"},
                      {"id_number", id_number}};
}

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct StoredUser {
  std::optional<std::string> id_number, id_number_index, phone;
};

class PersonalDataAtRestTest : public HttpTest {
 protected:
  StoredUser stored(const std::string& username) {
    return server().db().read([&](ports::Tx& tx) {
      auto r = tx.query_one(
          "SELECT id_number, id_number_index, phone FROM users WHERE username = ?", {username});
      EXPECT_TRUE(r.has_value()) << username;
      if (!r) return StoredUser{};
      return StoredUser{r->opt_text(0), r->opt_text(1), r->opt_text(2)};
    });
  }
  // Rows of `table` holding `text` anywhere in `column`.
  std::int64_t rows_containing(const std::string& table, const std::string& column,
                               const std::string& text) {
    return server().scalar("SELECT COUNT(*) FROM " + table + " WHERE " + column + " LIKE ?",
                           {"%" + text + "%"});
  }
  void register_person(const std::string& username, const std::string& id_number) {
    auto r = server().client()->post("/api/v1/auth/register", person(username, id_number));
    ASSERT_EQ(r.status, 201) << r.body;
  }
  // The phone as the messages of an older version would have stored it (nothing in the API
  // sets one yet): sealed here, or in clear.
  void set_phone(const std::string& username, const std::string& stored_phone) {
    server().db().write([&](ports::Tx& tx) {
      tx.exec("UPDATE users SET phone = ? WHERE username = ?", {stored_phone, username});
    });
  }
  void text_user(const std::string& username) {
    const auto& env = server().runtime().env();
    ports::Notification n;
    n.user_id = server().user_id(username);
    n.kind = ports::NotificationKind::Accepted;
    n.title = "已受理";
    n.at = env.clock.now();
    env.store.write([&](ports::UnitOfWork& uow) { env.notifier->notify(uow, n); });
  }
  std::string me_id_number(const std::string& username) {
    auto c = server().client();
    c->set_default_header("Authorization", "Bearer " + bearer_token(*c, username, "Secret123"));
    auto r = c->get("/api/v1/auth/me");
    EXPECT_EQ(r.status, 200) << r.body;
    return std::string(r.json().at("user").at("id_number").as_string());
  }
  // On SQLite: `present` is in the database file or its WAL, none of `absent` is, before
  // and after a checkpoint.
  void expect_only_in_sqlite_files(const std::string& present,
                                   std::initializer_list<const char*> absent) {
    if (kind() != "sqlite") return;
    const fs::path file = server().db_url().substr(std::string("sqlite:").size());
    for (int pass = 0; pass < 2; ++pass) {
      const auto bytes = read_bytes(file) + read_bytes(file.string() + "-wal");
      EXPECT_NE(bytes.find(present), std::string::npos) << present;
      for (const char* text : absent) EXPECT_EQ(bytes.find(text), std::string::npos) << text;
      server().db().exec_script("PRAGMA wal_checkpoint(TRUNCATE)");
    }
  }
  // The citizen's application for a commitment item, its form holding an address and a phone.
  std::int64_t submit_case() {
    const auto& env = server().runtime().env();
    env.store.write([&](ports::UnitOfWork& uow) {
      uow.catalog().insert_item_version(catalog::testing::commitment_item(kItem), env.clock.now(),
                                        "test");
      for (char f : {'a', 'b'}) {
        uow.files().record_upload({std::string(64, f), 10, "application/pdf", "x.pdf",
                                   server().user_id("citizen"), env.clock.now()});
      }
    });
    json::array materials;
    for (const auto& [code, f] : {std::pair{"M01", 'a'}, std::pair{"M02", 'b'}})
      materials.push_back(json::object{{"material_code", code}, {"file_id", std::string(64, f)}});
    auto r = client("citizen").post(
        "/api/v1/cases", json::object{{"item_code", kItem},
                                      {"form", json::object{{"project", "民族大道某项目"},
                                                            {"address", kAddress},
                                                            {"phone", kPhone}}},
                                      {"materials", std::move(materials)}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().at("id").as_int64();
  }
  std::string stored_form(std::int64_t case_id) {
    return server().db().read([&](ports::Tx& tx) {
      return tx.query_one("SELECT form_json FROM cases WHERE id = ?", {case_id})->text(0);
    });
  }
  std::string own_address(std::int64_t case_id) {
    auto r = client("citizen").get("/api/v1/cases/" + std::to_string(case_id));
    EXPECT_EQ(r.status, 200) << r.body;
    return std::string(r.json().at("form").at("address").as_string());
  }

  // A second runtime on the same database, as a new binary's first start would be.
  std::unique_ptr<cli::Runtime> start_again(const std::string& data_key_file = "") {
    cli::Config cfg;
    cfg.db = server().db_url();
    cfg.access_log = false;
    if (!data_key_file.empty()) cfg.data_key_file = data_key_file;
    return std::make_unique<cli::Runtime>(cfg, cli::RuntimeDeps{&server().clock(), true});
  }
};

TEST_P(PersonalDataAtRestTest, IdNumbersAndPhonesAreStoredSealedAndReadInClear) {
  register_person("sealed.person", kIdNumber);
  set_phone("sealed.person", server().runtime().env().secrets->seal(kPhone));
  text_user("sealed.person");

  const auto u = stored("sealed.person");
  ASSERT_TRUE(u.id_number && u.id_number_index && u.phone);
  EXPECT_EQ(u.id_number->find(kIdNumber), std::string::npos) << *u.id_number;
  EXPECT_EQ(*u.id_number_index, repo::id_number_index(server().runtime().blind_index(), kIdNumber));
  EXPECT_EQ(rows_containing("users", "id_number", kIdNumber), 0);
  EXPECT_EQ(rows_containing("users", "id_number", "45010219800101004"), 0);
  EXPECT_EQ(rows_containing("users", "phone", kPhone), 0);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM sms_outbox"), 1);
  EXPECT_EQ(rows_containing("sms_outbox", "phone", kPhone), 0);
  // Found by its blind index, without opening any row.
  EXPECT_EQ(server().scalar(
                "SELECT COUNT(*) FROM users WHERE id_number_index = ?",
                {repo::id_number_index(server().runtime().blind_index(), "45010219800101004x")}),
            1);

  // Read back in clear: the API, the SMS outbox, the phone lookup.
  EXPECT_EQ(me_id_number("sealed.person"), kIdNumber);
  const auto& env = server().runtime().env();
  env.store.read([&](ports::UnitOfWork& uow) {
    auto user = uow.identity().find_user_by_username("sealed.person");
    ASSERT_TRUE(user);
    EXPECT_EQ(user->id_number, kIdNumber);
    EXPECT_EQ(uow.messages().phone_of(user->id), kPhone);
  });
  ASSERT_EQ(app::deliver_sms(env, 10).sent, 1u);
  env.store.read([&](ports::UnitOfWork& uow) {
    const auto id = server().scalar("SELECT MAX(id) FROM sms_outbox");
    auto sms = uow.messages().find_sms(id);
    ASSERT_TRUE(sms);
    EXPECT_EQ(sms->phone, kPhone);
  });

  // Nowhere in SQLite's files either; the scan does read the rows: the username is there.
  expect_only_in_sqlite_files("sealed.person", {kIdNumber, kPhone});
}

TEST_P(PersonalDataAtRestTest, ADuplicateIdNumberIsRefusedAndChangesNothing) {
  register_person("first.one", kIdNumber);
  const auto before = stored("first.one");
  const auto users = server().user_count();
  // The same number, as typed with a lower-case x.
  auto r =
      server().client()->post("/api/v1/auth/register", person("second.one", "45010219800101004x"));
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.code(), "conflict");
  EXPECT_EQ(server().user_count(), users);
  const auto after = stored("first.one");
  EXPECT_EQ(after.id_number, before.id_number);
  EXPECT_EQ(after.id_number_index, before.id_number_index);
  EXPECT_EQ(me_id_number("first.one"), kIdNumber);
}

TEST_P(PersonalDataAtRestTest, ClearRowsOfAnOlderVersionAreSealedAtStart) {
  register_person("older.person", kIdNumber);
  // As 0105 and earlier stored them.
  server().db().write([&](ports::Tx& tx) {
    tx.exec("UPDATE users SET id_number = ?, id_number_index = NULL, phone = ? WHERE username = ?",
            {kIdNumber, kPhone, "older.person"});
    tx.exec(
        "INSERT INTO sms_outbox (user_id, phone, text, status, attempts, next_attempt_at, "
        "created_at) VALUES (?, ?, '【通办】已受理', 'sent', 1, 0, 0)",
        {server().user_id("older.person"), kPhone});
  });
  ASSERT_EQ(rows_containing("users", "id_number", kIdNumber), 1);
  // Values in clear are still read until then.
  EXPECT_EQ(me_id_number("older.person"), kIdNumber);

  start_again();
  const auto u = stored("older.person");
  ASSERT_TRUE(u.id_number && u.id_number_index && u.phone);
  EXPECT_EQ(rows_containing("users", "id_number", kIdNumber), 0);
  EXPECT_EQ(rows_containing("users", "phone", kPhone), 0);
  EXPECT_EQ(rows_containing("sms_outbox", "phone", kPhone), 0);
  EXPECT_EQ(*u.id_number_index, repo::id_number_index(server().runtime().blind_index(), kIdNumber));
  EXPECT_EQ(me_id_number("older.person"), kIdNumber);
  server().runtime().env().store.read([&](ports::UnitOfWork& uow) {
    EXPECT_EQ(uow.messages().phone_of(server().user_id("older.person")), kPhone);
  });
  // Indexed like a new registration: the number cannot register again.
  auto again = server().client()->post("/api/v1/auth/register", person("again", kIdNumber));
  EXPECT_EQ(again.status, 409) << again.body;

  // Idempotent: a further start changes nothing.
  const auto report = repo::seal_personal_data(
      server().db(),
      repo::PersonalDataKeys{*server().runtime().env().secrets, server().runtime().blind_index()});
  EXPECT_EQ(report.sealed, 0);
  EXPECT_EQ(report.resealed, 0);
  EXPECT_EQ(report.unopened, 0);
  start_again();
  const auto later = stored("older.person");
  EXPECT_EQ(later.id_number, u.id_number);
  EXPECT_EQ(later.phone, u.phone);
}

TEST_P(PersonalDataAtRestTest, ANewDataKeyReSealsEverythingAndTheIndexKeyStays) {
  register_person("rotated.person", kIdNumber);
  set_phone("rotated.person", server().runtime().env().secrets->seal(kPhone));
  const auto before = stored("rotated.person");

  // The key files copied, a new data key appended: the start re-seals under it.
  const fs::path dir =
      fs::temp_directory_path() / ("tongban-rotation-" + std::to_string(::getpid()) + "-" + kind());
  fs::create_directories(dir);
  const fs::path data_key = dir / "data.key";
  fs::copy_file(cli::Config{}.data_key_file, data_key, fs::copy_options::overwrite_existing);
  fs::copy_file("var/index.key", dir / "index.key", fs::copy_options::overwrite_existing);
  std::ofstream(data_key, std::ios::app) << crypto::new_key_line("rotated");
  {
    auto rotated = start_again(data_key.string());
    const auto after = stored("rotated.person");
    ASSERT_TRUE(after.id_number && after.phone);
    EXPECT_EQ(after.id_number->rfind("rotated:", 0), 0u) << *after.id_number;
    EXPECT_EQ(after.phone->rfind("rotated:", 0), 0u) << *after.phone;
    EXPECT_EQ(after.id_number_index, before.id_number_index);  // the index key did not change
    rotated->env().store.read([&](ports::UnitOfWork& uow) {
      auto user = uow.identity().find_user_by_username("rotated.person");
      ASSERT_TRUE(user);
      EXPECT_EQ(user->id_number, kIdNumber);
      EXPECT_EQ(uow.messages().phone_of(user->id), kPhone);
    });
  }

  // Another blind-index key than the database was indexed with: the server refuses to start.
  std::ofstream(dir / "index.key", std::ios::trunc) << crypto::new_key_line("k1");
  EXPECT_THROW(start_again(data_key.string()), std::runtime_error);
  // Lost for good (docs/operations.md): with the index cleared, the next start indexes every
  // sealed number again under the new key.
  server().db().write([&](ports::Tx& tx) {
    tx.exec("UPDATE users SET id_number_index = NULL");
    tx.exec("DELETE FROM blind_index_key");
  });
  {
    auto reindexed = start_again(data_key.string());
    const auto now = stored("rotated.person");
    ASSERT_TRUE(now.id_number_index);
    EXPECT_NE(now.id_number_index, before.id_number_index);
    EXPECT_EQ(*now.id_number_index, repo::id_number_index(reindexed->blind_index(), kIdNumber));
    EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM users WHERE id_number IS NOT NULL AND "
                              "id_number_index IS NULL"),
              0);
  }
  fs::remove_all(dir);
}

TEST_P(PersonalDataAtRestTest, ApplicationFormsAreStoredSealedAndReadInClear) {
  const auto id = submit_case();
  const auto sealed = stored_form(id);
  EXPECT_EQ(sealed.rfind(server().runtime().env().secrets->current_key_id() + ":", 0), 0u)
      << sealed;
  EXPECT_EQ(rows_containing("cases", "form_json", "青秀区"), 0);
  EXPECT_EQ(rows_containing("cases", "form_json", kPhone), 0);
  EXPECT_EQ(own_address(id), kAddress);
  // A change that leaves the form alone leaves its sealed text alone (no write of it).
  ASSERT_EQ(client("clerk")
                .post("/api/v1/cases/" + std::to_string(id) + "/accept", json::object{})
                .status,
            200);
  EXPECT_EQ(stored_form(id), sealed);
  expect_only_in_sqlite_files("测试许可事项",
                              {kAddress, kPhone, "民族大道"});  // the item name is there
}

TEST_P(PersonalDataAtRestTest, ClearFormsOfAnOlderVersionAreReadThenSealedAtStart) {
  const auto id = submit_case();
  const std::string clear = R"({"project":"民族大道某项目","address":")" + std::string(kAddress) +
                            R"(","phone":"13800001234"})";
  server().db().write([&](ports::Tx& tx) {
    tx.exec("UPDATE cases SET form_json = ? WHERE id = ?", {clear, id});
  });
  EXPECT_EQ(own_address(id), kAddress);  // read as it is until then

  start_again();
  EXPECT_EQ(rows_containing("cases", "form_json", "青秀区"), 0);
  EXPECT_NE(stored_form(id), clear);
  EXPECT_EQ(own_address(id), kAddress);
  // A form no key opens (a key removed from data_key_file, or the text altered) is an error,
  // never another form.
  server().db().write([&](ports::Tx& tx) {
    tx.exec("UPDATE cases SET form_json = ? WHERE id = ?",
            {"lost:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", id});
  });
  auto r = client("citizen").get("/api/v1/cases/" + std::to_string(id));
  EXPECT_EQ(r.status, 500) << r.body;
  EXPECT_EQ(r.body.find("lost:"), std::string::npos) << r.body;
}

TONGBAN_INSTANTIATE_ON_DATABASES(PersonalDataAtRestTest);

}  // namespace
}  // namespace tongban::testing
