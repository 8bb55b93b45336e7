// case_load: the standard case over the real HTTP API, on keep-alive connections.
//
// Standard case (8 calls): citizen submits with 5 material references → clerk accepts →
// 4 reviewers (4 departments) record their opinions → head decides → clerk delivers.
// REQUIRES: the server's database holds `tongban demo --bench` (item, reviewers, uploads).
//
// Modes (both run by default, saturation first):
//   saturation: N connections, each runs cases back to back for --seconds; prints
//     standard_cases_per_s, calls_per_s and per-call latency percentiles.
//   fixed rate: cases start on a schedule of --rate cases/s spread over --rate-connections
//     connections (default 64: an open model, the client never holds a case back); latency of each
//     call is measured from its scheduled start when the client is behind (no coordinated
//     omission), and printed as p50/p95/p99_ms_at_<rate>_cases_per_s.
// --prefer-minimal: every write asks for `Prefer: return=minimal` (RFC 7240: the case and its
//   tasks without the case's record, which the server then does not read) and must be told
//   Preference-Applied; every figure's name gets the suffix `_minimal`.
// Output: one figure per line, `name=value unit`. Exit status 1 if any call failed.
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace asio = boost::asio;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

// `tongban demo --bench` creates 8 alike items (main/bench_fixture.hpp); cases go round them,
// since a case number's daily serial allows 9,999 cases per item per day.
constexpr int kItems = 8;
std::string item_code(int i) {
  return "11450100MB0000000X40009000" + std::to_string((i + 1) / 10) + std::to_string((i + 1) % 10);
}
constexpr const char* kPassword = "Tongban@2026";

std::string file_id(int i) { return std::string(63, 'b') + static_cast<char>('0' + i); }

struct Options {
  std::string host = "127.0.0.1";
  std::string port = "8080";
  int connections = 8;
  double seconds = 10;
  double rate = 500;  // cases/s in fixed-rate mode; 0 skips it
  double rate_seconds = 10;
  int rate_connections = 64;  // fixed rate: enough that the client never holds a case back
  bool saturation = true;
  int server_pid = 0;  // > 0: also report the server's CPU time per case (from /proc)
  bool prefer_minimal = false;
};

// utime + stime of a process in seconds, from /proc/PID/stat; 0 when unreadable.
double cpu_seconds(int pid) {
  if (pid <= 0) return 0;
  std::FILE* f = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "r");
  if (!f) return 0;
  char buf[1024] = {};
  const auto n = std::fread(buf, 1, sizeof buf - 1, f);
  std::fclose(f);
  std::string s(buf, n);
  auto p = s.rfind(')');  // the command name may hold spaces
  if (p == std::string::npos) return 0;
  unsigned long long utime = 0, stime = 0;
  // Fields after ")": state(3) ... utime is field 14, stime 15.
  if (std::sscanf(s.c_str() + p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
                  &utime, &stime) != 2)
    return 0;
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// Seconds a process's threads spent runnable but waiting for a core (the second field of
// /proc/PID/task/TID/schedstat, summed over its threads); 0 when unreadable. Per second of a
// run: how many cores' worth of the server's work waited for a CPU (the machine, not the
// server, is then the limit).
double cpu_wait_seconds(int pid) {
  if (pid <= 0) return 0;
  std::error_code ec;
  double total = 0;
  for (const auto& task :
       std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
    std::FILE* f = std::fopen((task.path() / "schedstat").c_str(), "r");
    if (!f) continue;
    unsigned long long run_ns = 0, wait_ns = 0;
    if (std::fscanf(f, "%llu %llu", &run_ns, &wait_ns) == 2) total += static_cast<double>(wait_ns);
    std::fclose(f);
  }
  return total / 1e9;
}

// Bytes a process passed to write calls (files and sockets), from /proc/PID/io; 0 when unreadable.
double written_bytes(int pid) {
  if (pid <= 0) return 0;
  std::FILE* f = std::fopen(("/proc/" + std::to_string(pid) + "/io").c_str(), "r");
  if (!f) return 0;
  unsigned long long wchar = 0;
  char line[128];
  while (std::fgets(line, sizeof line, f)) {
    if (std::sscanf(line, "wchar: %llu", &wchar) == 1) break;
  }
  std::fclose(f);
  return static_cast<double>(wchar);
}

// One keep-alive connection. Not thread-safe: one per thread.
class Conn {
 public:
  explicit Conn(const Options& o) : socket_(ioc_), prefer_minimal_(o.prefer_minimal) {
    tcp::resolver resolver(ioc_);
    asio::connect(socket_, resolver.resolve(o.host, o.port));
    socket_.set_option(tcp::no_delay(true));
    host_ = o.host + ":" + o.port;
  }
  // Returns the status; body in `out`. A write asks for the minimal answer with
  // --prefer-minimal; minimal_answered() tells whether the last answer said it is one.
  int call(bhttp::verb verb, const std::string& target, const std::string& token,
           const std::string& body, std::string& out) {
    bhttp::request<bhttp::string_body> req{verb, target, 11};
    req.set(bhttp::field::host, host_);
    req.keep_alive(true);
    if (!token.empty()) req.set(bhttp::field::authorization, "Bearer " + token);
    if (prefer_minimal_ && verb == bhttp::verb::post) req.set("Prefer", "return=minimal");
    if (!body.empty()) {
      req.set(bhttp::field::content_type, "application/json");
      req.body() = body;
    }
    req.prepare_payload();
    bhttp::write(socket_, req);
    bhttp::response<bhttp::string_body> res;
    bhttp::read(socket_, buffer_, res);
    minimal_answered_ = res["Preference-Applied"] == "return=minimal";
    out = std::move(res.body());
    return static_cast<int>(res.result_int());
  }
  [[nodiscard]] bool prefer_minimal() const { return prefer_minimal_; }
  [[nodiscard]] bool minimal_answered() const { return minimal_answered_; }

 private:
  asio::io_context ioc_;
  tcp::socket socket_;
  bool prefer_minimal_ = false;
  bool minimal_answered_ = false;
  beast::flat_buffer buffer_;
  std::string host_;
};

struct Tokens {
  std::string citizen, clerk, head;
  std::vector<std::string> reviewers;
};

std::string login(Conn& c, const std::string& user) {
  std::string out;
  const auto body = json::serialize(json::object{{"username", user}, {"password", kPassword}});
  if (c.call(bhttp::verb::post, "/api/v1/auth/token", "", body, out) != 200) {
    throw std::runtime_error("login " + user + ": " + out);
  }
  return std::string(json::parse(out).at("token").as_string());
}

struct Stats {
  std::vector<double> latency_ms;  // every call
  std::int64_t cases = 0;
  std::int64_t calls = 0;
  std::int64_t failures = 0;
  std::string first_failure;
};

// The submission of case k: 5 material references, the k-th item round the bench items.
const std::vector<std::string> kSubmitBodies = [] {
  std::vector<std::string> out;
  for (int item = 0; item < kItems; ++item) {
    json::array m;
    for (int i = 0; i < 5; ++i) {
      m.push_back(
          json::object{{"material_code", "M0" + std::to_string(i + 1)}, {"file_id", file_id(i)}});
    }
    out.push_back(
        json::serialize(json::object{{"item_code", item_code(item)},
                                     {"form", json::object{{"project", "南宁某压测项目"}}},
                                     {"materials", m}}));
  }
  return out;
}();
std::atomic<std::int64_t> submitted{0};

// Runs one standard case; `start` is when its first call was due (fixed rate) or now.
bool run_case(Conn& c, const Tokens& t, Stats& s, Clock::time_point start) {
  std::string out;
  Clock::time_point due = start;
  auto timed = [&](bhttp::verb v, const std::string& target, const std::string& token,
                   const std::string& body, int want) {
    const int status = c.call(v, target, token, body, out);
    const auto end = Clock::now();
    s.latency_ms.push_back(std::chrono::duration<double, std::milli>(end - due).count());
    due = end;  // the next call is due as soon as this one answered
    ++s.calls;
    if (status != want) {
      if (s.failures++ == 0) s.first_failure = target + " → " + std::to_string(status) + " " + out;
      return false;
    }
    if (c.prefer_minimal() && !c.minimal_answered()) {
      if (s.failures++ == 0) s.first_failure = target + ": no Preference-Applied: return=minimal";
      return false;
    }
    return true;
  };
  const auto& body = kSubmitBodies[static_cast<std::size_t>(submitted.fetch_add(1) % kItems)];
  if (!timed(bhttp::verb::post, "/api/v1/cases", t.citizen, body, 201)) return false;
  const auto id = std::to_string(json::parse(out).at("id").as_int64());
  if (!timed(bhttp::verb::post, "/api/v1/cases/" + id + "/accept", t.clerk, "{}", 200))
    return false;
  const auto accepted = json::parse(out);
  std::vector<std::pair<std::string, std::string>> tasks;  // task id, department
  for (const auto& task : accepted.at("tasks").as_array()) {
    tasks.emplace_back(std::to_string(task.at("id").as_int64()),
                       std::string(task.at("department_code").as_string()));
  }
  static const char* kDepartments[] = {"NN-ZJJ", "NN-ZRZYJ", "NN-SCJGJ", "NN-WJW"};
  if (tasks.size() != 4) {
    ++s.failures;
    s.first_failure = "accept: expected 4 tasks";
    return false;
  }
  const std::string opinion = R"({"result":"pass","opinion":"符合要求"})";
  for (const auto& [task, dept] : tasks) {
    int k = 0;
    while (k < 4 && dept != kDepartments[k]) ++k;
    if (!timed(bhttp::verb::post, "/api/v1/tasks/" + task + "/opinion", t.reviewers[k % 4], opinion,
               200))
      return false;
  }
  if (!timed(
          bhttp::verb::post, "/api/v1/cases/" + id + "/decide", t.head,
          R"({"decision":"approve","reason":"材料齐全，符合法定条件","legal_basis":"《行政许可法》第三十八条"})",
          200))
    return false;
  if (!timed(bhttp::verb::post, "/api/v1/cases/" + id + "/deliver", t.clerk,
             R"({"method":"window"})", 200))
    return false;
  ++s.cases;
  return true;
}

// The SQLite writer's figures from /metrics (zeros on PostgreSQL, whose writes are not grouped).
struct WriterFigures {
  double busy_s = 0, cpu_s = 0, groups = 0, writes = 0;
};
WriterFigures writer_figures(const Options& o) {
  Conn c(o);
  std::string text;
  if (c.call(bhttp::verb::get, "/metrics", "", "", text) != 200) return {};
  auto value = [&](std::string_view name) {
    const auto at = text.find("\n" + std::string(name) + " ");
    return at == std::string::npos ? 0.0
                                   : std::strtod(text.c_str() + at + name.size() + 2, nullptr);
  };
  return {value("tongban_sqlite_writer_busy_seconds_total"),
          value("tongban_sqlite_writer_cpu_seconds_total"),
          value("tongban_sqlite_write_groups_total"), value("tongban_sqlite_grouped_writes_total")};
}

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const auto k = static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

Stats merge(std::vector<Stats>& all) {
  Stats m;
  for (auto& s : all) {
    m.latency_ms.insert(m.latency_ms.end(), s.latency_ms.begin(), s.latency_ms.end());
    m.cases += s.cases;
    m.calls += s.calls;
    m.failures += s.failures;
    if (m.first_failure.empty()) m.first_failure = s.first_failure;
  }
  return m;
}

// schedule(k) → the start of the k-th case, or nullopt to stop.
template <class Schedule>
Stats drive(const Options& o, const Tokens& t, Schedule schedule, double& elapsed_s) {
  std::vector<Stats> per(static_cast<std::size_t>(o.connections));
  std::atomic<std::int64_t> next{0};
  const auto t0 = Clock::now();
  std::vector<std::thread> threads;
  for (int i = 0; i < o.connections; ++i) {
    threads.emplace_back([&, i] {
      auto& s = per[static_cast<std::size_t>(i)];
      try {
        auto c = std::make_unique<Conn>(o);
        for (;;) {
          const auto k = next.fetch_add(1);
          const auto at = schedule(k, t0);
          if (!at) break;
          std::this_thread::sleep_until(*at);
          if (!run_case(*c, t, s, *at)) {
            // A failed call may leave the connection unusable; open a new one.
            c = std::make_unique<Conn>(o);
          }
        }
      } catch (const std::exception& e) {
        ++s.failures;
        if (s.first_failure.empty()) s.first_failure = e.what();
      }
    });
  }
  for (auto& th : threads) th.join();
  elapsed_s = std::chrono::duration<double>(Clock::now() - t0).count();
  return merge(per);
}

// Prints one figure, `name<suffix>=value unit`.
struct Report {
  std::string suffix;
  void operator()(const std::string& name, double v, const char* unit) const {
    std::printf("%s%s=%.2f %s\n", name.c_str(), suffix.c_str(), v, unit);
    std::fflush(stdout);
  }
};

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App cli{"case_load — the standard case over HTTP"};
  cli.add_option("--host", o.host);
  cli.add_option("--port", o.port);
  cli.add_option("--connections,-c", o.connections, "keep-alive connections (threads)");
  cli.add_option("--seconds", o.seconds, "saturation run length");
  cli.add_option("--rate", o.rate, "fixed-rate mode: cases/s (0 = skip)");
  cli.add_option("--rate-seconds", o.rate_seconds, "fixed-rate run length");
  cli.add_option("--rate-connections", o.rate_connections,
                 "fixed-rate mode: keep-alive connections (threads) the cases are spread over");
  cli.add_flag("!--no-saturation", o.saturation, "skip the saturation run");
  cli.add_option("--server-pid", o.server_pid, "report the server's CPU time per case");
  cli.add_flag("--prefer-minimal", o.prefer_minimal,
               "writes ask for Prefer: return=minimal; figures are suffixed _minimal");
  CLI11_PARSE(cli, argc, argv);
  const Report print{o.prefer_minimal ? "_minimal" : ""};
  ::signal(SIGPIPE, SIG_IGN);  // a server that went away is a failed call, not our exit

  Tokens t;
  {
    Conn c(o);
    t.citizen = login(c, "citizen");
    t.clerk = login(c, "clerk");
    t.head = login(c, "head");
    for (int i = 1; i <= 4; ++i) t.reviewers.push_back(login(c, "bench-r" + std::to_string(i)));
  }
  bool failed = false;
  std::printf("connections=%d\n", o.connections);
  if (o.saturation) {
    const auto end_after = std::chrono::duration<double>(o.seconds);
    double elapsed = 0;
    const double cpu0 = cpu_seconds(o.server_pid);
    const double wait0 = cpu_wait_seconds(o.server_pid);
    const double own0 = cpu_seconds(::getpid());
    const double written0 = written_bytes(o.server_pid);
    const auto writer0 = writer_figures(o);
    auto s = drive(
        o, t,
        [&](std::int64_t, Clock::time_point t0) -> std::optional<Clock::time_point> {
          const auto now = Clock::now();
          if (now - t0 >= end_after) return std::nullopt;
          return now;
        },
        elapsed);
    print("standard_cases_per_s", static_cast<double>(s.cases) / elapsed, "cases/s");
    print("calls_per_s", static_cast<double>(s.calls) / elapsed, "calls/s");
    print("p50_ms_saturation", percentile(s.latency_ms, 50), "ms");
    print("p99_ms_saturation", percentile(s.latency_ms, 99), "ms");
    print("failed_calls_saturation", static_cast<double>(s.failures), "calls");
    if (o.server_pid > 0 && s.cases > 0) {
      const double cpu = cpu_seconds(o.server_pid) - cpu0;
      print("server_cpu_ms_per_case", cpu * 1000.0 / static_cast<double>(s.cases), "ms");
      print("server_cpu_cores_used", cpu / elapsed, "cores");
      // Near 0: the server had the cores it wanted; well above 0: the machine's cores bound it.
      print("server_waiting_for_cpu_cores", (cpu_wait_seconds(o.server_pid) - wait0) / elapsed,
            "cores");
      // Independent of the machine's load: the WAL and checkpoint writes plus the responses.
      const double written = written_bytes(o.server_pid) - written0;
      print("server_written_kib_per_case", written / 1024.0 / static_cast<double>(s.cases), "KiB");
    }
    if (const auto w = writer_figures(o); w.groups > writer0.groups) {
      // The share of the run the single writer was busy (1.0: writes are the bottleneck).
      print("writer_busy_fraction", (w.busy_s - writer0.busy_s) / elapsed, "");
      print("writer_busy_us_per_call",
            (w.busy_s - writer0.busy_s) * 1e6 / static_cast<double>(s.calls), "us");
      // The writer's own CPU per call: what bounds throughput once the writer is always busy.
      print("writer_cpu_us_per_call",
            (w.cpu_s - writer0.cpu_s) * 1e6 / static_cast<double>(s.calls), "us");
      print("writes_per_commit_saturation",
            (w.writes - writer0.writes) / (w.groups - writer0.groups), "writes");
    }
    if (s.cases > 0) {  // the load generator's own share of the machine
      const double own = cpu_seconds(::getpid()) - own0;
      print("client_cpu_ms_per_case", own * 1000.0 / static_cast<double>(s.cases), "ms");
      print("client_cpu_cores_used", own / elapsed, "cores");
    }
    if (s.failures) {
      std::fprintf(stderr, "first failure: %s\n", s.first_failure.c_str());
      failed = true;
    }
  }
  if (o.rate > 0) {
    const auto n = static_cast<std::int64_t>(o.rate * o.rate_seconds);
    const auto gap = std::chrono::duration<double>(1.0 / o.rate);
    double elapsed = 0;
    Options open = o;  // an open model: cases arrive on schedule, whoever is still busy
    open.connections = o.rate_connections;
    std::printf("rate_connections=%d\n", open.connections);
    auto s = drive(
        open, t,
        [&](std::int64_t k, Clock::time_point t0) -> std::optional<Clock::time_point> {
          if (k >= n) return std::nullopt;
          return t0 + std::chrono::duration_cast<Clock::duration>(gap * static_cast<double>(k));
        },
        elapsed);
    const auto r = std::to_string(static_cast<long long>(o.rate));
    print("achieved_cases_per_s_at_" + r + "_cases_per_s", static_cast<double>(s.cases) / elapsed,
          "cases/s");
    print("p50_ms_at_" + r + "_cases_per_s", percentile(s.latency_ms, 50), "ms");
    print("p95_ms_at_" + r + "_cases_per_s", percentile(s.latency_ms, 95), "ms");
    print("p99_ms_at_" + r + "_cases_per_s", percentile(s.latency_ms, 99), "ms");
    print("failed_calls_at_" + r + "_cases_per_s", static_cast<double>(s.failures), "calls");
    if (s.failures) {
      std::fprintf(stderr, "first failure: %s\n", s.first_failure.c_str());
      failed = true;
    }
  }
  return failed ? 1 : 0;
}
