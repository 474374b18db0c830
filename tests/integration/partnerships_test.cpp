// The partnership pipeline through the real binary: who may read and change what (an organizer
// sees only their own school's partnership), the gates of rules P2, P4, P5 and P6 enforced by
// the server, admin overrides audited, the current partners seeded, the fee schedule replaced as
// a whole, and the report. The public data in ../shared/data is imported when present; the
// tests that need it (names and the public answers of the gates to "signed") skip without it.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "harness.hpp"

namespace scij::testing {
namespace {

namespace json = boost::json;
constexpr const char* kPassword = "a long enough password";
constexpr std::int64_t kUmassBoston = 166638;
constexpr std::int64_t kBrown = 217156;
constexpr std::int64_t kNortheastern = 167358;  // Boston: Q1 and Q3 met on the public data
constexpr std::int64_t kTufts = 168148;

bool HaveSharedData() {
  return std::filesystem::exists(std::string(SCIJ_SHARED_DATA_DIR) + "/colleges/ipeds/hd2023.csv.gz");
}

json::object Obj(const HttpResponse& r) {
  boost::system::error_code ec;
  json::value v = json::parse(r.body, ec);
  EXPECT_FALSE(ec) << r.body.substr(0, 300);
  return v.is_object() ? v.as_object() : json::object();
}

std::string Str(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : std::string(); }

bool AnyContains(const json::value& list, std::string_view text) {
  if (!list.is_array()) return false;
  for (const auto& item : list.as_array()) {
    if (Str(item).find(text) != std::string::npos) return true;
  }
  return false;
}

class PartnershipsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    data_ = dir_->path() + "/var";
    if (HaveSharedData()) {
      std::string shared = SCIJ_SHARED_DATA_DIR;
      RunScij(
          {"data", "import", shared + "/acs", shared + "/geo", shared + "/colleges", "--data-dir", data_});
    }
    for (auto [name, role] : std::vector<std::pair<const char*, const char*>>{{"boss", "admin"},
                                                                              {"staffer", "staff"},
                                                                              {"org-a", "organizer"},
                                                                              {"org-none", "organizer"},
                                                                              {"watcher", "observer"},
                                                                              {"learner", "student"}}) {
      RunScij({"user", "add", name, "--role", role, "--password-stdin", "--data-dir", data_}, kPassword);
    }
    school_set_ = RunScij({"user", "school", "org-a", std::to_string(kNortheastern), "--data-dir", data_});
    server_ = new ServerProcess(data_);
    started_ = server_->Start();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
    server_ = nullptr;
    dir_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(started_) << server_->Log();
    ASSERT_EQ(school_set_.exit_code, 0) << school_set_.err;
  }
  Client As(const std::string& user) {
    Client c(server_->port());
    EXPECT_EQ(c.Login(user, kPassword).status, 200) << user;
    return c;
  }
  // The partnership of `unitid`, created by staff when missing.
  std::int64_t PartnershipFor(std::int64_t unitid, int pathway) {
    Client staff = As("staffer");
    auto list = Obj(staff.Get("/api/partnerships"));
    for (const auto& p : list["partnerships"].as_array()) {
      if (p.as_object().at("unitid").as_int64() == unitid) return p.as_object().at("id").as_int64();
    }
    auto r = staff.Send(
        "POST", "/api/partnerships",
        json::serialize(json::object{{"unitid", unitid}, {"pathway", pathway}, {"initiated_by", "test"}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return Obj(r)["partnership"].as_object()["id"].as_int64();
  }
  static std::int64_t Post(Client& c, const std::string& path, const json::object& body, int expect = 201) {
    auto r = c.Send("POST", path, json::serialize(body));
    EXPECT_EQ(r.status, expect) << path << " " << r.body;
    auto o = Obj(r);
    if (o.contains("organisation")) return o["organisation"].as_object()["id"].as_int64();
    if (o.contains("person")) return o["person"].as_object()["id"].as_int64();
    return 0;
  }

  static TempDir* dir_;
  static std::string data_;
  static ServerProcess* server_;
  static bool started_;
  static CommandResult school_set_;
};
TempDir* PartnershipsTest::dir_ = nullptr;
std::string PartnershipsTest::data_;
ServerProcess* PartnershipsTest::server_ = nullptr;
bool PartnershipsTest::started_ = false;
CommandResult PartnershipsTest::school_set_;

TEST_F(PartnershipsTest, OrganizerCannotReadOrChangeAnotherSchoolsPartnership) {
  std::int64_t own = PartnershipFor(kNortheastern, 1);
  std::int64_t other = PartnershipFor(kTufts, 1);
  Client org = As("org-a");
  std::string p = "/api/partnerships/" + std::to_string(other);

  // The board lists only their own school.
  auto list = Obj(org.Get("/api/partnerships"));
  ASSERT_EQ(list["partnerships"].as_array().size(), 1u);
  EXPECT_EQ(list["partnerships"].as_array()[0].as_object().at("id").as_int64(), own);
  EXPECT_EQ(org.Get("/api/partnerships.csv").body.find("Tufts"), std::string::npos);

  // Another school's partnership does not exist for them: read, edit, records, stage.
  EXPECT_EQ(org.Get(p).status, 404);
  EXPECT_EQ(org.Send("PATCH", p, R"({"next_step":"take over"})").status, 404);
  EXPECT_EQ(
      org.Send("POST", p + "/records/outreach", R"({"date":"2026-11-20","kind":"meeting","summary":"x"})")
          .status,
      404);
  EXPECT_EQ(org.Send("POST", p + "/stage", R"({"to":"exploring"})").status, 404);
  auto detail = Obj(As("staffer").Get(p));
  EXPECT_EQ(detail["outreach"].as_array().size(), 0u);  // nothing was written
  EXPECT_EQ(Str(detail["partnership"].as_object()["stage"]), "identified");

  // Nor may they start one; their own they may edit.
  EXPECT_EQ(org.Send("POST", "/api/partnerships", R"({"unitid":167358,"pathway":1})").status, 403);
  auto own_path = "/api/partnerships/" + std::to_string(own);
  EXPECT_EQ(org.Send("PATCH", own_path, R"({"next_step":"meet the dean"})").status, 200);
  EXPECT_EQ(org.Send("POST", own_path + "/records/outreach",
                     R"({"date":"2026-11-20","kind":"meeting","summary":"first meeting"})")
                .status,
            201);

  // An organizer tied to no school sees nothing; an observer reads but cannot change; students
  // and attorneys have no access at all.
  EXPECT_EQ(Obj(As("org-none").Get("/api/partnerships"))["partnerships"].as_array().size(), 0u);
  Client watcher = As("watcher");
  EXPECT_EQ(watcher.Get(p).status, 200);
  EXPECT_EQ(watcher.Send("PATCH", p, R"({"next_step":"x"})").status, 403);
  EXPECT_EQ(As("learner").Get("/api/partnerships").status, 403);
}

TEST_F(PartnershipsTest, ObserversDoNotSeeContactDetails) {
  Client staff = As("staffer");
  Post(staff, "/api/people",
       {{"name", "Dana Reyes"},
        {"role", "faculty"},
        {"unitid", kNortheastern},
        {"email", "dana@example.edu"},
        {"phone", "617-555-0100"}});
  auto seen = Obj(As("watcher").Get("/api/people?unitid=" + std::to_string(kNortheastern)));
  bool found = false;
  for (const auto& p : seen["people"].as_array()) {
    if (Str(p.as_object().at("name")) != "Dana Reyes") continue;
    found = true;
    EXPECT_EQ(Str(p.as_object().at("email")), "");
    EXPECT_EQ(Str(p.as_object().at("phone")), "");
  }
  EXPECT_TRUE(found);
}

TEST_F(PartnershipsTest, Pathway2GatesRefuseAPositiveConversationAndAcceptAnAgencyLetter) {
  std::int64_t id = PartnershipFor(kBrown, 2);
  std::string p = "/api/partnerships/" + std::to_string(id);
  Client staff = As("staffer");
  ASSERT_EQ(staff.Send("POST", p + "/stage", R"({"to":"gauging_support"})").status, 200);

  // rule P2: pathway 2 cannot leave gauging without both kinds of evidence.
  auto refused = staff.Send("POST", p + "/stage", R"({"to":"support_affirmed"})");
  ASSERT_EQ(refused.status, 409) << refused.body;
  auto details = Obj(refused)["error"].as_object()["details"];
  EXPECT_TRUE(AnyContains(details, "P2: no demonstrated student interest"));
  EXPECT_TRUE(AnyContains(details, "P2: no faculty or administration support"));

  Post(staff, p + "/records/evidence",
       {{"date", "2026-10-01"},
        {"category", "student_interest"},
        {"kind", "student_written_communications"},
        {"count", 6},
        {"description", "Six students wrote asking for the program"}});
  Post(staff, p + "/records/evidence",
       {{"date", "2026-10-05"},
        {"category", "faculty_support"},
        {"kind", "positive_intro_meeting"},
        {"description", "Met the chair of the department"}});

  // rule P4/P5: a positive conversation with a legal service agency is not affirmation.
  std::int64_t agency = Post(staff, "/api/organisations",
                             {{"name", "Dorcas International"},
                              {"city", "Providence"},
                              {"state", "RI"},
                              {"kind", "legal_service_agency"}});
  Post(staff, p + "/records/outreach",
       {{"date", "2026-10-10"},
        {"organisation_id", agency},
        {"kind", "positive_conversation"},
        {"summary", "Warm call; they like the idea"}});
  refused = staff.Send("POST", p + "/stage", R"({"to":"finalizing"})");
  ASSERT_EQ(refused.status, 409) << refused.body;
  details = Obj(refused)["error"].as_object()["details"];
  ASSERT_EQ(details.as_array().size(), 1u) << refused.body;
  EXPECT_TRUE(AnyContains(details, "P5: community support is not affirmed"));
  auto detail = Obj(staff.Get(p));
  auto entry = detail["outreach"].as_array()[0].as_object();
  EXPECT_FALSE(entry["counts"].as_bool());
  EXPECT_NE(Str(entry["count_reason"]).find("rule P4"), std::string::npos);
  EXPECT_EQ(Str(detail["partnership"].as_object()["stage"]), "gauging_support");

  // A letter of recommendation from the same agency affirms it.
  Post(staff, p + "/records/outreach",
       {{"date", "2026-10-20"},
        {"organisation_id", agency},
        {"kind", "letter_of_recommendation"},
        {"summary", "Letter to the provost recommending SCIJ"},
        {"attachment_ref", "letters/dorcas.pdf"}});
  auto moved = staff.Send("POST", p + "/stage", R"({"to":"finalizing"})");
  ASSERT_EQ(moved.status, 200) << moved.body;
  detail = Obj(moved);
  EXPECT_EQ(Str(detail["partnership"].as_object()["stage"]), "finalizing");
  EXPECT_TRUE(detail["community_support"].as_object()["affirmed"].as_bool());

  // The history records every move and every record.
  auto history = detail["history"].as_array();
  EXPECT_GE(history.size(), 7u);
  EXPECT_EQ(Str(history.back().as_object().at("to_stage")), "finalizing");

  // The agency cannot be deleted while the log refers to it.
  EXPECT_EQ(As("boss").Send("DELETE", "/api/organisations/" + std::to_string(agency), "").status, 409);
}

TEST_F(PartnershipsTest, OnlyAnAdminOverridesAGateAndOnlyWithAReason) {
  std::int64_t id = PartnershipFor(kUmassBoston, 1);
  std::string p = "/api/partnerships/" + std::to_string(id);
  EXPECT_EQ(
      As("staffer").Send("POST", p + "/stage", R"({"to":"finalizing","override":true,"reason":"x"})").status,
      403);
  Client admin = As("boss");
  auto no_reason = admin.Send("POST", p + "/stage", R"({"to":"finalizing","override":true})");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(Str(Obj(no_reason)["error"].as_object()["field"]), "reason");
  auto ok = admin.Send(
      "POST", p + "/stage",
      R"({"to":"finalizing","override":true,"reason":"Board approved: letters arrive next week"})");
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto last = Obj(ok)["history"].as_array().back().as_object();
  EXPECT_TRUE(last["override"].as_bool());
  EXPECT_EQ(Str(last["reason"]), "Board approved: letters arrive next week");
  auto audit = Obj(admin.Get("/api/audit?action=partnership.stage_override"));
  ASSERT_FALSE(audit["entries"].as_array().empty()) << json::serialize(audit);

  // Pausing needs a reason too, from any stage.
  EXPECT_EQ(admin.Send("POST", p + "/stage", R"({"to":"paused"})").status, 400);
  auto paused = admin.Send("POST", p + "/stage", R"({"to":"paused","reason":"Dean on leave"})");
  ASSERT_EQ(paused.status, 200);
  EXPECT_EQ(Str(Obj(paused)["partnership"].as_object()["paused_from"]), "finalizing");
}

TEST_F(PartnershipsTest, BadRecordsAreRefusedWithTheField) {
  std::int64_t id = PartnershipFor(kNortheastern, 1);
  std::string p = "/api/partnerships/" + std::to_string(id);
  Client staff = As("staffer");
  auto bad_date =
      staff.Send("POST", p + "/records/outreach", R"({"date":"2026-13-01","kind":"call","summary":"x"})");
  EXPECT_EQ(bad_date.status, 400);
  EXPECT_EQ(Str(Obj(bad_date)["error"].as_object()["field"]), "date");
  auto unknown = staff.Send("POST", p + "/records/outreach",
                            R"({"date":"2026-11-01","kind":"call","summary":"x","sumary":"typo"})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(Str(Obj(unknown)["error"].as_object()["field"]), "sumary");
  auto no_person = staff.Send("POST", p + "/records/attorneys", R"({"person_id":999999,"pairs":2})");
  EXPECT_EQ(no_person.status, 400);
  EXPECT_EQ(staff.Send("POST", p + "/records/gossip", R"({})").status, 404);
  EXPECT_EQ(staff.Send("DELETE", p + "/records/investments/1", "").status, 400);
}

TEST_F(PartnershipsTest, FeeScheduleIsAdminDataReplacedAsAWhole) {
  Client admin = As("boss");
  auto before = Obj(admin.Get("/api/fee-bands"));
  ASSERT_TRUE(before["examples"].as_bool()) << "a new database starts with the labelled example schedule";
  std::string bands =
      R"({"bands":[{"control":"public","level":"four_year","min_undergrad":0,"max_undergrad":9999,"annual_fee_usd":5000,"label":"Small public"},)"
      R"({"control":"public","level":"four_year","min_undergrad":5000,"annual_fee_usd":9000,"label":"Overlapping"}]})";
  auto overlap = admin.Send("PUT", "/api/fee-bands", bands);
  EXPECT_EQ(overlap.status, 400);
  EXPECT_EQ(Obj(admin.Get("/api/fee-bands"))["bands"].as_array().size(), before["bands"].as_array().size());
  EXPECT_EQ(As("staffer").Send("PUT", "/api/fee-bands", R"({"bands":[]})").status, 403);
  auto ok = admin.Send(
      "PUT", "/api/fee-bands",
      R"({"bands":[{"control":"public","level":"four_year","min_undergrad":0,"annual_fee_usd":4200,"label":"All public four-year"}]})");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_FALSE(Obj(ok)["examples"].as_bool());
  if (HaveSharedData()) {
    // UMass Boston is a public four-year school: the proposal follows the new schedule.
    std::int64_t id = PartnershipFor(kUmassBoston, 1);
    auto fee = Obj(admin.Get("/api/partnerships/" + std::to_string(id)))["fee"].as_object();
    EXPECT_EQ(fee["proposed_usd"].as_int64(), 4200);
  }
  // Restore the examples for the other tests' expectations.
  ASSERT_EQ(
      admin
          .Send(
              "PUT", "/api/fee-bands",
              R"({"bands":[{"control":"public","level":"four_year","min_undergrad":0,"annual_fee_usd":4200,"label":"All public four-year"},)"
              R"({"control":"private","level":"four_year","min_undergrad":0,"annual_fee_usd":8000,"label":"All private four-year"}]})")
          .status,
      200);
}

TEST_F(PartnershipsTest, ReportIsAPrintablePageWithoutScript) {
  if (!HaveSharedData()) GTEST_SKIP() << "no public data: the report needs the institution";
  PartnershipFor(kTufts, 1);
  auto r = As("staffer").Get("/api/schools/" + std::to_string(kTufts) + "/report");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.headers["content-type"].find("text/html"), std::string::npos);
  EXPECT_NE(r.headers["content-security-policy"].find("default-src 'none'"), std::string::npos);
  EXPECT_NE(r.body.find("Tufts University"), std::string::npos);
  EXPECT_NE(r.body.find("Q5 A champion"), std::string::npos);
  EXPECT_EQ(r.body.find("<script"), std::string::npos);
  EXPECT_EQ(As("learner").Get("/api/schools/" + std::to_string(kTufts) + "/report").status, 403);
}

TEST(PartnershipsCli, SeedCurrentPartnersAndPdfReport) {
  TempDir dir;
  std::string data = dir.path() + "/var";
  if (HaveSharedData()) {
    std::string shared = SCIJ_SHARED_DATA_DIR;
    RunScij({"data", "import", shared + "/acs", shared + "/geo", shared + "/colleges", "--data-dir", data});
  }
  auto seeded = RunScij({"seed", "current-partners", "--data-dir", data});
  ASSERT_EQ(seeded.exit_code, 0) << seeded.err;
  EXPECT_NE(seeded.out.find("Brown University (217156): created as active."), std::string::npos)
      << seeded.out;
  auto again = RunScij({"seed", "current-partners", "--data-dir", data});
  EXPECT_NE(again.out.find("already has a partnership, left as is"), std::string::npos) << again.out;

  RunScij({"user", "add", "viewer", "--role", "observer", "--password-stdin", "--data-dir", data}, kPassword);
  ServerProcess server(data);
  ASSERT_TRUE(server.Start()) << server.Log();
  Client c(server.port());
  ASSERT_EQ(c.Login("viewer", kPassword).status, 200);
  auto board = Obj(c.Get("/api/partnerships"));
  ASSERT_EQ(board["partnerships"].as_array().size(), 3u);
  for (const auto& p : board["partnerships"].as_array()) {
    EXPECT_EQ(Str(p.as_object().at("stage")), "active");
    EXPECT_TRUE(p.as_object().at("pathway").is_null()) << "the sources do not say how they began";
  }
  if (!HaveSharedData()) return;
  // The screen counts the recorded partners without being told (rule Q2.3).
  auto school = Obj(c.Get("/api/schools/217156"));
  EXPECT_TRUE(school["school"].as_object()["is_partner"].as_bool());

  std::string pdf = dir.path() + "/report.pdf";
  auto report = RunScij({"report", "166638", "--pdf", pdf, "--data-dir", data});
  if (report.exit_code != 0 && report.err.find("no Chromium") != std::string::npos) {
    GTEST_SKIP() << report.err;
  }
  ASSERT_EQ(report.exit_code, 0) << report.err;
  std::ifstream in(pdf, std::ios::binary);
  std::string head(5, '\0');
  in.read(head.data(), 5);
  EXPECT_EQ(head, "%PDF-");
}

}  // namespace
}  // namespace scij::testing
