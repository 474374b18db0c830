// What an import did, for people: per data set the rows read, loaded and skipped and why
// ("file:line: reason"), the files that were skipped or failed, and the joins between data sets
// with their counts. Problems are always counted; their detail lines are capped.
//
//   DatasetReport report;
//   report.Skip("people.csv:12", "bad FIPS", "FIPS '1A001' is not 5 digits");
//   report.skipped.count();          // 1
//   report.skipped.details()[0];     // "people.csv:12: bad FIPS: FIPS '1A001' is not 5 digits"
//   std::cout << FormatImportSummary(import_report);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "data/dataset_kind.hpp"

namespace scij::data {

// A counted list of problems of one category family (skipped rows, or warnings on loaded rows).
// Every problem is counted, by category; detail lines are kept for the first `detail_cap`
// problems, and for at least the first kMinDetailsPerCategory of every category.
class ProblemLog {
 public:
  static constexpr std::size_t kDefaultDetailCap = 50;
  static constexpr std::size_t kMinDetailsPerCategory = 5;

  ProblemLog() = default;
  explicit ProblemLog(std::size_t detail_cap) : detail_cap_(detail_cap) {}

  // `where` is "file:line" (or "file" for file-level problems); `category` a short stable reason
  // ("bad FIPS", "duplicate key"); `detail` the specifics of this row.
  void Add(std::string_view where, std::string_view category, std::string_view detail);

  std::int64_t count() const { return count_; }
  // "file:line: category: detail", in the order the problems were found.
  const std::vector<std::string>& details() const { return details_; }
  // The kept detail lines of one category.
  std::vector<std::string> DetailsOf(std::string_view category) const;
  // Each category once, in first-seen order, with its count.
  const std::vector<std::pair<std::string, std::int64_t>>& categories() const { return categories_; }
  std::int64_t CountOf(std::string_view category) const;
  void set_detail_cap(std::size_t cap) { detail_cap_ = cap; }

 private:
  std::size_t detail_cap_ = kDefaultDetailCap;
  std::int64_t count_ = 0;
  std::vector<std::string> details_;
  std::vector<std::size_t> detail_categories_;  // index into categories_, parallel to details_
  std::vector<std::pair<std::string, std::int64_t>> categories_;
};

enum class TextEncoding {
  kUtf8,         // valid UTF-8 without byte-order mark
  kUtf8WithBom,  // valid UTF-8, byte-order mark stripped
  kLatin1,       // not valid UTF-8: read as Latin-1 (Windows-1252) and transcoded to UTF-8
};

std::string_view TextEncodingName(TextEncoding encoding);

// The import of one file as one data set.
struct DatasetReport {
  DatasetKind kind = DatasetKind::kNotData;
  std::string source;         // agency and table
  std::string vintage;        // "ACS 2017-2021 5-year", "2020 Census", ... or "unknown"
  std::string vintage_basis;  // how the vintage was derived ("file name hd2023", "header ...")
  std::string path;
  std::string sha256;            // hex digest of the file as stored on disk
  std::uint64_t file_bytes = 0;  // size on disk
  bool gzip = false;
  TextEncoding encoding = TextEncoding::kUtf8;
  std::string format;              // "CSV (comma)", "TSV", "CSV without header", "JSON array of arrays"
  std::int64_t rows_read = 0;      // data rows (header excluded; blank lines are not rows)
  std::int64_t rows_loaded = 0;    // rows that became records
  ProblemLog skipped;              // one entry per row read but not loaded: rows_read == loaded + skipped
  ProblemLog warnings;             // rows loaded with a caveat (a code missing, a value not usable)
  std::vector<std::string> notes;  // file-level facts (encoding, header fixes, vintage basis)

  std::int64_t rows_skipped() const { return skipped.count(); }
  void Skip(std::string_view where, std::string_view category, std::string_view detail) {
    skipped.Add(where, category, detail);
  }
  void Warn(std::string_view where, std::string_view category, std::string_view detail) {
    warnings.Add(where, category, detail);
  }
};

// A file that was not imported because it carries no importable data (documentation, a
// spreadsheet whose CSV conversion is imported instead, a map asset) or is not recognized.
struct SkippedFile {
  std::string path;
  std::string reason;
};

// A data file that was recognized but could not be imported (unreadable, required column missing).
struct FailedFile {
  std::string path;
  std::string error;
};

// One outcome of a join (a rule that matched, or a reason for no match) with its count and a few
// examples.
struct JoinOutcome {
  std::string name;
  std::int64_t count = 0;
  std::vector<std::string> examples;
};

// One join between data sets (or one geography fix) with its counts.
struct JoinStep {
  static constexpr std::size_t kExamplesPerOutcome = 4;

  std::string name;                   // "institutions -> county of the population data"
  std::string method;                 // one or two sentences on how the join is done
  std::int64_t total = 0;             // items that took part
  std::int64_t matched = 0;           // items joined (by any rule)
  std::vector<JoinOutcome> outcomes;  // each outcome once, in first-seen order

  // Counts `n` items under `outcome`; `example` is kept while the outcome has fewer than
  // kExamplesPerOutcome examples.
  void Count(std::string_view outcome, std::string example = {}, std::int64_t n = 1);
  std::int64_t CountOf(std::string_view outcome) const;
};

struct JoinReport {
  std::vector<JoinStep> steps;
  std::vector<std::string> notes;  // which data set was used for what, and why

  const JoinStep* Find(std::string_view name) const;
};

struct ImportReport {
  std::vector<DatasetReport> datasets;  // in the order the files were imported
  std::vector<SkippedFile> skipped_files;
  std::vector<FailedFile> failed_files;
  JoinReport joins;
  double parse_seconds = 0.0;  // reading, decompressing and parsing all files
  double join_seconds = 0.0;   // building the snapshot
};

// 1234567 -> "1,234,567".
std::string WithThousands(std::int64_t value);

// Plain-text summary for a terminal: one block per data set (counts, skipped by reason, a few
// detail lines), skipped and failed files, and the joins. `max_details` caps detail lines per
// data set (the counts are always complete).
std::string FormatImportSummary(const ImportReport& report, std::size_t max_details = 5);

}  // namespace scij::data
