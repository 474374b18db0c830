// An RFC 4180 reader for delimited text (comma or tab): quoted fields with embedded delimiters,
// doubled quotes and line breaks; CRLF, LF or CR line ends. It parses a buffer it owns in place,
// so fields are string_views that stay valid for the reader's lifetime. Every record carries the
// line it starts on, for "file:line" problem reports.
//
// Lenient where real files are sloppy, and says so: a quote inside an unquoted field is kept as a
// character; text after a closing quote is kept and the record is marked malformed; an unclosed
// quote runs to the end of the input and marks the record malformed. Empty lines are not records.
//
//   CsvReader reader(std::move(text), {.delimiter = ','});
//   CsvRecord record;
//   while (reader.Next(record)) {
//     if (!record.malformed.empty()) Report(record.line, record.malformed);
//     Use(record.fields[0]);
//   }
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace scij::data {

struct CsvOptions {
  char delimiter = ',';
};

struct CsvRecord {
  std::vector<std::string_view> fields;  // unescaped, untrimmed
  std::int64_t line = 0;                 // 1-based line on which the record starts
  std::string malformed;                 // "" when well-formed, else why not
};

class CsvReader {
 public:
  CsvReader(std::string text, CsvOptions options);

  // Reads the next record into `record` (reusing its storage); false at the end of the input.
  bool Next(CsvRecord& record);

  // Bytes consumed so far (for progress within a file).
  std::size_t position() const { return pos_; }

 private:
  std::string text_;
  CsvOptions options_;
  std::size_t pos_ = 0;
  std::int64_t line_ = 1;
};

// The delimiter of a file from its first line: tab when the line has more tabs than commas
// outside quotes, else comma.
char DetectDelimiter(std::string_view text);

// The first `max_records` records of `text` (for kind detection on a file's head). Unless
// `text_is_complete`, a last line cut off without its line end is dropped unless it is the only one.
std::vector<std::vector<std::string>> ReadFirstRecords(std::string_view text, char delimiter,
                                                       std::size_t max_records, bool text_is_complete);

}  // namespace scij::data
