// What every use case receives: who is acting, for which request, and the ports.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/audit/audit.hpp"
#include "core/identity/role.hpp"
#include "core/identity/totp.hpp"
#include "ports/calendars.hpp"
#include "ports/clock.hpp"
#include "ports/crypto.hpp"
#include "ports/file_store.hpp"
#include "ports/notifier.hpp"
#include "ports/sessions.hpp"
#include "ports/store.hpp"

namespace tongban::app {

struct Actor {
  std::optional<std::int64_t> user_id;  // nullopt: anonymous
  std::string username = "anonymous";
  std::optional<identity::Role> role;
  std::optional<std::int64_t> department_id;
  std::optional<std::string> region_code;
  // The operator at the server's console (`tongban user …`), who holds the database already:
  // the only one who makes or changes the three administrators' accounts (三员分立).
  bool console = false;

  [[nodiscard]] bool is(identity::Role r) const { return role == r; }
  [[nodiscard]] bool signed_in() const { return user_id.has_value(); }
};

// What a write answers with, as the caller asked (RFC 7240 `Prefer: return=…`): the record
// as its page shows it, or its minimal form, which a use case may answer without reading the
// record's lists (a case: app/casework CaseDetail).
enum class Answer { Representation, Minimal };

struct RequestContext {
  Actor actor;
  std::string request_id;
  std::string remote_address;
  Answer answer = Answer::Representation;
};

// The ports the use cases run on, wired once in main. All members are thread-safe.
struct Env {
  ports::Store& store;
  const ports::Clock& clock;
  ports::Random& random;
  const ports::PasswordHasher& hasher;
  audit::HashFn sha256_hex;
  // Seals audit entries (HMAC under a key outside the database); empty: plain SHA-256.
  audit::Keyring audit_keys;
  const ports::CalendarProvider& calendars;
  // Uploads and notifications (ports/file_store.hpp, ports/notifier.hpp); main wires all
  // three. Use cases that need one report `unavailable` when it is null.
  ports::FileStore* files = nullptr;
  ports::Notifier* notifier = nullptr;
  ports::SmsSender* sms = nullptr;
  // Second factors (app/identity/second_factor.hpp): secrets sealed under the data key, and
  // the HMAC-SHA1 of TOTP. Use cases report `unavailable` when either is missing.
  const ports::SecretBox* secrets = nullptr;
  identity::totp::HmacSha1 hmac_sha1;
  // Resolves session tokens on every authenticated call (a cache in front of the store;
  // ports/sessions.hpp). authenticate() reports `unavailable` when it is missing.
  ports::Sessions* sessions = nullptr;
};

}  // namespace tongban::app
