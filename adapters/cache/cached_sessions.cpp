#include "adapters/cache/cached_sessions.hpp"

namespace tongban::cache {

std::optional<ports::ActiveSession> CachedSessions::find(const std::string& token_hash) {
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(mu_);
    const auto it = entries_.find(token_hash);
    const Instant now = clock_.now();
    if (it != entries_.end() && now >= it->second.at && now - it->second.at < options_.ttl) {
      return it->second.value;
    }
    generation = generation_;
  }
  auto value = inner_.find(token_hash);  // without the lock: other callers go on meanwhile
  if (value) {
    std::lock_guard lock(mu_);
    if (generation == generation_) remember(token_hash, *value);  // no change since the read
  }
  return value;
}

void CachedSessions::touched(const std::string& token_hash, const ports::ActiveSession& session) {
  inner_.touched(token_hash, session);
  std::lock_guard lock(mu_);
  remember(token_hash, session);
}

void CachedSessions::changed() {
  inner_.changed();
  std::lock_guard lock(mu_);
  entries_.clear();
  ++generation_;
}

void CachedSessions::remember(const std::string& token_hash, const ports::ActiveSession& value) {
  if (entries_.size() >= options_.max_entries) entries_.clear();
  entries_[token_hash] = Entry{value, clock_.now()};
}

}  // namespace tongban::cache
