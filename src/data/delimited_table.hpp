// Internal to the importers: one delimited file read as a table of named columns. Structural
// problems (broken quoting, a wrong number of fields) are counted as skipped rows in the data
// set's report here, so each importer only validates values.
//
//   DelimitedTable table(std::move(source), ',', report);
//   if (!table.ReadHeader()) return InvalidArgument("empty file");
//   auto fips = table.Require("FIPS");                  // error lists the file's columns
//   while (table.NextRow()) { Use(table[*fips]); report.Skip(table.Where(), ...); }
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "data/csv_reader.hpp"
#include "data/import_report.hpp"
#include "data/text_input.hpp"
#include "domain/common/result.hpp"

namespace scij::data::internal {

// "people.csv.gz" for "/data/acs/people.csv.gz": the name problem lines start with.
std::string FileName(std::string_view path);

class DelimitedTable {
 public:
  DelimitedTable(SourceText source, char delimiter, DatasetReport& report);

  // Reads the first record as the header; false when the file has no records. Trailing
  // whitespace in names is trimmed (and noted).
  bool ReadHeader();
  // Reads records until one satisfies `is_header` (at most `max_scan`); earlier records are title
  // rows, noted and not counted as data rows. False when no header is found.
  bool ReadHeaderWhere(const std::function<bool(const std::vector<std::string>&)>& is_header,
                       std::size_t max_scan);
  // For files without a header row: the column names by position.
  void SetColumns(std::vector<std::string> names);

  const std::vector<std::string>& columns() const { return columns_; }
  std::optional<std::size_t> Find(std::string_view name) const;  // case-insensitive
  // The column's index, or an invalid_argument error naming the file, the missing column and the
  // columns the file has.
  Result<std::size_t> Require(std::string_view name) const;

  // Advances to the next data row that has the header's number of fields (extra empty trailing
  // fields are tolerated); every row read is counted in report.rows_read, and rows with a
  // structural problem are logged as skipped. False at the end of the input.
  bool NextRow();

  std::string_view operator[](std::size_t column) const;  // trimmed field
  std::size_t field_count() const { return record_.fields.size(); }
  std::int64_t line() const { return record_.line; }
  std::string Where() const;  // "file:line"
  const std::string& file_name() const { return file_name_; }

 private:
  std::string file_name_;
  CsvReader reader_;
  DatasetReport& report_;
  CsvRecord record_;
  std::vector<std::string> columns_;
  std::unordered_map<std::string, std::size_t> index_;  // lower-case name -> column
};

// Tracks keys already loaded, for "duplicate key" problems that cite the first occurrence.
class KeyTracker {
 public:
  // True when `key` is new; otherwise false and `first_line` is where it was first seen.
  bool Insert(const std::string& key, std::int64_t line, std::int64_t* first_line);

 private:
  std::unordered_map<std::string, std::int64_t> lines_;
};

// Quotes a value for a problem line: 'abc' (truncated when long).
std::string Quoted(std::string_view value);

}  // namespace scij::data::internal
