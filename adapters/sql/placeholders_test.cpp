#include "adapters/sql/placeholders.hpp"

#include <gtest/gtest.h>

namespace tongban::sql {
namespace {

using ports::Dialect;

std::string pg(std::string_view sql) { return rewrite_placeholders(sql, Dialect::Postgres); }

TEST(RewritePlaceholders, NumbersParametersInOrderForPostgres) {
  EXPECT_EQ(pg("SELECT a FROM t WHERE b = ? AND c > ?"), "SELECT a FROM t WHERE b = $1 AND c > $2");
  EXPECT_EQ(pg("INSERT INTO t(a,b,c) VALUES(?,?,?)"), "INSERT INTO t(a,b,c) VALUES($1,$2,$3)");
}

TEST(RewritePlaceholders, LeavesSqliteUnchanged) {
  EXPECT_EQ(rewrite_placeholders("SELECT ? , '?'", Dialect::Sqlite), "SELECT ? , '?'");
}

TEST(RewritePlaceholders, SkipsStringLiteralsIncludingEscapedQuotes) {
  EXPECT_EQ(pg("SELECT '?', ? "), "SELECT '?', $1 ");
  EXPECT_EQ(pg("SELECT 'it''s ?', ?"), "SELECT 'it''s ?', $1");
  EXPECT_EQ(pg("SELECT '', ?"), "SELECT '', $1");
}

TEST(RewritePlaceholders, SkipsQuotedIdentifiers) {
  EXPECT_EQ(pg("SELECT \"what?\" FROM t WHERE x = ?"), "SELECT \"what?\" FROM t WHERE x = $1");
}

TEST(RewritePlaceholders, SkipsComments) {
  EXPECT_EQ(pg("SELECT ? -- why?\n, ?"), "SELECT $1 -- why?\n, $2");
  EXPECT_EQ(pg("SELECT ? /* a ? here */, ?"), "SELECT $1 /* a ? here */, $2");
  EXPECT_EQ(pg("SELECT ? -- trailing ?"), "SELECT $1 -- trailing ?");
}

TEST(RewritePlaceholders, SkipsDollarQuotedBodies) {
  EXPECT_EQ(pg("SELECT $$ ? $$, ?"), "SELECT $$ ? $$, $1");
  EXPECT_EQ(pg("SELECT $fn$ a ? b $fn$, ?"), "SELECT $fn$ a ? b $fn$, $1");
}

TEST(RewritePlaceholders, UnterminatedLiteralSwallowsTheRest) {
  EXPECT_EQ(pg("SELECT ?, 'oops ?"), "SELECT $1, 'oops ?");
}

TEST(RewritePlaceholders, HandlesUtf8Text) {
  EXPECT_EQ(pg("SELECT '办理?' AS 名称, ?"), "SELECT '办理?' AS 名称, $1");
}

TEST(CountPlaceholders, CountsOnlyParameters) {
  EXPECT_EQ(count_placeholders("SELECT ?, '?', \"?\", ? -- ?"), 2);
  EXPECT_EQ(count_placeholders(""), 0);
}

}  // namespace
}  // namespace tongban::sql
