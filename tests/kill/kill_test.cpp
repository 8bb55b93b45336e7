// Crash durability under load: the real `tongban` binary on SQLite (WAL, synchronous NORMAL)
// is killed with SIGKILL at pseudo-random moments (a fixed seed picks after how many more
// acknowledged calls) while several client threads drive the standard case, and restarted
// each time. Afterwards every call that was answered 2xx must be in the database: the case
// state change's event, and an audit entry with the call's request id; and
// `tongban audit verify` must pass.
//
// No sleeps and no timing assertions: the kill moments are counted in acknowledged calls;
// clients whose connection broke wait for the next server generation on a condition
// variable. A generous wait_for only turns a hang into a failure.
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "tests/http/cli_runner.hpp"

namespace tongban::testing {
namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace asio = boost::asio;
namespace json = boost::json;
using tcp = asio::ip::tcp;

constexpr const char* kItem = "11450100MB0000000X4000900001";  // main/bench_fixture.hpp
constexpr const char* kPassword = "Tongban@2026";

// A server subprocess: `tongban --db URL serve --port 0 --no-access-log`.
class ServerProcess {
 public:
  ServerProcess(const std::string& db_url, const std::string& files_dir) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork");
    if (pid_ == 0) {
      ::dup2(fds[1], 1);
      ::close(fds[0]);
      ::close(fds[1]);
      const int devnull = ::open("/dev/null", O_WRONLY);
      if (devnull >= 0) ::dup2(devnull, 2);
      ::unsetenv("TONGBAN_CONFIG");
      ::unsetenv("TONGBAN_PORT");
      ::unsetenv("TONGBAN_DATA_DIR");
      ::setenv("TONGBAN_FILES_DIR", files_dir.c_str(), 1);
      ::execl(TONGBAN_BIN, TONGBAN_BIN, "--db", db_url.c_str(), "serve", "--port", "0",
              "--no-access-log", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(fds[1]);
    // Blocking reads until the "listening" line (the server prints it once bound).
    std::string out;
    char c = 0;
    const std::string marker = "tongban listening on http://";
    while (::read(fds[0], &c, 1) == 1) {
      out.push_back(c);
      if (c != '\n') continue;
      if (auto p = out.rfind(marker); p != std::string::npos) {
        const auto colon = out.find(':', p + marker.size());
        port_ = out.substr(colon + 1, out.size() - colon - 2);
        break;
      }
    }
    ::close(fds[0]);
    if (port_.empty()) throw std::runtime_error("server did not start: " + out);
  }
  ~ServerProcess() {
    if (pid_ > 0) kill(SIGKILL);
  }
  void kill(int sig) {
    ::kill(pid_, sig);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  [[nodiscard]] const std::string& port() const { return port_; }

 private:
  pid_t pid_ = -1;
  std::string port_;
};

struct Conn {
  explicit Conn(const std::string& port) : socket(ioc) {
    tcp::resolver resolver(ioc);
    asio::connect(socket, resolver.resolve("127.0.0.1", port));
  }
  // Throws on a broken connection; returns the status.
  int call(const std::string& target, const std::string& token, const std::string& body,
           const std::string& request_id, std::string& out) {
    bhttp::request<bhttp::string_body> req{bhttp::verb::post, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    req.set(bhttp::field::content_type, "application/json");
    if (!token.empty()) req.set(bhttp::field::authorization, "Bearer " + token);
    if (!request_id.empty()) req.set("X-Request-Id", request_id);
    req.body() = body;
    req.prepare_payload();
    bhttp::write(socket, req);
    bhttp::response<bhttp::string_body> res;
    bhttp::read(socket, buffer, res);
    out = std::move(res.body());
    return static_cast<int>(res.result_int());
  }
  asio::io_context ioc;
  tcp::socket socket;
  beast::flat_buffer buffer;
};

// An acknowledged (2xx) call.
struct Ack {
  std::string request_id;
  std::int64_t case_id = 0;
  std::string event;         // the case event it must have left
  std::string action;        // the audit action
  std::int64_t task_id = 0;  // opinions: the task
};

class KillTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Writing to the socket of a killed server must fail with EPIPE, not end the test.
    ::signal(SIGPIPE, SIG_IGN);
    dir_ = std::filesystem::temp_directory_path() / ("tongban-kill-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_file_ = (dir_ / "kill.db").string();
    url_ = "sqlite:" + db_file_;
    ::setenv("TONGBAN_FILES_DIR", (dir_ / "files").c_str(), 1);
    const auto r = run_tongban({"--db", url_, "demo", "--bench"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  std::string db_file_;
  std::string url_;
};

struct Shared {
  std::mutex mu;
  std::condition_variable cv;
  std::uint64_t generation = 0;  // guarded by mu
  std::string port;              // guarded by mu
  bool stop = false;             // guarded by mu
  std::vector<Ack> acks;         // guarded by mu
  int unexpected = 0;            // non-2xx answers, guarded by mu
  std::string first_unexpected;  // guarded by mu
};

struct Tokens {
  std::string citizen, clerk, head;
  std::vector<std::string> reviewers;
};

std::string login(Conn& c, const std::string& user) {
  std::string out;
  const int st =
      c.call("/api/v1/auth/token", "",
             json::serialize(json::object{{"username", user}, {"password", kPassword}}), "", out);
  if (st != 200) throw std::runtime_error("login " + user + ": " + out);
  return std::string(json::parse(out).at("token").as_string());
}

// One client thread: standard cases back to back; a broken connection abandons the case
// (its outcome is unknown) and waits for the next server generation.
void client(Shared& sh, const Tokens& t, int index) {
  const std::string submit = json::serialize(json::object{
      {"item_code", kItem}, {"materials", [] {
                               json::array m;
                               for (int i = 0; i < 5; ++i) {
                                 m.push_back(json::object{
                                     {"material_code", "M0" + std::to_string(i + 1)},
                                     {"file_id", std::string(63, 'b') + char('0' + i)}});
                               }
                               return m;
                             }()}});
  std::uint64_t seq = 0;
  for (;;) {
    std::uint64_t gen = 0;
    std::string port;
    {
      std::lock_guard lock(sh.mu);
      if (sh.stop) return;
      gen = sh.generation;
      port = sh.port;
    }
    try {
      Conn c(port);
      for (;;) {
        {
          std::lock_guard lock(sh.mu);
          if (sh.stop) return;
        }
        std::string out;
        std::int64_t case_id = 0;
        // Returns false (case abandoned) on a non-2xx answer.
        auto step = [&](const std::string& target, const std::string& token,
                        const std::string& body, const std::string& event,
                        const std::string& action, std::int64_t task_id) {
          const std::string rid = "k" + std::to_string(index) + "-" + std::to_string(++seq);
          const int st = c.call(target, token, body, rid, out);
          std::lock_guard lock(sh.mu);
          if (st / 100 != 2) {
            if (sh.unexpected++ == 0) sh.first_unexpected = target + " " + std::to_string(st) + out;
            return false;
          }
          if (case_id == 0) case_id = json::parse(out).at("id").as_int64();
          sh.acks.push_back({rid, case_id, event, action, task_id});
          sh.cv.notify_all();
          return true;
        };
        if (!step("/api/v1/cases", t.citizen, submit, "submitted", "case.submit", 0)) continue;
        const std::string base = "/api/v1/cases/" + std::to_string(case_id);
        if (!step(base + "/accept", t.clerk, "{}", "accepted", "case.accept", 0)) continue;
        std::vector<std::pair<std::int64_t, std::string>> tasks;
        const auto accepted = json::parse(out);
        for (const auto& task : accepted.at("tasks").as_array()) {
          tasks.emplace_back(task.at("id").as_int64(),
                             std::string(task.at("department_code").as_string()));
        }
        static const char* kDepartments[] = {"NN-ZJJ", "NN-ZRZYJ", "NN-SCJGJ", "NN-WJW"};
        bool ok = true;
        for (const auto& [task, dept] : tasks) {
          int k = 0;
          while (k < 3 && dept != kDepartments[k]) ++k;
          ok = step("/api/v1/tasks/" + std::to_string(task) + "/opinion", t.reviewers[k],
                    R"({"result":"pass","opinion":"ok"})", "opinion", "task.opinion", task);
          if (!ok) break;
        }
        if (!ok) continue;
        if (!step(base + "/decide", t.head, R"({"decision":"approve","reason":"ok"})", "decided",
                  "case.decide", 0))
          continue;
        step(base + "/deliver", t.clerk, R"({"method":"window"})", "delivered", "case.deliver", 0);
      }
    } catch (const std::exception&) {
      // Connection refused or broken: the server is down. Wait for the next one.
      std::unique_lock lock(sh.mu);
      sh.cv.wait(lock, [&] { return sh.stop || sh.generation != gen; });
    }
  }
}

std::int64_t count(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) return -1;
  std::int64_t n = -1;
  if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return n;
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }  // ids are [a-z0-9.-]

TEST_F(KillTest, EveryAcknowledgedCallSurvivesSigkill) {
  constexpr int kKills = 4;
  constexpr int kClients = 3;
  std::mt19937 rng(20261126);                        // fixed seed: the same kill moments every run
  std::uniform_int_distribution<int> after(10, 60);  // acknowledged calls between kills

  Shared sh;
  auto server = std::make_unique<ServerProcess>(url_, (dir_ / "files").string());
  sh.port = server->port();
  Tokens t;
  {
    Conn c(sh.port);
    t.citizen = login(c, "citizen");
    t.clerk = login(c, "clerk");
    t.head = login(c, "head");
    for (int i = 1; i <= 4; ++i) t.reviewers.push_back(login(c, "bench-r" + std::to_string(i)));
  }
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) clients.emplace_back(client, std::ref(sh), std::cref(t), i);

  bool progressed = true;
  for (int k = 0; k <= kKills && progressed; ++k) {
    std::unique_lock lock(sh.mu);
    const std::size_t target = sh.acks.size() + static_cast<std::size_t>(after(rng));
    progressed =
        sh.cv.wait_for(lock, std::chrono::seconds(30), [&] { return sh.acks.size() >= target; });
    if (k == kKills || !progressed) break;
    lock.unlock();
    server->kill(SIGKILL);  // mid-flight: calls in progress get no answer
    server = std::make_unique<ServerProcess>(url_, (dir_ / "files").string());
    lock.lock();
    sh.port = server->port();
    ++sh.generation;
    sh.cv.notify_all();
  }
  {
    std::lock_guard lock(sh.mu);
    sh.stop = true;
    sh.cv.notify_all();
  }
  for (auto& c : clients) c.join();
  server->kill(SIGKILL);
  server.reset();
  ASSERT_TRUE(progressed) << "the load stalled (no acknowledged calls for 30 s)";
  EXPECT_EQ(sh.unexpected, 0) << sh.first_unexpected;
  ASSERT_GT(sh.acks.size(), static_cast<std::size_t>(kKills * 10));
  RecordProperty("acknowledged_calls", static_cast<int>(sh.acks.size()));
  RecordProperty("kills", kKills);

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db_file_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  int missing = 0;
  for (const auto& a : sh.acks) {
    const auto audit =
        count(db, "SELECT COUNT(*) FROM audit_log WHERE request_id = " + quoted(a.request_id) +
                      " AND action = " + quoted(a.action) + " AND outcome = 'success'");
    std::string ev =
        "SELECT COUNT(*) FROM case_events WHERE case_id = " + std::to_string(a.case_id) +
        " AND type = " + quoted(a.event);
    if (a.task_id) ev += " AND payload LIKE '%\"task_id\":" + std::to_string(a.task_id) + ",%'";
    const auto events = count(db, ev);
    if (audit != 1 || events != 1) {
      if (++missing <= 5) {
        ADD_FAILURE() << "acknowledged " << a.action << " (" << a.request_id << ", case "
                      << a.case_id << ") lost: audit " << audit << ", events " << events;
      }
    }
  }
  sqlite3_close(db);
  EXPECT_EQ(missing, 0) << "of " << sh.acks.size() << " acknowledged calls";

  const auto verify = run_tongban({"--db", url_, "audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

}  // namespace
}  // namespace tongban::testing
