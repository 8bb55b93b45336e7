// The `tongban` command line, run as a subprocess: exit codes and what it prints.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>

#include "adapters/sql/open_database.hpp"
#include "main/runtime.hpp"
#include "tests/http/cli_runner.hpp"
#include "tests/http/test_server.hpp"

namespace tongban::testing {
namespace {

namespace json = boost::json;

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

TEST(CliTest, ValidateIdNumber) {
  auto ok = run_tongban({"validate", "id", "11010519491231002X"});
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_TRUE(contains(ok.output, "valid: 11010519491231002X")) << ok.output;
  auto lower = run_tongban({"validate", "id", "11010519491231002x"});
  EXPECT_EQ(lower.exit_code, 0) << lower.output;
  EXPECT_TRUE(contains(lower.output, "11010519491231002X")) << lower.output;

  auto bad = run_tongban({"validate", "id", "110105194912310021"});
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  EXPECT_TRUE(contains(bad.output, "check_digit")) << bad.output;
  EXPECT_TRUE(contains(bad.output, "invalid_id_number")) << bad.output;
  auto short_one = run_tongban({"validate", "id", "1101051949"});
  EXPECT_EQ(short_one.exit_code, 1) << short_one.output;
  EXPECT_FALSE(contains(short_one.output, "check_digit")) << short_one.output;
}

TEST(CliTest, ValidateCreditCode) {
  auto ok = run_tongban({"validate", "uscc", "91350100M000100Y43"});
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  auto bad = run_tongban({"validate", "uscc", "91350100M000100Y44"});
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  EXPECT_TRUE(contains(bad.output, "check_digit")) << bad.output;
  EXPECT_TRUE(contains(bad.output, "invalid_uscc")) << bad.output;
}

TEST(CliTest, ValidateRefusesAnUnknownKind) {
  auto r = run_tongban({"validate", "passport", "E12345678"});
  EXPECT_NE(r.exit_code, 0) << r.output;
}

TEST(CliTest, Version) {
  auto r = run_tongban({"version"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.rfind("tongban ", 0), 0u) << r.output;
  EXPECT_TRUE(contains(r.output, ".")) << r.output;
}

class CliDatabaseTest : public HttpTest {};

TEST_P(CliDatabaseTest, UserAddedByTheCliCanSignIn) {
  const auto users = server().user_count();
  auto r = run_tongban({"user", "add", "--role", "reviewer", "--name", "xiaoming", "--password",
                        "Secret123", "--display-name", "小明", "--db", server().db_url()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "user xiaoming created")) << r.output;
  EXPECT_EQ(server().user_count(), users + 1);

  auto c = server().client();
  auto login = c->post("/api/v1/auth/login",
                       json::object{{"username", "xiaoming"}, {"password", "Secret123"}});
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(login.json().at("user").at("role").as_string(), "reviewer");
  EXPECT_EQ(login.json().at("user").at("display_name").as_string(), "小明");
  // The CLI's change is audited like any other.
  EXPECT_EQ(server().scalar(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'user.create' AND actor = 'cli' AND "
                "outcome = 'success'"),
            1);
}

TEST_P(CliDatabaseTest, AnOperatorResetsALostSecondFactor) {
  (void)client("admin");  // the admin has enrolled
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM second_factors"), 1);
  auto unknown =
      run_tongban({"user", "reset-second-factor", "--name", "nobody", "--db", server().db_url()});
  EXPECT_EQ(unknown.exit_code, 1) << unknown.output;
  EXPECT_TRUE(contains(unknown.output, "not_found")) << unknown.output;
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM second_factors"), 1);

  auto r =
      run_tongban({"user", "reset-second-factor", "--name", "admin", "--db", server().db_url()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "second factor of admin cleared")) << r.output;
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM second_factors"), 0);
  auto login = server().client()->post(
      "/api/v1/auth/login", json::object{{"username", "admin"}, {"password", demo_password()}});
  EXPECT_EQ(login.code(), "second_factor_enrolment_required");
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM audit_log WHERE action = "
                            "'second_factor.reset' AND actor = 'cli' AND outcome = 'success'"),
            1);
}

TEST_P(CliDatabaseTest, UserAddRefusesBadInputAndStoresNothing) {
  const auto users = server().user_count();
  auto role = run_tongban({"user", "add", "--role", "emperor", "--name", "xiaohong", "--password",
                           "Secret123", "--db", server().db_url()});
  EXPECT_EQ(role.exit_code, 1) << role.output;
  EXPECT_TRUE(contains(role.output, "validation_failed")) << role.output;
  auto taken = run_tongban({"user", "add", "--role", "reviewer", "--name", "admin", "--password",
                            "Secret123", "--db", server().db_url()});
  EXPECT_EQ(taken.exit_code, 1) << taken.output;
  EXPECT_TRUE(contains(taken.output, "username_taken")) << taken.output;
  auto short_name = run_tongban({"user", "add", "--role", "reviewer", "--name", "x", "--password",
                                 "Secret123", "--db", server().db_url()});
  EXPECT_EQ(short_name.exit_code, 1) << short_name.output;
  EXPECT_EQ(server().user_count(), users);
}

TEST_P(CliDatabaseTest, DemoIsIdempotent) {
  auto url = make_test_database_url(kind());
  auto first = run_tongban({"demo", "--db", url->url()});
  ASSERT_EQ(first.exit_code, 0) << first.output;
  std::smatch m;
  const std::regex created("([0-9]+) departments and ([0-9]+) users created");
  ASSERT_TRUE(std::regex_search(first.output, m, created)) << first.output;
  const int departments = std::stoi(m[1]);
  const int users = std::stoi(m[2]);
  EXPECT_GE(departments, 10);
  EXPECT_GE(users, 9);

  auto db = sql::open_database(url->url());
  const auto count = [&](const char* sql) {
    return db->read([&](ports::Tx& tx) { return tx.query_one(sql)->i64(0); });
  };
  EXPECT_GE(count("SELECT COUNT(*) FROM audit_log"), departments + users);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users"), users);
  EXPECT_EQ(count("SELECT COUNT(*) FROM departments"), departments);

  auto second = run_tongban({"demo", "--db", url->url()});
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_TRUE(contains(second.output, "0 departments and 0 users created")) << second.output;
  EXPECT_TRUE(contains(second.output, "admin")) << second.output;  // the logins are listed again
  EXPECT_EQ(count("SELECT COUNT(*) FROM users"), users);
  EXPECT_EQ(count("SELECT COUNT(*) FROM departments"), departments);
  db.reset();
  auto verified = run_tongban({"audit", "verify", "--db", url->url()});
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_TRUE(contains(verified.output, "audit chain ok")) << verified.output;
}

// The demo's stage templates are checked against the departments on record: one naming a
// department nobody registered stops `demo` with the code, the stage and the department, and
// no template is stored.
TEST_P(CliDatabaseTest, DemoRefusesATemplateWithAnUnknownDepartment) {
  namespace fs = std::filesystem;
  const fs::path data =
      fs::temp_directory_path() / ("tongban-cli-data-" + std::to_string(::getpid()));
  fs::remove_all(data);
  fs::copy(cli::default_data_dir(), data, fs::copy_options::recursive);
  const auto file = data / "projects" / "templates" / "laibin-three-stages.json";
  auto t = json::parse([&] {
    std::ifstream in(file);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }());
  t.at("stages").at(1).at("co_depts").as_array().emplace_back("LB-NONE");
  std::ofstream(file) << json::serialize(t);

  auto url = make_test_database_url(kind());
  auto r = run_tongban({"demo", "--db", url->url(), "--data-dir", data.string()});
  fs::remove_all(data);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(contains(r.output, "unknown_department")) << r.output;
  EXPECT_TRUE(contains(r.output, "LB-NONE")) << r.output;
  EXPECT_TRUE(contains(r.output, "stages[1].co_depts")) << r.output;
  auto db = sql::open_database(url->url());
  EXPECT_EQ(db->read([&](ports::Tx& tx) {
    return tx.query_one("SELECT COUNT(*) FROM project_templates")->i64(0);
  }),
            0);
}

TEST_P(CliDatabaseTest, MigrateOnAFreshDatabase) {
  auto url = make_test_database_url(kind());
  auto r = run_tongban({"migrate", "--db", url->url()});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  auto again = run_tongban({"migrate", "--db", url->url()});
  EXPECT_EQ(again.exit_code, 0) << again.output;
}

TEST_P(CliDatabaseTest, ClockStartIsAnnouncedAndAMalformedOneRefused) {
  auto url = make_test_database_url(kind());
  auto r = run_tongban(
      {"jobs", "run", "--db", url->url(), "--clock-start", "2026-06-01T09:30:00+08:00"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "simulated time from 2026-06-01T09:30:00+08:00")) << r.output;
  // The warning is a log line on stderr: stdout stays the command's machine-readable answer.
  auto out =
      run_tongban({"jobs", "run", "--db", url->url(), "--clock-start", "2026-06-01T09:30:00+08:00"},
                  Output::StdoutOnly);
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_EQ(out.output, "jobs: 0 claimed, 0 completed, 0 rescheduled\n");
  auto bad = run_tongban({"jobs", "run", "--db", url->url(), "--clock-start", "2026-06-01"});
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_TRUE(contains(bad.output, "clock_start must be an RFC 3339 instant")) << bad.output;
}

TONGBAN_INSTANTIATE_ON_DATABASES(CliDatabaseTest);

}  // namespace
}  // namespace tongban::testing
