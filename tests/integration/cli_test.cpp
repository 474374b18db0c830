// The `scij` command line as a user meets it: exit codes, one-line errors, configuration
// precedence (flag > environment > config file > default), user administration and backups.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "harness.hpp"

namespace scij::testing {
namespace {

TEST(Cli, VersionAndHelpSucceed) {
  auto v = RunScij({"version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(v.out.rfind("scij ", 0), 0u);
  for (const char* cmd : {"serve", "db", "user", "config"}) {
    auto h = RunScij({cmd, "--help"});
    EXPECT_EQ(h.exit_code, 0) << cmd;
    EXPECT_NE(h.out.find("Usage"), std::string::npos) << cmd;
  }
}

TEST(Cli, UserErrorsExitOneWithOneLine) {
  TempDir dir;
  auto bad_role = RunScij({"user", "add", "ana", "--role", "wizard", "--data-dir", dir.path()});
  EXPECT_EQ(bad_role.exit_code, 1);
  EXPECT_NE(bad_role.err.find("unknown role 'wizard'"), std::string::npos);
  EXPECT_EQ(std::count(bad_role.err.begin(), bad_role.err.end(), '\n'), 1);
  EXPECT_EQ(RunScij({"no-such-command"}).exit_code, 1);
  EXPECT_EQ(RunScij({"user", "disable", "ghost", "--data-dir", dir.path()}).exit_code, 1);
  auto short_pw = RunScij(
      {"user", "add", "ana", "--role", "staff", "--password-stdin", "--data-dir", dir.path()}, "short\n");
  EXPECT_EQ(short_pw.exit_code, 1);
  EXPECT_NE(short_pw.err.find("at least 12 characters"), std::string::npos);
}

TEST(Cli, UserLifecycleAndListFormats) {
  TempDir dir;
  auto add = RunScij({"user", "add", "Ana", "--role", "staff", "--display-name", "Ana Ruiz, Esq.",
                      "--data-dir", dir.path()});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_NE(add.out.find("one-time password: "), std::string::npos);
  EXPECT_EQ(RunScij({"user", "set-role", "ana", "organizer", "--data-dir", dir.path()}).exit_code, 0);
  EXPECT_EQ(RunScij({"user", "disable", "ana", "--data-dir", dir.path()}).exit_code, 0);
  auto csv = RunScij({"user", "list", "--format", "csv", "--data-dir", dir.path()});
  EXPECT_NE(csv.out.find("ana,\"Ana Ruiz, Esq.\",organizer,disabled"), std::string::npos) << csv.out;
  auto json = RunScij({"user", "list", "--format", "json", "--data-dir", dir.path()});
  EXPECT_NE(json.out.find("\"role\":\"organizer\""), std::string::npos);
  EXPECT_EQ(RunScij({"user", "enable", "ana", "--data-dir", dir.path()}).exit_code, 0);
  auto reset = RunScij({"user", "reset-password", "ana", "--password-stdin", "--data-dir", dir.path()},
                       "a new long password\n");
  EXPECT_EQ(reset.exit_code, 0) << reset.err;
}

TEST(Cli, ConfigPrecedenceIsFlagThenEnvironmentThenFile) {
  TempDir dir;
  std::string conf = dir.path() + "/scij.conf";
  {
    std::ofstream f(conf);
    f << "# test config\nport = 7001\nthreads = 3\nlog-level = warn\n";
  }
  ::setenv("SCIJ_PORT", "7002", 1);
  ::setenv("SCIJ_THREADS", "4", 1);
  auto shown = RunScij({"--config", conf, "config"});
  ::unsetenv("SCIJ_PORT");
  ::unsetenv("SCIJ_THREADS");
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("port = 7002    # env SCIJ_PORT"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("threads = 4    # env SCIJ_THREADS"), std::string::npos);
  EXPECT_NE(shown.out.find("log_level = warn    # file " + conf + ":4"), std::string::npos);
  EXPECT_NE(shown.out.find("address = 127.0.0.1    # default"), std::string::npos);

  auto flagged = RunScij({"--config", conf, "config", "--data-dir", dir.path() + "/elsewhere"});
  EXPECT_NE(flagged.out.find("data_dir = " + dir.path() + "/elsewhere    # flag --data-dir"),
            std::string::npos)
      << flagged.out;

  std::ofstream(conf) << "port = 7001\nbogus_key = 1\n";
  auto bad = RunScij({"--config", conf, "config"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find(conf + ":2: unknown setting 'bogus_key'"), std::string::npos) << bad.err;
}

TEST(Cli, RefusesWeakPasswordHashingAndInsecureCookiesOffLoopback) {
  TempDir dir;
  auto weak = RunScij({"serve", "--data-dir", dir.path(), "--argon2-memory-mib", "16"});
  EXPECT_EQ(weak.exit_code, 1);
  EXPECT_NE(weak.err.find("argon2_memory_mib"), std::string::npos);
  auto insecure =
      RunScij({"serve", "--data-dir", dir.path(), "--address", "0.0.0.0", "--allow-insecure-loopback"});
  EXPECT_EQ(insecure.exit_code, 1);
  EXPECT_NE(insecure.err.find("loopback"), std::string::npos);
}

TEST(Cli, ServeReportsATakenPortAsAUserError) {
  TempDir dir;
  ServerProcess first(dir.path() + "/a");
  ASSERT_TRUE(first.Start()) << first.Log();
  auto second = RunScij({"serve", "--data-dir", dir.path() + "/b", "--port", std::to_string(first.port())});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_FALSE(second.err.empty());
}

TEST(Cli, BackupIsAPrivateConsistentCopyThatServesAgain) {
  TempDir dir;
  std::string data = dir.path() + "/var";
  ServerProcess server(data);
  ASSERT_TRUE(server.Start()) << server.Log();
  std::string password = server.FirstStartPassword();
  std::string backup = dir.path() + "/backup.db";
  auto r = RunScij({"db", "backup", backup, "--data-dir", data});  // while serving
  ASSERT_EQ(r.exit_code, 0) << r.err;
  struct stat st {};
  ASSERT_EQ(::stat(backup.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0077, 0u);
  EXPECT_EQ(RunScij({"db", "backup", backup, "--data-dir", data}).exit_code, 1) << "never overwrites";
  server.Kill(SIGTERM);

  // Restoring is copying the file into a data directory.
  std::string restored = dir.path() + "/restored";
  std::filesystem::create_directories(restored);
  std::filesystem::copy_file(backup, restored + "/scij.db");
  ServerProcess from_backup(restored);
  ASSERT_TRUE(from_backup.Start()) << from_backup.Log();
  Client c(from_backup.port());
  EXPECT_EQ(c.Login("admin", password).status, 200);
  auto migrate = RunScij({"db", "migrate", "--data-dir", restored});
  EXPECT_EQ(migrate.exit_code, 0);
  EXPECT_NE(migrate.out.find("up to date"), std::string::npos);
}

TEST(Cli, GracefulShutdownOnSigterm) {
  TempDir dir;
  ServerProcess server(dir.path() + "/var");
  ASSERT_TRUE(server.Start()) << server.Log();
  server.Kill(SIGTERM);
  EXPECT_NE(server.Log().find("server stopped"), std::string::npos);
  EXPECT_NE(server.Log().find("store closed"), std::string::npos);
}

}  // namespace
}  // namespace scij::testing
