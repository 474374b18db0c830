#include "data/import_files.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "data/detect.hpp"

namespace scij::data {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kHeadBytes = 64 * 1024;

template <typename DatasetT>
void Store(Result<DatasetT> result, const FileBytes& file, std::vector<DatasetT>& into,
           ImportBundle& bundle) {
  if (!result.ok()) {
    bundle.report.failed_files.push_back({file.path, result.error().message});
    return;
  }
  DatasetReport& report = result->report;
  report.sha256 = file.sha256;
  report.file_bytes = file.size_on_disk;
  report.gzip = file.gzip;
  bundle.report.datasets.push_back(report);
  into.push_back(std::move(*result));
}

// "unrecognized file (first row: ...): it matches none of ... Expected one of:\n..." -> the part
// before the list of formats, which the summary does not repeat for every file.
std::string ShortReason(const std::string& message) {
  std::string first = message.substr(0, message.find('\n'));
  const std::size_t expected = first.find(" Expected one of:");
  if (expected != std::string::npos) first.erase(expected);
  return first;
}

}  // namespace

Result<std::vector<std::string>> CollectFiles(const std::vector<std::string>& paths_or_dirs) {
  std::vector<std::string> files;
  for (const std::string& path : paths_or_dirs) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) return NotFound("no such file or directory: " + path);
    if (!fs::is_directory(status)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    if (ec) return Unavailable("cannot read directory " + path + ": " + ec.message());
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) return Unavailable("cannot read directory " + path + ": " + ec.message());
      const std::string name = it->path().filename().string();
      if (!name.empty() && name.front() == '.') {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec)) found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

namespace {

// Decodes the text of `file` (already read and decompressed) and runs the importer of `kind`.
void ImportDetected(DatasetKind kind, FileBytes file, ImportBundle& bundle, const ImportOptions& options) {
  const std::string path = file.path;
  auto decoded = DecodeText(std::move(file.content));
  if (!decoded.ok()) {
    bundle.report.failed_files.push_back({path, decoded.error().message});
    return;
  }
  SourceText source{path, std::move(decoded->text), decoded->encoding};
  const ImporterOptions& io = options.importer;
  switch (kind) {
    case DatasetKind::kAcsCountyForeignBorn:
      return Store(ImportAcsCountyForeignBorn(std::move(source), io), file, bundle.county_populations,
                   bundle);
    case DatasetKind::kErsPeople:
      return Store(ImportErsPeople(std::move(source), io), file, bundle.county_populations, bundle);
    case DatasetKind::kAcsTractForeignBorn:
      return Store(ImportAcsTractForeignBorn(std::move(source), io), file, bundle.tract_populations, bundle);
    case DatasetKind::kCountyPopulationCenters:
      return Store(ImportCountyPopulationCenters(std::move(source), io), file, bundle.county_centers, bundle);
    case DatasetKind::kTractPopulationCenters:
      return Store(ImportTractPopulationCenters(std::move(source), io), file, bundle.tract_centers, bundle);
    case DatasetKind::kGazetteerCounties:
      return Store(ImportGazetteerCounties(std::move(source), io), file, bundle.gazetteer_counties, bundle);
    case DatasetKind::kGazetteerTracts:
      return Store(ImportGazetteerTracts(std::move(source), io), file, bundle.gazetteer_tracts, bundle);
    case DatasetKind::kCbsaDelineation:
      return Store(ImportCbsaDelineation(std::move(source), io), file, bundle.cbsa_delineations, bundle);
    case DatasetKind::kCbsaPrincipalCities:
      return Store(ImportCbsaPrincipalCities(std::move(source), io), file, bundle.principal_cities, bundle);
    case DatasetKind::kIpedsDirectory:
      return Store(ImportIpedsDirectory(std::move(source), io), file, bundle.institutions, bundle);
    case DatasetKind::kIpedsFallEnrollment:
      return Store(ImportIpedsFallEnrollment(std::move(source), io), file, bundle.enrollments, bundle);
    case DatasetKind::kIpedsFullTimeUg12Month:
      return Store(ImportIpedsFullTimeUg12Month(std::move(source), io), file, bundle.fulltime_ug_headcounts,
                   bundle);
    case DatasetKind::kCarnegieData:
      return Store(ImportCarnegieData(std::move(source), io), file, bundle.carnegie, bundle);
    case DatasetKind::kCarnegieValueLabels:
      return Store(ImportCarnegieValueLabels(std::move(source), io), file, bundle.carnegie_values, bundle);
    case DatasetKind::kNotData:
      break;
  }
}

}  // namespace

void ImportFileInto(const std::string& path, ImportBundle& bundle, const ImportOptions& options,
                    const std::function<void(std::uint64_t)>& on_bytes) {
  auto head = ReadHead(path, kHeadBytes);
  if (!head.ok()) {
    bundle.report.failed_files.push_back({path, head.error().message});
    return;
  }
  auto detection = DetectKind(*head, head->size() < kHeadBytes);
  if (!detection.ok()) {
    bundle.report.skipped_files.push_back({path, ShortReason(detection.error().message)});
    return;
  }
  if (detection->kind == DatasetKind::kNotData) {
    bundle.report.skipped_files.push_back({path, detection->description});
    return;
  }
  auto file = ReadDataFile(path, options.limits, on_bytes);
  if (!file.ok()) {
    bundle.report.failed_files.push_back({path, file.error().message});
    return;
  }
  ImportDetected(detection->kind, std::move(file).value(), bundle, options);
}

void ImportBytesInto(const std::string& name, std::string bytes, ImportBundle& bundle,
                     const ImportOptions& options) {
  const bool gzip = LooksGzip(bytes);
  std::string head;
  if (gzip) {
    auto prefix = GunzipPrefix(bytes, kHeadBytes);
    if (!prefix.ok()) {
      bundle.report.failed_files.push_back({name, prefix.error().message});
      return;
    }
    head = std::move(prefix).value();
  } else {
    head = bytes.substr(0, kHeadBytes);
  }
  auto detection = DetectKind(head, gzip ? head.size() < kHeadBytes : bytes.size() <= kHeadBytes);
  if (!detection.ok()) {
    bundle.report.skipped_files.push_back({name, ShortReason(detection.error().message)});
    return;
  }
  if (detection->kind == DatasetKind::kNotData) {
    bundle.report.skipped_files.push_back({name, detection->description});
    return;
  }
  FileBytes file;
  file.path = name;
  file.size_on_disk = bytes.size();
  file.sha256 = Sha256Hex(bytes);
  file.gzip = gzip;
  if (gzip) {
    auto content = Gunzip(bytes, options.limits.max_decompressed_bytes);
    if (!content.ok()) {
      bundle.report.failed_files.push_back({name, content.error().message});
      return;
    }
    file.content = std::move(content).value();
  } else {
    file.content = std::move(bytes);
  }
  ImportDetected(detection->kind, std::move(file), bundle, options);
}

Result<ImportBundle> ImportFiles(const std::vector<std::string>& paths_or_dirs, ProgressFn progress,
                                 const ImportOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  auto files = CollectFiles(paths_or_dirs);
  if (!files.ok()) return std::move(files).error();
  std::vector<std::uint64_t> sizes;
  std::uint64_t total = 0;
  for (const std::string& path : *files) {
    std::error_code ec;
    const std::uint64_t size = fs::file_size(path, ec);
    sizes.push_back(ec ? 0 : size);
    total += sizes.back();
  }
  ImportBundle bundle;
  std::uint64_t done = 0;
  if (progress) progress(0, total);
  for (std::size_t i = 0; i < files->size(); ++i) {
    const std::uint64_t before = done;
    ImportFileInto((*files)[i], bundle, options, [&](std::uint64_t n) {
      done += n;
      if (progress) progress(std::min(done, total), total);
    });
    // Skipped files (and any size change while reading) still advance the bar by the file's size.
    done = before + sizes[i];
    if (progress) progress(std::min(done, total), total);
  }
  bundle.report.parse_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return bundle;
}

}  // namespace scij::data
