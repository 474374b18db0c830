// Site selection through the real binary and the real public data in ../shared/data (skipped
// with a message when it is absent): the import accounts for every row, the CLI and the API give
// the same answers, permissions hold, and a failed import changes nothing.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "harness.hpp"

namespace scij::testing {
namespace {

namespace json = boost::json;
constexpr const char* kPassword = "a long enough password";

std::string SharedData() { return SCIJ_SHARED_DATA_DIR; }
bool HaveSharedData() {
  return std::filesystem::exists(SharedData() + "/acs/Updated_People.csv.gz") &&
         std::filesystem::exists(SharedData() + "/colleges/ipeds/hd2023.csv.gz");
}

json::value Parse(const std::string& body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  EXPECT_FALSE(ec) << body.substr(0, 300);
  return v;
}

class SiteSelectionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!HaveSharedData()) return;
    dir_ = new TempDir();
    data_ = dir_->path() + "/var";
    import_ = new CommandResult(RunScij({"data", "import", SharedData() + "/acs", SharedData() + "/geo",
                                         SharedData() + "/colleges", "--data-dir", data_}));
    RunScij({"user", "add", "staffer", "--role", "staff", "--password-stdin", "--data-dir", data_},
            kPassword);
    RunScij({"user", "add", "learner", "--role", "student", "--password-stdin", "--data-dir", data_},
            kPassword);
    server_ = new ServerProcess(data_);
    started_ = server_->Start();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete import_;
    delete dir_;
    server_ = nullptr;
    import_ = nullptr;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (!HaveSharedData())
      GTEST_SKIP() << "no public data at " << SharedData() << ": site selection tests skipped";
    ASSERT_TRUE(started_) << server_->Log();
  }
  Client As(const std::string& user) {
    Client c(server_->port());
    EXPECT_EQ(c.Login(user, kPassword).status, 200);
    return c;
  }

  static TempDir* dir_;
  static std::string data_;
  static CommandResult* import_;
  static ServerProcess* server_;
  static bool started_;
};
TempDir* SiteSelectionTest::dir_ = nullptr;
std::string SiteSelectionTest::data_;
CommandResult* SiteSelectionTest::import_ = nullptr;
ServerProcess* SiteSelectionTest::server_ = nullptr;
bool SiteSelectionTest::started_ = false;

TEST_F(SiteSelectionTest, ImportSummaryAccountsForEveryRow) {
  EXPECT_EQ(import_->exit_code, 0) << import_->err;
  EXPECT_NE(import_->out.find("6,163"), std::string::npos) << "the HD directory's 6,163 institutions";
  EXPECT_NE(import_->out.find("Connecticut planning region"), std::string::npos) << "the CT fix is reported";
  auto r = As("staffer").Get("/api/datasets");
  ASSERT_EQ(r.status, 200);
  json::value v = Parse(r.body);
  const auto& files = v.at("datasets").as_array();
  EXPECT_EQ(files.size(), 11u);
  for (const auto& f : files) {
    EXPECT_EQ(f.at("rows_read").as_int64(), f.at("rows_loaded").as_int64() + f.at("rows_skipped").as_int64())
        << f.at("file").as_string();
  }
  EXPECT_EQ(v.at("institutions").as_int64(), 6163);
  EXPECT_FALSE(v.at("joins").as_array().empty());
}

TEST_F(SiteSelectionTest, CliAndApiGiveTheSameRanking) {
  auto cli = RunScij({"screen", "--format", "json", "--top", "40", "--data-dir", data_});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  auto api = As("learner").Get("/api/screen?limit=40");
  ASSERT_EQ(api.status, 200) << api.body.substr(0, 300);
  json::value cli_json = Parse(cli.out), api_json = Parse(api.body);
  const auto& a = cli_json.at("rows").as_array();
  const auto& b = api_json.at("rows").as_array();
  ASSERT_EQ(a.size(), 40u);
  ASSERT_EQ(b.size(), 40u);
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].at("unitid").as_int64(), b[i].at("unitid").as_int64()) << "row " << i;
    for (const char* q : {"fit", "q1", "q2", "q3"})
      EXPECT_EQ(a[i].at(q), b[i].at(q)) << "row " << i << " " << q;
  }
}

TEST_F(SiteSelectionTest, RadiusChangesTheRankingAndStatusCountsCoverEverySchool) {
  Client c = As("learner");
  auto near = Parse(c.Get("/api/screen?radius=10&limit=30").body);
  auto far = Parse(c.Get("/api/screen?radius=50&limit=30").body);
  std::vector<std::int64_t> a, b;
  for (const auto& r : near.at("rows").as_array()) a.push_back(r.at("unitid").as_int64());
  for (const auto& r : far.at("rows").as_array()) b.push_back(r.at("unitid").as_int64());
  EXPECT_NE(a, b);
  const auto& fit = near.at("counts").at("fit");
  std::int64_t total = fit.at("met").as_int64() + fit.at("likely").as_int64() + fit.at("unknown").as_int64() +
                       fit.at("not_met").as_int64();
  EXPECT_EQ(total, near.at("total_matching").as_int64());
  EXPECT_EQ(near.at("reach_model").as_string(), "county disk model");
}

TEST_F(SiteSelectionTest, SchoolPageExplainsAllFiveQuestions) {
  auto r = As("learner").Get("/api/schools/217156");  // Brown University
  ASSERT_EQ(r.status, 200);
  json::value v = Parse(r.body);
  EXPECT_EQ(v.at("school").at("name").as_string(), "Brown University");
  const auto& answers = v.at("answers").as_array();
  ASSERT_EQ(answers.size(), 5u);
  const char* ids[] = {"Q1", "Q2", "Q3", "Q4", "Q5"};
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(answers[i].at("question").as_string(), ids[i]);
    EXPECT_FALSE(answers[i].at("sentence").as_string().empty());
  }
  EXPECT_EQ(answers[3].at("status").as_string(), "unknown") << "Q4 needs the partnership record";
  EXPECT_NE(answers[1].at("status").as_string(), "met") << "rule Q2.2: public data is never above likely";
  EXPECT_FALSE(v.at("reach").at("counties").as_array().empty());
  EXPECT_EQ(As("learner").Get("/api/schools/1").status, 404);
  EXPECT_EQ(As("learner").Get("/api/screen?radius=-3").status, 400);
}

TEST_F(SiteSelectionTest, StudentsReadButOnlyStaffImport) {
  Client student = As("learner");
  EXPECT_EQ(student.Get("/api/screen/points").status, 200);
  EXPECT_EQ(student.Send("POST", "/api/datasets/import?name=x.csv", "UNITID\n1\n").status, 403);
  EXPECT_EQ(
      student.Send("POST", "/api/legal-resources/import", "kind,name,city,state,lat,lon,source\n").status,
      403);
  EXPECT_EQ(student.Send("DELETE", "/api/datasets/hd2023.csv.gz", "").status, 403);
}

TEST_F(SiteSelectionTest, FailedImportsLeaveThePreviousDataIntact) {
  Client staff = As("staffer");
  auto before = Parse(staff.Get("/api/datasets").body);
  auto bad =
      staff.Send("POST", "/api/datasets/import?name=hd2023.csv.gz", std::string("\x1f\x8b garbage", 10));
  EXPECT_EQ(bad.status, 400) << bad.body;
  auto bad_csv = staff.Send("POST", "/api/legal-resources/import",
                            "kind,name,city,state,lat,lon,source\n"
                            "immigration_court,Boston Immigration Court,Boston,MA,42.3608,-71.0596,EOIR\n"
                            "immigration_court,Nowhere Court,Nowhere,MA,142.0,-71.0,test\n");
  EXPECT_EQ(bad_csv.status, 400);
  EXPECT_NE(bad_csv.body.find("line 3"), std::string::npos) << bad_csv.body;
  auto after = Parse(staff.Get("/api/datasets").body);
  EXPECT_EQ(before.at("datasets"), after.at("datasets"));
  EXPECT_TRUE(Parse(staff.Get("/api/legal-resources").body).at("resources").as_array().empty())
      << "the whole CSV is refused, not its good lines";
}

TEST_F(SiteSelectionTest, LegalReferenceListFeedsQuestionTwo) {
  Client staff = As("staffer");
  auto before = Parse(staff.Get("/api/schools/166638").body);  // University of Massachusetts-Boston
  auto ok =
      staff.Send("POST", "/api/legal-resources/import",
                 "kind,name,city,state,lat,lon,source\n"
                 "immigration_court,Boston Immigration Court,Boston,MA,42.3608,-71.0596,EOIR court list\n");
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto after = Parse(staff.Get("/api/schools/166638").body);
  auto courts = [](const json::value& v) {
    for (const auto& f : v.at("answers").as_array()[1].at("figures").as_array()) {
      if (f.at("name").as_string() == "immigration_courts_within_reach")
        return f.at("value").to_number<double>();
    }
    return -1.0;
  };
  EXPECT_EQ(courts(before), 0.0);
  EXPECT_EQ(courts(after), 1.0);
  auto list = Parse(staff.Get("/api/legal-resources").body).at("resources").as_array();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(
      staff.Send("DELETE", "/api/legal-resources/" + std::to_string(list[0].at("id").as_int64()), "").status,
      204);
}

TEST_F(SiteSelectionTest, PlannerCountsEachPersonOnce) {
  auto r = As("learner").Get("/api/plan?add=5&partners=166638,217156,168430");
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  json::value v = Parse(r.body);
  const auto& picks = v.at("picks").as_array();
  ASSERT_EQ(picks.size(), 5u);
  EXPECT_EQ(v.at("partners").as_array().size(), 3u);
  double covered = v.at("partners_covered").to_number<double>();
  for (const auto& p : picks) {
    double gain = p.at("marginal_gain").to_number<double>();
    EXPECT_GT(gain, 0);
    EXPECT_NEAR(p.at("cumulative_covered").to_number<double>(), covered + gain, 1.0);
    covered = p.at("cumulative_covered").to_number<double>();
  }
}

TEST(SiteSelectionWithoutData, ScreenExplainsThatNothingIsImported) {
  TempDir dir;
  RunScij(
      {"user", "add", "staffer", "--role", "staff", "--password-stdin", "--data-dir", dir.path() + "/var"},
      kPassword);
  ServerProcess server(dir.path() + "/var");
  ASSERT_TRUE(server.Start()) << server.Log();
  Client c(server.port());
  ASSERT_EQ(c.Login("staffer", kPassword).status, 200);
  auto r = c.Get("/api/screen");
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find("no public data imported yet"), std::string::npos);
  EXPECT_EQ(c.Get("/api/datasets").status, 200);
  auto cli = RunScij({"screen", "--data-dir", dir.path() + "/var"});
  EXPECT_EQ(cli.exit_code, 1);
  EXPECT_NE(cli.err.find("scij data import"), std::string::npos);
}

}  // namespace
}  // namespace scij::testing
