#include "core/identity/totp.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace tongban::identity::totp {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int base32_value(char c) {
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= '2' && c <= '7') return 26 + (c - '2');
  return -1;
}

// RFC 3986 unreserved characters stay; everything else (UTF-8 bytes included) is %XX.
std::string percent_encode(std::string_view text) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4U];
      out += kHex[c & 0xFU];
    }
  }
  return out;
}

}  // namespace

std::string base32_encode(std::string_view bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const unsigned char c : bytes) {
    buffer = (buffer << 8U) | c;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += kAlphabet[(buffer >> static_cast<unsigned>(bits)) & 0x1FU];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << static_cast<unsigned>(5 - bits)) & 0x1FU];
  return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  std::size_t chars = 0;
  for (const char c : text) {
    if (c == ' ' || c == '-') continue;
    const int v = base32_value(c);
    if (v < 0) return std::nullopt;
    ++chars;
    buffer = (buffer << 5U) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> static_cast<unsigned>(bits)) & 0xFFU);
    }
  }
  // An encoder's last character carries fewer than 5 bits; lengths 1, 3 and 6 (mod 8) and
  // non-zero leftover bits are never produced.
  const auto rest = chars % 8;
  if (rest == 1 || rest == 3 || rest == 6) return std::nullopt;
  if ((buffer & ((1U << static_cast<unsigned>(bits)) - 1U)) != 0) return std::nullopt;
  return out;
}

std::string hotp(const HmacSha1& hmac, std::string_view key, std::uint64_t counter, int digits) {
  std::array<char, 8> message{};
  for (int i = 7; i >= 0; --i) {
    message[static_cast<std::size_t>(i)] = static_cast<char>(counter & 0xFFU);
    counter >>= 8U;
  }
  const std::string mac = hmac(key, std::string_view(message.data(), message.size()));
  if (mac.size() < 20) return {};
  const auto byte = [&](std::size_t i) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(mac[i]));
  };
  const std::size_t offset = byte(19) & 0x0FU;  // dynamic truncation, RFC 4226 §5.3
  const std::uint32_t binary = ((byte(offset) & 0x7FU) << 24U) | (byte(offset + 1) << 16U) |
                               (byte(offset + 2) << 8U) | byte(offset + 3);
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string out = std::to_string(binary % modulus);
  if (out.size() < static_cast<std::size_t>(digits)) {
    out.insert(0, static_cast<std::size_t>(digits) - out.size(), '0');
  }
  return out;
}

std::int64_t step_at(std::int64_t unix_seconds) {
  // Floor division, so times before 1970 (never in practice) still step consistently.
  return unix_seconds >= 0 ? unix_seconds / kStepSeconds
                           : -((-unix_seconds + kStepSeconds - 1) / kStepSeconds);
}

std::optional<std::int64_t> match(const HmacSha1& hmac, std::string_view key, std::string_view code,
                                  std::int64_t unix_seconds,
                                  std::optional<std::int64_t> last_used) {
  if (!looks_like_code(code)) return std::nullopt;
  const std::int64_t now = step_at(unix_seconds);
  for (std::int64_t step = now - kWindowSteps; step <= now + kWindowSteps; ++step) {
    if (step < 0 || (last_used && step <= *last_used)) continue;
    if (hotp(hmac, key, static_cast<std::uint64_t>(step)) == code) return step;
  }
  return std::nullopt;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        std::string_view secret_base32) {
  return "otpauth://totp/" + percent_encode(issuer) + ":" + percent_encode(account) +
         "?secret=" + std::string(secret_base32) + "&issuer=" + percent_encode(issuer) +
         "&algorithm=SHA1&digits=" + std::to_string(kDigits) +
         "&period=" + std::to_string(kStepSeconds);
}

bool looks_like_code(std::string_view text) {
  return text.size() == static_cast<std::size_t>(kDigits) &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string recovery_code(std::string_view random_bytes) {
  std::string chars = base32_encode(random_bytes).substr(0, 10);
  std::transform(chars.begin(), chars.end(), chars.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  if (chars.size() < 10) return chars;
  return chars.substr(0, 5) + "-" + chars.substr(5);
}

std::string normalise_recovery_code(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == ' ' || c == '-') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace tongban::identity::totp
