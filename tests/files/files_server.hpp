// A whole Runtime for the files and notifications tests: a fresh database of one kind, a
// temporary files directory, a scanner that can be told to reject, a recording SMS sender
// and a simulated clock.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "adapters/files/sms_senders.hpp"
#include "main/runtime.hpp"
#include "ports/clock.hpp"
#include "ports/file_store.hpp"
#include "tests/http/http_client.hpp"
#include "tests/http/test_server.hpp"
#include "tests/support/test_database.hpp"

namespace tongban::testing {

class SwitchableScanner final : public ports::FileScanner {
 public:
  Status scan(std::string_view) override {
    ++calls;
    if (reject) return Error{ErrorCode::FileRejected, "test double"};
    return ok_status();
  }
  std::atomic<bool> reject{false};
  std::atomic<int> calls{0};
};

class FilesServer {
 public:
  FilesServer(const std::string& kind, std::size_t max_upload_bytes);
  ~FilesServer();

  [[nodiscard]] cli::Runtime& runtime() { return *runtime_; }
  [[nodiscard]] const app::Env& env() { return runtime_->env(); }
  [[nodiscard]] ports::SimulatedClock& clock() { return clock_; }
  [[nodiscard]] SwitchableScanner& scanner() { return scanner_; }
  [[nodiscard]] files::RecordingSmsSender& sms() { return sms_; }
  [[nodiscard]] const std::filesystem::path& files_dir() const { return files_dir_; }
  [[nodiscard]] std::unique_ptr<HttpClient> client() const;
  // A client signed in with a bearer token as that demo user.
  [[nodiscard]] std::unique_ptr<HttpClient> client_as(const std::string& username) const;

  std::int64_t scalar(std::string_view sql, const std::vector<ports::Param>& params = {});
  std::int64_t user_id(const std::string& username) {
    return scalar("SELECT id FROM users WHERE username = ?", {username});
  }
  // Regular files under files_dir (temporary files included).
  [[nodiscard]] std::size_t files_on_disk() const;

 private:
  std::unique_ptr<DatabaseUrl> url_;
  std::filesystem::path files_dir_;
  ports::SimulatedClock clock_;
  SwitchableScanner scanner_;
  files::RecordingSmsSender sms_;
  std::unique_ptr<cli::Runtime> runtime_;
  std::uint16_t port_ = 0;
  Authenticators authenticators_{clock_};  // admin's and supervisor's second factor
};

class FilesTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override { server_.reset(); }
  [[nodiscard]] FilesServer& server() { return *server_; }

  static constexpr std::size_t kMaxUpload = 1024;

 private:
  std::unique_ptr<FilesServer> server_;
};

}  // namespace tongban::testing
