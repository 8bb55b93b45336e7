// Which requests the server runs on its event loop when handlers run inline by default
// (SQLite): the routes declared Placement::EventLoop in the real route table — casework's
// short writes and a case's detail — with a body of at most 64 KiB; everything else goes to
// the worker pool (docs/performance.md, "Why the design is as it is").
#include <string>

#include "tests/http/test_server.hpp"

namespace tongban::testing {
namespace {

class PlacementTest : public HttpTest {
 protected:
  bool runs_inline(std::string method, std::string path, std::size_t body_bytes = 2) {
    http::HttpRequest req;
    req.method = std::move(method);
    req.path = std::move(path);
    req.body = std::string(body_bytes, ' ');
    return server().runtime().api().runs_on_event_loop(req);
  }
};

TEST_P(PlacementTest, CaseworkCallsOfTheStandardCaseRunOnTheEventLoop) {
  EXPECT_TRUE(runs_inline("POST", "/api/v1/cases"));
  EXPECT_TRUE(runs_inline("GET", "/api/v1/cases/42"));
  for (const char* action :
       {"accept", "refuse", "request-supplement", "supplement", "fulfil-commitment", "reveal",
        "withdraw", "decide", "deliver", "evaluate"}) {
    EXPECT_TRUE(runs_inline("POST", std::string("/api/v1/cases/42/") + action)) << action;
  }
  for (const char* action : {"opinion", "reassign", "urge", "suspend", "resume"}) {
    EXPECT_TRUE(runs_inline("POST", std::string("/api/v1/tasks/7/") + action)) << action;
  }
  EXPECT_TRUE(runs_inline("POST", "/api/v1/cases", std::size_t{64} * 1024));
}

TEST_P(PlacementTest, EverythingElseGoesToThePool) {
  EXPECT_FALSE(runs_inline("GET", "/api/v1/cases"));  // lists
  EXPECT_FALSE(runs_inline("GET", "/api/v1/tasks"));
  EXPECT_FALSE(runs_inline("GET", "/api/v1/cases/42/decision.pdf"));
  EXPECT_FALSE(runs_inline("GET", "/api/v1/cases/"));
  EXPECT_FALSE(runs_inline("POST", "/api/v1/cases/42"));
  EXPECT_FALSE(runs_inline("POST", "/api/v1/cases/42/a/b"));
  EXPECT_FALSE(runs_inline("POST", "/api/v1/cases/42/no-such-action"));
  EXPECT_FALSE(runs_inline("DELETE", "/api/v1/cases/42"));
  EXPECT_FALSE(runs_inline("POST", "/api/v1/files"));
  EXPECT_FALSE(runs_inline("GET", "/api/v1/audit/verify"));
  EXPECT_FALSE(runs_inline("POST", "/api/v1/bundle-cases"));
  EXPECT_FALSE(runs_inline("GET", "/"));
  EXPECT_FALSE(
      runs_inline("POST", "/api/v1/cases", std::size_t{64} * 1024 + 1));  // a big body to parse
}

TONGBAN_INSTANTIATE_ON_DATABASES(PlacementTest);

}  // namespace
}  // namespace tongban::testing
