#include "auth/auth_service.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/sqlite/sqlite_store.hpp"

namespace scij::auth {
namespace {

namespace fs = std::filesystem;

// Cheap hashing for unit tests; production parameters are tested in password_test.cpp.
constexpr PasswordParams kTestParams{1, 8u * 1024, 2};
constexpr std::string_view kPassword = "correct horse battery";

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("scij-auth-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto s = store::OpenSqliteStore({.path = (dir_ / "scij.db").string()});
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value();
    service_ = std::make_unique<AuthService>(*store_, hasher_, throttle_, clock_, SessionParams{});
    admin_ = Create("boss", "admin");
  }
  void TearDown() override {
    service_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }

  store::User Create(const std::string& name, const std::string& role) {
    auto u = service_->CreateUser({name, "", role, std::string(kPassword)}, cli_, meta_);
    EXPECT_TRUE(u.ok()) << (u.ok() ? "" : u.error().message);
    return u.ok() ? *u : store::User{};
  }

  std::vector<store::AuditEntry> Audit(const std::string& action) {
    std::vector<store::AuditEntry> out;
    EXPECT_TRUE(store_
                    ->Read([&](store::Repositories& r) -> Status {
                      out = *r.Audit().List({.action = action});
                      return {};
                    })
                    .ok());
    return out;
  }

  fs::path dir_;
  std::unique_ptr<store::Store> store_;
  PasswordHasher hasher_{kTestParams};
  LoginThrottle throttle_{{}};
  FakeClock clock_{1'700'000'000};
  std::unique_ptr<AuthService> service_;
  Actor cli_{std::nullopt, "cli:test", std::nullopt};
  RequestMeta meta_{"127.0.0.1", "req-1"};
  store::User admin_;
};

TEST_F(AuthServiceTest, LoginIssuesSessionThatAuthenticates) {
  auto login = service_->Login("Boss", kPassword, meta_, "");
  ASSERT_TRUE(login.ok()) << login.error().message;
  EXPECT_EQ(login->principal.username, "boss");
  EXPECT_EQ(login->principal.role, Role::kAdmin);
  EXPECT_GE(login->token.size(), 43u) << "256-bit token";
  auto who = service_->Authenticate(login->token, "127.0.0.1");
  ASSERT_TRUE(who.ok()) << who.error().message;
  EXPECT_EQ(who->user_id, admin_.id);
  EXPECT_EQ(who->csrf_token, login->principal.csrf_token);
  EXPECT_EQ(Audit("auth.login").size(), 1u);
}

TEST_F(AuthServiceTest, StoreKeepsOnlyTheTokenHash) {
  auto login = service_->Login("boss", kPassword, meta_, "");
  ASSERT_TRUE(login.ok());
  ASSERT_TRUE(store_
                  ->Read([&](store::Repositories& r) -> Status {
                    EXPECT_FALSE(r.Sessions().Find(login->token).ok());
                    EXPECT_TRUE(r.Sessions().Find(HashToken(login->token)).ok());
                    return {};
                  })
                  .ok());
}

TEST_F(AuthServiceTest, UnknownUserAndWrongPasswordGetTheSameAnswer) {
  auto wrong = service_->Login("boss", "not the password!", meta_, "");
  auto unknown = service_->Login("nobody", "not the password!", meta_, "");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(unknown.error().code, wrong.error().code);
  EXPECT_EQ(unknown.error().message, wrong.error().message);
  EXPECT_EQ(Audit("auth.login_failed").size(), 2u);
}

TEST_F(AuthServiceTest, DisabledUserCannotSignInAndLosesSessions) {
  auto staff = Create("sam", "staff");
  auto login = service_->Login("sam", kPassword, meta_, "");
  ASSERT_TRUE(login.ok());
  ASSERT_TRUE(service_->UpdateUser(staff.id, {.disabled = true}, cli_, meta_).ok());
  EXPECT_FALSE(service_->Authenticate(login->token, "").ok());
  auto again = service_->Login("sam", kPassword, meta_, "");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message, "Invalid username or password.");
}

TEST_F(AuthServiceTest, ThrottlesAfterTenFailuresPerAccountThenRecovers) {
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(service_->Login("boss", "wrong password!!", meta_, "").error().code,
              ErrorCode::kUnauthenticated);
  }
  auto blocked = service_->Login("boss", kPassword, meta_, "");
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, ErrorCode::kResourceExhausted);
  EXPECT_GT(blocked.error().retry_after_seconds, 0);
  EXPECT_LE(blocked.error().retry_after_seconds, 3600);
  // Unknown names are throttled the same way: nothing to learn from the 429 either.
  for (int i = 0; i < 10; ++i) (void)service_->Login("ghost", "wrong password!!", {"10.9.9.9", ""}, "");
  EXPECT_EQ(service_->Login("ghost", "x", {"10.9.9.9", ""}, "").error().code, ErrorCode::kResourceExhausted);

  clock_.Advance(3601);
  EXPECT_TRUE(service_->Login("boss", kPassword, meta_, "").ok());
}

TEST_F(AuthServiceTest, IdleSessionExpiresAfterFifteenMinutes) {
  auto login = service_->Login("boss", kPassword, meta_, "");
  ASSERT_TRUE(login.ok());
  clock_.Advance(14 * 60);
  ASSERT_TRUE(service_->Authenticate(login->token, "").ok()) << "activity restarts the idle timer";
  clock_.Advance(14 * 60);
  ASSERT_TRUE(service_->Authenticate(login->token, "").ok());
  clock_.Advance(15 * 60 + 1);
  auto expired = service_->Authenticate(login->token, "");
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code, ErrorCode::kUnauthenticated);
  EXPECT_NE(expired.error().message.find("expired"), std::string::npos);
}

TEST_F(AuthServiceTest, SessionEndsTwelveHoursAfterSignInEvenWhenActive) {
  auto login = service_->Login("boss", kPassword, meta_, "");
  ASSERT_TRUE(login.ok());
  for (int i = 0; i < 71; ++i) {  // 71 x 10 minutes = 11 h 50 min
    clock_.Advance(10 * 60);
    ASSERT_TRUE(service_->Authenticate(login->token, "").ok()) << i;
  }
  clock_.Advance(10 * 60);
  EXPECT_FALSE(service_->Authenticate(login->token, "").ok());
}

TEST_F(AuthServiceTest, LoginRotatesTheSessionTheBrowserCarried) {
  auto first = service_->Login("boss", kPassword, meta_, "");
  auto second = service_->Login("boss", kPassword, meta_, first->token);
  ASSERT_TRUE(second.ok());
  EXPECT_NE(first->token, second->token);
  EXPECT_NE(first->principal.csrf_token, second->principal.csrf_token);
  EXPECT_FALSE(service_->Authenticate(first->token, "").ok());
  EXPECT_TRUE(service_->Authenticate(second->token, "").ok());
}

TEST_F(AuthServiceTest, LogoutDeletesTheSessionServerSide) {
  auto login = service_->Login("boss", kPassword, meta_, "");
  ASSERT_TRUE(service_->Logout(login->principal, meta_).ok());
  EXPECT_FALSE(service_->Authenticate(login->token, "").ok());
  EXPECT_EQ(Audit("auth.logout").size(), 1u);
}

TEST_F(AuthServiceTest, CreateUserValidatesEveryField) {
  auto short_pw = service_->CreateUser({"newbie", "", "staff", "elevenchars"}, cli_, meta_);
  EXPECT_EQ(short_pw.error().field, "password");
  auto bad_role = service_->CreateUser({"newbie", "", "root", std::string(kPassword)}, cli_, meta_);
  EXPECT_EQ(bad_role.error().field, "role");
  auto bad_name = service_->CreateUser({"a b", "", "staff", std::string(kPassword)}, cli_, meta_);
  EXPECT_EQ(bad_name.error().field, "username");
  auto dup = service_->CreateUser({"BOSS", "", "staff", std::string(kPassword)}, cli_, meta_);
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
  // Twelve characters counted as characters, not bytes.
  auto unicode = service_->CreateUser({"nino", "Niño", "student", "ñññññññññññ1"}, cli_, meta_);
  EXPECT_TRUE(unicode.ok());
  EXPECT_EQ(Audit("user.create").size(), 2u);  // boss + nino; failures write nothing
}

TEST_F(AuthServiceTest, LastActiveAdminCannotBeDemotedOrDisabled) {
  auto demote = service_->UpdateUser(admin_.id, {.role = "staff"}, cli_, meta_);
  ASSERT_FALSE(demote.ok());
  EXPECT_EQ(demote.error().code, ErrorCode::kFailedPrecondition);
  auto disable = service_->UpdateUser(admin_.id, {.disabled = true}, cli_, meta_);
  EXPECT_EQ(disable.error().code, ErrorCode::kFailedPrecondition);
  Create("second", "admin");
  EXPECT_TRUE(service_->UpdateUser(admin_.id, {.role = "staff"}, cli_, meta_).ok());
}

TEST_F(AuthServiceTest, RoleChangeAppliesToExistingSessionsAndIsAudited) {
  auto staff = Create("sam", "staff");
  auto login = service_->Login("sam", kPassword, meta_, "");
  ASSERT_TRUE(service_->UpdateUser(staff.id, {.role = "observer"}, cli_, meta_).ok());
  EXPECT_EQ(service_->Authenticate(login->token, "")->role, Role::kObserver);
  auto entries = Audit("user.update");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_NE(entries[0].details_json.find("\"observer\""), std::string::npos);
  EXPECT_EQ(entries[0].username, "cli:test");
}

TEST_F(AuthServiceTest, ResetPasswordEndsSessionsAndOldPasswordStopsWorking) {
  auto staff = Create("sam", "staff");
  auto login = service_->Login("sam", kPassword, meta_, "");
  ASSERT_TRUE(service_->ResetPassword(staff.id, "a brand new password", cli_, meta_).ok());
  EXPECT_FALSE(service_->Authenticate(login->token, "").ok());
  EXPECT_FALSE(service_->Login("sam", kPassword, meta_, "").ok());
  auto fresh = service_->Login("sam", "a brand new password", meta_, "");
  ASSERT_TRUE(fresh.ok());
  EXPECT_TRUE(fresh->user.must_change_password);
}

TEST_F(AuthServiceTest, ChangeOwnPasswordKeepsThisSessionAndEndsOthers) {
  auto here = service_->Login("boss", kPassword, meta_, "");
  auto elsewhere = service_->Login("boss", kPassword, meta_, "");
  auto wrong = service_->ChangeOwnPassword(here->principal, "not it at all", "another long password", meta_);
  EXPECT_EQ(wrong.error().field, "current_password");
  ASSERT_TRUE(service_->ChangeOwnPassword(here->principal, kPassword, "another long password", meta_).ok());
  EXPECT_TRUE(service_->Authenticate(here->token, "").ok());
  EXPECT_FALSE(service_->Authenticate(elsewhere->token, "").ok());
}

}  // namespace
}  // namespace scij::auth
