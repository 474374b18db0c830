// `scij data download`: fetches the official public-data files the importers read, from the
// agencies' own URLs (libcurl, HTTP(S) only), into a directory that `scij data import DIR` can
// then import.
//
// Each file is written to DIR/<file>.part and renamed into place when complete; a run after an
// interrupted one resumes from the .part's size with a Range request (206: append; 200: the
// server ignored the range, so the file restarts from zero). Zip archives are extracted to the
// member the importer reads; an .xlsx is converted to CSV (the OMB list 1: its first sheet; the
// Carnegie workbook: its sheet "Data"). DIR/MANIFEST.json records,
// per file, its URL, size, SHA-256, the download time and the server's ETag / Last-Modified, and
// the same for each extracted or converted file; a later run skips a file whose recorded
// checksum matches the file on disk.
//
//   DownloadOptions o{.dir = "/var/scij/downloads"};
//   for (const auto& r : DownloadSources(OfficialSources(), o))
//     std::cout << r.source.file << ": " << DownloadStatusName(r.status) << "\n";
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/common/result.hpp"

namespace scij::data {

enum class DownloadAfter {
  kNothing,        // imported as downloaded
  kExtractMember,  // a zip: extract `member`
  kXlsxToCsv,      // an .xlsx workbook: convert `sheet` (the first sheet when empty) to CSV (`member` =
                   // the CSV's name)
  kConvertByHand,  // kept as downloaded (e.g. a legacy .xls): convert to CSV before importing
};

struct DownloadSource {
  std::string name;    // short id for --only, e.g. "ipeds-hd"
  std::string agency;  // "NCES IPEDS"
  std::string url;     // the agency's own URL
  std::string file;    // the local file name in DIR
  std::string format;  // "ZIP of CSV", "Census API JSON", ...
  std::string feeds;   // what it gives site selection
  DownloadAfter after = DownloadAfter::kNothing;
  std::string member;  // kExtractMember: the member to extract; kXlsxToCsv: the CSV file name
  std::string sheet;   // kXlsxToCsv: the sheet to convert, by name; "" = the first sheet
};

// The built-in manifest of official files (docs/SITE_SELECTION.md, "Download").
const std::vector<DownloadSource>& OfficialSources();

// `url` with its scheme://host[:port] replaced by `base` (scheme://host[:port], optionally with a
// path prefix that is prepended to the URL's path). invalid_argument when either is not an
// http(s) URL.
Result<std::string> RebaseUrl(std::string_view url, std::string_view base);

// SHA-256 (hex) of a file, streamed.
Result<std::string> FileSha256(const std::string& path);

struct DownloadOptions {
  std::string dir;       // created when missing
  std::string base_url;  // "" = the agencies' own hosts (see RebaseUrl)
  int attempts = 3;      // tries per file within one run (each resumes from the .part)
  bool force = false;    // download again even when the recorded checksum matches
  long connect_timeout_seconds = 30;
  long stall_timeout_seconds = 60;  // give up a try when no byte arrives for this long
  // Called as bytes arrive: (source, bytes of the file so far, total or 0 when unknown).
  std::function<void(const DownloadSource&, std::uint64_t, std::uint64_t)> progress;
};

enum class DownloadStatus { kDownloaded, kUpToDate, kFailed };
std::string_view DownloadStatusName(DownloadStatus s);  // "downloaded", "up to date", "failed"

struct RecordedFile {
  std::string file;  // name in DIR
  std::uint64_t bytes = 0;
  std::string sha256;
};

struct DownloadRecord {
  DownloadSource source;
  std::string url;  // as fetched (after --base-url)
  DownloadStatus status = DownloadStatus::kFailed;
  std::string error;  // kFailed: "HTTP 404 from URL", ...
  RecordedFile downloaded;
  std::string downloaded_at;  // UTC, ISO 8601
  std::string etag;
  std::string last_modified;
  bool resumed = false;               // a Range request continued a .part (206)
  std::vector<RecordedFile> outputs;  // extracted / converted files
  std::string note;                   // what to do with it (kConvertByHand), or a conversion problem
};

// Downloads every source (a failure does not stop the others) and rewrites DIR/MANIFEST.json with
// every entry, keeping the recorded entries of sources not in `sources`. Fails only when DIR
// cannot be created.
Result<std::vector<DownloadRecord>> DownloadSources(const std::vector<DownloadSource>& sources,
                                                    const DownloadOptions& options);

inline constexpr const char* kDownloadManifestName = "MANIFEST.json";

// The records of DIR/MANIFEST.json (empty when there is none).
Result<std::vector<DownloadRecord>> ReadDownloadManifest(const std::string& dir);

}  // namespace scij::data
