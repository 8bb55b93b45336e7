// The settings that keep the server up: connection limits and trusted proxies, from the
// TOML file and the environment.
#include <gtest/gtest.h>

#include <cstdlib>

#include "main/config.hpp"
#include "main/config_test_support.hpp"

namespace tongban::cli {
namespace {

TEST(LimitsConfig, DefaultsLimitEachAddressAndTrustNoProxy) {
  const Config cfg;
  EXPECT_EQ(cfg.max_connections, 0);
  EXPECT_EQ(cfg.max_connections_per_address, 64);
  EXPECT_TRUE(cfg.trusted_proxies.empty());
}

TEST(LimitsConfig, TomlSetsLimitsAndTheProxyList) {
  Config cfg;
  ASSERT_TRUE(apply_toml(cfg,
                         "max_connections = 5000\n"
                         "max_connections_per_address = 16\n"
                         "trusted_proxies = [\"10.0.0.5\", \"10.1.0.0/16\"]\n"));
  EXPECT_EQ(cfg.max_connections, 5000);
  EXPECT_EQ(cfg.max_connections_per_address, 16);
  EXPECT_EQ(cfg.trusted_proxies, (std::vector<std::string>{"10.0.0.5", "10.1.0.0/16"}));
}

TEST(LimitsConfig, EnvironmentOverridesWithACommaSeparatedList) {
  Config cfg;
  cfg.trusted_proxies = {"192.0.2.1"};
  ::setenv("TONGBAN_TRUSTED_PROXIES", " 10.0.0.5 ,fd00::/8,, ", 1);
  ::setenv("TONGBAN_MAX_CONNECTIONS_PER_ADDRESS", "0", 1);
  const auto status = apply_environment(cfg);
  ::unsetenv("TONGBAN_TRUSTED_PROXIES");
  ::unsetenv("TONGBAN_MAX_CONNECTIONS_PER_ADDRESS");
  ASSERT_TRUE(status);
  EXPECT_EQ(cfg.trusted_proxies, (std::vector<std::string>{"10.0.0.5", "fd00::/8"}));
  EXPECT_EQ(cfg.max_connections_per_address, 0);
}

TEST(LimitsConfig, ANonNumericLimitIsRefusedNamingTheVariable) {
  Config cfg;
  ::setenv("TONGBAN_MAX_CONNECTIONS", "lots", 1);
  const auto status = apply_environment(cfg);
  ::unsetenv("TONGBAN_MAX_CONNECTIONS");
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(status.error().field, "TONGBAN_MAX_CONNECTIONS");
}

}  // namespace
}  // namespace tongban::cli
