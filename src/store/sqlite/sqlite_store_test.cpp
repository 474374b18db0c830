#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <filesystem>
#include <thread>

#include "store/migrations.hpp"

namespace scij::store {
namespace {

namespace fs = std::filesystem;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("scij-store-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "scij.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<Store> Open() {
    auto s = OpenSqliteStore({.path = path_});
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return std::move(s).value();
  }

  static NewUser Ana() { return {"ana", "Ana Ruiz", "staff", "$argon2id$fake", false, 1000}; }

  fs::path dir_;
  std::string path_;
};

TEST_F(SqliteStoreTest, MigratesNewDatabaseAndRecordsVersion) {
  std::vector<std::string> applied;
  auto store = OpenSqliteStore({.path = path_}, &applied);
  ASSERT_TRUE(store.ok());
  ASSERT_FALSE(applied.empty());
  EXPECT_EQ(applied.front(), "0001_init");
  auto health = (*store)->Health();
  EXPECT_TRUE(health.ok);
  EXPECT_EQ(health.backend, "sqlite");
  EXPECT_EQ(health.schema_version, Migrations().back().version);
  (*store)->Close();

  // Re-opening applies nothing.
  applied.clear();
  auto again = OpenSqliteStore({.path = path_}, &applied);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(applied.empty());
  auto version = SqliteSchemaVersion(path_);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, Migrations().back().version);
}

TEST_F(SqliteStoreTest, DatabaseFileIsPrivateToItsOwner) {
  auto store = Open();
  struct stat st {};
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0077, 0u) << "group/other must have no access to the database";
}

TEST_F(SqliteStoreTest, CreatesFindsAndRejectsDuplicateUsernamesCaseInsensitively) {
  auto store = Open();
  User created;
  ASSERT_TRUE(store
                  ->Write([&](Repositories& r) -> Status {
                    auto u = r.Users().Create(Ana());
                    if (!u.ok()) return u.error();
                    created = *u;
                    return {};
                  })
                  .ok());
  EXPECT_GT(created.id, 0);
  EXPECT_EQ(created.created_at, 1000);

  NewUser dup = Ana();
  dup.username = "ANA";
  Status s = store->Write([&](Repositories& r) -> Status {
    auto u = r.Users().Create(dup);
    if (!u.ok()) return u.error();
    return {};
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(s.error().field, "username");

  ASSERT_TRUE(store
                  ->Read([&](Repositories& r) -> Status {
                    auto u = r.Users().FindByUsername("ana");
                    EXPECT_TRUE(u.ok());
                    EXPECT_EQ(u->display_name, "Ana Ruiz");
                    auto missing = r.Users().FindByUsername("nobody");
                    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
                    return {};
                  })
                  .ok());
}

TEST_F(SqliteStoreTest, ReadsSeeWritesCommittedAfterAnEarlierReadStoppedAtARow) {
  // Regression: a cached statement stopped at its first row kept an old snapshot open, so a
  // later Read on the same pooled connection did not see newer commits.
  auto store = OpenSqliteStore({.path = path_, .read_connections = 1});
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(
      (*store)
          ->Write([&](Repositories& r) { return r.Users().Create(Ana()).ok() ? Status{} : Internal("x"); })
          .ok());
  ASSERT_TRUE((*store)
                  ->Read([&](Repositories& r) {
                    return r.Users().FindByUsername("ana").ok() ? Status{} : Internal("x");
                  })
                  .ok());
  NewUser bo = Ana();
  bo.username = "bo";
  ASSERT_TRUE(
      (*store)
          ->Write([&](Repositories& r) { return r.Users().Create(bo).ok() ? Status{} : Internal("x"); })
          .ok());
  ASSERT_TRUE((*store)
                  ->Read([&](Repositories& r) -> Status {
                    EXPECT_TRUE(r.Users().FindByUsername("bo").ok());
                    return {};
                  })
                  .ok());
}

TEST_F(SqliteStoreTest, RejectsUnknownRoleThroughSchemaCheck) {
  auto store = Open();
  NewUser bad = Ana();
  bad.role = "superuser";
  Status s = store->Write([&](Repositories& r) -> Status {
    auto u = r.Users().Create(bad);
    return u.ok() ? Status{} : u.error();
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(SqliteStoreTest, FailedWriteRollsBackEverything) {
  auto store = Open();
  Status s = store->Write([&](Repositories& r) -> Status {
    auto u = r.Users().Create(Ana());
    if (!u.ok()) return u.error();
    SCIJ_RETURN_IF_ERROR(r.Audit().Append({.at = 1, .action = "user.create"}));
    return FailedPrecondition("refused after two writes");
  });
  ASSERT_FALSE(s.ok());
  ASSERT_TRUE(store
                  ->Read([&](Repositories& r) -> Status {
                    EXPECT_EQ(*r.Users().Count(), 0);
                    EXPECT_TRUE(r.Audit().List({})->empty());
                    return {};
                  })
                  .ok());
}

TEST_F(SqliteStoreTest, AuditLogIsAppendOnly) {
  auto store = Open();
  ASSERT_TRUE(
      store
          ->Write([&](Repositories& r) -> Status {
            return r.Audit()
                           .Append({.at = 5, .action = "auth.login", .object_type = "user", .object_id = "1"})
                           .ok()
                       ? Status{}
                       : Internal("append failed");
          })
          .ok());
  // Even raw SQL through a second connection cannot rewrite history.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit_log SET action='x'", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit_log", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  ASSERT_TRUE(store
                  ->Read([&](Repositories& r) -> Status {
                    auto entries = r.Audit().List({.action = "auth.login"});
                    EXPECT_EQ(entries->size(), 1u);
                    EXPECT_EQ(entries->front().object_id, "1");
                    EXPECT_EQ(entries->front().details_json, "{}");
                    return {};
                  })
                  .ok());
}

TEST_F(SqliteStoreTest, SessionsExpireAndCascadeWithUser) {
  auto store = Open();
  std::int64_t uid = 0;
  ASSERT_TRUE(store
                  ->Write([&](Repositories& r) -> Status {
                    auto u = r.Users().Create(Ana());
                    if (!u.ok()) return u.error();
                    uid = u->id;
                    SCIJ_RETURN_IF_ERROR(
                        r.Sessions().Create({"k1", uid, "csrf", 100, 100, 100 + 43200, "127.0.0.1"}));
                    SCIJ_RETURN_IF_ERROR(
                        r.Sessions().Create({"k2", uid, "csrf", 100, 100, 100 + 43200, "127.0.0.1"}));
                    return r.Sessions().Touch("k2", 2000);
                  })
                  .ok());
  // k1 idle since 100 is removed with idle_before = 1100; k2 touched at 2000 stays.
  ASSERT_TRUE(store
                  ->Write([&](Repositories& r) -> Status {
                    auto n = r.Sessions().DeleteExpired(2100, 1100);
                    EXPECT_EQ(*n, 1);
                    EXPECT_EQ(r.Sessions().Find("k1").error().code, ErrorCode::kNotFound);
                    EXPECT_EQ(r.Sessions().Find("k2")->last_seen_at, 2000);
                    return r.Sessions().DeleteForUser(uid);
                  })
                  .ok());
  ASSERT_TRUE(store
                  ->Read([&](Repositories& r) -> Status {
                    EXPECT_FALSE(r.Sessions().Find("k2").ok());
                    return {};
                  })
                  .ok());
}

TEST_F(SqliteStoreTest, UpdatesReportMissingUsers) {
  auto store = Open();
  Status s = store->Write([&](Repositories& r) { return r.Users().SetRole(42, "staff", 1); });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteStoreTest, BackupIsAConsistentCopyWhileWritesContinue) {
  auto store = Open();
  ASSERT_TRUE(store
                  ->Write([&](Repositories& r) -> Status {
                    auto u = r.Users().Create(Ana());
                    return u.ok() ? Status{} : u.error();
                  })
                  .ok());
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int i = 0; !stop && i < 200; ++i) {
      (void)store->Write([&](Repositories& r) {
        return r.Audit().Append({.at = i, .action = "test.write"}).ok() ? Status{} : Internal("x");
      });
    }
  });
  std::string backup = (dir_ / "backup.db").string();
  Status s = store->Backup(backup);
  stop = true;
  writer.join();
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_FALSE(store->Backup(backup).ok()) << "an existing file is never overwritten";
  struct stat st {};
  ASSERT_EQ(::stat(backup.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0077, 0u) << "the backup is as private as the database";

  auto copy = OpenSqliteStore({.path = backup, .migrate = false});
  ASSERT_TRUE(copy.ok());
  ASSERT_TRUE((*copy)
                  ->Read([&](Repositories& r) -> Status {
                    EXPECT_EQ(*r.Users().Count(), 1);
                    EXPECT_TRUE(r.Users().FindByUsername("ana").ok());
                    return {};
                  })
                  .ok());
}

TEST_F(SqliteStoreTest, RefusesDatabaseFromANewerVersion) {
  { auto store = Open(); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "INSERT INTO schema_version VALUES (9999, '9999_future', 0)", nullptr, nullptr,
                         nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = OpenSqliteStore({.path = path_});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace scij::store

namespace scij::store {
namespace {

class SqlitePublicDataTest : public SqliteStoreTest {};

TEST_F(SqlitePublicDataTest, DatasetFilesAreReplacedByNameAndListedWithoutContent) {
  auto store = Open();
  DatasetFile f{.file_name = "hd2023.csv.gz",
                .kind = "ipeds_directory",
                .source = "IPEDS HD",
                .vintage = "2023",
                .sha256 = "aa",
                .size_bytes = 3,
                .content = std::string("\x1f\x8b\0", 3),
                .rows_read = 10,
                .rows_loaded = 9,
                .rows_skipped = 1,
                .report = "x:2: bad",
                .imported_at = 5,
                .imported_by = "ana"};
  std::int64_t first = 0, second = 0;
  ASSERT_TRUE(store
                  ->Write([&](Repositories& r) -> Status {
                    auto id = r.Datasets().Put(f);
                    if (!id.ok()) return id.error();
                    first = *id;
                    f.sha256 = "bb";
                    f.rows_loaded = 10;
                    auto again = r.Datasets().Put(f);
                    if (!again.ok()) return again.error();
                    second = *again;
                    return {};
                  })
                  .ok());
  EXPECT_EQ(first, second);
  ASSERT_TRUE(store
                  ->Read([&](Repositories& r) -> Status {
                    auto meta = r.Datasets().List(false);
                    EXPECT_EQ(meta->size(), 1u);
                    EXPECT_EQ(meta->front().sha256, "bb");
                    EXPECT_TRUE(meta->front().content.empty());
                    auto full = r.Datasets().List(true);
                    EXPECT_EQ(full->front().content, std::string("\x1f\x8b\0", 3))
                        << "binary content round-trips";
                    return {};
                  })
                  .ok());
  Status missing = store->Write([&](Repositories& r) { return r.Datasets().Remove("nope.csv"); });
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(SqlitePublicDataTest, LegalResourcesUpsertByKindNameAndStateAndRejectBadCoordinates) {
  auto store = Open();
  LegalResourceRecord r{.kind = "immigration_court",
                        .name = "Boston Immigration Court",
                        .city = "Boston",
                        .state = "MA",
                        .latitude = 42.35,
                        .longitude = -71.06,
                        .source = "EOIR",
                        .updated_at = 1};
  ASSERT_TRUE(store
                  ->Write([&](Repositories& repos) -> Status {
                    auto a = repos.LegalResources().Upsert(r);
                    r.city = "Boston, MA";
                    auto b = repos.LegalResources().Upsert(r);
                    EXPECT_EQ(*a, *b);
                    return {};
                  })
                  .ok());
  r.latitude = 123;
  r.name = "Nowhere";
  Status bad = store->Write([&](Repositories& repos) -> Status {
    auto a = repos.LegalResources().Upsert(r);
    return a.ok() ? Status{} : a.error();
  });
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  ASSERT_TRUE(store
                  ->Read([&](Repositories& repos) -> Status {
                    auto list = repos.LegalResources().List();
                    EXPECT_EQ(list->size(), 1u);
                    EXPECT_EQ(list->front().city, "Boston, MA");
                    return {};
                  })
                  .ok());
}

// ---- Partnerships -------------------------------------------------------------------------------

namespace partnership_store_test {

partners::Partnership NewPartnership(std::int64_t unitid) {
  partners::Partnership p;
  p.unitid = unitid;
  p.pathway = partners::Pathway::kStudentOrFaculty;
  p.stage = partners::Stage::kIdentified;
  p.stage_since = 100;
  p.created_at = 100;
  p.updated_at = 100;
  return p;
}

}  // namespace partnership_store_test

TEST_F(SqliteStoreTest, PartnershipIsOnePerSchoolAndUpdatesAreOptimistic) {
  auto store = Open();
  std::int64_t id = 0;
  ASSERT_TRUE(store
                  ->Write([&](Repositories& r) -> Status {
                    auto created =
                        r.Partnerships().CreatePartnership(partnership_store_test::NewPartnership(166638));
                    if (!created.ok()) return created.error();
                    id = *created;
                    return {};
                  })
                  .ok());
  auto dup = store->Write([&](Repositories& r) -> Status {
    auto created = r.Partnerships().CreatePartnership(partnership_store_test::NewPartnership(166638));
    if (!created.ok()) return created.error();
    return {};
  });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(dup.error().field, "unitid");

  partners::Partnership loaded;
  ASSERT_TRUE(store
                  ->Read([&](Repositories& r) -> Status {
                    auto p = r.Partnerships().FindPartnership(id);
                    if (!p.ok()) return p.error();
                    loaded = *p;
                    return {};
                  })
                  .ok());
  EXPECT_EQ(loaded.version, 1);
  EXPECT_EQ(loaded.pathway, partners::Pathway::kStudentOrFaculty);
  loaded.stage = partners::Stage::kExploring;
  ASSERT_TRUE(store->Write([&](Repositories& r) { return r.Partnerships().UpdatePartnership(loaded); }).ok());
  // A second writer holding version 1 is refused rather than overwriting the first.
  auto stale = store->Write([&](Repositories& r) { return r.Partnerships().UpdatePartnership(loaded); });
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(stale.error().message.find("changed by someone else"), std::string::npos);
}

TEST_F(SqliteStoreTest, ReferencedOrganisationAndPersonCannotBeDeleted) {
  auto store = Open();
  std::int64_t org = 0, person = 0, pid = 0;
  ASSERT_TRUE(store
                  ->Write([&](Repositories& r) -> Status {
                    partners::Organisation o;
                    o.name = "Legal Aid";
                    o.kind = partners::OrgKind::kLegalServiceAgency;
                    auto oid = r.Partnerships().CreateOrganisation(o, 1);
                    if (!oid.ok()) return oid.error();
                    org = *oid;
                    partners::Person p;
                    p.name = "Ana";
                    p.role = partners::PersonRole::kAttorney;
                    p.organisation_id = org;
                    auto ppl = r.Partnerships().CreatePerson(p, 1);
                    if (!ppl.ok()) return ppl.error();
                    person = *ppl;
                    auto created =
                        r.Partnerships().CreatePartnership(partnership_store_test::NewPartnership(1));
                    if (!created.ok()) return created.error();
                    pid = *created;
                    PartnershipRecordRow row{.partnership_id = pid,
                                             .kind = "attorneys",
                                             .data = "{\"pairs\":2}",
                                             .person_id = person,
                                             .created_at = 1};
                    auto rec = r.Partnerships().AddRecord(row);
                    if (!rec.ok()) return rec.error();
                    return {};
                  })
                  .ok());
  auto del_person = store->Write([&](Repositories& r) { return r.Partnerships().DeletePerson(person); });
  ASSERT_FALSE(del_person.ok());
  EXPECT_EQ(del_person.error().code, ErrorCode::kFailedPrecondition);
  auto del_org = store->Write([&](Repositories& r) { return r.Partnerships().DeleteOrganisation(org); });
  ASSERT_FALSE(del_org.ok());
  EXPECT_EQ(del_org.error().code, ErrorCode::kFailedPrecondition);
  std::size_t records = 0;
  ASSERT_TRUE(store
                  ->Read([&](Repositories& r) -> Status {
                    auto rows = r.Partnerships().ListRecords(pid, "");
                    if (!rows.ok()) return rows.error();
                    records = rows->size();
                    return {};
                  })
                  .ok());
  EXPECT_EQ(records, 1u);
}

TEST_F(SqliteStoreTest, FeeScheduleIsReplacedAsAWhole) {
  auto store = Open();
  auto bands = partners::ExampleFeeSchedule();
  ASSERT_TRUE(store->Write([&](Repositories& r) { return r.Partnerships().ReplaceFeeBands(bands, 5); }).ok());
  std::vector<partners::FeeBand> loaded;
  auto read = [&] {
    return store->Read([&](Repositories& r) -> Status {
      auto b = r.Partnerships().ListFeeBands();
      if (!b.ok()) return b.error();
      loaded = *b;
      return {};
    });
  };
  ASSERT_TRUE(read().ok());
  EXPECT_EQ(loaded.size(), bands.size());
  // A bad band in the middle rolls the whole replacement back.
  auto broken = bands;
  broken[3].max_undergrad = -1;
  EXPECT_FALSE(
      store->Write([&](Repositories& r) { return r.Partnerships().ReplaceFeeBands(broken, 6); }).ok());
  ASSERT_TRUE(read().ok());
  EXPECT_EQ(loaded.size(), bands.size());
}

}  // namespace
}  // namespace scij::store
