// The socket side of the server: Beast/Asio with C++20 coroutines. Everything after "the request
// has been read" lives in pipeline.cpp, which knows nothing of sockets.
//
// Threads: one io_context run by options.threads threads. Each connection is a coroutine on its
// own strand, so its operations never run concurrently; the acceptor, the signal set and the
// shutdown sequence share a "control" strand. Pipeline::Handle runs on a separate thread_pool
// (co_spawn onto the pool, co_await the result) because handlers block: password hashing, SQLite.
//
// Shutdown: Stop() posts BeginShutdown to the control strand. It closes the acceptor, cancels
// every connection that is idle (waiting for a request; `busy` is false), and starts Drain, which
// waits for busy connections to finish their request (their responses carry Connection: close),
// up to shutdown_grace; then closes what is left. When no connection remains the io_context runs
// out of work and Run() returns.
#include "http/server.hpp"

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <csignal>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "http/beast_request.hpp"
#include "http/error_mapping.hpp"
#include "http/pipeline.hpp"
#include "http/static_files.hpp"
#include "http/text.hpp"

namespace scij::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kFirstReadSize = 4096;
constexpr std::size_t kLingerBytes = 1024 * 1024;  // read at most this much after a refusal
constexpr std::chrono::seconds kLingerTime{2};     // ... for at most this long
constexpr std::chrono::milliseconds kDrainPoll{20};
constexpr std::chrono::seconds kHardCloseWait{2};  // after force-closing, before stopping the loop

struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool busy = false;  // touched on the connection's strand only: a request is being served
};

bool IsHttpParseError(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
         ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

// The target up to '?', bounded: the access log never carries a query string.
std::string PathForLog(std::string_view target) {
  target = target.substr(0, target.find('?'));
  constexpr std::size_t kMax = 256;
  return std::string(target.substr(0, kMax));
}

bool SafeHeaderText(std::string_view s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

Response EnvelopeResponse(unsigned status, ErrorCode code, std::string message) {
  Response response;
  response.status = status;
  response.body = ErrorEnvelope(ErrorCodeName(code), message);
  return response;
}

int HardwareThreads() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

}  // namespace

struct Server::Impl {
  Impl(ServerOptions opts, Router& r, auth::Authenticator& a, Logger& l)
      : options(std::move(opts)),
        router(r),
        authenticator(a),
        logger(l),
        io_threads(options.threads > 0 ? options.threads : HardwareThreads()),
        worker_count(options.worker_threads > 0 ? options.worker_threads : std::max(2, HardwareThreads())),
        ioc(io_threads),
        control(asio::make_strand(ioc)),
        acceptor(control),
        workers(static_cast<std::size_t>(worker_count)) {}

  asio::awaitable<void> Accept();
  asio::awaitable<void> Serve(std::shared_ptr<Connection> conn, std::string remote);
  asio::awaitable<bool> Write(Connection& conn, Response response, unsigned version, bool keep_alive,
                              bool head, std::string_view request_id, std::uint64_t* bytes);
  asio::awaitable<void> Refuse(Connection& conn, Response response, unsigned version, AccessRecord& access,
                               Clock::time_point started);
  asio::awaitable<void> LingeringClose(Connection& conn);
  asio::awaitable<void> Drain();
  void BeginShutdown();  // on the control strand
  void RunLoop();
  std::size_t ConnectionCount() {
    std::lock_guard lock(connections_mu);
    return connections.size();
  }
  std::vector<std::shared_ptr<Connection>> ConnectionList() {
    std::lock_guard lock(connections_mu);
    std::vector<std::shared_ptr<Connection>> list;
    list.reserve(connections.size());
    for (const auto& [id, conn] : connections) list.push_back(conn);
    return list;
  }

  const ServerOptions options;
  Router& router;
  auth::Authenticator& authenticator;
  Logger& logger;
  const int io_threads;
  const int worker_count;

  // Declaration order is destruction order in reverse: the pool and the connections go before the
  // io_context their handlers and sockets belong to.
  asio::io_context ioc;
  asio::strand<asio::io_context::executor_type> control;
  tcp::acceptor acceptor;
  std::optional<asio::signal_set> signals;
  asio::thread_pool workers;
  std::optional<StaticFiles> static_files;
  std::unique_ptr<Pipeline> pipeline;
  std::atomic<bool> stopping{false};
  bool started = false;
  bool ran = false;
  std::uint16_t port = 0;
  std::mutex connections_mu;
  std::unordered_map<std::uint64_t, std::shared_ptr<Connection>> connections;
  std::uint64_t next_connection_id = 0;
};

asio::awaitable<void> Server::Impl::Accept() {
  asio::steady_timer backoff(control);
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kTuple);
    if (stopping || !acceptor.is_open()) co_return;
    if (ec) {
      // Out of file descriptors and the like: back off instead of spinning.
      logger.Warn("accept failed", {{"error", ec.message()}});
      backoff.expires_after(std::chrono::milliseconds(100));
      co_await backoff.async_wait(kTuple);
      continue;
    }
    beast::error_code endpoint_ec;
    const auto endpoint = socket.remote_endpoint(endpoint_ec);
    std::string remote = endpoint_ec ? std::string() : endpoint.address().to_string();

    auto conn = std::make_shared<Connection>(std::move(socket));
    std::uint64_t id = 0;
    bool admitted = false;
    {
      std::lock_guard lock(connections_mu);
      if (connections.size() < options.max_connections) {
        id = ++next_connection_id;
        connections.emplace(id, conn);
        admitted = true;
      }
    }
    if (!admitted) {
      logger.Warn("connection refused: max_connections reached",
                  {{"remote", remote}, {"max_connections", options.max_connections}});
      conn->stream.socket().close(endpoint_ec);
      continue;
    }
    asio::co_spawn(conn->stream.get_executor(), Serve(conn, std::move(remote)),
                   [this, id](std::exception_ptr e) {
                     if (e) {
                       try {
                         std::rethrow_exception(e);
                       } catch (const std::exception& ex) {
                         logger.Error("connection failed with an exception", {{"detail", ex.what()}});
                       } catch (...) {
                         logger.Error("connection failed with a non-standard exception");
                       }
                     }
                     std::lock_guard lock(connections_mu);
                     connections.erase(id);
                   });
  }
}

asio::awaitable<bool> Server::Impl::Write(Connection& conn, Response response, unsigned version,
                                          bool keep_alive, bool head, std::string_view request_id,
                                          std::uint64_t* bytes) {
  if (response.status < 200 || response.status > 599) {
    logger.Error("handler returned an invalid status; sending 500", {{"status", response.status}},
                 request_id);
    std::vector<std::pair<std::string, std::string>> headers = std::move(response.headers);
    response = ErrorResponse(Internal("invalid status"), request_id);
    response.headers = std::move(headers);
  }
  bhttp::response<bhttp::string_body> res;
  res.version(version);
  res.result(response.status);
  for (auto& [name, value] : response.headers) {
    if (name.empty() || !SafeHeaderText(name) || !SafeHeaderText(value)) {
      logger.Error("dropped a response header with a line break or NUL", {{"header", name}}, request_id);
      continue;
    }
    res.insert(name, value);
  }
  if (!response.content_type.empty() && SafeHeaderText(response.content_type)) {
    res.set(bhttp::field::content_type, response.content_type);
  }
  res.keep_alive(keep_alive);
  const bool bodiless_status = response.status == 204 || response.status == 304;
  if (head) {
    if (!bodiless_status) res.content_length(response.body.size());
    *bytes = 0;
  } else {
    if (bodiless_status) response.body.clear();
    *bytes = response.body.size();
    res.body() = std::move(response.body);
    res.prepare_payload();
  }
  conn.stream.expires_after(options.request_timeout);
  auto [ec, written] = co_await bhttp::async_write(conn.stream, res, kTuple);
  co_return !ec;
}

asio::awaitable<void> Server::Impl::LingeringClose(Connection& conn) {
  // Closing a socket with unread input makes the kernel send RST, and the client may lose the
  // response we just wrote. Half-close, then read and discard (bounded) until the client is done.
  beast::error_code ec;
  conn.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec) co_return;
  conn.stream.expires_after(kLingerTime);
  std::vector<char> sink(16 * 1024);
  std::size_t total = 0;
  while (total < kLingerBytes) {
    auto [read_ec, n] = co_await conn.stream.async_read_some(asio::buffer(sink), kTuple);
    if (read_ec) break;
    total += n;
  }
}

asio::awaitable<void> Server::Impl::Refuse(Connection& conn, Response response, unsigned version,
                                           AccessRecord& access, Clock::time_point started) {
  FinalizeHeaders(response, access.request_id, /*api=*/true);
  access.status = response.status;
  const bool written = co_await Write(conn, std::move(response), version, /*keep_alive=*/false,
                                      /*head=*/false, access.request_id, &access.bytes);
  access.duration_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  logger.Access(access);
  if (written) co_await LingeringClose(conn);
}

asio::awaitable<void> Server::Impl::Serve(std::shared_ptr<Connection> conn, std::string remote) {
  beast::flat_buffer buffer;
  bool first = true;
  for (;;) {
    if (stopping) break;
    if (buffer.size() == 0) {
      // Idle: wait for the first byte of the next request.
      conn->stream.expires_after(first ? options.header_timeout : options.idle_timeout);
      auto [ec, n] = co_await conn->stream.async_read_some(buffer.prepare(kFirstReadSize), kTuple);
      if (ec) break;  // closed, idle timeout, or cancelled by Stop()
      buffer.commit(n);
    }
    first = false;
    conn->busy = true;
    const Clock::time_point started = Clock::now();
    AccessRecord access;
    access.request_id = RandomHex(8);
    access.remote = remote;

    RequestParser parser;
    InitParser(parser);
    conn->stream.expires_after(options.header_timeout);
    auto [header_ec, header_bytes] = co_await bhttp::async_read_header(conn->stream, buffer, parser, kTuple);
    if (header_ec) {
      if (header_ec == bhttp::error::header_limit) {
        co_await Refuse(
            *conn,
            EnvelopeResponse(431, ErrorCode::kInvalidArgument,
                             "request header is larger than " + std::to_string(kHeaderLimit) + " bytes"),
            11, access, started);
      } else if (IsHttpParseError(header_ec)) {
        co_await Refuse(*conn, EnvelopeResponse(400, ErrorCode::kInvalidArgument, "malformed HTTP request"),
                        11, access, started);
      } else {
        logger.Debug("connection closed while reading a request header", {{"error", header_ec.message()}},
                     access.request_id);
      }
      break;
    }
    const auto& header = parser.get();
    const unsigned version = header.version();
    const bool head = header.method() == bhttp::verb::head;
    access.method = std::string(header.method_string());
    access.path = PathForLog(header.target());

    if (!ParseMethod(header.method_string())) {
      co_await Refuse(*conn,
                      EnvelopeResponse(501, ErrorCode::kInvalidArgument,
                                       "HTTP method " + access.method + " is not supported"),
                      version, access, started);
      break;
    }
    Result<Request> request = RequestFromHeader(header, remote);
    if (!request.ok()) {
      co_await Refuse(*conn, ErrorResponse(request.error(), access.request_id), version, access, started);
      break;
    }
    access.path = request->path;
    const std::size_t limit = pipeline->BodyLimitFor(request->method, request->path);
    if (Status fits = ApplyBodyLimit(parser, limit); !fits.ok()) {
      co_await Refuse(*conn, ErrorResponse(fits.error(), access.request_id), version, access, started);
      break;
    }
    if (!parser.is_done()) {
      if (const auto expect = header.find(bhttp::field::expect);
          expect != header.end() && EqualsIgnoreCase(expect->value(), "100-continue")) {
        bhttp::response<bhttp::empty_body> proceed{bhttp::status::continue_, version};
        conn->stream.expires_after(options.request_timeout);
        auto [continue_ec, continue_bytes] = co_await bhttp::async_write(conn->stream, proceed, kTuple);
        if (continue_ec) break;
      }
      conn->stream.expires_after(options.request_timeout);
      auto [body_ec, body_bytes] = co_await bhttp::async_read(conn->stream, buffer, parser, kTuple);
      if (body_ec == bhttp::error::body_limit) {
        co_await Refuse(*conn,
                        ErrorResponse(PayloadTooLarge("request body is larger than the " +
                                                      std::to_string(limit) + "-byte limit of this endpoint"),
                                      access.request_id),
                        version, access, started);
        break;
      }
      if (body_ec) {
        if (IsHttpParseError(body_ec)) {
          co_await Refuse(*conn,
                          EnvelopeResponse(400, ErrorCode::kInvalidArgument, "malformed HTTP request body"),
                          version, access, started);
        } else {
          logger.Info("request aborted while reading its body",
                      {{"error", body_ec.message()}, {"path", access.path}}, access.request_id);
        }
        break;
      }
    }
    request->body = std::move(parser.get().body());
    const bool keep_alive = parser.get().keep_alive();

    // Run the pipeline (authentication, handler) on the worker pool; resume here afterwards.
    PipelineResult result = co_await asio::co_spawn(
        workers.get_executor(),
        [this, &request, &access]() -> asio::awaitable<PipelineResult> {
          co_return pipeline->Handle(*request, access.request_id);
        },
        asio::use_awaitable);

    access.user_id = result.user_id;
    access.route = result.route;
    access.status = result.response.status;
    FinalizeHeaders(result.response, access.request_id, result.api);
    const bool keep = keep_alive && !stopping;
    const bool written = co_await Write(*conn, std::move(result.response), version, keep, head,
                                        access.request_id, &access.bytes);
    access.duration_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    logger.Access(access);
    conn->busy = false;
    if (!written || !keep) break;
  }
  beast::error_code ec;
  conn->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  conn->stream.socket().close(ec);
}

void Server::Impl::BeginShutdown() {
  if (stopping.exchange(true)) return;
  logger.Info("server stopping", {{"connections", ConnectionCount()}});
  beast::error_code ec;
  acceptor.close(ec);
  if (signals) signals->cancel(ec);
  for (const auto& conn : ConnectionList()) {
    asio::post(conn->stream.get_executor(), [conn] {
      if (!conn->busy) conn->stream.cancel();
    });
  }
  asio::co_spawn(control, Drain(), asio::detached);
}

asio::awaitable<void> Server::Impl::Drain() {
  asio::steady_timer timer(control);
  const auto wait_until = [&](Clock::time_point deadline) -> asio::awaitable<void> {
    while (ConnectionCount() > 0 && Clock::now() < deadline) {
      timer.expires_after(kDrainPoll);
      co_await timer.async_wait(kTuple);
    }
  };
  co_await wait_until(Clock::now() + options.shutdown_grace);
  if (const std::size_t left = ConnectionCount(); left > 0) {
    logger.Warn("shutdown grace period over; closing connections", {{"connections", left}});
    for (const auto& conn : ConnectionList()) {
      asio::post(conn->stream.get_executor(), [conn] {
        beast::error_code ec;
        conn->stream.socket().shutdown(tcp::socket::shutdown_both, ec);
        conn->stream.close();
      });
    }
    co_await wait_until(Clock::now() + kHardCloseWait);
    if (ConnectionCount() > 0) {
      // A handler is still running on the worker pool; Run() waits for the pool to finish it.
      logger.Error("connections still busy after the grace period; stopping the event loop",
                   {{"connections", ConnectionCount()}});
      ioc.stop();
    }
  }
}

void Server::Impl::RunLoop() {
  for (;;) {
    try {
      ioc.run();
      return;
    } catch (const std::exception& e) {
      logger.Error("exception escaped an I/O handler", {{"detail", e.what()}});
    }
  }
}

Server::Server(ServerOptions options, Router& router, auth::Authenticator& authenticator, Logger& logger)
    : impl_(std::make_unique<Impl>(std::move(options), router, authenticator, logger)) {}

Server::~Server() {
  // Run() may never have been called (a failed start): nothing runs, just release the socket.
  beast::error_code ec;
  impl_->acceptor.close(ec);
}

Status Server::Start() {
  Impl& impl = *impl_;
  if (impl.started) return FailedPrecondition("the server has already been started");
  const ServerOptions& options = impl.options;
  if (!options.static_dir.empty()) {
    auto files = StaticFiles::Open(options.static_dir);
    if (!files.ok()) return std::move(files).error();
    impl.static_files.emplace(std::move(*files));
  }
  beast::error_code ec;
  const auto address = asio::ip::make_address(options.address, ec);
  if (ec) return InvalidArgument("listen address " + options.address + " is not an IP address", "address");
  const tcp::endpoint endpoint(address, options.port);
  const std::string where = options.address + ":" + std::to_string(options.port);
  impl.acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl.acceptor.bind(endpoint, ec);
  if (!ec) impl.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    beast::error_code close_ec;
    impl.acceptor.close(close_ec);
    return Unavailable("cannot listen on " + where + ": " + ec.message());
  }
  impl.port = impl.acceptor.local_endpoint(ec).port();
  impl.pipeline = std::make_unique<Pipeline>(impl.options, impl.router, impl.authenticator, impl.logger,
                                             impl.static_files ? &*impl.static_files : nullptr);
  if (options.allowed_origins.empty()) {
    impl.logger.Warn(
        "allowed_origins is empty: state-changing browser requests (which carry Origin) are refused");
  }
  impl.logger.Info("server listening", {{"address", options.address},
                                        {"port", impl.port},
                                        {"io_threads", impl.io_threads},
                                        {"worker_threads", impl.worker_count},
                                        {"static_dir", options.static_dir}});
  impl.started = true;
  return {};
}

std::uint16_t Server::Port() const { return impl_->port; }

void Server::HandleSignals() {
  Impl& impl = *impl_;
  if (impl.signals) return;
  impl.signals.emplace(impl.control, SIGINT, SIGTERM);
  impl.signals->async_wait([&impl](const beast::error_code& ec, int signal_number) {
    if (ec) return;
    impl.logger.Info("signal received; shutting down", {{"signal", signal_number}});
    impl.BeginShutdown();
  });
}

void Server::Run() {
  Impl& impl = *impl_;
  if (!impl.started) throw std::logic_error("Server::Run() called without a successful Start()");
  if (impl.ran) throw std::logic_error("Server::Run() called twice");
  impl.ran = true;
  asio::co_spawn(impl.control, impl.Accept(), [&impl](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      impl.logger.Error("the accept loop failed", {{"detail", ex.what()}});
    }
    impl.BeginShutdown();
  });
  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(impl.io_threads - 1));
  for (int i = 1; i < impl.io_threads; ++i) threads.emplace_back([&impl] { impl.RunLoop(); });
  impl.RunLoop();
  for (std::thread& thread : threads) thread.join();
  impl.workers.join();
  impl.logger.Info("server stopped");
}

void Server::Stop() {
  Impl* impl = impl_.get();
  asio::post(impl->control, [impl] { impl->BeginShutdown(); });
}

}  // namespace scij::http
