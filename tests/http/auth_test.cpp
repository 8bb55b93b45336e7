// Sign-in over HTTP: cookie sessions with CSRF, bearer tokens, expiry, logout, throttling.
#include <chrono>
#include <string>

#include "tests/http/test_server.hpp"

namespace tongban::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

json::object new_user(const std::string& username) {
  return json::object{{"username", username},
                      {"password", "Secret123"},
                      {"display_name", "新用户"},
                      {"role", "reviewer"}};
}

json::object credentials(const std::string& username, const std::string& password) {
  return json::object{{"username", username}, {"password", password}};
}

class AuthTest : public HttpTest {};

TEST_P(AuthTest, CookieLoginSetsAHardenedCookie) {
  auto c = server().client();
  auto r = c->post("/api/v1/auth/login", credentials("clerk", demo_password()));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto cookie = r.header("Set-Cookie").value_or("");
  EXPECT_EQ(cookie.rfind("tb_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("Path=/"), std::string::npos) << cookie;
  const auto body = r.json();
  EXPECT_EQ(body.at("user").at("username").as_string(), "clerk");
  EXPECT_FALSE(body.at("csrf_token").as_string().empty());
  // The token is never stored in clear: only its hash.
  const auto token = cookie.substr(11, cookie.find(';') - 11);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM sessions WHERE token_hash = ?", {token}), 0);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM sessions"), 1);
}

TEST_P(AuthTest, CookieSessionReadsAndNeedsCsrfForWrites) {
  auto c = server().client();
  const auto csrf = login_cookie(*c, "admin", demo_password());
  ASSERT_FALSE(csrf.empty());

  auto me = c->get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json().at("user").at("username").as_string(), "admin");
  EXPECT_EQ(me.json().at("csrf_token").as_string(), csrf);

  const auto users = server().user_count();
  auto missing = c->post("/api/v1/users", new_user("csrf.missing"));
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(missing.code(), "csrf_invalid");
  auto wrong = c->post("/api/v1/users", new_user("csrf.wrong"), {{"X-CSRF-Token", csrf + "x"}});
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(wrong.code(), "csrf_invalid");
  auto empty = c->post("/api/v1/users", new_user("csrf.empty"), {{"X-CSRF-Token", ""}});
  EXPECT_EQ(empty.code(), "csrf_invalid");
  EXPECT_EQ(server().user_count(), users);

  auto ok = c->post("/api/v1/users", new_user("csrf.right"), {{"X-CSRF-Token", csrf}});
  EXPECT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(server().user_count(), users + 1);
  EXPECT_GT(server().user_id("csrf.right"), 0);
}

TEST_P(AuthTest, BearerTokenNeedsNoCsrf) {
  auto c = server().client();
  const auto token = bearer_token(*c, "admin", demo_password());
  ASSERT_FALSE(token.empty());
  c->set_default_header("Authorization", "Bearer " + token);
  auto me = c->get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json().at("user").at("role").as_string(), "admin");
  auto created = c->post("/api/v1/users", new_user("via.bearer"));
  EXPECT_EQ(created.status, 201) << created.body;
}

TEST_P(AuthTest, MissingOrUnknownCredentialsAreUnauthenticated) {
  auto c = server().client();
  const auto users = server().user_count();
  auto me = c->get("/api/v1/auth/me");
  EXPECT_EQ(me.status, 401);
  EXPECT_EQ(me.code(), "unauthenticated");
  auto create = c->post("/api/v1/users", new_user("anon.user"));
  EXPECT_EQ(create.status, 401);
  EXPECT_EQ(create.code(), "unauthenticated");
  auto forged = c->get("/api/v1/auth/me", {{"Authorization", "Bearer not-a-real-token"}});
  EXPECT_EQ(forged.status, 401);
  EXPECT_EQ(forged.code(), "unauthenticated");
  auto cookie = c->get("/api/v1/users", {{"Cookie", "tb_session=forged"}});
  EXPECT_EQ(cookie.status, 401);
  EXPECT_EQ(cookie.code(), "unauthenticated");
  EXPECT_EQ(server().user_count(), users);
}

TEST_P(AuthTest, WrongPasswordIsInvalidCredentials) {
  auto c = server().client();
  auto r = c->post("/api/v1/auth/login", credentials("admin", "Wrong-password-1"));
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.code(), "invalid_credentials");
  EXPECT_FALSE(r.header("Set-Cookie").has_value());
  // An unknown user answers exactly the same.
  auto unknown = c->post("/api/v1/auth/login", credentials("nobody", "Wrong-password-1"));
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.code(), "invalid_credentials");
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM sessions"), 0);
}

TEST_P(AuthTest, BearerTokenExpires) {
  auto c = server().client();
  auto r = c->post("/api/v1/auth/token", credentials("clerk", demo_password()));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto token = std::string(r.json().at("token").as_string());
  const auto expires = parse_instant(r.json().at("expires_at").as_string());
  ASSERT_TRUE(expires.has_value());
  EXPECT_EQ(*expires, test_start_time() + 1h);
  const HeaderList auth{{"Authorization", "Bearer " + token}};

  server().clock().set(*expires - 1s);
  EXPECT_EQ(c->get("/api/v1/auth/me", auth).status, 200);
  server().clock().set(*expires);
  auto expired = c->get("/api/v1/auth/me", auth);
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(expired.code(), "session_expired");
  const auto users = server().user_count();
  auto write = c->post("/api/v1/users", new_user("too.late"), auth);
  EXPECT_EQ(write.status, 401);
  EXPECT_EQ(write.code(), "session_expired");
  EXPECT_EQ(server().user_count(), users);
}

TEST_P(AuthTest, CookieSessionExpiresAfterEightHoursEvenWhenInUse) {
  auto c = server().client();
  ASSERT_FALSE(login_cookie(*c, "clerk", demo_password()).empty());
  // Used every 20 minutes (under the idle timeout) for almost eight hours …
  for (int i = 0; i < 23; ++i) {
    server().clock().advance(20min);
    ASSERT_EQ(c->get("/api/v1/auth/me").status, 200) << "after " << (i + 1) * 20 << " min";
  }
  server().clock().advance(8h - 23 * 20min - 1s);
  EXPECT_EQ(c->get("/api/v1/auth/me").status, 200);
  server().clock().advance(1s);
  auto r = c->get("/api/v1/auth/me");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.code(), "session_expired");
}

TEST_P(AuthTest, ABrowserSessionUnusedForThirtyMinutesEnds) {
  auto c = server().client();
  ASSERT_FALSE(login_cookie(*c, "clerk", demo_password()).empty());
  server().clock().advance(29min);
  EXPECT_EQ(c->get("/api/v1/auth/me").status, 200);  // used: the half hour starts again
  server().clock().advance(29min);
  EXPECT_EQ(c->get("/api/v1/auth/me").status, 200);
  server().clock().advance(30min);
  auto r = c->get("/api/v1/auth/me");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.code(), "session_expired");
  // A bearer token (a program) is not ended by idleness, only by its hour.
  auto t = server().client();
  const HeaderList auth{{"Authorization", "Bearer " + bearer_token(*t, "clerk", demo_password())}};
  server().clock().advance(59min);
  EXPECT_EQ(t->get("/api/v1/auth/me", auth).status, 200);
}

TEST_P(AuthTest, LogoutInvalidatesTheSession) {
  auto c = server().client();
  const auto token = bearer_token(*c, "admin", demo_password());
  const HeaderList auth{{"Authorization", "Bearer " + token}};
  ASSERT_EQ(c->get("/api/v1/auth/me", auth).status, 200);
  auto out = c->send("POST", "/api/v1/auth/logout", {}, auth);
  EXPECT_EQ(out.status, 204) << out.body;
  auto after = c->get("/api/v1/auth/me", auth);
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.code(), "unauthenticated");
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM sessions"), 0);
}

TEST_P(AuthTest, CookieLogoutNeedsCsrfAndClearsTheCookie) {
  auto c = server().client();
  const auto csrf = login_cookie(*c, "admin", demo_password());
  auto refused = c->send("POST", "/api/v1/auth/logout");
  EXPECT_EQ(refused.code(), "csrf_invalid");
  EXPECT_EQ(c->get("/api/v1/auth/me").status, 200);  // still signed in

  const auto cookie = *c->cookie("tb_session");
  auto out = c->send("POST", "/api/v1/auth/logout", {}, {{"X-CSRF-Token", csrf}});
  EXPECT_EQ(out.status, 204) << out.body;
  EXPECT_NE(out.header("Set-Cookie").value_or("").find("Max-Age=0"), std::string::npos);
  // Replaying the old cookie does not work either.
  auto replay = c->get("/api/v1/auth/me", {{"Cookie", "tb_session=" + cookie}});
  EXPECT_EQ(replay.status, 401);
  EXPECT_EQ(replay.code(), "unauthenticated");
}

TEST_P(AuthTest, AccountIsThrottledAfterFiveFailuresUntilTheWindowPasses) {
  auto c = server().client();
  for (int i = 0; i < 5; ++i) {
    auto r = c->post("/api/v1/auth/login", credentials("clerk", "Wrong-password-1"));
    ASSERT_EQ(r.code(), "invalid_credentials") << "attempt " << i + 1;
    server().clock().advance(1min);
  }
  // The 6th attempt, with the right password, is still refused.
  auto sixth = c->post("/api/v1/auth/login", credentials("clerk", demo_password()));
  EXPECT_EQ(sixth.status, 429);
  EXPECT_EQ(sixth.code(), "too_many_requests");
  EXPECT_FALSE(sixth.header("Set-Cookie").has_value());
  auto token = c->post("/api/v1/auth/token", credentials("clerk", demo_password()));
  EXPECT_EQ(token.code(), "too_many_requests");
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM sessions"), 0);
  // Other accounts are not affected.
  EXPECT_EQ(c->post("/api/v1/auth/login", credentials("reviewer", demo_password())).status, 200);

  // The window slides: 14 minutes after the first failure all five still count; two minutes
  // later the first two have left it.
  server().clock().advance(9min);
  EXPECT_EQ(c->post("/api/v1/auth/login", credentials("clerk", demo_password())).code(),
            "too_many_requests");
  server().clock().advance(2min);
  auto later = c->post("/api/v1/auth/login", credentials("clerk", demo_password()));
  EXPECT_EQ(later.status, 200) << later.body;
}

TEST_P(AuthTest, AddressIsThrottledAfterThirtyFailures) {
  auto c = server().client();
  for (int i = 0; i < 30; ++i) {
    auto r = c->post("/api/v1/auth/login",
                     credentials("nobody" + std::to_string(i), "Wrong-password-1"));
    ASSERT_EQ(r.code(), "invalid_credentials") << "attempt " << i + 1;
  }
  // A fresh account name from the same address is refused, even with a right password.
  auto r = c->post("/api/v1/auth/login", credentials("clerk", demo_password()));
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.code(), "too_many_requests");
  server().clock().advance(15min + 1s);
  EXPECT_EQ(c->post("/api/v1/auth/login", credentials("clerk", demo_password())).status, 200);
}

TEST_P(AuthTest, DisablingAUserEndsTheirSessions) {
  auto admin = server().client();
  const auto admin_token = bearer_token(*admin, "admin", demo_password());
  admin->set_default_header("Authorization", "Bearer " + admin_token);
  auto clerk = server().client();
  const auto clerk_token = bearer_token(*clerk, "clerk", demo_password());
  const HeaderList as_clerk{{"Authorization", "Bearer " + clerk_token}};
  ASSERT_EQ(clerk->get("/api/v1/auth/me", as_clerk).status, 200);

  const auto id = server().user_id("clerk");
  auto r = admin->patch("/api/v1/users/" + std::to_string(id), json::object{{"disabled", true}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(clerk->get("/api/v1/auth/me", as_clerk).code(), "unauthenticated");
  EXPECT_EQ(clerk->post("/api/v1/auth/login", credentials("clerk", demo_password())).code(),
            "invalid_credentials");
}

TONGBAN_INSTANTIATE_ON_DATABASES(AuthTest);

}  // namespace
}  // namespace tongban::testing
