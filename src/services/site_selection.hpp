// SiteSelectionService: the public data behind site selection, kept in the store and served from
// memory. Each imported file is stored as imported (bytes, checksum, report) in one transaction
// per file; the in-memory ScreenIndex is rebuilt from the stored files whenever they change, so
// the database alone reproduces every figure. Readers get an immutable snapshot (shared_ptr) and
// never wait for an import.
//
//   SiteSelectionService sites(store, clock);
//   SCIJ_RETURN_IF_ERROR(sites.Reload());
//   auto imported = sites.ImportFile("hd2023.csv.gz", bytes, actor);
//   std::shared_ptr<const SiteData> data = sites.Current();   // data->index, data->report
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/import_report.hpp"
#include "domain/common/clock.hpp"
#include "domain/common/result.hpp"
#include "domain/screen/screen_index.hpp"
#include "store/store.hpp"

namespace scij::services {

// Who acts, for the audit log.
struct Actor {
  std::optional<std::int64_t> user_id;
  std::string username;
  std::string remote_address;
  std::string request_id;
};

// Everything the screen endpoints read, immutable once built.
struct SiteData {
  screen::ScreenIndex index;
  data::ImportReport report;              // re-parse of the stored files, with the joins
  std::vector<store::DatasetFile> files;  // metadata of the stored files (no content)
  std::vector<store::LegalResourceRecord> legal_resources;
  std::int64_t built_at = 0;
  bool HasPublicData() const {
    return !index.snapshot().institutions.empty() || !index.snapshot().counties.empty();
  }
};

// The outcome of importing one file.
struct FileImport {
  std::string file_name;
  bool stored = false;  // false: not data, or the file could not be read (nothing changed)
  std::string kind;     // DatasetKindName
  std::string source;
  std::string vintage;
  std::int64_t rows_read = 0;
  std::int64_t rows_loaded = 0;
  std::int64_t rows_skipped = 0;
  std::vector<std::string> problems;  // "file:line: reason", capped; counts are complete
  std::string reason;                 // why it was not stored
  std::string summary;                // the terminal summary of this file
};

// Columns of the legal resources CSV: kind,name,city,state,lat,lon,source (header required).
inline constexpr std::string_view kLegalResourcesCsvHeader = "kind,name,city,state,lat,lon,source";

class SiteSelectionService {
 public:
  SiteSelectionService(store::Store& store, const Clock& clock);

  // Rebuilds the snapshot from the stored files and legal resources.
  Status Reload();
  // Rebuilds only when the stored data changed since the last build (another process imported);
  // checked at most every `min_interval_seconds`.
  Status ReloadIfChanged(std::int64_t min_interval_seconds = 5);
  std::shared_ptr<const SiteData> Current() const;

  // Parses `bytes` (gzip or plain), and when it is a recognised data file with at least one row
  // loaded, stores it under its base name (replacing a file of that name) in one transaction with
  // its audit entry. `reload` rebuilds the snapshot afterwards (the CLI imports many, then reloads).
  Result<FileImport> ImportFile(const std::string& file_name, std::string bytes, const Actor& actor,
                                bool reload = true);
  Status RemoveFile(const std::string& file_name, const Actor& actor);

  // All-or-nothing: every line is checked first; any bad line refuses the whole file with
  // "line N: field: reason". Upserts by (kind, name, state). Returns the rows imported.
  Result<std::int64_t> ImportLegalResourcesCsv(std::string_view csv, const Actor& actor);
  Status DeleteLegalResource(std::int64_t id, const Actor& actor);

 private:
  Result<std::shared_ptr<SiteData>> Build();
  Result<std::string> DataStamp();

  store::Store& store_;
  const Clock& clock_;
  mutable std::mutex mu_;
  std::shared_ptr<const SiteData> current_;
  std::string stamp_;
  std::int64_t last_check_ = 0;
  std::mutex reload_mu_;  // one rebuild at a time
};

}  // namespace scij::services
