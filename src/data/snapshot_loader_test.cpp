// BuildSnapshot / LoadSnapshotFromFiles on small fixtures: the joins and geography fixes.

#include "data/snapshot_loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "data/importers.hpp"
#include "data/test_fixtures.hpp"

namespace scij::data {
namespace {

using testing::Source;
using testing::TempDir;

const std::string kPeople =
    "FIPS,State,County,TotalPopACS,ForeignBornNum,LandAreaSQMiles2020\n"
    "00000,US,United States,329725481,44844267,\n"
    "01001,AL,Autauga,58239,1241,594.4\n"
    "02063,AK,Chugach,7015,620,9529.8\n"
    "02066,AK,Copper River,2635,38,24692.1\n"
    "09001,CT,Fairfield,956446,213548,625.0\n"
    "09009,CT,New Haven,863700,122000,604.5\n"
    "72001,PR,Adjuntas,18068,,66.7\n";

const std::string kCenters =
    "STATEFP,COUNTYFP,COUNAME,STNAME,POPULATION,LATITUDE,LONGITUDE\n"
    "02,063,Chugach,Alaska,7102,+60.881369,-146.199156\n"
    "02,066,Copper River,Alaska,2617,+62.060769,-145.032939\n"
    "09,001,Fairfield,Connecticut,957419,+41.206021,-073.367214\n"
    "09,009,New Haven,Connecticut,864835,+41.396593,-072.942327\n"
    "72,001,Adjuntas,Puerto Rico,18020,+18.180000,-066.750000\n";

const std::string kGazetteer =
    "AL,01001,00161526,Autauga County,1539602137,25706961,594.444,9.926,32.532237,-86.64644\n"
    "CT,09001,00212338,Fairfield County,1618664574,549280573,624.970,212.077,41.268,-73.388\n"
    "CT,09009,00212798,New Haven County,1565717139,158836405,604.525,61.327,41.350,-72.900\n"
    "PR,72001,01804480,Adjuntas Municipio,172725764,0,66.690,0.000,18.180,-66.750\n";

const std::string kListHeader =
    "CBSA Code,Metropolitan Division Code,CSA Code,CBSA Title,Metropolitan/Micropolitan Statistical Area,"
    "Metropolitan Division Title,CSA Title,County/County Equivalent,State Name,FIPS State Code,FIPS County "
    "Code,Central/Outlying County\n";

const std::string kList2020 =
    kListHeader +
    "14860,,408,\"Bridgeport-Stamford-Norwalk, CT\",Metropolitan Statistical Area,,,Fairfield "
    "County,Connecticut,09,001,Central\n"
    "35300,,408,\"New Haven-Milford, CT\",Metropolitan Statistical Area,,,New Haven "
    "County,Connecticut,09,009,Central\n"
    "33860,,388,\"Montgomery, AL\",Metropolitan Statistical Area,,,Autauga "
    "County,Alabama,01,001,Outlying\n";

const std::string kList2023 =
    kListHeader +
    "14860,,408,\"Bridgeport-Stamford-Danbury, CT\",Metropolitan Statistical Area,,,Western "
    "Connecticut Planning Region,Connecticut,09,190,Central\n"
    "35300,,408,\"New Haven, CT\",Metropolitan Statistical Area,,,South Central Connecticut "
    "Planning Region,Connecticut,09,170,Central\n"
    "33860,,388,\"Montgomery, AL\",Metropolitan Statistical Area,,,Autauga "
    "County,Alabama,01,001,Outlying\n";

const std::string kHd =
    "UNITID,INSTNM,CITY,STABBR,SECTOR,CONTROL,ICLEVEL,DEGGRANT,C21BASIC,HBCU,TRIBAL,CYACTIVE,CLOSEDAT,CBSA,"
    "COUNTYCD,"
    "LATITUDE,LONGITUD\n"
    "100001,Autauga College,Prattville,AL,1,1,1,1,18,2,2,1,-2,33860,1001,32.46,-86.47\n"
    "100002,New Haven College,New Haven,CT,2,2,1,1,19,2,2,1,-2,35300,9170,41.3083,-72.9279\n"
    "100003,Bridgeport College,Bridgeport,CT,2,2,1,1,-2,2,2,1,-2,14860,9120,41.1792,-73.1894\n"
    "100004,Valdez College,Valdez,AK,4,1,2,1,1,2,2,1,-2,-2,2261,61.1308,-146.3483\n"
    "100005,Adjuntas College,Adjuntas,PR,1,1,1,1,21,2,2,1,-2,-2,72001,18.16,-66.72\n"
    "100006,Guam College,Mangilao,GU,1,1,1,1,21,2,2,1,-2,-2,66010,13.43,144.8\n"
    "100007,Micronesia College,Palikir,FM,4,1,2,1,-2,2,2,3,6/30/23,-2,-2,6.91,158.16\n"
    "100008,Los Angeles College,Los Angeles,CA,2,2,1,1,31,2,2,1,-2,31080,6037,34.05,-118.24\n"
    "100009,Nowhere CT College,Hartford,CT,2,2,1,1,19,2,2,1,-2,25540,9110,-2,-2\n";

const std::string kEnrollment =
    "UnitID,Institution Name,ENR_TOTAL,ENR_UG,ENR_UGD,ENR_CERT,ENR_GRAD\n"
    "100001,Autauga College,5200,5000,4900,100,200\n"
    "100002,New Haven College,3629,,,,3629\n"
    "100005,Adjuntas College,,,,,\n"
    "900001,Gone College,10,10,10,,\n";

const std::string kCarnegie =
    "unitid,name,basic2021,ugtenr20,hsi,msi\n"
    "100003,Bridgeport College,19,4000,1,1\n"
    "100001,Autauga College,17,4800,0,0\n"
    "900002,Merged College,15,20000,0,0\n";

ImportBundle FixtureBundle() {
  ImportBundle bundle;
  auto add = [&bundle](auto result, auto& into) {
    ASSERT_TRUE(result.ok()) << result.error().message;
    bundle.report.datasets.push_back(result->report);
    into.push_back(std::move(*result));
  };
  add(ImportErsPeople(Source("Updated_People.csv", kPeople)), bundle.county_populations);
  add(ImportCountyPopulationCenters(Source("CenPop2020_Mean_CO.txt", kCenters)), bundle.county_centers);
  add(ImportGazetteerCounties(Source("2019_Gaz_counties_national.txt", kGazetteer)),
      bundle.gazetteer_counties);
  add(ImportCbsaDelineation(Source("list1_2023.csv", kList2023)), bundle.cbsa_delineations);
  add(ImportCbsaDelineation(Source("list1_2020.csv", kList2020)), bundle.cbsa_delineations);
  add(ImportIpedsDirectory(Source("hd2023.csv", kHd)), bundle.institutions);
  add(ImportIpedsFallEnrollment(Source("enrollment.csv", kEnrollment)), bundle.enrollments);
  add(ImportCarnegieData(Source("carnegie.csv", kCarnegie)), bundle.carnegie);
  return bundle;
}

const screen::County& CountyOf(const screen::Snapshot& snapshot, std::string_view fips) {
  auto it = std::find_if(snapshot.counties.begin(), snapshot.counties.end(),
                         [&](const screen::County& c) { return c.fips == fips; });
  if (it == snapshot.counties.end()) throw std::runtime_error("no county " + std::string(fips));
  return *it;
}

const screen::Institution& InstitutionOf(const screen::Snapshot& snapshot, std::int64_t unitid) {
  auto it = std::find_if(snapshot.institutions.begin(), snapshot.institutions.end(),
                         [&](const screen::Institution& i) { return i.unitid == unitid; });
  if (it == snapshot.institutions.end()) throw std::runtime_error("no institution " + std::to_string(unitid));
  return *it;
}

TEST(BuildSnapshotTest, CountiesCentersLandAndCbsas) {
  const ImportBundle bundle = FixtureBundle();
  JoinReport joins;
  auto snapshot = BuildSnapshot(bundle, &joins);
  ASSERT_TRUE(snapshot.ok()) << snapshot.error().message;
  ASSERT_EQ(snapshot->counties.size(), 6u);  // 5 with foreign-born + Adjuntas (not published)
  EXPECT_TRUE(std::is_sorted(snapshot->counties.begin(), snapshot->counties.end(),
                             [](const auto& a, const auto& b) { return a.fips < b.fips; }));

  const screen::County& autauga = CountyOf(*snapshot, "01001");
  EXPECT_EQ(autauga.foreign_born, 1241);
  EXPECT_TRUE(autauga.has_center);
  EXPECT_FALSE(autauga.center_is_population_weighted);  // no CenPop row: Gazetteer internal point
  EXPECT_DOUBLE_EQ(autauga.center.lat, 32.532237);
  EXPECT_DOUBLE_EQ(autauga.land_sqmi, 594.444);
  EXPECT_EQ(autauga.cbsa_code, "33860");

  const screen::County& chugach = CountyOf(*snapshot, "02063");
  EXPECT_TRUE(chugach.center_is_population_weighted);
  EXPECT_DOUBLE_EQ(chugach.land_sqmi, 9529.8);  // not in the 2019 Gazetteer: ERS land area
  EXPECT_TRUE(chugach.cbsa_code.empty());

  const screen::County& adjuntas = CountyOf(*snapshot, "72001");
  EXPECT_FALSE(adjuntas.foreign_born.has_value());
  EXPECT_EQ(adjuntas.total_population, 18068);

  // list1_2020 matches the old Connecticut counties; list1_2023 does not.
  EXPECT_EQ(CountyOf(*snapshot, "09001").cbsa_code, "14860");
  EXPECT_EQ(CountyOf(*snapshot, "09009").cbsa_code, "35300");
  ASSERT_EQ(snapshot->metros.size(), 3u);
  EXPECT_EQ(snapshot->metros[0].cbsa_code, "14860");
  EXPECT_EQ(snapshot->metros[0].title, "Bridgeport-Stamford-Norwalk, CT");
  EXPECT_TRUE(snapshot->metros[0].metropolitan);

  const JoinStep* land = joins.Find("counties -> land area");
  ASSERT_NE(land, nullptr);
  EXPECT_EQ(land->CountOf("ERS LandAreaSQMiles2020 (not in the Gazetteer)"), 2);
  const JoinStep* centers = joins.Find("counties -> center point");
  ASSERT_NE(centers, nullptr);
  EXPECT_EQ(centers->CountOf("Gazetteer internal point (no CenPop row)"), 1);
  const JoinStep* cbsa = joins.Find("counties -> CBSA");
  ASSERT_NE(cbsa, nullptr);
  EXPECT_EQ(cbsa->matched, 3);
  EXPECT_EQ(cbsa->CountOf("outside every CBSA (not in the delineation)"), 3);
}

TEST(BuildSnapshotTest, InstitutionCountiesFollowTheGeographyRules) {
  const ImportBundle bundle = FixtureBundle();
  JoinReport joins;
  auto snapshot = BuildSnapshot(bundle, &joins);
  ASSERT_TRUE(snapshot.ok());
  ASSERT_EQ(snapshot->institutions.size(), 9u);
  EXPECT_EQ(InstitutionOf(*snapshot, 100001).county_fips, "01001");  // direct
  EXPECT_EQ(InstitutionOf(*snapshot, 100002).county_fips, "09009");  // region 09170 -> New Haven
  EXPECT_EQ(InstitutionOf(*snapshot, 100003).county_fips, "09001");  // region 09120 -> Fairfield
  EXPECT_EQ(InstitutionOf(*snapshot, 100004).county_fips, "02063");  // 02261 -> Chugach (nearest)
  EXPECT_EQ(InstitutionOf(*snapshot, 100005).county_fips, "72001");  // PR: county without foreign-born
  EXPECT_EQ(InstitutionOf(*snapshot, 100006).county_fips, "");       // Guam
  EXPECT_EQ(InstitutionOf(*snapshot, 100007).county_fips, "");       // no code
  EXPECT_EQ(InstitutionOf(*snapshot, 100008).county_fips, "");       // not in the population data
  EXPECT_EQ(InstitutionOf(*snapshot, 100009).county_fips, "");       // CT region, no coordinates
  const JoinStep* step = joins.Find("institutions -> county of the population data");
  ASSERT_NE(step, nullptr);
  EXPECT_EQ(step->total, 9);
  EXPECT_EQ(step->matched, 5);
  EXPECT_EQ(step->CountOf("COUNTYCD found in the population data"), 1);
  EXPECT_EQ(step->CountOf(
                "Connecticut planning region (09110-09190) -> nearest old county by center of population"),
            2);
  EXPECT_EQ(step->CountOf(
                "Alaska code not in the population data -> nearest Alaska county by center of population"),
            1);
  EXPECT_EQ(step->CountOf("COUNTYCD found; the county's foreign-born figure is not published (Puerto Rico)"),
            1);
  EXPECT_EQ(step->CountOf("island area without ACS county data (no foreign-born counts)"), 1);
  EXPECT_EQ(step->CountOf("no county code in HD (COUNTYCD -2)"), 1);
  EXPECT_EQ(step->CountOf("county not in the population data"), 1);
  EXPECT_EQ(
      step->CountOf(
          "Connecticut/Alaska code not matched: no campus coordinates or no county centers to place it"),
      1);

  const screen::Institution& micronesia = InstitutionOf(*snapshot, 100007);
  EXPECT_FALSE(micronesia.active);
  EXPECT_TRUE(micronesia.closed);
  EXPECT_FALSE(InstitutionOf(*snapshot, 100009).has_location);
  EXPECT_EQ(InstitutionOf(*snapshot, 100002).cbsa_code, "35300");  // HD CBSA kept
}

TEST(BuildSnapshotTest, EnrollmentAndCarnegieJoinOnUnitid) {
  const ImportBundle bundle = FixtureBundle();
  JoinReport joins;
  auto snapshot = BuildSnapshot(bundle, &joins);
  ASSERT_TRUE(snapshot.ok());
  const screen::Institution& autauga = InstitutionOf(*snapshot, 100001);
  EXPECT_EQ(autauga.undergrad_enrollment, 5000);  // IPEDS fall wins over Carnegie's 2020 figure
  EXPECT_EQ(autauga.undergrad_source, screen::UndergradSource::kIpedsFall);
  EXPECT_EQ(autauga.carnegie_basic, 18);  // HD C21BASIC wins
  EXPECT_EQ(autauga.hsi, false);
  const screen::Institution& new_haven = InstitutionOf(*snapshot, 100002);
  EXPECT_EQ(new_haven.undergrad_enrollment, 0);  // graduate students only
  EXPECT_EQ(new_haven.undergrad_source, screen::UndergradSource::kIpedsFall);
  EXPECT_FALSE(new_haven.hsi.has_value());  // not in Carnegie
  const screen::Institution& bridgeport = InstitutionOf(*snapshot, 100003);
  EXPECT_EQ(bridgeport.undergrad_enrollment, 4000);
  EXPECT_EQ(bridgeport.undergrad_source, screen::UndergradSource::kCarnegie);
  EXPECT_EQ(bridgeport.carnegie_basic, -2);  // HD says not classified
  EXPECT_EQ(bridgeport.hsi, true);
  EXPECT_EQ(bridgeport.msi, true);
  const screen::Institution& adjuntas = InstitutionOf(*snapshot, 100005);
  EXPECT_FALSE(adjuntas.undergrad_enrollment.has_value());
  EXPECT_EQ(adjuntas.undergrad_source, screen::UndergradSource::kNone);

  const JoinStep* enrollment = joins.Find("fall enrollment -> institutions");
  ASSERT_NE(enrollment, nullptr);
  EXPECT_EQ(enrollment->total, 4);
  EXPECT_EQ(enrollment->matched, 3);
  const JoinStep* carnegie = joins.Find("Carnegie -> institutions");
  ASSERT_NE(carnegie, nullptr);
  EXPECT_EQ(carnegie->total - carnegie->matched, 1);

  // The law school (Carnegie basic 31) is a legal resource.
  ASSERT_EQ(snapshot->legal_resources.size(), 1u);
  EXPECT_EQ(snapshot->legal_resources[0].kind, screen::LegalResourceKind::kLawSchool);
  EXPECT_EQ(snapshot->legal_resources[0].unitid, 100008);

  // Data set infos name what the answers rest on.
  auto has_kind = [&](screen::DatasetKind kind) {
    return std::any_of(snapshot->datasets.begin(), snapshot->datasets.end(),
                       [&](const screen::DatasetInfo& d) { return d.kind == kind; });
  };
  EXPECT_TRUE(has_kind(screen::DatasetKind::kAcsCountyForeignBorn));
  EXPECT_TRUE(has_kind(screen::DatasetKind::kCountyCenters));
  EXPECT_TRUE(has_kind(screen::DatasetKind::kGazetteerCounties));
  EXPECT_TRUE(has_kind(screen::DatasetKind::kCbsaDelineation));
  EXPECT_TRUE(has_kind(screen::DatasetKind::kIpedsDirectory));
  EXPECT_TRUE(has_kind(screen::DatasetKind::kIpedsEnrollment));
  EXPECT_TRUE(has_kind(screen::DatasetKind::kCarnegie));
  EXPECT_TRUE(has_kind(screen::DatasetKind::kLegalResources));
  const auto acs = std::find_if(snapshot->datasets.begin(), snapshot->datasets.end(), [](const auto& d) {
    return d.kind == screen::DatasetKind::kAcsCountyForeignBorn;
  });
  EXPECT_EQ(acs->vintage, "ACS 2017-2021 5-year");
  EXPECT_EQ(acs->rows, 5);
  const auto delineation =
      std::find_if(snapshot->datasets.begin(), snapshot->datasets.end(),
                   [](const auto& d) { return d.kind == screen::DatasetKind::kCbsaDelineation; });
  EXPECT_EQ(delineation->vintage, "OMB Bulletin 20-01 (March 2020)");
}

TEST(BuildSnapshotTest, TractsTakeTheirPointFromCentersThenGazetteer) {
  ImportBundle bundle = FixtureBundle();
  auto tracts = ImportAcsTractForeignBorn(
      Source("tracts.json",
             "[[\"NAME\",\"B05002_001E\",\"B05002_013E\",\"state\",\"county\",\"tract\"],\n"
             "[\"Tract 1\",\"1000\",\"100\",\"09\",\"009\",\"140100\"],\n"
             "[\"Tract 2\",\"2000\",\"300\",\"09\",\"009\",\"140200\"],\n"
             "[\"Tract 3\",\"3000\",\"10\",\"09\",\"009\",\"140300\"]]"));
  ASSERT_TRUE(tracts.ok());
  bundle.report.datasets.push_back(tracts->report);
  bundle.tract_populations.push_back(std::move(*tracts));
  auto centers = ImportTractPopulationCenters(
      Source("CenPop2020_Mean_TR.txt",
             "STATEFP,COUNTYFP,TRACTCE,POPULATION,LATITUDE,LONGITUDE\n09,009,140100,1000,+41.30,-072.92\n"));
  ASSERT_TRUE(centers.ok());
  bundle.tract_centers.push_back(std::move(*centers));
  auto gazetteer = ImportGazetteerTracts(
      Source("2020_Gaz_tracts_09.txt", "CT\t09009140200\t1\t1\t1.0\t0.0\t41.31\t-72.93\n"));
  ASSERT_TRUE(gazetteer.ok());
  bundle.gazetteer_tracts.push_back(std::move(*gazetteer));

  JoinReport joins;
  auto snapshot = BuildSnapshot(bundle, &joins);
  ASSERT_TRUE(snapshot.ok());
  ASSERT_EQ(snapshot->tracts.size(), 2u);
  EXPECT_EQ(snapshot->tracts[0].geoid, "09009140100");
  EXPECT_EQ(snapshot->tracts[0].county_fips, "09009");
  EXPECT_DOUBLE_EQ(snapshot->tracts[0].point.lat, 41.30);
  EXPECT_EQ(snapshot->tracts[0].foreign_born, 100);
  EXPECT_DOUBLE_EQ(snapshot->tracts[1].point.lat, 41.31);
  const JoinStep* step = joins.Find("tracts -> point");
  ASSERT_NE(step, nullptr);
  EXPECT_EQ(step->CountOf("no point: tract not loaded"), 1);
}

TEST(BuildSnapshotTest, EmptyBundleIsRefused) {
  auto snapshot = BuildSnapshot(ImportBundle{});
  ASSERT_FALSE(snapshot.ok());
  EXPECT_EQ(snapshot.error().code, ErrorCode::kFailedPrecondition);
}

TEST(BuildSnapshotTest, InstitutionsWithoutPopulationData) {
  ImportBundle bundle;
  auto hd = ImportIpedsDirectory(Source("hd2023.csv", kHd));
  ASSERT_TRUE(hd.ok());
  bundle.report.datasets.push_back(hd->report);
  bundle.institutions.push_back(std::move(*hd));
  JoinReport joins;
  auto snapshot = BuildSnapshot(bundle, &joins);
  ASSERT_TRUE(snapshot.ok());
  EXPECT_EQ(snapshot->institutions.size(), 9u);
  EXPECT_TRUE(snapshot->counties.empty());
  const JoinStep* step = joins.Find("institutions -> county of the population data");
  ASSERT_NE(step, nullptr);
  EXPECT_EQ(step->CountOf("no county population data set loaded"), 9);
}

TEST(LoadSnapshotFromFilesTest, ReadsADirectoryAndReportsEverything) {
  TempDir dir;
  dir.Write("acs/Updated_People.csv.gz", testing::Gzip(kPeople));
  dir.Write("geo/CenPop2020_Mean_CO.txt", kCenters);
  dir.Write("geo/2019_Gaz_counties_national.txt", kGazetteer);
  dir.Write("geo/list1_2020.csv", kList2020);
  dir.Write("geo/list1_2023.csv", kList2023);
  dir.Write("geo/README.md", "not data\n");
  dir.Write("colleges/hd2023.csv", kHd);
  ImportReport report;
  std::uint64_t last_done = 0;
  auto snapshot =
      LoadSnapshotFromFiles({dir.path() + "/acs", dir.path() + "/geo", dir.path() + "/colleges"}, &report,
                            [&](std::uint64_t done, std::uint64_t) { last_done = done; });
  ASSERT_TRUE(snapshot.ok()) << snapshot.error().message;
  EXPECT_EQ(report.datasets.size(), 6u);
  EXPECT_EQ(report.skipped_files.size(), 1u);
  EXPECT_FALSE(report.joins.steps.empty());
  EXPECT_GT(last_done, 0u);
  EXPECT_EQ(snapshot->counties.size(), 6u);
  EXPECT_EQ(InstitutionOf(*snapshot, 100002).county_fips, "09009");
  const std::string summary = FormatImportSummary(report);
  EXPECT_NE(summary.find("Joins and geography fixes"), std::string::npos);
  EXPECT_NE(summary.find("list1_2020.csv"), std::string::npos);
  EXPECT_FALSE(LoadSnapshotFromFiles({dir.path() + "/missing"}, &report).ok());
}

}  // namespace
}  // namespace scij::data
