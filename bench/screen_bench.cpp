// bench/screen: the full national screen and the network expansion planner on the real public data
// (../shared/data: ACS foreign-born by county, Census centers of population and Gazetteer, OMB
// delineation, IPEDS, Carnegie), one thread.
//
//   screen_bench --benchmark_repetitions=10 --benchmark_report_aggregates_only
//
// Targets (issue 3): the screen of every institution with all three area figures at radius 25
// miles <= 20 ms; the planner for K = 25 with the current partners as the network <= 200 ms.
// Loading the files and building the ScreenIndex happen once, before timing (they run once per
// import in the product). Before the benchmarks, a summary of the real data's answers is printed
// to stderr: institutions per Q1 and Q3 status for each area, and the planner's first picks.
// Without the data directory every benchmark is skipped with a message saying where it looked.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "data/snapshot_loader.hpp"
#include "domain/screen/explain.hpp"
#include "domain/screen/planner.hpp"
#include "domain/screen/screen.hpp"

namespace {

using scij::screen::AnswerStatus;
using scij::screen::ScreenIndex;
using scij::screen::ScreenParams;
using scij::screen::ScreenResult;

// The current partners (DOMAIN.md P8), found by their IPEDS names at run time.
constexpr std::array<const char*, 3> kPartnerNames = {"University of Massachusetts-Boston",
                                                      "Brown University", "Worcester State University"};

struct Fixture {
  std::unique_ptr<ScreenIndex> index;
  std::vector<std::int64_t> partners;
  std::string error;  // why the benchmarks are skipped
};

const Fixture& Data() {
  static const Fixture fixture = [] {
    Fixture f;
    const std::filesystem::path root(SCIJ_SHARED_DATA_DIR);
    std::vector<std::string> dirs;
    for (const char* sub : {"acs", "geo", "colleges"}) {
      const std::filesystem::path dir = root / sub;
      if (!std::filesystem::is_directory(dir)) {
        f.error = "public data not found at " + dir.string() + " (set SCIJ_SHARED_DATA_DIR); skipping";
        return f;
      }
      dirs.push_back(dir.string());
    }
    scij::data::ImportReport report;
    auto snapshot = scij::data::LoadSnapshotFromFiles(dirs, &report);
    if (!snapshot.ok()) {
      f.error = "loading the public data failed: " + snapshot.error().message;
      return f;
    }
    f.index = std::make_unique<ScreenIndex>(ScreenIndex::Build(std::move(*snapshot)));
    for (const char* name : kPartnerNames) {
      const std::vector<std::uint32_t> found = f.index->FindInstitutionsByName(name);
      if (found.empty()) {
        std::fprintf(stderr, "warning: partner \"%s\" not found in the snapshot\n", name);
        continue;
      }
      f.partners.push_back(f.index->snapshot().institutions[found.front()].unitid);
    }
    return f;
  }();
  return fixture;
}

scij::screen::PartnershipFacts Facts(const Fixture& f) { return {.partner_unitids = f.partners}; }

void BM_ScreenRadius25(benchmark::State& state) {
  const Fixture& f = Data();
  if (!f.index) {
    state.SkipWithError(f.error.c_str());
    return;
  }
  ScreenParams params;  // area radius, 25 miles: all three area figures are computed for every school
  const auto facts = Facts(f);
  ScreenResult result;
  if (!scij::screen::RunScreenInto(*f.index, params, facts, &result).ok()) {
    state.SkipWithError("screen failed");
    return;
  }
  for (auto _ : state) {
    const auto status = scij::screen::RunScreenInto(*f.index, params, facts, &result);
    benchmark::DoNotOptimize(status);
    benchmark::DoNotOptimize(result.schools.data());
    benchmark::ClobberMemory();
  }
  state.counters["institutions"] = static_cast<double>(result.schools.size());
  state.counters["per_school_ns"] =
      benchmark::Counter(static_cast<double>(result.schools.size()),
                         benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_ScreenRadius25)->Unit(benchmark::kMillisecond);

void BM_PlannerK25(benchmark::State& state) {
  const Fixture& f = Data();
  if (!f.index) {
    state.SkipWithError(f.error.c_str());
    return;
  }
  const auto screen = scij::screen::RunScreen(*f.index, ScreenParams{}, Facts(f));
  if (!screen.ok()) {
    state.SkipWithError("screen failed");
    return;
  }
  scij::screen::PlannerParams params;
  params.k = 25;
  std::size_t evaluations = 0;
  std::size_t candidates = 0;
  for (auto _ : state) {
    auto plan = scij::screen::PlanExpansion(*f.index, *screen, f.partners, params);
    benchmark::DoNotOptimize(plan);
    evaluations = plan->gain_evaluations;
    candidates = plan->candidates;
  }
  state.counters["candidates"] = static_cast<double>(candidates);
  state.counters["gain_evaluations"] = static_cast<double>(evaluations);
}
BENCHMARK(BM_PlannerK25)->Unit(benchmark::kMillisecond);

void PrintSummary(const Fixture& f) {
  const ScreenIndex& index = *f.index;
  const auto& stats = index.stats();
  std::fprintf(
      stderr,
      "snapshot: %zu institutions, %zu counties, %zu tracts, %zu metros, %zu legal resources; reach model: "
      "%s; planner elements: %lld\n",
      index.snapshot().institutions.size(), index.snapshot().counties.size(), index.snapshot().tracts.size(),
      index.metros().size(), index.snapshot().legal_resources.size(),
      std::string(scij::screen::ReachModelName(index.reach_model())).c_str(),
      static_cast<long long>(stats.planner_elements));
  std::fprintf(stderr,
               "index stats: %d without location, %d without county, %d counties without foreign-born\n",
               stats.institutions_without_location, stats.institutions_without_county,
               stats.counties_without_foreign_born);
  for (auto area :
       {scij::screen::AreaKind::kRadius, scij::screen::AreaKind::kMetro, scij::screen::AreaKind::kCounty}) {
    ScreenParams params;
    params.area = area;
    const auto result = scij::screen::RunScreen(index, params, Facts(f));
    std::array<int, 4> q1{};
    std::array<int, 4> q3{};
    std::array<int, 4> fit{};
    for (const auto& s : result->schools) {
      ++q1[static_cast<int>(s.q1)];
      ++q3[static_cast<int>(s.q3)];
      ++fit[static_cast<int>(s.fit)];
    }
    auto line = [](const char* what, const std::array<int, 4>& n) {
      std::fprintf(stderr, "  %-4s met %5d  likely %5d  unknown %5d  not_met %5d\n", what, n[3], n[2], n[1],
                   n[0]);
    };
    std::fprintf(stderr, "area %s%s:\n", std::string(scij::screen::AreaKindName(area)).c_str(),
                 area == scij::screen::AreaKind::kRadius ? " (25 miles)" : "");
    line("Q1", q1);
    line("Q3", q3);
    line("fit", fit);
  }
  const auto screen = scij::screen::RunScreen(index, ScreenParams{}, Facts(f));
  std::array<int, 10> reasons{};
  std::array<int, 4> q2{};
  for (const auto& s : screen->schools) {
    ++reasons[static_cast<std::size_t>(s.q3_reason)];
    ++q2[static_cast<int>(s.q2)];
  }
  std::fprintf(stderr,
               "Q3 reasons: meets band %d, near band %d, below band %d, no enrollment %d, special focus %d, "
               "not degree-granting %d, excluded sector %d, closed %d\n",
               reasons[static_cast<std::size_t>(scij::screen::Q3Reason::kMeetsBand)],
               reasons[static_cast<std::size_t>(scij::screen::Q3Reason::kNearBand)],
               reasons[static_cast<std::size_t>(scij::screen::Q3Reason::kBelowBand)],
               reasons[static_cast<std::size_t>(scij::screen::Q3Reason::kNoEnrollment)],
               reasons[static_cast<std::size_t>(scij::screen::Q3Reason::kSpecialFocus)],
               reasons[static_cast<std::size_t>(scij::screen::Q3Reason::kNotDegreeGranting)],
               reasons[static_cast<std::size_t>(scij::screen::Q3Reason::kExcludedSector)],
               reasons[static_cast<std::size_t>(scij::screen::Q3Reason::kClosed)]);
  std::fprintf(stderr, "Q2 (25 miles): likely %d, unknown %d\n", q2[2], q2[1]);
  const auto plan =
      scij::screen::PlanExpansion(index, *screen, f.partners, scij::screen::PlannerParams{.k = 25});
  std::fprintf(stderr, "partners:");
  for (std::int64_t unitid : f.partners) std::fprintf(stderr, " %lld", static_cast<long long>(unitid));
  std::fprintf(stderr, "; immigrants within 25 miles of the partners: %s\n",
               scij::screen::FormatApprox(plan->partners_covered).c_str());
  std::fprintf(stderr, "planner K=25 (%zu candidates, %zu gain evaluations):\n", plan->candidates,
               plan->gain_evaluations);
  for (std::size_t k = 0; k < plan->picks.size(); ++k) {
    const auto& p = plan->picks[k];
    const double exact = screen->schools[p.institution].reach_immigrants.value_or(0.0);
    std::fprintf(
        stderr, "  %2zu. %-55s %s %7lld  +%10s  total %11s  (own reach %s, exact %s)  Q1 %s Q3 %s fit %s\n",
        k + 1, p.name.c_str(), p.state.c_str(), static_cast<long long>(p.unitid),
        scij::screen::FormatApprox(p.marginal_gain).c_str(),
        scij::screen::FormatApprox(p.cumulative_covered).c_str(),
        scij::screen::FormatApprox(p.standalone_reach).c_str(), scij::screen::FormatApprox(exact).c_str(),
        std::string(scij::screen::StatusName(p.q1)).c_str(),
        std::string(scij::screen::StatusName(p.q3)).c_str(),
        std::string(scij::screen::StatusName(p.fit)).c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  const Fixture& f = Data();
  if (f.index) {
    PrintSummary(f);
  } else {
    std::fprintf(stderr, "%s\n", f.error.c_str());
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
