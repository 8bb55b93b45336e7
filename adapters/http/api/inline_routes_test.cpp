#include <gtest/gtest.h>

#include <string>

#include "adapters/http/api/api.hpp"

namespace tongban::http {
namespace {

bool runs_inline(std::string method, std::string path, std::size_t body_bytes = 2) {
  HttpRequest req;
  req.method = std::move(method);
  req.path = std::move(path);
  req.body = std::string(body_bytes, ' ');
  return runs_on_event_loop(req);
}

TEST(RunsOnEventLoopTest, CaseworkCallsOfTheStandardCase) {
  EXPECT_TRUE(runs_inline("POST", "/api/v1/cases"));
  EXPECT_TRUE(runs_inline("POST", "/api/v1/cases/42/accept"));
  EXPECT_TRUE(runs_inline("POST", "/api/v1/cases/42/decide"));
  EXPECT_TRUE(runs_inline("POST", "/api/v1/tasks/7/opinion"));
  EXPECT_TRUE(runs_inline("GET", "/api/v1/cases/42"));
}

TEST(RunsOnEventLoopTest, EverythingElseGoesToThePool) {
  EXPECT_FALSE(runs_inline("GET", "/api/v1/cases"));  // lists
  EXPECT_FALSE(runs_inline("GET", "/api/v1/tasks"));
  EXPECT_FALSE(runs_inline("GET", "/api/v1/cases/42/decision.pdf"));
  EXPECT_FALSE(runs_inline("GET", "/api/v1/cases/"));
  EXPECT_FALSE(runs_inline("GET", "/api/v1/cases/x1"));
  EXPECT_FALSE(runs_inline("POST", "/api/v1/cases/42"));
  EXPECT_FALSE(runs_inline("POST", "/api/v1/cases/42/"));
  EXPECT_FALSE(runs_inline("POST", "/api/v1/cases/42/a/b"));
  EXPECT_FALSE(runs_inline("POST", "/api/v1/cases//accept"));
  EXPECT_FALSE(runs_inline("DELETE", "/api/v1/cases/42"));
  EXPECT_FALSE(runs_inline("POST", "/api/v1/files"));
  EXPECT_FALSE(runs_inline("GET", "/api/v1/audit/verify"));
  EXPECT_FALSE(runs_inline("GET", "/"));
  EXPECT_FALSE(
      runs_inline("POST", "/api/v1/cases", std::size_t{64} * 1024 + 1));  // a big body to parse
  EXPECT_TRUE(runs_inline("POST", "/api/v1/cases", std::size_t{64} * 1024));
}

}  // namespace
}  // namespace tongban::http
