#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "http/text.hpp"

namespace scij::http {
namespace {

namespace fs = std::filesystem;

void WriteFile(const fs::path& path, std::string_view content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

std::optional<std::string> HeaderOf(const Response& r, std::string_view name) {
  for (const auto& [n, v] : r.headers) {
    if (EqualsIgnoreCase(n, name)) return v;
  }
  return std::nullopt;
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("scij_static_test_" + RandomHex(6));
    root_ = base_ / "dist";
    WriteFile(root_ / "index.html", "<!doctype html><title>SCIJ</title>");
    WriteFile(root_ / "assets" / "index-3f2a.js", "console.log(1)");
    WriteFile(root_ / "assets" / "index-3f2a.css", "body{}");
    WriteFile(root_ / "favicon.ico", "ico");
    WriteFile(root_ / "robots.txt", "User-agent: *");
    WriteFile(root_ / "site.webmanifest", "{}");
    WriteFile(root_ / ".env", "SECRET=1");
    WriteFile(root_ / "docs" / "index.html", "docs index");
    WriteFile(base_ / "secret.txt", "TOP SECRET");
    fs::create_symlink(base_ / "secret.txt", root_ / "leak.txt");
    fs::create_directory_symlink(base_, root_ / "up");
    auto files = StaticFiles::Open(root_.string());
    ASSERT_TRUE(files.ok()) << files.error().message;
    files_.emplace(std::move(*files));
  }
  void TearDown() override { fs::remove_all(base_); }

  Response Get(std::string path, std::optional<std::string> if_none_match = std::nullopt) {
    Request request;
    request.method = Method::kGet;
    request.path = std::move(path);
    if (if_none_match) request.headers.Add("If-None-Match", *if_none_match);
    return files_->Serve(request);
  }

  fs::path base_;
  fs::path root_;
  std::optional<StaticFiles> files_;
};

TEST_F(StaticFilesTest, ServesFilesWithContentType) {
  Response r = Get("/assets/index-3f2a.js");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.body, "console.log(1)");
  EXPECT_EQ(r.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(Get("/assets/index-3f2a.css").content_type, "text/css; charset=utf-8");
  EXPECT_EQ(Get("/favicon.ico").content_type, "image/x-icon");
  EXPECT_EQ(Get("/robots.txt").content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(Get("/site.webmanifest").content_type, "application/manifest+json");
  Response index = Get("/");
  EXPECT_EQ(index.status, 200u);
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(index.body, "<!doctype html><title>SCIJ</title>");
  EXPECT_EQ(Get("/docs/").body, "docs index");
  EXPECT_EQ(Get("/docs").body, "docs index");
}

TEST_F(StaticFilesTest, ContentTypes) {
  EXPECT_EQ(ContentTypeForExtension("html"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeForExtension("mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeForExtension("JSON"), "application/json");
  EXPECT_EQ(ContentTypeForExtension("svg"), "image/svg+xml");
  EXPECT_EQ(ContentTypeForExtension("png"), "image/png");
  EXPECT_EQ(ContentTypeForExtension("woff2"), "font/woff2");
  EXPECT_EQ(ContentTypeForExtension("map"), "application/json");
  EXPECT_EQ(ContentTypeForExtension("exe"), "application/octet-stream");
  EXPECT_EQ(ContentTypeForExtension(""), "application/octet-stream");
}

TEST_F(StaticFilesTest, CacheControlAndEtag) {
  Response asset = Get("/assets/index-3f2a.js");
  EXPECT_EQ(HeaderOf(asset, "Cache-Control"), "public, max-age=31536000, immutable");
  Response index = Get("/");
  EXPECT_EQ(HeaderOf(index, "Cache-Control"), "no-cache");
  const auto etag = HeaderOf(asset, "ETag");
  ASSERT_TRUE(etag.has_value());
  EXPECT_EQ(etag->front(), '"');
  EXPECT_NE(etag->rfind("W/", 0), 0u);  // strong
  EXPECT_EQ(*etag, StrongEtag("console.log(1)"));
  EXPECT_NE(*etag, StrongEtag("console.log(2)"));
}

TEST_F(StaticFilesTest, IfNoneMatchGives304) {
  const std::string etag = *HeaderOf(Get("/assets/index-3f2a.js"), "ETag");
  Response r = Get("/assets/index-3f2a.js", etag);
  EXPECT_EQ(r.status, 304u);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(HeaderOf(r, "ETag"), etag);
  EXPECT_EQ(Get("/assets/index-3f2a.js", "\"other\", " + etag).status, 304u);
  EXPECT_EQ(Get("/assets/index-3f2a.js", "W/" + etag).status, 304u);
  EXPECT_EQ(Get("/assets/index-3f2a.js", "*").status, 304u);
  EXPECT_EQ(Get("/assets/index-3f2a.js", "\"stale\"").status, 200u);
}

TEST_F(StaticFilesTest, SpaFallbackForExtensionlessPaths) {
  Response r = Get("/admin/users");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.body, "<!doctype html><title>SCIJ</title>");
  EXPECT_EQ(HeaderOf(r, "Cache-Control"), "no-cache");
  EXPECT_EQ(Get("/schools/123/plan").status, 200u);
}

TEST_F(StaticFilesTest, MissingFileWithExtensionIs404) {
  Response r = Get("/logo.png");
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(r.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(Get("/assets/missing-123.js").status, 404u);
  EXPECT_EQ(Get("/assets/nothing").status, 404u);  // no SPA fallback under /assets
}

TEST_F(StaticFilesTest, NeverReadsOutsideRoot) {
  for (const char* path : {"/../secret.txt", "/assets/../../secret.txt", "/./index.html", "/leak.txt",
                           "/up/secret.txt", "/.env", "//etc/passwd", "/a\\..\\secret.txt", "/up"}) {
    Response r = Get(path);
    EXPECT_EQ(r.body.find("TOP SECRET"), std::string::npos) << path;
    EXPECT_EQ(r.body.find("SECRET=1"), std::string::npos) << path;
  }
  EXPECT_EQ(Get("/leak.txt").status, 404u);
  EXPECT_EQ(Get("/up/secret.txt").status, 404u);
  EXPECT_EQ(Get("/.env").status, 404u);
  EXPECT_EQ(Get(std::string("/index.html\0x", 13)).status, 404u);
}

TEST(StaticFilesOpenTest, MissingDirectoryIsAnError) {
  auto files = StaticFiles::Open("/nonexistent/scij/dist");
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.error().field, "static_dir");
}

TEST(IfNoneMatchTest, Matching) {
  EXPECT_TRUE(IfNoneMatchMatches("\"a\"", "\"a\""));
  EXPECT_TRUE(IfNoneMatchMatches(" \"b\" ,\"a\"", "\"a\""));
  EXPECT_FALSE(IfNoneMatchMatches("\"ab\"", "\"a\""));
  EXPECT_FALSE(IfNoneMatchMatches("", "\"a\""));
}

}  // namespace
}  // namespace scij::http
