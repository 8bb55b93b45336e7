#include "tests/files/files_server.hpp"

#include <random>

#include "app/demo.hpp"

namespace tongban::testing {

namespace json = boost::json;

namespace {

Instant start_time() {
  using namespace std::chrono;
  return Instant{sys_days{year{2026} / 3 / 2} + hours{1}};
}

std::filesystem::path fresh_dir() {
  std::random_device rd;
  auto p = std::filesystem::temp_directory_path() /
           ("tongban-files-test-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(p);
  return p;
}

}  // namespace

FilesServer::FilesServer(const std::string& kind, std::size_t max_upload_bytes)
    : url_(make_test_database_url(kind)), files_dir_(fresh_dir()), clock_(start_time()) {
  cli::Config cfg;
  cfg.db = url_->url();
  cfg.address = "127.0.0.1";
  cfg.port = 0;
  cfg.static_dir = "";
  cfg.access_log = false;
  cfg.io_threads = 1;
  cfg.worker_threads = 2;
  cfg.body_limit = std::size_t{64} * 1024;
  cfg.files_dir = files_dir_.string();
  cfg.max_upload_bytes = max_upload_bytes;
  cli::RuntimeDeps deps{&clock_, /*fast_password_hashing=*/true};
  deps.file_scanner = &scanner_;
  deps.sms = &sms_;
  runtime_ = std::make_unique<cli::Runtime>(cfg, deps);
  (void)app::load_demo(runtime_->env());
  port_ = runtime_->start_server();
  authenticators_.serve(port_);
}

FilesServer::~FilesServer() {
  if (runtime_) runtime_->stop_server();
  runtime_.reset();
  std::error_code ec;
  std::filesystem::remove_all(files_dir_, ec);
}

std::unique_ptr<HttpClient> FilesServer::client() const {
  return std::make_unique<HttpClient>("127.0.0.1", port_);
}

std::unique_ptr<HttpClient> FilesServer::client_as(const std::string& username) const {
  auto c = client();
  auto r = sign_in(*c, "/api/v1/auth/token", username, std::string(app::kDemoPassword));
  if (r.status != 200) {
    ADD_FAILURE() << "token for " << username << " refused: " << r.status << " " << r.body;
    return c;
  }
  c->set_default_header("Authorization", "Bearer " + std::string(r.json().at("token").as_string()));
  return c;
}

std::int64_t FilesServer::scalar(std::string_view sql, const std::vector<ports::Param>& params) {
  return runtime_->database().read([&](ports::Tx& tx) -> std::int64_t {
    auto rows = tx.query(sql, params);
    if (rows.empty() || rows.front().is_null(0)) return -1;
    return rows.front().i64(0);
  });
}

std::size_t FilesServer::files_on_disk() const {
  std::size_t n = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(files_dir_)) {
    n += e.is_regular_file() ? 1 : 0;
  }
  return n;
}

void FilesTest::SetUp() {
  if (!database_kind_available(GetParam())) {
    if (postgres_required()) FAIL() << "TONGBAN_REQUIRE_PG=1 but TONGBAN_TEST_PG is unset";
    GTEST_SKIP() << GetParam() << " is not available (set TONGBAN_TEST_PG)";
  }
  server_ = std::make_unique<FilesServer>(GetParam(), kMaxUpload);
}

}  // namespace tongban::testing
