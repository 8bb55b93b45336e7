#include <gtest/gtest.h>

#include "adapters/http/api/api.hpp"

namespace tongban::http {
namespace {

HttpResponse answered(const std::string& path, const std::string& content_type,
                      bool behind_tls = false) {
  HttpRequest req;
  req.method = "GET";
  req.path = path;
  auto res = HttpResponse::text(200, "x", content_type);
  add_security_headers(req, res, behind_tls);
  return res;
}

TEST(SecurityHeadersTest, EveryAnswerRefusesSniffingFramingAndReferrers) {
  for (const auto& res :
       {answered("/api/v1/cases", "application/json"),
        answered("/assets/app.js", "text/javascript"), answered("/", "text/html; charset=utf-8")}) {
    EXPECT_EQ(res.headers.at("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(res.headers.at("X-Frame-Options"), "DENY");
    EXPECT_EQ(res.headers.at("Referrer-Policy"), "no-referrer");
    EXPECT_FALSE(res.headers.contains("Strict-Transport-Security"));
  }
  EXPECT_EQ(answered("/", "text/html", true).headers.at("Strict-Transport-Security"),
            "max-age=31536000");
}

TEST(SecurityHeadersTest, HtmlGetsAPolicyWithoutInlineOrForeignScript) {
  const auto csp = answered("/", "text/html; charset=utf-8").headers.at("Content-Security-Policy");
  EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("object-src 'none'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << csp;
  EXPECT_FALSE(
      answered("/api/v1/cases", "application/json").headers.contains("Content-Security-Policy"));
}

TEST(SecurityHeadersTest, ApiAnswersAreNotStoredUnlessTheyChooseTheirOwnCaching) {
  EXPECT_EQ(answered("/api/v1/cases/1", "application/json").headers.at("Cache-Control"),
            "no-store");
  EXPECT_EQ(answered("/api/v1/cases/1/decision.pdf", "application/pdf").headers.at("Cache-Control"),
            "no-store");
  EXPECT_FALSE(answered("/assets/app.js", "text/javascript").headers.contains("Cache-Control"));
  HttpRequest req;
  req.path = "/api/v1/files/ab";
  auto own = HttpResponse::text(200, "x", "application/pdf");
  own.headers["Cache-Control"] = "private, no-store";
  add_security_headers(req, own, false);
  EXPECT_EQ(own.headers.at("Cache-Control"), "private, no-store");
}

TEST(SecurityHeadersTest, LoopbackAddresses) {
  for (const char* a : {"127.0.0.1", "127.0.0.2", "::1", "::ffff:127.0.0.1"})
    EXPECT_TRUE(is_loopback(a)) << a;
  for (const char* a :
       {"10.0.0.1", "192.168.1.127", "::ffff:10.0.0.1", "fe80::1", "", "1127.0.0.1"})
    EXPECT_FALSE(is_loopback(a)) << a;
}

}  // namespace
}  // namespace tongban::http
