#include "services/site_selection.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <charconv>
#include <chrono>
#include <filesystem>

#include "data/csv_reader.hpp"
#include "data/import_files.hpp"
#include "data/snapshot_loader.hpp"
#include "data/text_input.hpp"

namespace scij::services {
namespace {

constexpr std::size_t kMaxProblems = 20;

store::AuditEntry Audit(std::int64_t now, const Actor& a, std::string action, std::string object_type,
                        std::string object_id, const boost::json::object& details) {
  store::AuditEntry e;
  e.at = now;
  e.user_id = a.user_id;
  e.username = a.username;
  e.action = std::move(action);
  e.object_type = std::move(object_type);
  e.object_id = std::move(object_id);
  e.remote_address = a.remote_address;
  e.request_id = a.request_id;
  e.details_json = boost::json::serialize(details);
  return e;
}

Status Append(store::Repositories& r, const store::AuditEntry& e) {
  auto id = r.Audit().Append(e);
  return id.ok() ? Status{} : id.error();
}

std::string BaseName(const std::string& name) {
  std::string base = std::filesystem::path(name).filename().string();
  return base;
}

std::vector<std::string> ProblemLines(const data::DatasetReport& d) {
  std::vector<std::string> out;
  for (const auto& line : d.skipped.details()) {
    if (out.size() >= kMaxProblems) break;
    out.push_back(line);
  }
  return out;
}

screen::LegalResourceKind LegalKind(const std::string& kind) {
  if (kind == "law_school") return screen::LegalResourceKind::kLawSchool;
  if (kind == "immigration_court") return screen::LegalResourceKind::kImmigrationCourt;
  return screen::LegalResourceKind::kLegalServiceOrg;
}

Result<double> ParseCoordinate(const std::string& text, double min, double max, int line_no,
                               const char* field) {
  double v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < min || v > max) {
    return InvalidArgument("line " + std::to_string(line_no) + ": " + field + " must be a number from " +
                               std::to_string(static_cast<int>(min)) + " to " +
                               std::to_string(static_cast<int>(max)) + " (got '" + text + "')",
                           field);
  }
  return v;
}

}  // namespace

SiteSelectionService::SiteSelectionService(store::Store& store, const Clock& clock)
    : store_(store), clock_(clock), current_(std::make_shared<SiteData>()) {}

std::shared_ptr<const SiteData> SiteSelectionService::Current() const {
  std::lock_guard lock(mu_);
  return current_;
}

Result<std::string> SiteSelectionService::DataStamp() {
  std::string stamp;
  SCIJ_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    auto a = r.Datasets().ChangeStamp();
    if (!a.ok()) return a.error();
    auto b = r.LegalResources().ChangeStamp();
    if (!b.ok()) return b.error();
    stamp = *a + "|" + *b;
    return {};
  }));
  return stamp;
}

Result<std::shared_ptr<SiteData>> SiteSelectionService::Build() {
  std::vector<store::DatasetFile> files;
  std::vector<store::LegalResourceRecord> legal;
  SCIJ_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    auto f = r.Datasets().List(true);
    if (!f.ok()) return f.error();
    files = std::move(f).value();
    auto l = r.LegalResources().List();
    if (!l.ok()) return l.error();
    legal = std::move(l).value();
    return {};
  }));

  auto site = std::make_shared<SiteData>();
  data::ImportBundle bundle;
  const auto parse_start = std::chrono::steady_clock::now();
  for (auto& f : files) {
    data::ImportBytesInto(f.file_name, std::move(f.content), bundle);
    f.content.clear();
  }
  const auto join_start = std::chrono::steady_clock::now();
  bundle.report.parse_seconds = std::chrono::duration<double>(join_start - parse_start).count();
  screen::Snapshot snapshot;
  if (!files.empty()) {
    auto built = data::BuildSnapshot(bundle, &bundle.report.joins);
    if (built.ok()) snapshot = std::move(built).value();
  }
  bundle.report.join_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - join_start).count();
  for (const auto& l : legal) {
    screen::LegalResource r;
    r.kind = LegalKind(l.kind);
    r.name = l.name;
    r.city = l.city;
    r.state = l.state;
    r.location = {l.latitude, l.longitude};
    r.source = l.source;
    snapshot.legal_resources.push_back(std::move(r));
  }
  if (!legal.empty()) {
    snapshot.datasets.push_back({screen::DatasetKind::kLegalResources,
                                 "Reference list of legal resources (admin)", "current",
                                 static_cast<std::int64_t>(legal.size())});
  }
  site->index = screen::ScreenIndex::Build(std::move(snapshot));
  site->report = std::move(bundle.report);
  site->files = std::move(files);
  site->legal_resources = std::move(legal);
  site->built_at = clock_.NowSeconds();
  return site;
}

Status SiteSelectionService::Reload() {
  std::lock_guard rebuild(reload_mu_);
  auto stamp = DataStamp();
  if (!stamp.ok()) return stamp.error();
  auto site = Build();
  if (!site.ok()) return site.error();
  std::lock_guard lock(mu_);
  current_ = std::move(site).value();
  stamp_ = *stamp;
  last_check_ = clock_.NowSeconds();
  return {};
}

Status SiteSelectionService::ReloadIfChanged(std::int64_t min_interval_seconds) {
  {
    std::lock_guard lock(mu_);
    if (clock_.NowSeconds() - last_check_ < min_interval_seconds) return {};
    last_check_ = clock_.NowSeconds();
  }
  auto stamp = DataStamp();
  if (!stamp.ok()) return stamp.error();
  {
    std::lock_guard lock(mu_);
    if (*stamp == stamp_) return {};
  }
  return Reload();
}

Result<FileImport> SiteSelectionService::ImportFile(const std::string& file_name, std::string bytes,
                                                    const Actor& actor, bool reload) {
  FileImport out;
  out.file_name = BaseName(file_name);
  if (out.file_name.empty() || out.file_name.size() > 255) {
    return InvalidArgument("file name must have 1 to 255 characters", "name");
  }
  if (bytes.empty()) return InvalidArgument("the file " + out.file_name + " is empty", "file");

  data::ImportBundle bundle;
  const std::size_t size = bytes.size();
  std::string content = bytes;  // kept as imported; the parser consumes its own copy
  data::ImportBytesInto(out.file_name, std::move(bytes), bundle);
  data::ImportReport& report = bundle.report;
  out.summary = data::FormatImportSummary(report);
  if (!report.failed_files.empty()) {
    out.reason = report.failed_files.front().error;
    return out;
  }
  if (report.datasets.empty()) {
    out.reason =
        report.skipped_files.empty() ? "not a recognised data file" : report.skipped_files.front().reason;
    return out;
  }
  const data::DatasetReport& d = report.datasets.front();
  out.kind = std::string(data::DatasetKindName(d.kind));
  out.source = d.source;
  out.vintage = d.vintage;
  out.rows_read = d.rows_read;
  out.rows_loaded = d.rows_loaded;
  out.rows_skipped = d.rows_skipped();
  out.problems = ProblemLines(d);
  if (d.rows_loaded == 0) {
    out.reason = "no row of " + out.file_name + " could be loaded; the previous data is unchanged";
    return out;
  }

  store::DatasetFile f;
  f.file_name = out.file_name;
  f.kind = out.kind;
  f.source = d.source;
  f.vintage = d.vintage;
  f.sha256 = d.sha256;
  f.size_bytes = static_cast<std::int64_t>(size);
  f.content = std::move(content);
  f.rows_read = d.rows_read;
  f.rows_loaded = d.rows_loaded;
  f.rows_skipped = out.rows_skipped;
  f.report = out.summary;
  f.imported_at = clock_.NowSeconds();
  f.imported_by = actor.username;
  boost::json::object details{{"file", f.file_name},
                              {"kind", f.kind},
                              {"sha256", f.sha256},
                              {"rows_loaded", f.rows_loaded},
                              {"rows_skipped", f.rows_skipped}};
  SCIJ_RETURN_IF_ERROR(store_.Write([&](store::Repositories& r) -> Status {
    auto id = r.Datasets().Put(f);
    if (!id.ok()) return id.error();
    return Append(r, Audit(f.imported_at, actor, "dataset.import", "dataset", f.file_name, details));
  }));
  out.stored = true;
  if (reload) SCIJ_RETURN_IF_ERROR(Reload());
  return out;
}

Status SiteSelectionService::RemoveFile(const std::string& file_name, const Actor& actor) {
  std::int64_t now = clock_.NowSeconds();
  SCIJ_RETURN_IF_ERROR(store_.Write([&](store::Repositories& r) -> Status {
    SCIJ_RETURN_IF_ERROR(r.Datasets().Remove(file_name));
    return Append(r, Audit(now, actor, "dataset.remove", "dataset", file_name, {}));
  }));
  return Reload();
}

Result<std::int64_t> SiteSelectionService::ImportLegalResourcesCsv(std::string_view csv, const Actor& actor) {
  // The project's CSV reader (RFC 4180 quotes, CRLF) over the decoded text (BOM, Latin-1).
  auto decoded = data::DecodeText(std::string(csv));
  if (!decoded.ok()) return decoded.error();
  data::CsvReader reader(std::move(decoded->text), {.delimiter = ','});
  data::CsvRecord record;
  std::vector<store::LegalResourceRecord> rows;
  bool header_seen = false;
  const std::int64_t now = clock_.NowSeconds();
  while (reader.Next(record)) {
    const int line_no = static_cast<int>(record.line);
    if (!record.malformed.empty()) {
      return InvalidArgument("line " + std::to_string(line_no) + ": " + record.malformed, "line");
    }
    std::vector<std::string> fields;
    for (std::string_view f : record.fields) {
      while (!f.empty() && f.front() == ' ') f.remove_prefix(1);
      while (!f.empty() && f.back() == ' ') f.remove_suffix(1);
      fields.emplace_back(f);
    }
    if (fields.size() == 1 && fields[0].empty()) continue;  // a line of spaces
    if (!header_seen) {
      std::string joined;
      for (std::size_t i = 0; i < fields.size(); ++i) joined += (i ? "," : "") + fields[i];
      if (joined != kLegalResourcesCsvHeader) {
        return InvalidArgument(
            "line 1: the header must be exactly '" + std::string(kLegalResourcesCsvHeader) + "'", "header");
      }
      header_seen = true;
      continue;
    }
    if (fields.size() != 7) {
      return InvalidArgument(
          "line " + std::to_string(line_no) + ": expected 7 fields, found " + std::to_string(fields.size()),
          "line");
    }
    store::LegalResourceRecord r;
    r.kind = fields[0];
    if (r.kind != "law_school" && r.kind != "legal_service_org" && r.kind != "immigration_court") {
      return InvalidArgument("line " + std::to_string(line_no) +
                                 ": kind must be law_school, legal_service_org or immigration_court (got '" +
                                 r.kind + "')",
                             "kind");
    }
    r.name = fields[1];
    if (r.name.empty() || r.name.size() > 300) {
      return InvalidArgument("line " + std::to_string(line_no) + ": name must have 1 to 300 characters",
                             "name");
    }
    r.city = fields[2];
    r.state = fields[3];
    if (r.state.size() != 2 || !std::isupper(static_cast<unsigned char>(r.state[0])) ||
        !std::isupper(static_cast<unsigned char>(r.state[1]))) {
      return InvalidArgument("line " + std::to_string(line_no) +
                                 ": state must be a two-letter postal code (got '" + r.state + "')",
                             "state");
    }
    auto lat = ParseCoordinate(fields[4], -90, 90, line_no, "lat");
    if (!lat.ok()) return lat.error();
    auto lon = ParseCoordinate(fields[5], -180, 180, line_no, "lon");
    if (!lon.ok()) return lon.error();
    r.latitude = *lat;
    r.longitude = *lon;
    r.source = fields[6];
    r.updated_at = now;
    rows.push_back(std::move(r));
  }
  if (!header_seen)
    return InvalidArgument("the CSV is empty: expected the header " + std::string(kLegalResourcesCsvHeader),
                           "header");
  boost::json::object details{{"rows", static_cast<std::int64_t>(rows.size())}};
  SCIJ_RETURN_IF_ERROR(store_.Write([&](store::Repositories& repos) -> Status {
    for (const auto& r : rows) {
      auto id = repos.LegalResources().Upsert(r);
      if (!id.ok()) return id.error();
    }
    return Append(repos, Audit(now, actor, "legal_resource.import", "legal_resource", "", details));
  }));
  SCIJ_RETURN_IF_ERROR(Reload());
  return static_cast<std::int64_t>(rows.size());
}

Status SiteSelectionService::DeleteLegalResource(std::int64_t id, const Actor& actor) {
  std::int64_t now = clock_.NowSeconds();
  SCIJ_RETURN_IF_ERROR(store_.Write([&](store::Repositories& r) -> Status {
    SCIJ_RETURN_IF_ERROR(r.LegalResources().Delete(id));
    return Append(r, Audit(now, actor, "legal_resource.delete", "legal_resource", std::to_string(id), {}));
  }));
  return Reload();
}

}  // namespace scij::services
