// The second factor over HTTP: required roles cannot sign in without it (enrolment at the
// first sign-in), codes are accepted once, recovery codes once each, wrong codes count towards
// the lockout, optional enrolment and removal, and an administrator's reset.
#include <string>

#include "core/identity/totp.hpp"
#include "tests/http/test_server.hpp"

namespace tongban::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

json::object credentials(const std::string& username, const std::string& code = "") {
  json::object o{{"username", username}, {"password", demo_password()}};
  if (!code.empty()) o["second_factor"] = code;
  return o;
}

class SecondFactorTest : public HttpTest {
 protected:
  std::int64_t sessions() { return server().scalar("SELECT COUNT(*) FROM sessions"); }
  std::int64_t confirmed(const std::string& who) {
    return server().scalar(
        "SELECT COUNT(*) FROM second_factors WHERE user_id = ? AND confirmed_at IS NOT NULL",
        {server().user_id(who)});
  }
};

TEST_P(SecondFactorTest, AnAdminCannotSignInWithoutEnrollingASecondFactor) {
  auto c = server().client();
  const auto audits = server().audit_count();
  auto first = c->post("/api/v1/auth/login", credentials("admin"));
  ASSERT_EQ(first.status, 401) << first.body;
  EXPECT_EQ(first.code(), "second_factor_enrolment_required");
  EXPECT_FALSE(first.header("Set-Cookie").has_value());
  const std::string secret(first.json().at("enrolment").at("secret").as_string());
  const std::string uri(first.json().at("enrolment").at("otpauth_uri").as_string());
  EXPECT_EQ(secret.size(), 32U);  // 20 bytes in base32
  EXPECT_EQ(uri.rfind("otpauth://totp/", 0), 0U);
  EXPECT_NE(uri.find("secret=" + secret), std::string::npos);
  EXPECT_EQ(sessions(), 0);
  EXPECT_GT(server().audit_count(), audits);  // the refused sign-in is on the record

  // The secret is sealed in the database, never in clear.
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM second_factors WHERE secret LIKE ?",
                            {"%" + secret + "%"}),
            0);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM second_factors"), 1);

  // Asking again (the QR code not yet scanned) shows the same secret.
  auto again = c->post("/api/v1/auth/login", credentials("admin"));
  EXPECT_EQ(again.code(), "second_factor_enrolment_required");
  EXPECT_EQ(again.json().at("enrolment").at("secret").as_string(), secret);

  // A wrong first code confirms nothing.
  const auto right = server().totp_code(secret);
  const std::string wrong = right == "000000" ? "111111" : "000000";
  auto refused = c->post("/api/v1/auth/login", credentials("admin", wrong));
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.code(), "second_factor_invalid");
  EXPECT_EQ(confirmed("admin"), 0);
  EXPECT_EQ(sessions(), 0);

  // Nor does a right code with a wrong password.
  auto bad_password = c->post("/api/v1/auth/login", json::object{{"username", "admin"},
                                                                 {"password", "Wrong-password-1"},
                                                                 {"second_factor", right}});
  EXPECT_EQ(bad_password.code(), "invalid_credentials");
  EXPECT_EQ(confirmed("admin"), 0);

  auto ok = c->post("/api/v1/auth/login", credentials("admin", right));
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_TRUE(ok.header("Set-Cookie").has_value());
  const auto body = ok.json();
  const auto& codes = body.at("recovery_codes").as_array();
  ASSERT_EQ(codes.size(), 10U);
  EXPECT_EQ(codes[0].as_string().size(), 11U);  // xxxxx-xxxxx
  EXPECT_EQ(confirmed("admin"), 1);
  EXPECT_EQ(sessions(), 1);
  // Only hashes of the recovery codes are kept.
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM recovery_codes WHERE code_hash = ?",
                            {std::string(codes[0].as_string())}),
            0);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM recovery_codes"), 10);
}

TEST_P(SecondFactorTest, AfterEnrolmentEachCodeIsAcceptedOnceAndRecoveryCodesOnceEach) {
  auto c = server().client();
  auto first = c->post("/api/v1/auth/login", credentials("supervisor"));
  ASSERT_EQ(first.code(), "second_factor_enrolment_required");
  const std::string secret(first.json().at("enrolment").at("secret").as_string());
  const auto code = server().totp_code(secret);
  auto enrolled = c->post("/api/v1/auth/login", credentials("supervisor", code));
  ASSERT_EQ(enrolled.status, 200) << enrolled.body;
  const std::string recovery(enrolled.json().at("recovery_codes").as_array()[3].as_string());

  auto bare = server().client()->post("/api/v1/auth/login", credentials("supervisor"));
  EXPECT_EQ(bare.status, 401);
  EXPECT_EQ(bare.code(), "second_factor_required");

  // The very code that enrolled is spent (RFC 6238 §5.2), also through the token endpoint.
  auto replay = server().client()->post("/api/v1/auth/token", credentials("supervisor", code));
  EXPECT_EQ(replay.code(), "second_factor_invalid");

  // Half a minute later the next code works, once.
  server().clock().set(server().clock().now() + 30s);
  const auto next = server().totp_code(secret);
  auto token = server().client()->post("/api/v1/auth/token", credentials("supervisor", next));
  ASSERT_EQ(token.status, 200) << token.body;
  EXPECT_FALSE(token.json().as_object().contains("recovery_codes"));
  EXPECT_EQ(server().client()->post("/api/v1/auth/login", credentials("supervisor", next)).code(),
            "second_factor_invalid");

  // A code from two steps away is refused (only ±1 step is tolerated).
  EXPECT_EQ(
      server()
          .client()
          ->post("/api/v1/auth/login", credentials("supervisor", server().totp_code(secret, 2)))
          .code(),
      "second_factor_invalid");

  // A recovery code, typed in upper case and without the dash, works once.
  std::string typed;
  for (char ch : recovery) {
    if (ch != '-') typed += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  EXPECT_EQ(server().client()->post("/api/v1/auth/login", credentials("supervisor", typed)).status,
            200);
  EXPECT_EQ(server().client()->post("/api/v1/auth/login", credentials("supervisor", typed)).code(),
            "second_factor_invalid");
  // The fixture's authenticator signs in with the next step's code.
  server().authenticators()["supervisor"] = Authenticators::Entry{
      secret, identity::totp::step_at(to_micros(server().clock().now()) / 1'000'000), {}};
  auto status = client("supervisor").get("/api/v1/me/second-factor");
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_TRUE(status.json().at("enrolled").as_bool());
  EXPECT_TRUE(status.json().at("required").as_bool());
  EXPECT_EQ(status.json().at("recovery_codes_left").as_int64(), 9);
}

TEST_P(SecondFactorTest, WrongCodesCountTowardsTheLockout) {
  (void)client("admin");  // enrolled by the fixture's authenticator
  const auto secret = server().authenticators().at("admin").secret;
  const auto right = server().totp_code(secret);
  const std::string wrong = right == "123456" ? "654321" : "123456";
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(server().client()->post("/api/v1/auth/login", credentials("admin", wrong)).code(),
              "second_factor_invalid");
  }
  server().clock().set(server().clock().now() + 30s);
  auto locked = server().client()->post("/api/v1/auth/login",
                                        credentials("admin", server().totp_code(secret)));
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(locked.code(), "too_many_requests");
}

TEST_P(SecondFactorTest, OthersMayEnrolAndRemoveItAndAnAdministratorResetsIt) {
  auto& reviewer = client("reviewer");
  auto status = reviewer.get("/api/v1/me/second-factor");
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_FALSE(status.json().at("enrolled").as_bool());
  EXPECT_FALSE(status.json().at("required").as_bool());

  auto begun = reviewer.post("/api/v1/me/second-factor", json::object{});
  ASSERT_EQ(begun.status, 201) << begun.body;
  const std::string secret(begun.json().at("secret").as_string());
  // Begun but not confirmed: sign-in does not ask for it yet.
  EXPECT_EQ(server().client()->post("/api/v1/auth/token", credentials("reviewer")).status, 200);

  const auto right = server().totp_code(secret);
  const std::string wrong = right == "000000" ? "111111" : "000000";
  auto refused = reviewer.post("/api/v1/me/second-factor/confirm", json::object{{"code", wrong}});
  EXPECT_EQ(refused.code(), "second_factor_invalid");
  EXPECT_EQ(confirmed("reviewer"), 0);
  auto missing = reviewer.post("/api/v1/me/second-factor/confirm", json::object{});
  EXPECT_EQ(missing.code(), "validation_failed");

  auto done = reviewer.post("/api/v1/me/second-factor/confirm", json::object{{"code", right}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json().at("recovery_codes").as_array().size(), 10U);
  EXPECT_EQ(reviewer.post("/api/v1/me/second-factor", json::object{}).code(), "conflict");
  EXPECT_EQ(server().client()->post("/api/v1/auth/token", credentials("reviewer")).code(),
            "second_factor_required");

  // Removing it needs a current code; then sign-in no longer asks.
  server().clock().set(server().clock().now() + 30s);
  EXPECT_EQ(reviewer.post("/api/v1/me/second-factor/remove", json::object{{"code", wrong}}).code(),
            "second_factor_invalid");
  EXPECT_EQ(confirmed("reviewer"), 1);
  EXPECT_EQ(reviewer
                .post("/api/v1/me/second-factor/remove",
                      json::object{{"code", server().totp_code(secret)}})
                .status,
            204);
  EXPECT_EQ(server().client()->post("/api/v1/auth/token", credentials("reviewer")).status, 200);

  // A required role cannot remove its own.
  auto& admin = client("admin");
  server().clock().set(server().clock().now() + 30s);
  auto own = admin.post("/api/v1/me/second-factor/remove",
                        json::object{{"code", server().next_code("admin")}});
  EXPECT_EQ(own.code(), "forbidden");

  // The security administrator resets the supervisor's (a lost phone): their sessions end and
  // the next sign-in enrols again. A reviewer may not, nor the system administrator (三员分立),
  // nor the security administrator their own; an unknown user is not found.
  auto& sup = client("supervisor");
  auto& security = client("security");
  EXPECT_EQ(sup.get("/api/v1/auth/me").status, 200);
  const auto sup_id = std::to_string(server().user_id("supervisor"));
  const auto reset = [&](HttpClient& c, const std::string& id) {
    return c.post("/api/v1/users/" + id + "/second-factor/reset", json::object{});
  };
  EXPECT_EQ(reset(reviewer, sup_id).code(), "forbidden");
  EXPECT_EQ(reset(admin, sup_id).code(), "forbidden");
  EXPECT_EQ(reset(security, std::to_string(server().user_id("security"))).code(), "forbidden");
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM second_factors WHERE user_id = ?",
                            {server().user_id("supervisor")}),
            1);
  EXPECT_EQ(reset(security, "999999").code(), "not_found");
  EXPECT_EQ(reset(security, sup_id).status, 204);
  server().clock().set(server().clock().now() + 2s);  // past the session cache's second
  EXPECT_EQ(sup.get("/api/v1/auth/me").status, 401);
  EXPECT_EQ(server().client()->post("/api/v1/auth/login", credentials("supervisor")).code(),
            "second_factor_enrolment_required");
}

TONGBAN_INSTANTIATE_ON_DATABASES(SecondFactorTest);

}  // namespace
}  // namespace tongban::testing
