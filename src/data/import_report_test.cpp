#include "data/import_report.hpp"

#include <gtest/gtest.h>

namespace scij::data {
namespace {

TEST(ProblemLogTest, CountsEverythingAndCapsDetailsButKeepsSomeOfEachCategory) {
  ProblemLog log(3);
  for (int i = 0; i < 10; ++i) log.Add("f.csv:" + std::to_string(i + 2), "bad number", "x");
  log.Add("f.csv:20", "duplicate key", "FIPS 01001 already on line 3");
  EXPECT_EQ(log.count(), 11);
  EXPECT_EQ(log.CountOf("bad number"), 10);
  EXPECT_EQ(log.CountOf("duplicate key"), 1);
  EXPECT_EQ(log.CountOf("other"), 0);
  // 3 by the cap, up to kMinDetailsPerCategory of each category.
  EXPECT_EQ(log.DetailsOf("bad number").size(), ProblemLog::kMinDetailsPerCategory);
  ASSERT_EQ(log.DetailsOf("duplicate key").size(), 1u);
  EXPECT_EQ(log.DetailsOf("duplicate key")[0], "f.csv:20: duplicate key: FIPS 01001 already on line 3");
  EXPECT_EQ(log.details()[0], "f.csv:2: bad number: x");
  ASSERT_EQ(log.categories().size(), 2u);
  EXPECT_EQ(log.categories()[0].first, "bad number");
}

TEST(JoinStepTest, OutcomesAndExamples) {
  JoinStep step;
  step.name = "institutions -> county";
  for (int i = 0; i < 10; ++i) step.Count("not found", "example " + std::to_string(i));
  step.Count("found", {}, 100);
  EXPECT_EQ(step.CountOf("not found"), 10);
  EXPECT_EQ(step.CountOf("found"), 100);
  ASSERT_EQ(step.outcomes.size(), 2u);
  EXPECT_EQ(step.outcomes[0].examples.size(), JoinStep::kExamplesPerOutcome);
  JoinReport report;
  report.steps.push_back(step);
  EXPECT_NE(report.Find("institutions -> county"), nullptr);
  EXPECT_EQ(report.Find("nope"), nullptr);
}

TEST(FormatImportSummaryTest, ShowsCountsReasonsAndFiles) {
  ImportReport report;
  DatasetReport d;
  d.kind = DatasetKind::kErsPeople;
  d.path = "/data/acs/people.csv";
  d.vintage = "ACS 2017-2021 5-year";
  d.rows_read = 3;
  d.rows_loaded = 2;
  d.Skip("people.csv:4", "bad FIPS", "FIPS 'x'");
  report.datasets.push_back(d);
  report.skipped_files.push_back({"/data/README.md", "unrecognized file"});
  report.failed_files.push_back({"/data/hd.csv", "required column 'COUNTYCD' is missing"});
  JoinStep step;
  step.name = "counties -> CBSA";
  step.total = 2;
  step.matched = 1;
  step.Count("outside every CBSA", "01001 Autauga");
  report.joins.steps.push_back(step);
  const std::string text = FormatImportSummary(report);
  EXPECT_NE(text.find("ers_people  /data/acs/people.csv"), std::string::npos);
  EXPECT_NE(text.find("read 3, loaded 2, skipped 1"), std::string::npos);
  EXPECT_NE(text.find("people.csv:4: bad FIPS: FIPS 'x'"), std::string::npos);
  EXPECT_NE(text.find("/data/README.md: unrecognized file"), std::string::npos);
  EXPECT_NE(text.find("FAILED"), std::string::npos);
  EXPECT_NE(text.find("counties -> CBSA: 1 of 2 joined"), std::string::npos);
  EXPECT_NE(text.find("e.g. 01001 Autauga"), std::string::npos);
  EXPECT_EQ(text.find("UNACCOUNTED"), std::string::npos);
  d.rows_read = 10;
  report.datasets = {d};
  EXPECT_NE(FormatImportSummary(report).find("UNACCOUNTED"), std::string::npos);
}

TEST(WithThousandsTest, Groups) {
  EXPECT_EQ(WithThousands(329725481), "329,725,481");
  EXPECT_EQ(WithThousands(999), "999");
  EXPECT_EQ(WithThousands(-1000), "-1,000");
  EXPECT_EQ(WithThousands(0), "0");
}

}  // namespace
}  // namespace scij::data
