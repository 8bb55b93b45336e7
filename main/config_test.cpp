#include "main/config.hpp"
#include "main/config_test_support.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace tongban::cli {

Status apply_toml(Config& cfg, const std::string& toml) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("tongban-config-test-" + std::to_string(::getpid()) + ".toml");
  std::ofstream(path) << toml;
  auto status = apply_config_file(cfg, path.string());
  std::filesystem::remove(path);
  return status;
}

namespace {

TEST(ClockStartConfig, EmptyMeansTheSystemClock) {
  const Config cfg;
  auto start = clock_start(cfg);
  ASSERT_TRUE(start);
  EXPECT_FALSE(*start);
}

TEST(ClockStartConfig, AnInstantWithAnOffsetIsRead) {
  Config cfg;
  cfg.clock_start = "2026-06-01T09:30:00+08:00";
  auto start = clock_start(cfg);
  ASSERT_TRUE(start);
  ASSERT_TRUE(*start);
  EXPECT_EQ(format_instant(**start), "2026-06-01T01:30:00.000Z");
}

TEST(ClockStartConfig, MalformedValuesAreRefusedNamingTheField) {
  for (const char* bad : {"2026-06-01", "2026-06-01T09:30:00", "2026-13-01T09:30:00Z", "yesterday",
                          "2026-06-01 09:30:00+08:00"}) {
    Config cfg;
    cfg.clock_start = bad;
    auto start = clock_start(cfg);
    ASSERT_FALSE(start) << bad;
    EXPECT_EQ(start.error().field, "clock_start") << bad;
    EXPECT_NE(start.error().detail.find(bad), std::string::npos) << start.error().detail;
  }
}

TEST(ClockStartConfig, ReadFromTheConfigFileAndTheEnvironment) {
  Config cfg;
  ASSERT_TRUE(apply_toml(cfg, "clock_start = \"2026-06-01T09:30:00+08:00\"\n"));
  EXPECT_EQ(cfg.clock_start, "2026-06-01T09:30:00+08:00");

  ::setenv("TONGBAN_CLOCK_START", "2026-06-04T09:30:00+08:00", 1);
  const auto applied = apply_environment(cfg);
  ::unsetenv("TONGBAN_CLOCK_START");
  ASSERT_TRUE(applied);
  EXPECT_EQ(cfg.clock_start, "2026-06-04T09:30:00+08:00");  // the environment wins
}

TEST(DbPoolSizeConfig, DriverDefaultUnlessTheConfigFileOrTheEnvironmentSetsIt) {
  Config cfg;
  EXPECT_EQ(cfg.db_pool_size, 0);
  ASSERT_TRUE(apply_toml(cfg, "db_pool_size = 16\n"));
  EXPECT_EQ(cfg.db_pool_size, 16);
  ::setenv("TONGBAN_DB_POOL_SIZE", "32", 1);
  ASSERT_TRUE(apply_environment(cfg));
  EXPECT_EQ(cfg.db_pool_size, 32);  // the environment wins
  ::setenv("TONGBAN_DB_POOL_SIZE", "many", 1);
  Config other;
  EXPECT_FALSE(apply_environment(other));  // not a number: a clear error, nothing set
  EXPECT_EQ(other.db_pool_size, 0);
  ::unsetenv("TONGBAN_DB_POOL_SIZE");
}

TEST(SqliteCoalesceWalConfig, OnByDefaultOffFromTheConfigFileOrTheEnvironment) {
  Config cfg;
  EXPECT_TRUE(cfg.sqlite_coalesce_wal);
  ASSERT_TRUE(apply_toml(cfg, "sqlite_coalesce_wal = false\n"));
  EXPECT_FALSE(cfg.sqlite_coalesce_wal);

  ::setenv("TONGBAN_SQLITE_COALESCE_WAL", "1", 1);
  const auto on = apply_environment(cfg);
  ::setenv("TONGBAN_SQLITE_COALESCE_WAL", "0", 1);
  Config other;
  const auto off = apply_environment(other);
  ::unsetenv("TONGBAN_SQLITE_COALESCE_WAL");
  ASSERT_TRUE(on);
  ASSERT_TRUE(off);
  EXPECT_TRUE(cfg.sqlite_coalesce_wal);  // the environment wins
  EXPECT_FALSE(other.sqlite_coalesce_wal);
}

TEST(SqliteWriterSpinConfig, DefaultFileEnvironmentAndOutOfRangeRefused) {
  Config cfg;
  EXPECT_EQ(cfg.sqlite_writer_spin_us, 100);
  EXPECT_EQ(database_options(cfg).sqlite_writer_spin, std::chrono::microseconds(100));
  ASSERT_TRUE(apply_toml(cfg, "sqlite_writer_spin_us = 300\n"));
  EXPECT_EQ(cfg.sqlite_writer_spin_us, 300);
  EXPECT_EQ(database_options(cfg).sqlite_writer_spin, std::chrono::microseconds(300));

  ::setenv("TONGBAN_SQLITE_WRITER_SPIN_US", "2000", 1);
  ASSERT_TRUE(apply_environment(cfg));
  EXPECT_EQ(cfg.sqlite_writer_spin_us, 2000);  // the environment wins
  EXPECT_EQ(database_options(cfg).sqlite_writer_spin, std::chrono::microseconds(2000));

  for (const char* bad : {"-1", "100001", "soon"}) {
    ::setenv("TONGBAN_SQLITE_WRITER_SPIN_US", bad, 1);
    Config other;
    const auto s = apply_environment(other);
    ASSERT_FALSE(s) << bad;
    EXPECT_EQ(s.error().code, ErrorCode::InvalidArgument) << bad;
  }
  ::unsetenv("TONGBAN_SQLITE_WRITER_SPIN_US");
}

TEST(PublicBaseUrlConfig, ReadTrimmedAndRefusedWithoutAScheme) {
  Config cfg;
  ASSERT_TRUE(apply_toml(cfg, "public_base_url = \"https://zwfw.example.gov.cn/\"\n"));
  ASSERT_TRUE(apply_environment(cfg));
  EXPECT_EQ(cfg.public_base_url, "https://zwfw.example.gov.cn");  // no trailing slash

  ::setenv("TONGBAN_PUBLIC_BASE_URL", "zwfw.example.gov.cn", 1);
  const auto refused = apply_environment(cfg);
  ::unsetenv("TONGBAN_PUBLIC_BASE_URL");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "public_base_url");
}

TEST(MetricsTokenConfig, FromTheConfigFileThenTheEnvironment) {
  Config cfg;
  EXPECT_TRUE(cfg.metrics_token.empty());  // loopback only
  ASSERT_TRUE(apply_toml(cfg, "metrics_token = \"from-file\"\n"));
  EXPECT_EQ(cfg.metrics_token, "from-file");
  ::setenv("TONGBAN_METRICS_TOKEN", "from-env", 1);
  const auto applied = apply_environment(cfg);
  ::unsetenv("TONGBAN_METRICS_TOKEN");
  ASSERT_TRUE(applied);
  EXPECT_EQ(cfg.metrics_token, "from-env");
}

}  // namespace
}  // namespace tongban::cli
