// scij data import|list|remove|legal-import, scij screen, scij school UNITID, scij plan --add K
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "data/import_files.hpp"
#include "domain/common/csv.hpp"
#include "domain/screen/explain.hpp"
#include "domain/screen/planner.hpp"
#include "domain/screen/ranking.hpp"
#include "services/site_selection.hpp"

namespace scij::cli {
namespace {

using screen::AnswerStatus;

services::Actor CliServiceActor() {
  auth::Actor a = CliActor();
  return {std::nullopt, a.username, "cli", ""};
}

void ProgressBar(std::uint64_t done, std::uint64_t total, const std::string& label) {
  if (!::isatty(2) || total == 0) return;
  int width = 30;
  int filled = static_cast<int>(static_cast<double>(done) / static_cast<double>(total) * width);
  std::cerr << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
            << std::string(static_cast<std::size_t>(width - filled), ' ') << "] " << std::setw(3)
            << (done * 100 / total) << "%  " << label.substr(0, 40) << std::string(10, ' ') << std::flush;
}

Result<std::string> ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidArgument("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Status3(AnswerStatus a) { return std::string(screen::StatusName(a)); }

std::string Approx(const std::optional<double>& v) { return v ? screen::FormatApprox(*v) : "-"; }
std::string Count(const std::optional<std::int64_t>& v) { return v ? screen::FormatCount(*v) : "-"; }

struct Loaded {
  std::unique_ptr<store::Store> store;
  SystemClock clock;
  std::unique_ptr<services::SiteSelectionService> sites;
};

Result<std::unique_ptr<Loaded>> LoadSites(const Config& config) {
  auto l = std::make_unique<Loaded>();
  auto store = OpenStore(config);
  if (!store.ok()) return store.error();
  l->store = std::move(store).value();
  l->sites = std::make_unique<services::SiteSelectionService>(*l->store, l->clock);
  SCIJ_RETURN_IF_ERROR(l->sites->Reload());
  if (!l->sites->Current()->HasPublicData()) {
    return InvalidArgument("no public data imported yet: run scij data import FILES_OR_DIRS first");
  }
  return l;
}

Result<screen::ScreenParams> ParamsFrom(const ScreenArgs& a) {
  screen::ScreenParams p;
  if (a.area == "county") {
    p.area = screen::AreaKind::kCounty;
  } else if (a.area == "metro") {
    p.area = screen::AreaKind::kMetro;
  } else if (a.area.rfind("radius", 0) == 0) {
    p.area = screen::AreaKind::kRadius;
    if (a.area.size() > 6) {
      if (a.area[6] != ':') return InvalidArgument("--area must be county, metro or radius:MILES", "area");
      try {
        std::size_t used = 0;
        p.radius_miles = std::stod(a.area.substr(7), &used);
        if (used != a.area.size() - 7) throw std::invalid_argument("trailing");
      } catch (const std::exception&) {
        return InvalidArgument("--area radius:MILES needs a number of miles (got '" + a.area + "')", "area");
      }
    }
  } else {
    return InvalidArgument("--area must be county, metro or radius:MILES (got '" + a.area + "')", "area");
  }
  if (a.radius > 0) p.radius_miles = a.radius;
  if (a.min_immigrants >= 0) p.q1_min_immigrants = a.min_immigrants;
  if (a.q3_likely >= 0) p.q3_likely_undergrad = a.q3_likely;
  if (a.q3_met >= 0) p.q3_met_undergrad = a.q3_met;
  SCIJ_RETURN_IF_ERROR(screen::ValidateParams(p));
  return p;
}

}  // namespace

int RunDataImport(const Config& config, const std::vector<std::string>& paths) {
  auto files = data::CollectFiles(paths);
  if (!files.ok()) return Fail(files.error());
  auto store = OpenStore(config);
  if (!store.ok()) return Fail(store.error());
  SystemClock clock;
  services::SiteSelectionService sites(**store, clock);
  std::uint64_t total = 0, done = 0;
  for (const auto& f : *files) {
    std::error_code ec;
    total += std::filesystem::file_size(f, ec);
  }
  int failed = 0;
  std::vector<std::string> not_data;
  for (const auto& path : *files) {
    ProgressBar(done, total, std::filesystem::path(path).filename().string());
    auto bytes = ReadAll(path);
    if (!bytes.ok()) {
      std::cerr << "\n" << bytes.error().message << "\n";
      ++failed;
      continue;
    }
    done += bytes->size();
    auto r = sites.ImportFile(path, std::move(bytes).value(), CliServiceActor(), /*reload=*/false);
    if (!r.ok()) return Fail(r.error());
    if (!r->stored) {
      if (r->kind.empty() && r->reason.find("cannot") == std::string::npos && r->rows_read == 0) {
        not_data.push_back(r->file_name + ": " + r->reason);
      } else {
        std::cerr << (::isatty(2) ? "\n" : "") << "scij: " << r->file_name << " not imported: " << r->reason
                  << "\n";
        ++failed;
      }
    }
  }
  ProgressBar(total, total, "building the national snapshot");
  if (::isatty(2)) std::cerr << "\n";
  if (Status s = sites.Reload(); !s.ok()) return Fail(s.error());
  auto current = sites.Current();
  std::cout << data::FormatImportSummary(current->report);
  if (!not_data.empty()) {
    std::cout << "\nNot data files (left aside):\n";
    for (const auto& n : not_data) std::cout << "  " << n << "\n";
  }
  const auto& snap = current->index.snapshot();
  std::cout << "\nNational snapshot: " << snap.counties.size() << " counties, " << snap.metros.size()
            << " metros, " << snap.institutions.size() << " institutions, " << snap.tracts.size()
            << " tracts, " << snap.legal_resources.size()
            << " legal resources; reach model: " << screen::ReachModelName(current->index.reach_model())
            << "\n";
  return failed ? kExitUserError : kExitOk;
}

int RunDataList(const Config& config) {
  auto store = OpenStore(config);
  if (!store.ok()) return Fail(store.error());
  std::vector<store::DatasetFile> files;
  Status s = (*store)->Read([&](store::Repositories& r) -> Status {
    auto l = r.Datasets().List(false);
    if (!l.ok()) return l.error();
    files = std::move(l).value();
    return {};
  });
  if (!s.ok()) return Fail(s.error());
  if (files.empty()) {
    std::cout << "no public data imported yet (scij data import FILES_OR_DIRS)\n";
    return kExitOk;
  }
  std::cout << std::left << std::setw(42) << "FILE" << std::setw(28) << "KIND" << std::setw(26) << "VINTAGE"
            << std::right << std::setw(9) << "LOADED" << std::setw(9) << "SKIPPED"
            << "  IMPORTED BY\n";
  for (const auto& f : files) {
    std::cout << std::left << std::setw(42) << f.file_name.substr(0, 41) << std::setw(28)
              << f.kind.substr(0, 27) << std::setw(26) << f.vintage.substr(0, 25) << std::right
              << std::setw(9) << f.rows_loaded << std::setw(9) << f.rows_skipped << "  " << f.imported_by
              << "\n";
  }
  return kExitOk;
}

int RunDataRemove(const Config& config, const std::string& name) {
  auto store = OpenStore(config);
  if (!store.ok()) return Fail(store.error());
  SystemClock clock;
  services::SiteSelectionService sites(**store, clock);
  if (Status s = sites.RemoveFile(name, CliServiceActor()); !s.ok()) return Fail(s.error());
  std::cout << "removed " << name << "\n";
  return kExitOk;
}

int RunLegalImport(const Config& config, const std::string& path) {
  auto csv = ReadAll(path);
  if (!csv.ok()) return Fail(csv.error());
  auto store = OpenStore(config);
  if (!store.ok()) return Fail(store.error());
  SystemClock clock;
  services::SiteSelectionService sites(**store, clock);
  auto n = sites.ImportLegalResourcesCsv(*csv, CliServiceActor());
  if (!n.ok()) {
    Error e = n.error();
    e.message = path + ": " + e.message;
    return Fail(e);
  }
  std::cout << "imported " << *n << " legal resources from " << path << "\n";
  return kExitOk;
}

int RunScreen(const Config& config, const ScreenArgs& args) {
  auto params = ParamsFrom(args);
  if (!params.ok()) return Fail(params.error());
  auto loaded = LoadSites(config);
  if (!loaded.ok()) return Fail(loaded.error());
  auto data = (*loaded)->sites->Current();
  const auto& index = data->index;
  auto result = screen::RunScreen(index, *params, {});
  if (!result.ok()) return Fail(result.error());
  screen::RankRequest rr;
  for (const auto& s : args.states) rr.filter.states.push_back(s);
  if (args.min_undergrad >= 0) rr.filter.min_undergrad = args.min_undergrad;
  rr.limit = args.top > 0 ? static_cast<std::size_t>(args.top) : 0;
  auto page = screen::Rank(index, *result, rr);
  const auto& insts = index.snapshot().institutions;

  if (args.format == "json") {
    std::cout << "{\"reach_model\":" << JsonQuote(screen::ReachModelName(result->reach_model))
              << ",\"total_matching\":" << page.total_matching << ",\"rows\":[";
    bool first = true;
    for (const auto& row : page.rows) {
      const auto& inst = insts[row.institution];
      const auto& s = result->schools[row.institution];
      auto num = [](const auto& v) { return v ? std::to_string(*v) : std::string("null"); };
      std::cout << (first ? "" : ",") << "\n {\"rank\":" << row.rank << ",\"unitid\":" << inst.unitid
                << ",\"name\":" << JsonQuote(inst.name) << ",\"state\":" << JsonQuote(inst.state)
                << ",\"fit\":\"" << Status3(s.fit) << "\",\"q1\":\"" << Status3(s.q1) << "\",\"q2\":\""
                << Status3(s.q2) << "\",\"q3\":\"" << Status3(s.q3)
                << "\",\"area_immigrants\":" << num(s.q1_area_immigrants) << ",\"reach_immigrants\":"
                << (s.reach_immigrants ? std::to_string(static_cast<std::int64_t>(*s.reach_immigrants))
                                       : "null")
                << ",\"undergrad\":" << num(inst.undergrad_enrollment)
                << ",\"why\":" << JsonQuote(screen::ExplainRank(index, *result, row)) << "}";
      first = false;
    }
    std::cout << "\n]}\n";
    return kExitOk;
  }
  if (args.format == "csv") {
    std::cout << "rank,unitid,name,city,state,fit,q1,q2,q3,q4,q5,area,area_immigrants,county_immigrants,"
                 "metro_immigrants,reach_immigrants,metro_share_in_reach,undergrad,why\n";
    for (const auto& row : page.rows) {
      const auto& inst = insts[row.institution];
      const auto& s = result->schools[row.institution];
      auto num = [](const auto& v) { return v ? std::to_string(*v) : std::string(); };
      std::cout << row.rank << "," << inst.unitid << "," << CsvField(inst.name) << "," << CsvField(inst.city)
                << "," << inst.state << "," << Status3(s.fit) << "," << Status3(s.q1) << "," << Status3(s.q2)
                << "," << Status3(s.q3) << "," << Status3(s.q4) << "," << Status3(s.q5) << ","
                << screen::AreaKindName(s.q1_area) << "," << num(s.q1_area_immigrants) << ","
                << num(s.county_immigrants) << "," << num(s.metro_immigrants) << ","
                << (s.reach_immigrants ? std::to_string(static_cast<std::int64_t>(*s.reach_immigrants)) : "")
                << "," << (s.metro_share_in_reach ? std::to_string(*s.metro_share_in_reach) : "") << ","
                << num(inst.undergrad_enrollment) << "," << CsvField(screen::ExplainRank(index, *result, row))
                << "\n";
    }
    return kExitOk;
  }
  std::cout << "Screen: area " << screen::AreaKindName(params->area);
  if (params->area == screen::AreaKind::kRadius) std::cout << " " << params->radius_miles << " mi";
  std::cout << ", goal " << screen::FormatCount(params->q1_min_immigrants) << " immigrants, undergraduates "
            << screen::FormatCount(params->q3_likely_undergrad) << "/"
            << screen::FormatCount(params->q3_met_undergrad)
            << "; reach model: " << screen::ReachModelName(result->reach_model) << "; "
            << screen::FormatCount(static_cast<std::int64_t>(page.total_matching)) << " of "
            << screen::FormatCount(static_cast<std::int64_t>(insts.size())) << " institutions match\n\n";
  std::cout << std::right << std::setw(5) << "RANK" << std::setw(8) << "UNITID"
            << "  " << std::left << std::setw(44) << "INSTITUTION" << std::setw(4) << "ST" << std::setw(9)
            << "FIT" << std::setw(9) << "Q1" << std::setw(9) << "Q2" << std::setw(9) << "Q3" << std::right
            << std::setw(12) << "IN REACH" << std::setw(10) << "UNDERGRAD"
            << "\n";
  for (const auto& row : page.rows) {
    const auto& inst = insts[row.institution];
    const auto& s = result->schools[row.institution];
    std::cout << std::right << std::setw(5) << row.rank << std::setw(8) << inst.unitid << "  " << std::left
              << std::setw(44) << inst.name.substr(0, 43) << std::setw(4) << inst.state << std::setw(9)
              << Status3(s.fit) << std::setw(9) << Status3(s.q1) << std::setw(9) << Status3(s.q2)
              << std::setw(9) << Status3(s.q3) << std::right << std::setw(12) << Approx(s.reach_immigrants)
              << std::setw(10) << Count(inst.undergrad_enrollment) << "\n";
  }
  return kExitOk;
}

int RunSchool(const Config& config, std::int64_t unitid, const ScreenArgs& args) {
  auto params = ParamsFrom(args);
  if (!params.ok()) return Fail(params.error());
  auto loaded = LoadSites(config);
  if (!loaded.ok()) return Fail(loaded.error());
  const auto& index = (*loaded)->sites->Current()->index;
  auto i = index.FindInstitution(unitid);
  if (!i)
    return Fail(
        NotFound("no institution with IPEDS unitid " + std::to_string(unitid) + " in the imported data"));
  auto one = screen::ScreenOne(index, *i, *params, {});
  if (!one.ok()) return Fail(one.error());
  auto e = screen::ExplainSchool(index, *i, *one, *params);
  std::cout << e.name << " (" << e.city << ", " << e.state << "), IPEDS " << e.unitid << "\n"
            << "Fit: " << screen::StatusName(e.fit) << ". " << e.fit_sentence << "\n"
            << "Reach model: " << e.reach_model << "\n";
  for (const auto& a : e.answers) {
    std::cout << "\n"
              << a.question << " " << a.title << ": " << screen::StatusName(a.status) << " (rules " << a.rules
              << ")\n  " << a.sentence << "\n";
    if (!a.threshold.empty()) std::cout << "  Threshold: " << a.threshold << "\n";
    for (const auto& f : a.figures) {
      std::string value = f.unit == "share" ? screen::FormatPercent(f.value)
                          : f.value == static_cast<double>(static_cast<std::int64_t>(f.value))
                              ? screen::FormatCount(static_cast<std::int64_t>(f.value))
                              : screen::FormatApprox(f.value);
      std::cout << "  " << f.name << " = " << value
                << (f.unit == "people" || f.unit == "share" ? "" : " " + f.unit) << "\n";
    }
    for (const auto& n : a.notes) std::cout << "  Note: " << n << "\n";
    for (const auto& s : a.sources) std::cout << "  Source: " << s.source << " (" << s.vintage << ")\n";
  }
  return kExitOk;
}

int RunPlan(const Config& config, int k, const std::vector<std::int64_t>& partners, const ScreenArgs& args) {
  auto params = ParamsFrom(args);
  if (!params.ok()) return Fail(params.error());
  if (k < 1 || k > 1000) return Fail(InvalidArgument("--add must be from 1 to 1000", "add"));
  auto loaded = LoadSites(config);
  if (!loaded.ok()) return Fail(loaded.error());
  const auto& index = (*loaded)->sites->Current()->index;
  auto result = screen::RunScreen(index, *params, {partners, {}});
  if (!result.ok()) return Fail(result.error());
  screen::PlannerParams pp;
  pp.k = k;
  for (const auto& s : args.states) pp.filter.states.push_back(s);
  auto plan = screen::PlanExpansion(index, *result, partners, pp);
  if (!plan.ok()) return Fail(plan.error());
  for (auto id : plan->unknown_partner_unitids)
    std::cerr << "scij: partner " << id << " is not in the imported data\n";
  if (args.format == "csv" || args.format == "json") {
    if (args.format == "csv")
      std::cout << "order,unitid,name,state,marginal_gain,cumulative_covered,fit,q1,q2,q3\n";
    if (args.format == "json")
      std::cout << "{\"partners_covered\":" << plan->partners_covered << ",\"picks\":[";
    int order = 0;
    for (const auto& p : plan->picks) {
      ++order;
      if (args.format == "csv") {
        std::cout << order << "," << p.unitid << "," << CsvField(p.name) << "," << p.state << ","
                  << static_cast<std::int64_t>(p.marginal_gain) << ","
                  << static_cast<std::int64_t>(p.cumulative_covered) << "," << Status3(p.fit) << ","
                  << Status3(p.q1) << "," << Status3(p.q2) << "," << Status3(p.q3) << "\n";
      } else {
        std::cout << (order > 1 ? "," : "") << "\n {\"order\":" << order << ",\"unitid\":" << p.unitid
                  << ",\"name\":" << JsonQuote(p.name) << ",\"state\":\"" << p.state
                  << "\",\"marginal_gain\":" << static_cast<std::int64_t>(p.marginal_gain)
                  << ",\"cumulative_covered\":" << static_cast<std::int64_t>(p.cumulative_covered)
                  << ",\"fit\":\"" << Status3(p.fit) << "\"}";
      }
    }
    if (args.format == "json") std::cout << "\n]}\n";
    return kExitOk;
  }
  std::cout << "Network: " << plan->partner_unitids.size() << " partner(s) reach about "
            << screen::FormatApprox(plan->partners_covered) << " immigrants within " << plan->radius_miles
            << " miles (" << screen::ReachModelName(plan->reach_model) << "); " << plan->candidates
            << " candidate schools.\n\n";
  std::cout << std::right << std::setw(3) << "#" << std::setw(8) << "UNITID"
            << "  " << std::left << std::setw(44) << "INSTITUTION" << std::setw(4) << "ST" << std::right
            << std::setw(12) << "ADDS" << std::setw(13) << "NETWORK"
            << "  FIT\n";
  int order = 0;
  for (const auto& p : plan->picks) {
    std::cout << std::right << std::setw(3) << ++order << std::setw(8) << p.unitid << "  " << std::left
              << std::setw(44) << p.name.substr(0, 43) << std::setw(4) << p.state << std::right
              << std::setw(12) << screen::FormatApprox(p.marginal_gain) << std::setw(13)
              << screen::FormatApprox(p.cumulative_covered) << "  " << Status3(p.fit) << "\n";
  }
  std::cout << "\nGreedy picks; for this coverage objective greedy reaches at least 63% (1 - 1/e) of the "
               "best set of "
               "the same size. Each person is counted once across the network.\n";
  return kExitOk;
}

}  // namespace scij::cli
