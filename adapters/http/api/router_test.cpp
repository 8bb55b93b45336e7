#include "adapters/http/api/router.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tongban::http {
namespace {

HttpResponse ok(Call& /*call*/) { return HttpResponse{}; }

Router sample_router() {
  Router r;
  r.add("GET", "/api/v1/cases", Access::SignedIn, ok);
  r.add("GET", "/api/v1/cases/{id}", Access::SignedIn, ok, Placement::EventLoop);
  r.add("POST", "/api/v1/cases/{id}/accept", Access::SignedIn, ok, Placement::EventLoop);
  r.add("GET", "/api/v1/cases/{id}/decision.pdf", Access::SignedIn, ok);
  r.add("DELETE", "/api/v1/cases/{id}", Access::SignedIn, ok);
  return r;
}

TEST(RouterTest, MatchFillsTheRouteAndItsCaptures) {
  const auto r = sample_router();
  HttpRequest req;
  req.method = "POST";
  req.path = "/api/v1/cases/42/accept";
  const auto m = r.match(req);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/cases/{id}/accept");
  EXPECT_EQ(req.route, "/api/v1/cases/{id}/accept");
  EXPECT_EQ(req.path_params.at("id"), "42");
  EXPECT_TRUE(m.allowed.empty());
}

TEST(RouterTest, AnotherMethodOfAKnownPathListsTheAllowedOnes) {
  const auto r = sample_router();
  HttpRequest req;
  req.method = "PUT";
  req.path = "/api/v1/cases/42";
  const auto m = r.match(req);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "DELETE"}));
  EXPECT_TRUE(req.route.empty());
  EXPECT_TRUE(req.path_params.empty());
}

TEST(RouterTest, FindAnswersTheRouteWithItsPlacementWithoutTouchingTheRequest) {
  const auto r = sample_router();
  auto placement = [&](std::string_view method, std::string_view path) {
    const auto* route = r.find(method, path);
    return route == nullptr                           ? std::string("none")
           : route->placement == Placement::EventLoop ? std::string("event loop")
                                                      : std::string("pool");
  };
  EXPECT_EQ(placement("GET", "/api/v1/cases/42"), "event loop");
  EXPECT_EQ(placement("HEAD", "/api/v1/cases/42"), "event loop");  // HEAD finds GET's route
  EXPECT_EQ(placement("POST", "/api/v1/cases/42/accept"), "event loop");
  EXPECT_EQ(placement("GET", "/api/v1/cases"), "pool");  // declared without a placement
  EXPECT_EQ(placement("GET", "/api/v1/cases/42/decision.pdf"), "pool");
  EXPECT_EQ(placement("DELETE", "/api/v1/cases/42"), "pool");
  EXPECT_EQ(placement("POST", "/api/v1/cases/42/decide"), "none");
  EXPECT_EQ(placement("POST", "/api/v1/cases/42/accept/x"), "none");
  EXPECT_EQ(placement("GET", "/"), "none");
}

}  // namespace
}  // namespace tongban::http
