// Internal helpers shared by the importers: report set-up, value parsers that log problems, and
// vintage derivation from file names.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "data/delimited_table.hpp"
#include "data/importers.hpp"

namespace scij::data::internal {

// A report for `kind` with the source description, path, encoding note and detail caps set.
DatasetReport NewReport(DatasetKind kind, const SourceText& source, const ImporterOptions& options);

// "CSV (comma)", "TSV (tab)", "CSV (comma) without header".
std::string FormatName(char delimiter, bool has_header);

// A count (non-negative integer; "1241.0" accepted). nullopt when not one.
std::optional<std::int64_t> ParseCount(std::string_view text);

// The 4-digit year right after `prefix` in a file name (case-insensitive): ("hd2023.csv", "hd") ->
// 2023. nullopt when absent or outside 1990..2099.
std::optional<int> YearAfter(std::string_view file_name, std::string_view prefix);

// OMB bulletin of a delineation year, for the bulletins the shared data documents; "" otherwise.
std::string OmbBulletin(int year);

// An IPEDS-style coded value: blank, -1, -2 and -3 (missing / not applicable / not available) ->
// nullopt (-2 kept when `keep_minus_two`). A value
// that is not an integer is a warning on the row and nullopt.
std::optional<int> CodeValue(const DelimitedTable& table, std::optional<std::size_t> column,
                             DatasetReport& report, bool keep_minus_two = false);
// 1 -> true, 2 -> false (IPEDS yes/no); 0/1 when `zero_one`. Anything else nullopt (a warning
// when not blank / -1 / -2 / -3).
std::optional<bool> YesNoValue(const DelimitedTable& table, std::optional<std::size_t> column,
                               DatasetReport& report, bool zero_one = false);
// An optional count column: blank -> nullopt; a bad value is a warning and nullopt.
std::optional<std::int64_t> OptionalCount(const DelimitedTable& table, std::optional<std::size_t> column,
                                          DatasetReport& report);

// Parses LATITUDE/LONGITUDE fields; on failure logs the row as skipped ("bad number" or
// "lat/lon out of range") and returns false.
bool ParseLatLonOrSkip(const DelimitedTable& table, std::size_t lat_column, std::size_t lon_column,
                       DatasetReport& report, double& lat, double& lon);

// A unique-key check that logs "duplicate key" as a skipped row. True when the key is new.
bool CheckUnique(KeyTracker& keys, const std::string& key, std::string_view key_label,
                 const DelimitedTable& table, DatasetReport& report);

std::string Str(std::string_view text);

}  // namespace scij::data::internal
