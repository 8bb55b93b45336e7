// The second factor (TOTP, RFC 6238, with single-use recovery codes): required at sign-in for
// the roles the login policy names (admin and supervisor by default), optional for everyone
// else. A required account without one is enrolled at its next sign-in: the password is
// checked, a secret is issued, and the first code from the authenticator confirms it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/common/result.hpp"

namespace tongban::app {

// What an authenticator app is set up with.
struct Enrolment {
  std::string secret;       // base32, as typed by hand
  std::string otpauth_uri;  // as scanned from the QR code
};

// What the second factor decides at sign-in, once the password was right.
struct SecondFactorStep {
  std::optional<Enrolment> enrolment;       // set: show it and ask for the first code; no session
  std::vector<std::string> recovery_codes;  // enrolment confirmed now: shown once
};

// Within the sign-in's write transaction. `code`: what the user typed ("" none): six digits
// or a recovery code. Errors: second_factor_required, second_factor_invalid,
// unavailable (no data key).
Result<SecondFactorStep> second_factor_at_login(const Env& env, ports::UnitOfWork& uow,
                                                const ports::UserRecord& user, bool required,
                                                const std::string& issuer, const std::string& code);

struct SecondFactorStatus {
  bool enrolled = false;  // confirmed
  bool required = false;  // by the login policy, for this account's role
  std::int64_t recovery_codes_left = 0;
};
Result<SecondFactorStatus> second_factor_status(const Env& env, const RequestContext& ctx,
                                                bool required);

// Starts (or restarts) enrolment for the signed-in user. Error: conflict when one is confirmed.
Result<Enrolment> begin_second_factor(const Env& env, const RequestContext& ctx,
                                      const std::string& issuer);
// Confirms the enrolment begun with the first code; answers the recovery codes (shown once).
// Errors: not_found (nothing begun), second_factor_invalid.
Result<std::vector<std::string>> confirm_second_factor(const Env& env, const RequestContext& ctx,
                                                       const std::string& code);
// Removes the signed-in user's own second factor, with a current code. Errors: forbidden when
// the role requires one, not_found, second_factor_invalid.
Status remove_second_factor(const Env& env, const RequestContext& ctx, bool required,
                            const std::string& code);
// The security administrator clears another user's second factor (a lost phone) and signs
// them out; they enrol again at their next sign-in. Errors: forbidden (not the security
// administrator, or their own account), not_found.
Status reset_second_factor(const Env& env, const RequestContext& ctx, std::int64_t user_id);

}  // namespace tongban::app
