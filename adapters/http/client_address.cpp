#include "adapters/http/client_address.hpp"

#include <boost/asio/ip/address.hpp>
#include <optional>
#include <stdexcept>

namespace tongban::http {
namespace {

namespace ip = boost::asio::ip;

std::optional<ip::address> parse_ip(std::string_view text) {
  boost::system::error_code ec;
  auto a = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    return ip::address(ip::make_address_v4(ip::v4_mapped, a.to_v6()));
  }
  return a;
}

std::array<std::uint8_t, 16> mapped_bytes(const ip::address& a) {
  return a.is_v4() ? ip::make_address_v6(ip::v4_mapped, a.to_v4()).to_bytes()
                   : a.to_v6().to_bytes();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

TrustedProxies::TrustedProxies(const std::vector<std::string>& entries) {
  for (const auto& entry : entries) {
    const auto slash = entry.find('/');
    const auto a = parse_ip(trim(std::string_view(entry).substr(0, slash)));
    if (!a) throw std::invalid_argument("trusted proxy \"" + entry + "\" is not an IP address");
    Network n;
    n.bytes = mapped_bytes(*a);
    const int max = a->is_v4() ? 32 : 128;
    int prefix = max;
    if (slash != std::string::npos) {
      const std::string bits = entry.substr(slash + 1);
      std::size_t used = 0;
      try {
        prefix = std::stoi(bits, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used == 0 || used != bits.size() || prefix < 0 || prefix > max) {
        throw std::invalid_argument("trusted proxy \"" + entry + "\" has a bad prefix length");
      }
    }
    n.prefix = a->is_v4() ? prefix + 96 : prefix;
    networks_.push_back(n);
  }
}

bool TrustedProxies::contains_bytes(const std::array<std::uint8_t, 16>& a) const {
  for (const auto& n : networks_) {
    int bits = n.prefix;
    bool match = true;
    for (std::size_t i = 0; i < 16 && bits > 0 && match; ++i, bits -= 8) {
      const auto mask = static_cast<std::uint8_t>(bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF);
      match = (a[i] & mask) == (n.bytes[i] & mask);
    }
    if (match) return true;
  }
  return false;
}

bool TrustedProxies::contains(std::string_view address) const {
  if (networks_.empty()) return false;
  const auto a = parse_ip(address);
  return a && contains_bytes(mapped_bytes(*a));
}

std::string TrustedProxies::client_address(std::string_view peer,
                                           std::string_view forwarded_for) const {
  if (!contains(peer)) return std::string(peer);
  std::string candidate(peer);
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    const std::string_view hop =
        trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    if (hop.empty()) continue;
    const auto a = parse_ip(hop);
    if (!a) return candidate;
    candidate = a->to_string();
    if (!contains_bytes(mapped_bytes(*a))) return candidate;
  }
  return candidate;
}

}  // namespace tongban::http
