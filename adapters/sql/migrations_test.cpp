#include "adapters/sql/migrations.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace tongban::sql {
namespace {

using ports::Dialect;

TEST(ApplyDialectTokens, SubstitutesIdAndBlobPerDialect) {
  const std::string sql = "CREATE TABLE t (id {{id}}, b {{blob}})";
  EXPECT_EQ(apply_dialect_tokens(sql, Dialect::Sqlite),
            "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, b BLOB)");
  EXPECT_EQ(apply_dialect_tokens(sql, Dialect::Postgres),
            "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, b BYTEA)");
}

TEST(ApplyDialectTokens, SubstitutesRowidKeysPerDialect) {
  const std::string sql =
      "CREATE TABLE t (k {{rowid_pk}}); CREATE TABLE u (a BIGINT PRIMARY KEY){{without_rowid}};";
  EXPECT_EQ(apply_dialect_tokens(sql, Dialect::Sqlite),
            "CREATE TABLE t (k INTEGER PRIMARY KEY); CREATE TABLE u (a BIGINT PRIMARY KEY) WITHOUT "
            "ROWID;");
  EXPECT_EQ(apply_dialect_tokens(sql, Dialect::Postgres),
            "CREATE TABLE t (k BIGINT PRIMARY KEY); CREATE TABLE u (a BIGINT PRIMARY KEY);");
}

TEST(ApplyDialectTokens, KeepsEachDialectsSectionOnly) {
  const std::string sql =
      "A;{{sqlite}}S {{id}};{{end}}{{postgres}}P $$x;y$$ {{blob}};{{end}}B {{blob}};";
  EXPECT_EQ(apply_dialect_tokens(sql, Dialect::Sqlite),
            "A;S INTEGER PRIMARY KEY AUTOINCREMENT;B BLOB;");
  EXPECT_EQ(apply_dialect_tokens(sql, Dialect::Postgres), "A;P $$x;y$$ BYTEA;B BYTEA;");
}

TEST(ApplyDialectTokens, RejectsBrokenSections) {
  for (const char* bad : {"{{sqlite}}x", "x{{end}}", "{{sqlite}}{{postgres}}{{end}}{{end}}",
                          "{{postgres}}{{uuid}}{{end}}"}) {
    EXPECT_THROW((void)apply_dialect_tokens(bad, Dialect::Sqlite), std::invalid_argument) << bad;
    EXPECT_THROW((void)apply_dialect_tokens(bad, Dialect::Postgres), std::invalid_argument) << bad;
  }
}

TEST(ApplyDialectTokens, LeavesPlainSqlAlone) {
  EXPECT_EQ(apply_dialect_tokens("SELECT '{' || '}'", Dialect::Postgres), "SELECT '{' || '}'");
}

TEST(ApplyDialectTokens, RejectsUnknownAndUnterminatedTokens) {
  EXPECT_THROW((void)apply_dialect_tokens("x {{uuid}}", Dialect::Sqlite), std::invalid_argument);
  EXPECT_THROW((void)apply_dialect_tokens("x {{id", Dialect::Sqlite), std::invalid_argument);
}

TEST(EmbeddedMigrations, AreSortedUniqueAndStartWithInit) {
  const auto all = embedded_migrations();
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all.front().version, 1);
  EXPECT_EQ(all.front().name, "init");
  EXPECT_NE(all.front().sql.find("CREATE TABLE meta"), std::string_view::npos);
  for (std::size_t i = 1; i < all.size(); ++i) {
    EXPECT_LT(all[i - 1].version, all[i].version) << all[i].name;
  }
  for (const auto& m : all) {
    EXPECT_NO_THROW((void)apply_dialect_tokens(m.sql, Dialect::Sqlite)) << m.name;
    EXPECT_NO_THROW((void)apply_dialect_tokens(m.sql, Dialect::Postgres)) << m.name;
  }
}

}  // namespace
}  // namespace tongban::sql
