// Resolving a session token on every authenticated call. Every API call does it, so a cache
// may sit in front of the store (adapters/cache/cached_sessions.hpp decorates this port).
#pragma once

#include <optional>
#include <string>

#include "ports/store.hpp"

namespace tongban::ports {

// A session with its account, as stored.
struct ActiveSession {
  UserRecord user;
  SessionRecord session;
};

// Thread-safe.
class Sessions {
 public:
  virtual ~Sessions() = default;
  // The session of this token hash with its user; nullopt when either is gone.
  virtual std::optional<ActiveSession> find(const std::string& token_hash) = 0;
  // The session as its own call has just stored it (last_seen_at moved).
  virtual void touched(const std::string& token_hash, const ActiveSession& session) = 0;
  // This process changed sessions or accounts (a sign-out; a user disabled, given a new
  // password, role, department or region; a second factor reset): find() answers what is
  // stored from now on.
  virtual void changed() = 0;
};

}  // namespace tongban::ports
