// The audit trail seen from outside: every state-changing request, accepted or refused,
// appends exactly one entry naming its request id; the chain verifies over HTTP and with
// the CLI, and a row changed behind the application's back is found.
#include <functional>
#include <string>

#include "adapters/crypto/sodium.hpp"
#include "core/audit/audit.hpp"
#include "tests/http/cli_runner.hpp"
#include "tests/http/test_server.hpp"

namespace tongban::testing {
namespace {

namespace json = boost::json;

json::object new_user(const std::string& username) {
  return json::object{{"username", username},
                      {"password", "Secret123"},
                      {"display_name", "审计"},
                      {"role", "front_clerk"}};
}

class AuditTest : public HttpTest {
 protected:
  // Sends one request tagged with a fresh request id and checks that exactly one audit entry
  // with that id, action and outcome was appended (none for `action` == "").
  void expect_audited(const std::string& label,
                      const std::function<HttpResult(const HeaderList&)>& send, int status,
                      const std::string& action, const std::string& outcome) {
    SCOPED_TRACE(label);
    const std::string id = "audit-" + std::to_string(++n_);
    const auto before = server().audit_count();
    auto r = send({{"X-Request-Id", id}});
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.header("X-Request-Id").value_or(""), id);
    const auto with_id =
        server().scalar("SELECT COUNT(*) FROM audit_log WHERE request_id = ?", {id});
    if (action.empty()) {
      EXPECT_EQ(with_id, 0);
      EXPECT_EQ(server().audit_count(), before);
      return;
    }
    EXPECT_EQ(with_id, 1);
    EXPECT_EQ(server().audit_count(), before + 1);
    EXPECT_EQ(
        server().scalar(
            "SELECT COUNT(*) FROM audit_log WHERE request_id = ? AND action = ? AND outcome = ?",
            {id, action, outcome}),
        1)
        << "expected " << action << "/" << outcome;
    // The newest entry is this one.
    EXPECT_EQ(server().scalar("SELECT MAX(seq) FROM audit_log"),
              server().scalar("SELECT seq FROM audit_log WHERE request_id = ?", {id}));
  }

  static HeaderList with(HeaderList a, const HeaderList& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  }

  // A mix of accepted and refused state-changing requests, each checked as it goes.
  void run_series() {
    auto admin = server().client();
    admin->use_cookie_jar(true);
    auto anon = server().client();
    auto reviewer = server().client();
    std::string csrf;
    const json::object admin_login{{"username", "admin"}, {"password", demo_password()}};

    expect_audited(
        "failed login",
        [&](const HeaderList& h) {
          return admin->post("/api/v1/auth/login",
                             json::object{{"username", "admin"}, {"password", "Nope12345"}}, h);
        },
        401, "auth.login", "failure");
    std::string secret;
    expect_audited(
        "login refused until a second factor is enrolled",
        [&](const HeaderList& h) {
          auto r = admin->post("/api/v1/auth/login", admin_login, h);
          if (r.status == 401)
            secret = std::string(r.json().at("enrolment").at("secret").as_string());
          return r;
        },
        401, "auth.login", "failure");
    expect_audited(
        "login",
        [&](const HeaderList& h) {
          // The fixture's authenticator holds the secret, so later sign-ins use fresh codes.
          server().authenticators()["admin"] = Authenticators::Entry{secret, std::nullopt, {}};
          auto with_code = admin_login;
          with_code["second_factor"] = server().next_code("admin");
          auto r = admin->post("/api/v1/auth/login", with_code, h);
          if (r.status == 200) csrf = std::string(r.json().at("csrf_token").as_string());
          return r;
        },
        200, "auth.login", "success");
    expect_audited(
        "read: not audited", [&](const HeaderList& h) { return admin->get("/api/v1/users", h); },
        200, "", "");
    expect_audited(
        "csrf missing",
        [&](const HeaderList& h) { return admin->post("/api/v1/users", new_user("audit.one"), h); },
        403, "request.rejected", "failure");
    expect_audited(
        "create",
        [&](const HeaderList& h) {
          return admin->post("/api/v1/users", new_user("audit.one"),
                             with(h, {{"X-CSRF-Token", csrf}}));
        },
        201, "user.create", "success");
    expect_audited(
        "duplicate",
        [&](const HeaderList& h) {
          return admin->post("/api/v1/users", new_user("audit.one"),
                             with(h, {{"X-CSRF-Token", csrf}}));
        },
        409, "user.create", "failure");
    expect_audited(
        "invalid json",
        [&](const HeaderList& h) {
          return admin->send(
              "POST", "/api/v1/users", "{oops",
              with(h, {{"X-CSRF-Token", csrf}, {"Content-Type", "application/json"}}));
        },
        400, "request.rejected", "failure");
    expect_audited(
        "wrong media type",
        [&](const HeaderList& h) {
          return admin->send("POST", "/api/v1/users", "username=x",
                             with(h, {{"X-CSRF-Token", csrf},
                                      {"Content-Type", "application/x-www-form-urlencoded"}}));
        },
        415, "request.rejected", "failure");
    expect_audited(
        "over-long field",
        [&](const HeaderList& h) {
          auto u = new_user("audit.two");
          u["display_name"] = std::string(300, 'x');
          return admin->post("/api/v1/users", u, with(h, {{"X-CSRF-Token", csrf}}));
        },
        400, "request.rejected", "failure");
    expect_audited(
        "anonymous write",
        [&](const HeaderList& h) {
          return anon->post("/api/v1/users", new_user("audit.three"), h);
        },
        401, "request.rejected", "failure");
    expect_audited(
        "token",
        [&](const HeaderList& h) {
          auto r = reviewer->post(
              "/api/v1/auth/token",
              json::object{{"username", "reviewer"}, {"password", demo_password()}}, h);
          if (r.status == 200) {
            reviewer->set_default_header("Authorization",
                                         "Bearer " + std::string(r.json().at("token").as_string()));
          }
          return r;
        },
        200, "auth.token", "success");
    // A role the access table does not grant is refused at dispatch, before the use case.
    expect_audited(
        "forbidden",
        [&](const HeaderList& h) {
          return reviewer->post("/api/v1/users", new_user("audit.four"), h);
        },
        403, "request.rejected", "failure");
    expect_audited(
        "department update",
        [&](const HeaderList& h) {
          return admin->patch(
              "/api/v1/departments/" + std::to_string(server().department_id("NN-ZJJ")),
              json::object{{"name", "南宁市住房和城乡建设局（审计）"}},
              with(h, {{"X-CSRF-Token", csrf}}));
        },
        200, "department.update", "success");
    expect_audited(
        "register",
        [&](const HeaderList& h) {
          return anon->post("/api/v1/auth/register",
                            json::object{{"username", "audit.person"},
                                         {"password", "Secret123"},
                                         {"display_name", "甲"},
                                         {"kind", "person"},
                                         {"id_number", "450102198001010015"}},
                            h);
        },
        201, "user.register", "success");
    expect_audited(
        "register refused",
        [&](const HeaderList& h) {
          return anon->post("/api/v1/auth/register",
                            json::object{{"username", "audit.person2"},
                                         {"password", "Secret123"},
                                         {"display_name", "乙"},
                                         {"kind", "person"},
                                         {"id_number", "450102198001010016"}},
                            h);
        },
        400, "user.register", "failure");
    expect_audited(
        "logout",
        [&](const HeaderList& h) {
          return admin->send("POST", "/api/v1/auth/logout", {}, with(h, {{"X-CSRF-Token", csrf}}));
        },
        204, "auth.logout", "success");
  }

  // Every entry's fields, in order: what a refused change must leave as it was.
  std::string canonical_log() {
    std::string out;
    server().db().read([&](ports::Tx& tx) {
      for (const auto& r : tx.query("SELECT seq, at, target, hash FROM audit_log ORDER BY seq")) {
        out += std::to_string(r.i64(0)) + "|" + std::to_string(r.i64(1)) + "|" + r.text(2) + "|" +
               r.text(3) + "\n";
      }
    });
    return out;
  }

  // Whoever holds the database can lift its guard on the log (migration 0107) before editing.
  void drop_retention_triggers() {
    server().db().write([&](ports::Tx& tx) {
      if (kind() == "postgres") {
        tx.exec("DROP TRIGGER audit_log_kept ON audit_log");
      } else {
        tx.exec("DROP TRIGGER audit_log_never_changed");
        tx.exec("DROP TRIGGER audit_log_kept");
      }
    });
  }

  json::object verify() {
    auto c = server().client();
    c->set_default_header("Authorization",
                          "Bearer " + bearer_token(*c, "auditor", demo_password()));
    auto r = c->get("/api/v1/audit/verify");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }

 private:
  int n_ = 0;
};

TEST_P(AuditTest, EveryStateChangingRequestAppendsOneEntryAndTheChainVerifies) {
  run_series();
  if (HasFailure()) return;
  auto v = verify();
  EXPECT_EQ(v.at("ok"), true) << json::serialize(v);
  // Counted after verify()'s own token request was audited.
  EXPECT_EQ(v.at("checked").as_int64(), server().audit_count()) << json::serialize(v);
  EXPECT_FALSE(v.contains("first_broken_seq"));
}

TEST_P(AuditTest, TheLogIsListedWithItsFieldsAndFilters) {
  run_series();
  auto c = server().client();
  c->set_default_header("Authorization", "Bearer " + bearer_token(*c, "auditor", demo_password()));
  auto r = c->get("/api/v1/audit?action=user.create&page_size=200");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto total = server().scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'user.create'");
  EXPECT_EQ(r.json().at("total").as_int64(), total);
  const auto body = r.json();
  const auto& data = body.at("data").as_array();
  ASSERT_EQ(static_cast<std::int64_t>(data.size()), total);
  for (const auto& e : data) {
    EXPECT_EQ(e.at("action").as_string(), "user.create");
    for (const char* k :
         {"seq", "at", "actor", "role", "target", "request_id", "outcome", "detail", "hash"}) {
      EXPECT_TRUE(e.as_object().contains(k)) << k;
    }
  }
  auto by_actor = c->get("/api/v1/audit?actor=reviewer");
  ASSERT_EQ(by_actor.status, 200);
  const auto actors = by_actor.json();
  for (const auto& e : actors.at("data").as_array())
    EXPECT_EQ(e.at("actor").as_string(), "reviewer");
  EXPECT_GT(by_actor.json().at("total").as_int64(), 0);
}

TEST_P(AuditTest, TamperingIsFoundOverHttpAndByTheCli) {
  run_series();
  auto intact = run_tongban({"audit", "verify", "--db", server().db_url()});
  EXPECT_EQ(intact.exit_code, 0) << intact.output;
  EXPECT_NE(intact.output.find("audit chain ok"), std::string::npos) << intact.output;

  const auto entries = server().audit_count();
  ASSERT_GT(entries, 10);
  const std::int64_t k = entries / 2;
  drop_retention_triggers();
  server().db().write([&](ports::Tx& tx) {
    EXPECT_EQ(tx.exec("UPDATE audit_log SET target = ? WHERE seq = ?", {"user:999999", k}), 1);
  });

  auto v = verify();
  EXPECT_EQ(v.at("ok"), false) << json::serialize(v);
  ASSERT_TRUE(v.contains("first_broken_seq")) << json::serialize(v);
  EXPECT_EQ(v.at("first_broken_seq").as_int64(), k);
  EXPECT_EQ(v.at("checked").as_int64(), k - 1) << json::serialize(v);

  auto broken = run_tongban({"audit", "verify", "--db", server().db_url()});
  EXPECT_EQ(broken.exit_code, 1) << broken.output;
  EXPECT_NE(broken.output.find("seq " + std::to_string(k) + " "), std::string::npos)
      << broken.output;
}

// Whoever holds the database but not the audit key (var/audit.key, outside the database)
// edits a row and recomputes every later link and the tip the only way they can, with plain
// SHA-256: the chain no longer verifies, over HTTP and from the command line.
TEST_P(AuditTest, ARowRewrittenAndRelinkedWithoutTheKeyIsFound) {
  run_series();
  const auto entries = server().audit_count();
  ASSERT_GT(entries, 10);
  const std::int64_t k = entries / 2;
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM audit_log WHERE key_id = ''"), 0);
  drop_retention_triggers();
  server().db().write([&](ports::Tx& tx) {
    std::string prev = tx.query_one("SELECT hash FROM audit_log WHERE seq = ?", {k - 1})->text(0);
    for (std::int64_t seq = k; seq <= entries; ++seq) {
      const auto r = tx.query_one(
          "SELECT at, actor, role, action, target, request_id, outcome, detail FROM audit_log "
          "WHERE seq = ?",
          {seq});
      audit::Entry e;
      e.seq = seq;
      e.at = from_micros(r->i64(0));
      e.actor = r->text(1);
      e.role = r->text(2);
      e.action = r->text(3);
      e.target = seq == k ? "user:999999" : r->text(4);
      e.request_id = r->text(5);
      e.outcome = r->text(6);
      e.detail = r->text(7);
      e.prev_hash = prev;
      e.hash = crypto::sha256_hex(audit::canonical_text(e));
      tx.exec("UPDATE audit_log SET target = ?, prev_hash = ?, hash = ?, key_id = '' WHERE seq = ?",
              {e.target, e.prev_hash, e.hash, seq});
      prev = e.hash;
    }
    tx.exec("UPDATE audit_head SET hash = ? WHERE id = 1", {prev});
  });

  auto v = verify();
  EXPECT_EQ(v.at("ok"), false) << json::serialize(v);
  ASSERT_TRUE(v.contains("first_broken_seq")) << json::serialize(v);
  EXPECT_EQ(v.at("first_broken_seq").as_int64(), k);
  auto broken = run_tongban({"audit", "verify", "--db", server().db_url()});
  EXPECT_EQ(broken.exit_code, 1) << broken.output;
  EXPECT_NE(broken.output.find("unkeyed_after_keyed"), std::string::npos) << broken.output;
}

// Retention (≥ 6 months): the database refuses to change an entry or to delete one written less
// than 183 days before the newest, whoever asks; an older one may be deleted.
TEST_P(AuditTest, TheDatabaseKeepsEntriesUnchangedForAtLeast183Days) {
  run_series();
  const auto entries = server().audit_count();
  const std::string before = canonical_log();
  const auto refused = [&](const std::string& sql, const std::vector<ports::Param>& params) {
    try {
      server().db().write([&](ports::Tx& tx) { tx.exec(sql, params); });
    } catch (const ports::DbError& e) {
      return std::string(e.what()).find("audit_log_retention") != std::string::npos;
    }
    return false;
  };
  EXPECT_TRUE(refused("UPDATE audit_log SET target = ? WHERE seq = ?", {"user:999999", 3}));
  EXPECT_TRUE(refused("DELETE FROM audit_log WHERE seq = ?", {entries}));
  EXPECT_TRUE(refused("DELETE FROM audit_log", {}));
  if (kind() == "postgres") EXPECT_TRUE(refused("TRUNCATE audit_log", {}));
  EXPECT_EQ(server().audit_count(), entries);
  EXPECT_EQ(canonical_log(), before);

  // An entry written 200 days before the newest may go.
  const auto old_at =
      server().scalar("SELECT MAX(at) FROM audit_log") - std::int64_t{200} * 86400 * 1000000;
  server().db().write([&](ports::Tx& tx) {
    tx.exec(
        "INSERT INTO audit_log (seq, at, actor, role, action, target, request_id, outcome, "
        "detail, prev_hash, hash, key_id) VALUES (?, ?, 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', "
        "'x', '')",
        {entries + 1000, old_at});
  });
  EXPECT_FALSE(refused("DELETE FROM audit_log WHERE seq = ?", {entries + 1000}));
  EXPECT_EQ(server().audit_count(), entries);
}

TONGBAN_INSTANTIATE_ON_DATABASES(AuditTest);

}  // namespace
}  // namespace tongban::testing
