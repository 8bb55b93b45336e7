// ports::SmsSender implementations without a gateway: one that logs (the default until a
// provider is configured) and one that records, for tests.
#pragma once

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "ports/notifier.hpp"

namespace tongban::files {

// Logs one line per message through spdlog (logger "sms") and reports success. The phone
// number is masked (138****5678) so the log does not collect personal data.
class LoggingSmsSender final : public ports::SmsSender {
 public:
  Status send(const std::string& phone, const std::string& text) override;
};

[[nodiscard]] std::string mask_phone(const std::string& phone);

// Records every call; fails the calls whose 1-based number is in `fail_calls`. Thread-safe.
class RecordingSmsSender final : public ports::SmsSender {
 public:
  struct Sent {
    std::string phone;
    std::string text;
  };
  explicit RecordingSmsSender(std::vector<int> fail_calls = {})
      : fail_calls_(std::move(fail_calls)) {}
  Status send(const std::string& phone, const std::string& text) override {
    std::lock_guard lock(mu_);
    ++calls_;
    for (int n : fail_calls_) {
      if (n == calls_) return Error{ErrorCode::Unavailable, "injected failure"};
    }
    sent_.push_back(Sent{phone, text});
    return ok_status();
  }
  [[nodiscard]] std::vector<Sent> sent() const {
    std::lock_guard lock(mu_);
    return sent_;
  }
  [[nodiscard]] int calls() const {
    std::lock_guard lock(mu_);
    return calls_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<int> fail_calls_;
  int calls_ = 0;           // GUARDED_BY(mu_)
  std::vector<Sent> sent_;  // GUARDED_BY(mu_)
};

}  // namespace tongban::files
