// Passwords over HTTP: with a maximum age configured (password_max_age_days), an old password
// signs in only together with a new one, which must follow the rules and differ from the old;
// nothing is stored until the whole sign-in succeeds. A signed-in user changes their password
// at /me/password, where a wrong current password counts like a failed sign-in.
#include <string>

#include "tests/http/test_server.hpp"

namespace tongban::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

constexpr const char* kNew = "Fresh-Pass-2026";

json::object credentials(const std::string& username, const std::string& password,
                         const std::string& new_password = "") {
  json::object o{{"username", username}, {"password", password}};
  if (!new_password.empty()) o["new_password"] = new_password;
  return o;
}

class PasswordPolicyTest : public HttpTest {
 protected:
  [[nodiscard]] TestServerOptions server_options() const override {
    TestServerOptions o;
    o.password_max_age_days = 90;
    return o;
  }
  std::int64_t sessions_of(const std::string& who) {
    return server().scalar("SELECT COUNT(*) FROM sessions WHERE user_id = ?",
                           {server().user_id(who)});
  }
  std::int64_t changed_at(const std::string& who) {
    return server().scalar("SELECT password_changed_at FROM users WHERE username = ?", {who});
  }
  std::int64_t login_failures() {
    return server().scalar(
        "SELECT COUNT(*) FROM login_failures WHERE throttle_key = 'account:clerk'");
  }
  HttpResult login(const json::object& body) {
    return server().client()->post("/api/v1/auth/login", body);
  }
};

TEST_P(PasswordPolicyTest, AnExpiredPasswordSignsInOnlyWithAGoodNewOne) {
  EXPECT_EQ(login(credentials("clerk", demo_password())).status, 200);
  server().clock().set(server().clock().now() + std::chrono::days(91));
  const auto stamp = changed_at("clerk");
  const auto sessions = sessions_of("clerk");

  // The right old password alone: password_expired, no session, nothing changed.
  auto expired = login(credentials("clerk", demo_password()));
  EXPECT_EQ(expired.status, 401) << expired.body;
  EXPECT_EQ(expired.code(), "password_expired");
  EXPECT_FALSE(expired.header("Set-Cookie").has_value());
  // A wrong old password still says only that the credentials are wrong.
  EXPECT_EQ(login(credentials("clerk", "Wrong-Pass-2026", kNew)).code(), "invalid_credentials");

  // A new password against the rules, or the same as the old one, is refused by field.
  for (const std::string& bad :
       {std::string("short1"), std::string("clerk-Clerk-1"), std::string(demo_password())}) {
    SCOPED_TRACE(bad);
    auto r = login(credentials("clerk", demo_password(), bad));
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.code(), "validation_failed");
    EXPECT_EQ(r.json().at("details").at("field").as_string(), "new_password");
  }
  EXPECT_EQ(changed_at("clerk"), stamp);
  EXPECT_EQ(sessions_of("clerk"), sessions);

  // With a good one: signed in, the old sessions end, and only the new password works now.
  auto ok = login(credentials("clerk", demo_password(), kNew));
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_TRUE(ok.header("Set-Cookie").has_value());
  EXPECT_GT(changed_at("clerk"), stamp);
  EXPECT_EQ(sessions_of("clerk"), 1);
  EXPECT_EQ(login(credentials("clerk", demo_password())).code(), "invalid_credentials");
  EXPECT_EQ(login(credentials("clerk", kNew)).status, 200);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM audit_log WHERE action = "
                            "'user.password_change' AND outcome = 'success'"),
            1);
}

// The second factor's code is not spent on a sign-in that stops at the expired password: the
// same code finishes the sign-in once the new password comes with it.
TEST_P(PasswordPolicyTest, AnExpiredPasswordIsReplacedBeforeTheSecondFactorIsAsked) {
  (void)client("supervisor");  // enrols the supervisor's authenticator
  server().clock().set(server().clock().now() + std::chrono::days(91));
  const auto code = server().next_code("supervisor");
  auto with_code = credentials("supervisor", demo_password());
  with_code["second_factor"] = code;
  EXPECT_EQ(login(with_code).code(), "password_expired");
  auto only_new = credentials("supervisor", demo_password(), kNew);
  EXPECT_EQ(login(only_new).code(), "second_factor_required");
  EXPECT_EQ(login(credentials("supervisor", kNew)).code(), "invalid_credentials");
  only_new["second_factor"] = code;
  auto ok = login(only_new);
  EXPECT_EQ(ok.status, 200) << ok.body;
}

TEST_P(PasswordPolicyTest, ASignedInUserChangesTheirPassword) {
  auto& clerk = client("clerk");
  const auto stamp = changed_at("clerk");
  server().clock().set(server().clock().now() + 10min);
  const auto change = [&](const std::string& current, const std::string& replacement) {
    return clerk.post("/api/v1/me/password",
                      json::object{{"current_password", current}, {"new_password", replacement}});
  };
  // A wrong current password is refused by field and counted towards the lockout.
  const auto failures = login_failures();
  auto wrong = change("Wrong-Pass-2026", kNew);
  EXPECT_EQ(wrong.status, 400) << wrong.body;
  EXPECT_EQ(wrong.json().at("details").at("field").as_string(), "current_password");
  EXPECT_EQ(login_failures(), failures + 1);
  // A weak, missing or unchanged new one by its field.
  for (const std::string& bad : {std::string("password1"), std::string(demo_password())}) {
    auto r = change(demo_password(), bad);
    EXPECT_EQ(r.code(), "validation_failed") << r.body;
    EXPECT_EQ(r.json().at("details").at("field").as_string(), "new_password");
  }
  EXPECT_EQ(clerk.post("/api/v1/me/password", json::object{{"current_password", "x"}}).code(),
            "validation_failed");
  EXPECT_EQ(changed_at("clerk"), stamp);

  EXPECT_EQ(change(demo_password(), kNew).status, 204);
  EXPECT_GT(changed_at("clerk"), stamp);
  EXPECT_EQ(login(credentials("clerk", demo_password())).code(), "invalid_credentials");
  EXPECT_EQ(login(credentials("clerk", kNew)).status, 200);

  for (int i = 0; i < 6; ++i) (void)change("Wrong-Pass-2026", "Another-Pass-2026");
  // Too many wrong guesses lock the account, here and at sign-in, and change nothing.
  EXPECT_EQ(change(kNew, "Another-Pass-2026").code(), "too_many_requests");
  EXPECT_EQ(login(credentials("clerk", kNew)).code(), "too_many_requests");
  EXPECT_EQ(login(credentials("clerk", "Another-Pass-2026")).code(), "too_many_requests");
}

TONGBAN_INSTANTIATE_ON_DATABASES(PasswordPolicyTest);

}  // namespace
}  // namespace tongban::testing
