#include "adapters/http/static_files.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <vector>

namespace tongban::http {
namespace {

namespace fs = std::filesystem;

void write_file(const fs::path& p, const std::string& content) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::path(::testing::TempDir()) /
            ("tongban_static_" + std::to_string(std::random_device{}()));
    root_ = base_ / "dist";
    write_file(root_ / "index.html", "<!doctype html><title>tongban</title>");
    write_file(root_ / "assets" / "app.3f2a.js", "console.log(1)");
    write_file(root_ / "assets" / "app.3f2a.css", "body{}");
    write_file(root_ / "favicon.ico", "ico");
    write_file(root_ / "docs" / "readme.txt", "read me");
    write_file(root_ / ".env", "SECRET=1");
    write_file(base_ / "secret.txt", "outside");
    fs::create_symlink(base_ / "secret.txt", root_ / "escape.txt");
  }
  void TearDown() override { fs::remove_all(base_); }

  HttpResponse get(const std::string& path, const std::string& method = "GET") {
    HttpRequest req;
    req.method = method;
    req.path = path;
    req.target = path;
    req.request_id = "t";
    return serve_static(root_, req);
  }

  static std::string code(const HttpResponse& r) {
    return std::string(boost::json::parse(r.body).at("code").as_string());
  }

  fs::path base_;
  fs::path root_;
};

TEST_F(StaticFilesTest, ServesFilesWithContentType) {
  auto js = get("/assets/app.3f2a.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log(1)");
  EXPECT_EQ(js.headers["Content-Type"], "text/javascript; charset=utf-8");
  EXPECT_EQ(js.route, "static");
  EXPECT_EQ(get("/assets/app.3f2a.css").headers["Content-Type"], "text/css; charset=utf-8");
  EXPECT_EQ(get("/favicon.ico").headers["Content-Type"], "image/x-icon");
  EXPECT_EQ(get("/docs/readme.txt").headers["Content-Type"], "text/plain; charset=utf-8");
}

TEST_F(StaticFilesTest, ContentTypeTable) {
  EXPECT_EQ(content_type_for(".html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for(".mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for(".json"), "application/json; charset=utf-8");
  EXPECT_EQ(content_type_for(".svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for(".PNG"), "image/png");
  EXPECT_EQ(content_type_for(".jpg"), "image/jpeg");
  EXPECT_EQ(content_type_for(".woff"), "font/woff");
  EXPECT_EQ(content_type_for(".woff2"), "font/woff2");
  EXPECT_EQ(content_type_for(".map"), "application/json; charset=utf-8");
  EXPECT_EQ(content_type_for(".exe"), "application/octet-stream");
}

TEST_F(StaticFilesTest, CacheControlDependsOnLocation) {
  EXPECT_EQ(get("/assets/app.3f2a.js").headers["Cache-Control"],
            "public, max-age=31536000, immutable");
  EXPECT_EQ(get("/").headers["Cache-Control"], "no-cache");
  EXPECT_EQ(get("/index.html").headers["Cache-Control"], "no-cache");
}

TEST_F(StaticFilesTest, RootAndClientRoutesFallBackToIndex) {
  for (const char* path : {"/", "/cases/42", "/login", "/docs/"}) {
    auto r = get(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.headers["Content-Type"], "text/html; charset=utf-8") << path;
    EXPECT_EQ(r.body, "<!doctype html><title>tongban</title>") << path;
    EXPECT_EQ(r.headers["Cache-Control"], "no-cache") << path;
  }
}

TEST_F(StaticFilesTest, MissingFilesWithExtensionOrUnderAssetsOrApiAre404) {
  for (const char* path : {"/missing.js", "/assets/gone", "/assets/gone.css", "/api/v1/nothing"}) {
    auto r = get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(code(r), "not_found") << path;
  }
}

TEST_F(StaticFilesTest, TraversalAttemptsAre404) {
  // Paths arrive percent-decoded, so "/%2e%2e%2fsecret.txt" is "/../secret.txt" here.
  for (const std::string& path : std::vector<std::string>{
           "/../secret.txt", "/assets/../../secret.txt", "/assets/../index.html", "/./index.html",
           "/..", "/.env", "//etc/passwd", "/docs//readme.txt", "/a\\..\\secret.txt",
           std::string("/index.html\0.js", 15), "relative.txt", "", "/escape.txt"}) {
    auto r = get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(code(r), "not_found") << path;
  }
}

TEST_F(StaticFilesTest, OnlyGetAndHead) {
  EXPECT_EQ(get("/", "HEAD").status, 200);
  auto r = get("/", "POST");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(code(r), "method_not_allowed");
  EXPECT_EQ(r.headers["Allow"], "GET, HEAD");
}

TEST_F(StaticFilesTest, NoIndexMeansNotFound) {
  fs::remove(root_ / "index.html");
  EXPECT_EQ(get("/").status, 404);
  EXPECT_EQ(get("/assets/app.3f2a.js").status, 404);
}

TEST_F(StaticFilesTest, MatchingEtagAnswers304) {
  auto first = get("/assets/app.3f2a.js");
  const std::string etag = first.headers["ETag"];
  ASSERT_FALSE(etag.empty());
  HttpRequest req;
  req.method = "GET";
  req.path = "/assets/app.3f2a.js";
  req.headers["If-None-Match"] = "\"other\", " + etag;
  auto again = serve_static(root_, req);
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.headers["ETag"], etag);

  req.headers["If-None-Match"] = "\"stale\"";
  EXPECT_EQ(serve_static(root_, req).status, 200);

  write_file(root_ / "assets" / "app.3f2a.js", "console.log(22)");  // size changes the tag
  req.headers["If-None-Match"] = etag;
  EXPECT_EQ(serve_static(root_, req).status, 200);
}

}  // namespace
}  // namespace tongban::http
