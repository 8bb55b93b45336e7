#include "adapters/http/client_address.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace tongban::http {
namespace {

TEST(TrustedProxies, WithoutProxiesThePeerIsTheClientWhateverTheHeaderSays) {
  const TrustedProxies none;
  EXPECT_EQ(none.client_address("203.0.113.7", "198.51.100.1"), "203.0.113.7");
}

TEST(TrustedProxies, AnUntrustedPeersForwardedForIsIgnored) {
  const TrustedProxies proxies({"10.0.0.5"});
  EXPECT_EQ(proxies.client_address("203.0.113.7", "198.51.100.1"), "203.0.113.7");
}

TEST(TrustedProxies, ATrustedPeerNamesTheClientInItsRightmostHop) {
  const TrustedProxies proxies({"10.0.0.5"});
  EXPECT_EQ(proxies.client_address("10.0.0.5", "198.51.100.1"), "198.51.100.1");
  // The client wrote the left hop itself: only the one the proxy added counts.
  EXPECT_EQ(proxies.client_address("10.0.0.5", "1.2.3.4, 198.51.100.1"), "198.51.100.1");
  // No header: the proxy itself is all we know.
  EXPECT_EQ(proxies.client_address("10.0.0.5", ""), "10.0.0.5");
}

TEST(TrustedProxies, TrustedHopsAreSkippedUpToTheFirstUntrustedOne) {
  const TrustedProxies proxies({"10.0.0.0/8", "192.168.1.1"});
  EXPECT_EQ(proxies.client_address("10.1.2.3", "1.2.3.4, 198.51.100.1, 192.168.1.1, 10.9.9.9"),
            "198.51.100.1");
  // All hops trusted: the leftmost.
  EXPECT_EQ(proxies.client_address("10.1.2.3", "192.168.1.1,10.9.9.9"), "192.168.1.1");
}

TEST(TrustedProxies, AHopThatIsNoAddressEndsTheWalkAtTheHopToItsRight) {
  const TrustedProxies proxies({"10.0.0.0/8"});
  EXPECT_EQ(proxies.client_address("10.0.0.1", "unknown, 10.0.0.2"), "10.0.0.2");
  EXPECT_EQ(proxies.client_address("10.0.0.1", "198.51.100.1, <script>"), "10.0.0.1");
}

TEST(TrustedProxies, MatchesNetworksOfBothFamiliesAndMappedAddresses) {
  const TrustedProxies proxies({"172.16.0.0/12", "fd00::/8", "::1"});
  EXPECT_TRUE(proxies.contains("172.31.255.255"));
  EXPECT_FALSE(proxies.contains("172.32.0.0"));
  EXPECT_TRUE(proxies.contains("::ffff:172.16.0.1"));
  EXPECT_TRUE(proxies.contains("fd12:3456::1"));
  EXPECT_FALSE(proxies.contains("fe80::1"));
  EXPECT_TRUE(proxies.contains("::1"));
  EXPECT_FALSE(proxies.contains("not an address"));
  EXPECT_EQ(proxies.client_address("fd00::1", "2001:db8::7"), "2001:db8::7");
}

TEST(TrustedProxies, MalformedEntriesAreRefused) {
  EXPECT_THROW(TrustedProxies({"proxy.example"}), std::invalid_argument);
  EXPECT_THROW(TrustedProxies({"10.0.0.0/33"}), std::invalid_argument);
  EXPECT_THROW(TrustedProxies({"10.0.0.0/"}), std::invalid_argument);
  EXPECT_THROW(TrustedProxies({"fd00::/129"}), std::invalid_argument);
  EXPECT_NO_THROW(TrustedProxies({"0.0.0.0/0"}));
}

}  // namespace
}  // namespace tongban::http
