// One-time passwords for the second factor: HOTP (RFC 4226) and TOTP (RFC 6238) with the
// parameters every authenticator app reads from an otpauth:// URI (HMAC-SHA1, 6 digits, 30 s),
// base32 secrets (RFC 4648) and single-use recovery codes. Pure: the HMAC is passed in
// (adapters/crypto hmac_sha1), the time is the caller's.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace tongban::identity::totp {

inline constexpr int kDigits = 6;
inline constexpr std::int64_t kStepSeconds = 30;
// Codes of the previous and the next step are accepted too (a phone's clock may be off by
// up to half a minute either way; RFC 6238 §5.2).
inline constexpr std::int64_t kWindowSteps = 1;
inline constexpr std::size_t kSecretBytes = 20;  // 160 bits, RFC 4226 §4 R6
inline constexpr int kRecoveryCodes = 10;

// Raw 20-byte HMAC-SHA1 of `message` under `key`.
using HmacSha1 = std::function<std::string(std::string_view key, std::string_view message)>;

// RFC 4648 base32, upper case, without padding.
[[nodiscard]] std::string base32_encode(std::string_view bytes);
// Case-insensitive; spaces, dashes and trailing '=' are ignored. nullopt on any other
// character or a length no encoder produces.
[[nodiscard]] std::optional<std::string> base32_decode(std::string_view text);

// The HOTP value of `counter`, zero-padded to `digits`.
[[nodiscard]] std::string hotp(const HmacSha1& hmac, std::string_view key, std::uint64_t counter,
                               int digits = kDigits);

// The TOTP time step of a Unix time (seconds).
[[nodiscard]] std::int64_t step_at(std::int64_t unix_seconds);

// The step whose code `code` is, within kWindowSteps of `unix_seconds`, and later than
// `last_used` (a code is accepted once: RFC 6238 §5.2). nullopt: wrong, stale or replayed.
[[nodiscard]] std::optional<std::int64_t> match(const HmacSha1& hmac, std::string_view key,
                                                std::string_view code, std::int64_t unix_seconds,
                                                std::optional<std::int64_t> last_used);

// The enrolment URI authenticator apps scan (Google's Key Uri Format):
// otpauth://totp/<issuer>:<account>?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30
[[nodiscard]] std::string otpauth_uri(std::string_view issuer, std::string_view account,
                                      std::string_view secret_base32);

// True for six ASCII digits: what an authenticator shows (anything else is tried as a
// recovery code).
[[nodiscard]] bool looks_like_code(std::string_view text);

// A recovery code as shown: ten base32 characters from the random bytes, lower case, in two
// groups ("abcde-fghij"; 50 bits).
[[nodiscard]] std::string recovery_code(std::string_view random_bytes);
// What is hashed and compared: lower case, without spaces or dashes.
[[nodiscard]] std::string normalise_recovery_code(std::string_view text);

}  // namespace tongban::identity::totp
