// Self-registration of applicants: GB 11643 ID numbers and GB 32100 credit codes are checked
// at the edge, and a refused registration stores nothing.
#include <string>

#include "adapters/repo/sql_personal_data.hpp"
#include "tests/http/test_server.hpp"

namespace tongban::testing {
namespace {

namespace json = boost::json;

json::object person(const std::string& username, const std::string& id_number) {
  return json::object{{"username", username},
                      {"password", "Secret123"},
                      {"display_name", "黄小明"},
                      {"kind", "person"},
                      {"id_number", id_number}};
}

json::object org(const std::string& username, const std::string& uscc) {
  return json::object{{"username", username},
                      {"password", "Secret123"},
                      {"display_name", "南宁测试科技有限公司"},
                      {"kind", "org"},
                      {"uscc", uscc}};
}

class RegistrationTest : public HttpTest {
 protected:
  std::string id_index(const std::string& id_number) {
    return repo::id_number_index(server().runtime().blind_index(), id_number);
  }
  HttpResult reg(const json::object& body) {
    return server().client()->post("/api/v1/auth/register", body);
  }
  void expect_refused(const HttpResult& r, int status, const std::string& code,
                      const std::string& field, const std::string& reason = {}) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.code(), code) << r.body;
    const auto body = r.json();
    ASSERT_TRUE(body.as_object().contains("details")) << r.body;
    EXPECT_EQ(body.at("details").at("field").as_string(), field) << r.body;
    if (!reason.empty()) {
      EXPECT_EQ(body.at("details").at("reason").as_string(), reason) << r.body;
    }
  }
};

TEST_P(RegistrationTest, PersonWithAValidIdNumberIsCreated) {
  const auto users = server().user_count();
  auto r = reg(person("huang.xm", "450102198001010015"));
  ASSERT_EQ(r.status, 201) << r.body;
  const auto u = r.json();
  EXPECT_EQ(u.at("username").as_string(), "huang.xm");
  EXPECT_EQ(u.at("role").as_string(), "applicant_person");
  EXPECT_EQ(u.at("kind").as_string(), "person");
  EXPECT_EQ(u.at("id_number").as_string(), "450102198001010015");
  EXPECT_FALSE(u.as_object().contains("password_hash"));
  EXPECT_EQ(server().user_count(), users + 1);
  // Stored sealed, found by its blind index (personal_data_at_rest_test.cpp).
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM users WHERE username = 'huang.xm' AND "
                            "id_number_index = ? AND role = 'applicant_person'",
                            {id_index("450102198001010015")}),
            1);
  // The new account can sign in.
  auto c = server().client();
  EXPECT_FALSE(bearer_token(*c, "huang.xm", "Secret123").empty());
  // The administrators managing accounts see the 身份证 masked; the person, in full.
  for (const char* staff : {"admin", "security"}) {
    auto list = client(staff).get("/api/v1/users?q=huang.xm");
    ASSERT_EQ(list.status, 200) << list.body;
    ASSERT_EQ(list.json().at("data").as_array().size(), 1U) << staff;
    EXPECT_EQ(list.json().at("data").at(0).at("id_number").as_string(), "450102********0015")
        << staff;
    EXPECT_EQ(list.body.find("450102198001010015"), std::string::npos) << staff;
  }
}

TEST_P(RegistrationTest, OrganisationWithAValidCreditCodeIsCreated) {
  auto r = reg(org("nn.test.co", "91450100MA5K00001E"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json().at("role").as_string(), "applicant_org");
  EXPECT_EQ(r.json().at("uscc").as_string(), "91450100MA5K00001E");
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM users WHERE uscc = '91450100MA5K00001E'"), 1);
}

TEST_P(RegistrationTest, LowerCaseXIsStoredUpperCase) {
  auto r = reg(person("lower.x", "45010219800101004x"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json().at("id_number").as_string(), "45010219800101004X");
  auto c = server().client();
  c->set_default_header("Authorization", "Bearer " + bearer_token(*c, "lower.x", "Secret123"));
  EXPECT_EQ(c->get("/api/v1/auth/me").json().at("user").at("id_number").as_string(),
            "45010219800101004X");
}

TEST_P(RegistrationTest, WrongIdCheckDigitIsRefused) {
  const auto users = server().user_count();
  expect_refused(reg(person("bad.digit", "450102198001010016")), 400, "invalid_id_number",
                 "id_number", "check_digit");
  expect_refused(reg(person("bad.digit", "45010219800101001")), 400, "invalid_id_number",
                 "id_number");
  json::object missing = person("bad.digit", "x");
  missing.erase("id_number");
  expect_refused(reg(missing), 400, "invalid_id_number", "id_number");
  EXPECT_EQ(server().user_count(), users);
}

TEST_P(RegistrationTest, WrongCreditCodeCheckDigitIsRefused) {
  const auto users = server().user_count();
  expect_refused(reg(org("bad.uscc", "91450100MA5K00001F")), 400, "invalid_uscc", "uscc",
                 "check_digit");
  expect_refused(reg(org("bad.uscc", "91450100MA5K0000")), 400, "invalid_uscc", "uscc");
  EXPECT_EQ(server().user_count(), users);
}

TEST_P(RegistrationTest, DuplicateUsernameIsTaken) {
  ASSERT_EQ(reg(person("same.name", "450102198001010015")).status, 201);
  const auto users = server().user_count();
  expect_refused(reg(person("same.name", "450102199003150024")), 409, "username_taken", "username");
  // Demo accounts count too.
  expect_refused(reg(person("admin", "450102199003150024")), 409, "username_taken", "username");
  EXPECT_EQ(server().user_count(), users);
}

TEST_P(RegistrationTest, OneIdNumberRegistersOnce) {
  ASSERT_EQ(reg(person("first.one", "450102198001010015")).status, 201);
  const auto users = server().user_count();
  auto r = reg(person("second.one", "450102198001010015"));
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.code(), "conflict");
  EXPECT_EQ(server().user_count(), users);
}

TEST_P(RegistrationTest, RoleCannotBeChosenAndKindIsChecked) {
  auto body = person("wants.admin", "450102198001010015");
  body["role"] = "admin";
  auto r = reg(body);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json().at("role").as_string(), "applicant_person");

  const auto users = server().user_count();
  auto staff = person("wants.staff", "450102199003150024");
  staff["kind"] = "staff";
  expect_refused(reg(staff), 400, "validation_failed", "kind");
  expect_refused(reg(person("ab", "450102199003150024")), 400, "validation_failed", "username");
  auto weak = person("weak.pass", "450102199003150024");
  weak["password"] = "short1";
  expect_refused(reg(weak), 400, "validation_failed", "password");
  // GB/T 22239 level 3: three classes, not the username, not a common password.
  for (const auto& [password, why] :
       {std::pair{"password1", "needs_three_classes"},
        std::pair{"Weak.Pass2026", "contains_username"}, std::pair{"P@ssw0rd", "too_common"}}) {
    weak["password"] = password;
    auto r = reg(weak);
    expect_refused(r, 400, "validation_failed", "password");
    EXPECT_EQ(r.json().at("details").at("reason").as_string(), why) << password;
  }
  EXPECT_EQ(server().user_count(), users);
}

TEST_P(RegistrationTest, BirthDateInTheFutureIsRefused) {
  // Born 2026-03-03, one day after the simulated today.
  std::string id17 = "45010220260303001";
  static constexpr int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (id17[i] - '0') * kWeights[i];
  const std::string id = id17 + "10X98765432"[sum % 11];
  expect_refused(reg(person("unborn", id)), 400, "invalid_id_number", "id_number");
}

TONGBAN_INSTANTIATE_ON_DATABASES(RegistrationTest);

}  // namespace
}  // namespace tongban::testing
