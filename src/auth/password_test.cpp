#include "auth/password.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "auth/login_throttle.hpp"
#include "auth/roles.hpp"

namespace scij::auth {
namespace {

TEST(Password, ProductionHashIsArgon2idWithAtLeast64MiBAndThreePasses) {
  PasswordHasher hasher(PasswordParams{});
  auto hash = hasher.Hash("correct horse battery");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_NE(hash->find("m=65536,t=3"), std::string::npos) << *hash;
  EXPECT_TRUE(hasher.Verify(*hash, "correct horse battery"));
  EXPECT_FALSE(hasher.Verify(*hash, "correct horse batterY"));
  EXPECT_FALSE(hasher.NeedsRehash(*hash));
}

TEST(Password, MalformedHashNeverVerifies) {
  PasswordHasher hasher({1, 8192, 2});
  EXPECT_FALSE(hasher.Verify("", "anything"));
  EXPECT_FALSE(hasher.Verify("$argon2id$garbage", "anything"));
}

TEST(Password, CheaperOldHashNeedsRehash) {
  PasswordHasher cheap({1, 8192, 2});
  PasswordHasher strong({2, 16384, 2});
  auto hash = cheap.Hash("correct horse battery");
  EXPECT_TRUE(strong.NeedsRehash(*hash));
  EXPECT_TRUE(strong.Verify(*hash, "correct horse battery")) << "old hashes still verify";
}

TEST(Password, PolicyCountsCharactersNotBytes) {
  EXPECT_FALSE(CheckPasswordPolicy("elevenchars").ok());
  EXPECT_TRUE(CheckPasswordPolicy("twelve chars").ok());
  EXPECT_FALSE(CheckPasswordPolicy("ñññññññññññ").ok()) << "11 characters, 22 bytes";
  EXPECT_EQ(CheckPasswordPolicy(std::string(1025, 'x')).error().field, "password");
}

TEST(Password, AtMostTwoHashesRunAtOnce) {
  PasswordHasher hasher({1, 4u * 1024 * 1024, 2});
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] { EXPECT_TRUE(hasher.Hash("correct horse battery").ok()); });
  }
  for (auto& t : threads) t.join();
  EXPECT_GE(hasher.PeakConcurrency(), 1);
  EXPECT_LE(hasher.PeakConcurrency(), 2);
}

TEST(Tokens, RandomTokensAreLongUniqueAndUrlSafe) {
  auto a = RandomToken(32), b = RandomToken(32);
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_EQ(HashToken(a).size(), 64u);
  EXPECT_EQ(HashToken(a), HashToken(a));
  EXPECT_NE(HashToken(a), HashToken(b));
  EXPECT_TRUE(SecretEquals(a, a));
  EXPECT_FALSE(SecretEquals(a, b));
  EXPECT_FALSE(SecretEquals(a, a.substr(1)));
  EXPECT_EQ(GeneratePassword().size(), 20u);
}

TEST(Throttle, PerAddressLimitStopsSprayingAcrossAccounts) {
  LoginThrottle t({.max_failures_per_account = 10, .max_failures_per_address = 30, .window_seconds = 3600});
  for (int i = 0; i < 30; ++i) t.RecordFailure("user" + std::to_string(i), "10.0.0.1", 100);
  EXPECT_EQ(t.Check("fresh-user", "10.0.0.1", 101).error().code, ErrorCode::kResourceExhausted);
  EXPECT_TRUE(t.Check("fresh-user", "10.0.0.2", 101).ok());
  EXPECT_TRUE(t.Check("fresh-user", "10.0.0.1", 100 + 3600).ok()) << "the window slides";
}

TEST(Throttle, RetryAfterCountsDownToTheOldestFailureLeavingTheWindow) {
  LoginThrottle t({.max_failures_per_account = 2, .max_failures_per_address = 100, .window_seconds = 3600});
  t.RecordFailure("ana", "a", 1000);
  t.RecordFailure("ana", "a", 2000);
  auto s = t.Check("ana", "b", 2500);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().retry_after_seconds, 1000 + 3600 - 2500);
  t.RecordSuccess("ana");
  EXPECT_TRUE(t.Check("ana", "b", 2500).ok());
}

TEST(Roles, DenyByDefaultMatrix) {
  for (Role r : AllRoles()) {
    EXPECT_TRUE(Allows(r, Permission::kPublic));
    EXPECT_TRUE(Allows(r, Permission::kAuthenticated));
    EXPECT_TRUE(Allows(r, Permission::kScreenRead));
    EXPECT_EQ(Allows(r, Permission::kUsersManage), r == Role::kAdmin) << RoleName(r);
    EXPECT_EQ(Allows(r, Permission::kAuditRead), r == Role::kAdmin) << RoleName(r);
    EXPECT_EQ(Allows(r, Permission::kDataManage), r == Role::kAdmin || r == Role::kStaff) << RoleName(r);
    // Partnerships: students and attorneys have no access; observers read; only admins set fees.
    bool no_access = r == Role::kStudent || r == Role::kAttorney;
    EXPECT_EQ(Allows(r, Permission::kPartnershipsRead), !no_access) << RoleName(r);
    EXPECT_EQ(Allows(r, Permission::kPartnershipsWrite), !no_access && r != Role::kObserver) << RoleName(r);
    EXPECT_EQ(Allows(r, Permission::kFeesManage), r == Role::kAdmin) << RoleName(r);
    EXPECT_EQ(ParseRole(RoleName(r)), r);
  }
  EXPECT_FALSE(ParseRole("root").has_value());
}

}  // namespace
}  // namespace scij::auth
