// postgis_export: the engine's side of bench/postgis (see bench/postgis/run.sh). Loads the real
// public data exactly as the product does (LoadSnapshotFromFiles on DATA/{acs,geo,colleges}),
// builds the ScreenIndex, times RunScreen (one thread, median of --runs runs after a warm-up) and
// writes what PostGIS needs to compute the same reach figures, plus the engine's own figures:
//
//   postgis_export --out DIR [--data DIR] [--radius MILES] [--runs N]
//
//   DIR/counties.csv       fips,lat,lon,foreign_born,disk_radius_miles
//                          every county of the county disk model (has a center, no tracts);
//                          foreign_born is empty when the data has no figure (Puerto Rico);
//                          disk_radius_miles = sqrt(land area / pi), as ScreenIndex computes it
//   DIR/institutions.csv   unitid,lat,lon            (lat/lon empty: no valid campus location)
//   DIR/engine_reach.csv   unitid,reach_immigrants   (empty: the engine has no figure)
//   DIR/engine.txt         key=value lines: radius_miles, runs, median_ms, min_ms, max_ms,
//                          institutions, counties, earth_radius_miles, reach_model
//
// Doubles are written with 17 significant digits, so PostgreSQL reads back the exact values.
// Exit status: 0 done, 1 error, 77 public data not found (a skip; the message says where it looked).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "data/snapshot_loader.hpp"
#include "domain/screen/geo.hpp"
#include "domain/screen/screen.hpp"

namespace {

constexpr int kExitError = 1;
constexpr int kExitSkip = 77;

struct Options {
  std::string data_dir = SCIJ_SHARED_DATA_DIR;
  std::string out_dir;
  double radius_miles = 25.0;
  int runs = 51;
};

void Usage(std::FILE* to) {
  std::fprintf(to,
               "usage: postgis_export --out DIR [--data DIR] [--radius MILES] [--runs N]\n"
               "  --out DIR       where to write counties.csv, institutions.csv, engine_reach.csv, "
               "engine.txt\n"
               "  --data DIR      public data root holding acs/, geo/, colleges/ (default %s)\n"
               "  --radius MILES  reach radius (default 25)\n"
               "  --runs N        timed RunScreen runs, after one warm-up; the median is reported "
               "(default 51)\n",
               SCIJ_SHARED_DATA_DIR);
}

bool ParseArgs(int argc, char** argv, Options* options) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      Usage(stdout);
      std::exit(0);
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "postgis_export: %s needs a value\n", argv[i]);
      return false;
    }
    const char* value = argv[++i];
    char* end = nullptr;
    if (arg == "--out") {
      options->out_dir = value;
    } else if (arg == "--data") {
      options->data_dir = value;
    } else if (arg == "--radius") {
      options->radius_miles = std::strtod(value, &end);
      if (end == value || *end != '\0' || !(options->radius_miles > 0.0)) {
        std::fprintf(stderr, "postgis_export: --radius must be a positive number of miles, got '%s'\n",
                     value);
        return false;
      }
    } else if (arg == "--runs") {
      const long runs = std::strtol(value, &end, 10);
      if (end == value || *end != '\0' || runs < 1 || runs > 100000) {
        std::fprintf(stderr, "postgis_export: --runs must be an integer in 1..100000, got '%s'\n", value);
        return false;
      }
      options->runs = static_cast<int>(runs);
    } else {
      std::fprintf(stderr, "postgis_export: unknown option %s\n", argv[i - 1]);
      return false;
    }
  }
  if (options->out_dir.empty()) {
    std::fprintf(stderr, "postgis_export: --out DIR is required\n");
    return false;
  }
  return true;
}

// A file that reports write errors when closed.
class CsvFile {
 public:
  explicit CsvFile(const std::filesystem::path& path) : path_(path), file_(std::fopen(path.c_str(), "w")) {}
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;
  ~CsvFile() {
    if (file_ != nullptr) std::fclose(file_);
  }
  std::FILE* get() const { return file_; }
  bool Close() {
    if (file_ == nullptr) return false;
    const bool ok = std::ferror(file_) == 0;
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!ok || !closed) std::fprintf(stderr, "postgis_export: writing %s failed\n", path_.c_str());
    return ok && closed;
  }

 private:
  std::filesystem::path path_;
  std::FILE* file_;
};

bool OpenAll(std::initializer_list<const CsvFile*> files, const std::filesystem::path& dir) {
  for (const CsvFile* f : files) {
    if (f->get() == nullptr) {
      std::fprintf(stderr, "postgis_export: cannot write into %s\n", dir.c_str());
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!ParseArgs(argc, argv, &options)) {
    Usage(stderr);
    return kExitError;
  }

  // The same three directories the product imports and screen_bench loads.
  const std::filesystem::path root(options.data_dir);
  std::vector<std::string> dirs;
  for (const char* sub : {"acs", "geo", "colleges"}) {
    const std::filesystem::path dir = root / sub;
    if (!std::filesystem::is_directory(dir)) {
      std::fprintf(stderr, "postgis_export: public data not found at %s (pass --data DIR); skipping\n",
                   dir.c_str());
      return kExitSkip;
    }
    dirs.push_back(dir.string());
  }
  scij::data::ImportReport report;
  auto snapshot = scij::data::LoadSnapshotFromFiles(dirs, &report);
  if (!snapshot.ok()) {
    std::fprintf(stderr, "postgis_export: loading the public data failed: %s\n",
                 snapshot.error().message.c_str());
    return kExitError;
  }
  const auto index =
      std::make_unique<scij::screen::ScreenIndex>(scij::screen::ScreenIndex::Build(std::move(*snapshot)));
  const scij::screen::Snapshot& snap = index->snapshot();

  scij::screen::ScreenParams params;
  params.radius_miles = options.radius_miles;
  if (const auto valid = scij::screen::ValidateParams(params); !valid.ok()) {
    std::fprintf(stderr, "postgis_export: %s\n", valid.error().message.c_str());
    return kExitError;
  }

  // Engine timing: RunScreen of every institution (all three area figures, Q2, Q3), one thread.
  auto result = scij::screen::RunScreen(*index, params);  // warm-up, and the figures written below
  if (!result.ok()) {
    std::fprintf(stderr, "postgis_export: the screen failed: %s\n", result.error().message.c_str());
    return kExitError;
  }
  std::vector<double> times_ms;
  times_ms.reserve(static_cast<std::size_t>(options.runs));
  for (int run = 0; run < options.runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    auto timed = scij::screen::RunScreen(*index, params);
    const auto stop = std::chrono::steady_clock::now();
    if (!timed.ok() || timed->schools.size() != result->schools.size()) {
      std::fprintf(stderr, "postgis_export: a timed screen failed\n");
      return kExitError;
    }
    times_ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
  }
  std::sort(times_ms.begin(), times_ms.end());
  const std::size_t n = times_ms.size();
  const double median_ms = n % 2 == 1 ? times_ms[n / 2] : 0.5 * (times_ms[n / 2 - 1] + times_ms[n / 2]);

  const std::filesystem::path out(options.out_dir);
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) {
    std::fprintf(stderr, "postgis_export: cannot create %s: %s\n", out.c_str(), ec.message().c_str());
    return kExitError;
  }
  CsvFile counties(out / "counties.csv");
  CsvFile institutions(out / "institutions.csv");
  CsvFile reach(out / "engine_reach.csv");
  CsvFile engine(out / "engine.txt");
  if (!OpenAll({&counties, &institutions, &reach, &engine}, out)) return kExitError;

  // Counties of the disk model: the same selection as ScreenIndex::Build (placeable, no tracts).
  std::fprintf(counties.get(), "fips,lat,lon,foreign_born,disk_radius_miles\n");
  int county_rows = 0;
  const auto& county_geo = index->county_geo();
  for (std::size_t c = 0; c < snap.counties.size(); ++c) {
    const auto& geo = county_geo[c];
    if (!geo.has_center || geo.has_tracts) continue;
    const auto& county = snap.counties[c];
    std::fprintf(counties.get(), "%s,%.17g,%.17g,", county.fips.c_str(), county.center.lat,
                 county.center.lon);
    if (geo.has_foreign_born) std::fprintf(counties.get(), "%.17g", geo.foreign_born);
    std::fprintf(counties.get(), ",%.17g\n", geo.disk_radius_miles);
    ++county_rows;
  }

  std::fprintf(institutions.get(), "unitid,lat,lon\n");
  std::fprintf(reach.get(), "unitid,reach_immigrants\n");
  const auto& institution_geo = index->institution_geo();
  for (std::size_t i = 0; i < snap.institutions.size(); ++i) {
    const auto& inst = snap.institutions[i];
    const long long unitid = static_cast<long long>(inst.unitid);
    if (institution_geo[i].has_location) {
      std::fprintf(institutions.get(), "%lld,%.17g,%.17g\n", unitid, inst.location.lat, inst.location.lon);
    } else {
      std::fprintf(institutions.get(), "%lld,,\n", unitid);
    }
    const auto& figure = result->schools[i].reach_immigrants;
    if (figure) {
      std::fprintf(reach.get(), "%lld,%.17g\n", unitid, *figure);
    } else {
      std::fprintf(reach.get(), "%lld,\n", unitid);
    }
  }

  std::fprintf(engine.get(),
               "radius_miles=%.17g\nruns=%d\nmedian_ms=%.6f\nmin_ms=%.6f\nmax_ms=%.6f\ninstitutions=%zu\n"
               "counties=%d\nearth_radius_miles=%.17g\nreach_model=%s\n",
               options.radius_miles, options.runs, median_ms, times_ms.front(), times_ms.back(),
               snap.institutions.size(), county_rows, scij::screen::kEarthRadiusMiles,
               std::string(scij::screen::ReachModelName(index->reach_model())).c_str());

  const bool ok = counties.Close() && institutions.Close() && reach.Close() && engine.Close();
  if (!ok) return kExitError;
  std::fprintf(
      stderr,
      "postgis_export: %zu institutions, %d disk-model counties (%s); RunScreen r=%g mi, one thread: "
      "median %.3f ms over %d runs (min %.3f, max %.3f)\n",
      snap.institutions.size(), county_rows,
      std::string(scij::screen::ReachModelName(index->reach_model())).c_str(), options.radius_miles,
      median_ms, options.runs, times_ms.front(), times_ms.back());
  return 0;
}
