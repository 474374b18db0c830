// request_fuzz: arbitrary bytes through the server's own request intake, minus the socket.
//
// The same code the server runs, in the same order: a Beast request parser set up by InitParser
// (16 KiB header limit), header first (non-eager, as async_read_header), RequestFromHeader /
// MakeRequest (Boost.URL target parsing and percent-decoding), Pipeline::BodyLimitFor and
// ApplyBodyLimit, the body, then Pipeline::Handle (route match, cookie, fake authentication,
// permission, Origin and CSRF checks, handlers that decode JSON with ParseJsonObject and the typed
// getters, static files from a temporary directory) and FinalizeHeaders. Pipelined requests in one
// input are handled in turn, as on a keep-alive connection.
//
// Beyond sanitizer findings, it aborts when an invariant breaks: a status outside 200..599, a
// response header carrying CR/LF/NUL, or a static response that contains the file planted just
// outside the static root.
#include <unistd.h>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

#include "http/beast_request.hpp"
#include "http/error_mapping.hpp"
#include "http/json.hpp"
#include "http/log.hpp"
#include "http/pipeline.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "http/testing/fake_authenticator.hpp"

namespace {

namespace fs = std::filesystem;
namespace bhttp = boost::beast::http;
using namespace scij;
using namespace scij::http;

constexpr std::string_view kSecret = "FUZZ-SECRET-OUTSIDE-ROOT";
constexpr int kMaxPipelined = 4;

class NullBuffer final : public std::streambuf {
 protected:
  int overflow(int c) override { return c; }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

// Exercises every getter on whatever object a body decodes to.
Status DecodeUser(std::string_view body) {
  auto obj = ParseJsonObject(body);
  if (!obj.ok()) return obj.error();
  SCIJ_RETURN_IF_ERROR(
      RejectUnknownFields(*obj, {"username", "display_name", "role", "disabled", "age", "notes"}));
  auto username = GetString(*obj, "username", {.min_len = 3, .max_len = 64});
  if (!username.ok()) return username.error();
  auto display = GetOptionalString(*obj, "display_name", {.max_len = 200});
  if (!display.ok()) return display.error();
  auto role = GetString(*obj, "role", {.required = false, .max_len = 32});
  if (!role.ok()) return role.error();
  auto disabled = GetOptionalBool(*obj, "disabled");
  if (!disabled.ok()) return disabled.error();
  auto age = GetOptionalInt(*obj, "age", {.min = 0, .max = 150});
  if (!age.ok()) return age.error();
  auto notes = GetOptionalString(*obj, "notes", {.max_len = 2000, .allow_newlines = true});
  if (!notes.ok()) return notes.error();
  return {};
}

Result<Response> Decoded(const Context& ctx) {
  if (Status s = DecodeUser(ctx.request.body); !s.ok()) return s.error();
  return Json(201, boost::json::object{{"ok", true}});
}

struct Fixture {
  Fixture() : null_stream(&null_buffer), logger(null_stream, LogLevel::kDebug) {
    char dir_template[] = "/tmp/scij_request_fuzz_XXXXXX";
    const char* dir = ::mkdtemp(dir_template);
    if (dir == nullptr) std::abort();
    base = dir;
    const fs::path root = base / "dist";
    fs::create_directories(root / "assets");
    std::ofstream(root / "index.html") << "<!doctype html><title>SCIJ</title>";
    std::ofstream(root / "assets" / "app-1a2b.js") << "export const x = 1;";
    std::ofstream(root / "logo.svg") << "<svg/>";
    std::ofstream(base / "secret.txt") << kSecret;
    fs::create_symlink(base / "secret.txt", root / "leak.txt");

    options.body_limit = 4096;
    options.allowed_origins = {"https://scij.example.org"};
    options.static_dir = root.string();

    auth.AddSession("admin-token", {.user_id = 1,
                                    .username = "ana",
                                    .display_name = "Ana",
                                    .role = auth::Role::kAdmin,
                                    .session_key = "k1",
                                    .csrf_token = "csrf-admin"});
    auth.AddSession("observer-token", {.user_id = 2,
                                       .username = "obi",
                                       .display_name = "Obi",
                                       .role = auth::Role::kObserver,
                                       .session_key = "k2",
                                       .csrf_token = "csrf-obs"});

    router.Add(Method::kGet, "/api/health", auth::Permission::kPublic, [](Context&) -> Result<Response> {
      return Json(200, boost::json::object{{"status", "ok"}});
    });
    router.Add(Method::kPost, "/api/auth/login", auth::Permission::kPublic,
               [](Context& ctx) -> Result<Response> {
                 auto obj = ParseJsonObject(ctx.request.body);
                 if (!obj.ok()) return obj.error();
                 SCIJ_RETURN_IF_ERROR(RejectUnknownFields(*obj, {"username", "password"}));
                 auto username = GetString(*obj, "username", {.min_len = 1, .max_len = 256});
                 if (!username.ok()) return username.error();
                 auto password = GetString(*obj, "password", {.min_len = 1, .max_len = 1024});
                 if (!password.ok()) return password.error();
                 if (*username != "ana" || *password != "correct horse")
                   return Unauthenticated("wrong username or password");
                 ctx.log_user_id = 1;
                 Response r = NoContent();
                 r.headers.emplace_back("Set-Cookie", SessionCookie(CookiePolicy{}, "admin-token"));
                 return r;
               });
    router.Add(Method::kGet, "/api/users", auth::Permission::kUsersManage,
               [](Context& ctx) -> Result<Response> {
                 const auto page = ctx.request.QueryParam("page");
                 return Json(200, boost::json::object{{"page", page.value_or("1")}});
               });
    router.Add(Method::kPost, "/api/users", auth::Permission::kUsersManage, Decoded);
    router.Add(Method::kGet, "/api/users/{id:int}", auth::Permission::kUsersManage,
               [](Context& ctx) -> Result<Response> {
                 auto id = ctx.IntParam("id");
                 if (!id.ok()) return id.error();
                 if (*id > 1000) return NotFound("no user with id " + std::to_string(*id));
                 return Json(200, boost::json::object{{"id", *id}});
               });
    router.Add(Method::kPatch, "/api/items/{id:int}", auth::Permission::kAuthenticated, Decoded, 1024);
    router.Add(Method::kGet, "/api/schools/{slug}/plan", auth::Permission::kScreenRead,
               [](Context& ctx) -> Result<Response> {
                 return Json(200, boost::json::object{{"slug", ctx.Param("slug")},
                                                      {"year", ctx.request.QueryParam("year").value_or("")}});
               });
    router.Add(Method::kDelete, "/api/users/{id:int}", auth::Permission::kUsersManage,
               [](Context&) -> Result<Response> { return Internal("simulated store failure"); });
    RouteSpec unprotected;
    unprotected.method = Method::kGet;
    unprotected.pattern = "/api/forgotten";
    unprotected.handler = [](Context&) -> Result<Response> { return NoContent(); };
    router.Add(std::move(unprotected));

    auto opened = StaticFiles::Open(options.static_dir);
    if (!opened.ok()) std::abort();
    files.emplace(std::move(*opened));
    pipeline.emplace(options, router, auth, logger, &*files);
  }
  ~Fixture() {
    std::error_code ec;
    fs::remove_all(base, ec);
  }

  NullBuffer null_buffer;
  std::ostream null_stream;
  Logger logger;
  fs::path base;
  ServerOptions options;
  Router router;
  testing::FakeAuthenticator auth;
  std::optional<StaticFiles> files;
  std::optional<Pipeline> pipeline;
};

Fixture& GetFixture() {
  static Fixture fixture;
  return fixture;
}

void Check(const Response& response) {
  if (response.status < 200 || response.status > 599) std::abort();
  if (response.body.find(kSecret) != std::string::npos) std::abort();
  for (const auto& [name, value] : response.headers) {
    const std::string_view bad("\r\n\0", 3);
    if (name.find_first_of(bad) != std::string::npos || value.find_first_of(bad) != std::string::npos)
      std::abort();
  }
}

// Handles one request from the front of `input` as the server would; false when the connection
// would close (error, incomplete request, or no keep-alive).
bool ProcessOne(Fixture& f, std::string_view& input) {
  RequestParser parser;
  InitParser(parser);
  boost::beast::error_code ec;

  // Header: a non-eager parser stops at the end of the header, as async_read_header does.
  std::size_t used = parser.put(boost::asio::buffer(input.data(), input.size()), ec);
  if (ec || !parser.is_header_done()) {
    if (ec == bhttp::error::header_limit || (ec && ec != bhttp::error::need_more)) {
      Check(ErrorResponse(InvalidArgument("malformed HTTP request")));
    }
    return false;
  }

  const auto& header = parser.get();
  if (!ParseMethod(header.method_string())) return false;  // 501 and close
  Result<Request> request = RequestFromHeader(header, "192.0.2.7");
  if (!request.ok()) {
    Check(ErrorResponse(request.error(), "fuzz"));
    return false;
  }
  const std::size_t limit = f.pipeline->BodyLimitFor(request->method, request->path);
  if (Status fits = ApplyBodyLimit(parser, limit); !fits.ok()) {
    Check(ErrorResponse(fits.error(), "fuzz"));
    return false;
  }

  // Body: everything else that arrived, then end of input. put() returns without an error when it
  // has consumed all it was given but the body is incomplete, so progress is checked explicitly.
  parser.eager(true);
  while (!parser.is_done()) {
    std::size_t n = 0;
    if (used < input.size())
      n = parser.put(boost::asio::buffer(input.data() + used, input.size() - used), ec);
    used += n;
    if (ec && ec != bhttp::error::need_more) return false;  // 400 or 413, then close
    if (n == 0) {
      // Nothing more to give: the client stopped sending (the server would time out or see EOF).
      parser.put_eof(ec);
      if (ec || !parser.is_done()) return false;
    }
  }
  input.remove_prefix(used);

  request->body = std::move(parser.get().body());
  const bool keep_alive = parser.get().keep_alive();
  PipelineResult result = f.pipeline->Handle(*request, "0123456789abcdef");
  FinalizeHeaders(result.response, "0123456789abcdef", result.api);
  Check(result.response);

  AccessRecord access;
  access.request_id = "0123456789abcdef";
  access.method = std::string(header.method_string());
  access.path = request->path;
  access.status = result.response.status;
  access.user_id = result.user_id;
  access.route = result.route;
  f.logger.Access(access);
  return keep_alive;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Fixture& fixture = GetFixture();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  for (int i = 0; i < kMaxPipelined && !input.empty(); ++i) {
    if (!ProcessOne(fixture, input)) break;
  }
  return 0;
}
