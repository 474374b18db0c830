// A write that returned success to a client is on disk: it survives `kill -9` of the server
// right after the acknowledgement. (SQLite WAL + synchronous=FULL: each commit is fsynced before
// Write() returns, and the handler answers only after that.)
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "harness.hpp"

namespace scij::testing {
namespace {

TEST(Durability, EveryAcknowledgedWriteSurvivesSigkill) {
  TempDir dir;
  std::string data = dir.path() + "/var";
  ServerProcess server(data);
  ASSERT_TRUE(server.Start()) << server.Log();
  std::string password = server.FirstStartPassword();
  ASSERT_FALSE(password.empty()) << server.Stdout();

  Client admin(server.port());
  ASSERT_EQ(admin.Login("admin", password).status, 200);
  auto created = admin.Send("POST", "/api/users",
                            R"({"username":"target","role":"student","password":"a long enough password"})");
  ASSERT_EQ(created.status, 201) << created.body;

  // Two writers keep updating until the server is killed; a write counts as acknowledged only
  // when its 200 response arrived in full.
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::set<std::string> acknowledged;
  auto writer = [&](int id) {
    for (int i = 0; !stop && i < 100000; ++i) {
      std::string name = "w" + std::to_string(id) + "-" + std::to_string(i);
      auto r = admin.Send("PATCH", "/api/users/2", "{\"display_name\":\"" + name + "\"}");
      if (r.status != 200) break;
      std::lock_guard lock(mu);
      acknowledged.insert(name);
    }
  };
  std::thread a(writer, 1), b(writer, 2);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    {
      std::lock_guard lock(mu);
      if (acknowledged.size() >= 60) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  server.Kill(SIGKILL);
  stop = true;
  a.join();
  b.join();
  ASSERT_GE(acknowledged.size(), 20u) << "too few writes before the kill to prove anything";

  ServerProcess again(data);
  ASSERT_TRUE(again.Start()) << again.Log();
  Client reader(again.port());
  ASSERT_EQ(reader.Login("admin", password).status, 200);
  auto audit = reader.Get("/api/audit?action=user.update&object_id=2&limit=1000");
  ASSERT_EQ(audit.status, 200);
  std::size_t missing = 0;
  for (const auto& name : acknowledged) {
    if (audit.body.find("\"to\":\"" + name + "\"") == std::string::npos) ++missing;
  }
  EXPECT_EQ(missing, 0u) << missing << " of " << acknowledged.size() << " acknowledged writes were lost";
}

}  // namespace
}  // namespace scij::testing
