// Who the client is behind a reverse proxy: the configured trusted proxies and the
// X-Forwarded-For header they add. Only a trusted peer's header is believed, and only up to
// the first hop (from the right) that is not itself a trusted proxy: anything left of that was
// written by the client and may be forged.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tongban::http {

class TrustedProxies {
 public:
  TrustedProxies() = default;
  // Entries are IPv4 or IPv6 addresses or networks in CIDR form ("10.0.0.5", "10.0.0.0/8",
  // "fd00::/8"). Throws std::invalid_argument naming the first malformed entry.
  explicit TrustedProxies(const std::vector<std::string>& entries);

  [[nodiscard]] bool empty() const noexcept { return networks_.empty(); }
  // Whether `address` (an IP as text) is one of the proxies; false for text that is no IP.
  [[nodiscard]] bool contains(std::string_view address) const;

  // The client's address for a request from `peer` carrying `forwarded_for` (the
  // X-Forwarded-For value, hops joined with ", "; empty when absent): `peer` unless it is a
  // trusted proxy; then the rightmost hop that is not a trusted proxy, or the leftmost hop
  // when all are. A hop that is not an IP address ends the walk at the hop to its right.
  [[nodiscard]] std::string client_address(std::string_view peer,
                                           std::string_view forwarded_for) const;

 private:
  struct Network {
    std::array<std::uint8_t, 16> bytes{};  // IPv4 as IPv4-mapped IPv6
    int prefix = 128;
  };
  [[nodiscard]] bool contains_bytes(const std::array<std::uint8_t, 16>& a) const;
  std::vector<Network> networks_;
};

}  // namespace tongban::http
