// ports::Sessions with the sessions resolved in the last second remembered in front of
// another ports::Sessions. Every API call authenticates, and after each commit a read
// transaction starts with a cold page cache, so the lookup was ~8 % of the server's CPU under
// load (docs/performance.md, "Reads where the cache is warm").
//
// Changes made by this process (changed()) forget everything at once, and a lookup that was
// reading while one happened is not remembered; another instance's change is seen within
// `ttl`, on the Clock port's time. Expiry and idle time are the use case's to check on
// every call (app::authenticate), against what is remembered.
#pragma once

#include <cstdint>
#include <mutex>
#include <unordered_map>

#include "ports/clock.hpp"
#include "ports/sessions.hpp"

namespace tongban::cache {

struct CachedSessionsOptions {
  std::chrono::microseconds ttl = std::chrono::seconds(1);
  std::size_t max_entries = 4096;  // then everything is forgotten at once
};

class CachedSessions final : public ports::Sessions {
 public:
  // `inner` and `clock` must outlive this.
  CachedSessions(ports::Sessions& inner, const ports::Clock& clock,
                 CachedSessionsOptions options = {})
      : inner_(inner), clock_(clock), options_(options) {}

  std::optional<ports::ActiveSession> find(const std::string& token_hash) override;
  void touched(const std::string& token_hash, const ports::ActiveSession& session) override;
  void changed() override;

 private:
  struct Entry {
    ports::ActiveSession value;
    Instant at;
  };
  void remember(const std::string& token_hash, const ports::ActiveSession& value);  // mu_ held

  ports::Sessions& inner_;
  const ports::Clock& clock_;
  CachedSessionsOptions options_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;  // guarded by mu_
  std::uint64_t generation_ = 0;                    // guarded by mu_: bumped by changed()
};

}  // namespace tongban::cache
