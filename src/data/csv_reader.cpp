#include "data/csv_reader.hpp"

#include <cstring>

namespace scij::data {

CsvReader::CsvReader(std::string text, CsvOptions options) : text_(std::move(text)), options_(options) {}

bool CsvReader::Next(CsvRecord& record) {
  record.fields.clear();
  record.malformed.clear();
  char* s = text_.data();
  const std::size_t n = text_.size();
  // Empty lines are not records.
  while (pos_ < n) {
    if (s[pos_] == '\n') {
      ++pos_;
      ++line_;
    } else if (s[pos_] == '\r') {
      ++pos_;
      if (pos_ < n && s[pos_] == '\n') ++pos_;
      ++line_;
    } else {
      break;
    }
  }
  if (pos_ >= n) return false;
  record.line = line_;
  const char delimiter = options_.delimiter;
  while (true) {
    std::string_view field;
    if (pos_ < n && s[pos_] == '"') {
      const std::int64_t opened_on = line_;
      const std::size_t start = ++pos_;
      std::size_t write = start;  // unescaping in place: write never passes the read position
      bool closed = false;
      while (pos_ < n) {
        const char c = s[pos_];
        if (c == '"') {
          if (pos_ + 1 < n && s[pos_ + 1] == '"') {
            s[write++] = '"';
            pos_ += 2;
            continue;
          }
          ++pos_;
          closed = true;
          break;
        }
        if (c == '\n' || (c == '\r' && !(pos_ + 1 < n && s[pos_ + 1] == '\n'))) ++line_;
        s[write++] = c;
        ++pos_;
      }
      if (!closed) {
        record.malformed = "unterminated quoted field (opened on line " + std::to_string(opened_on) + ")";
      } else if (pos_ < n && s[pos_] != delimiter && s[pos_] != '\n' && s[pos_] != '\r') {
        record.malformed =
            "text after the closing quote of field " + std::to_string(record.fields.size() + 1);
        while (pos_ < n && s[pos_] != delimiter && s[pos_] != '\n' && s[pos_] != '\r') s[write++] = s[pos_++];
      }
      field = std::string_view(s + start, write - start);
    } else {
      const std::size_t start = pos_;
      while (pos_ < n) {
        const char c = s[pos_];
        if (c == delimiter || c == '\n' || c == '\r') break;
        ++pos_;
      }
      field = std::string_view(s + start, pos_ - start);
    }
    record.fields.push_back(field);
    if (pos_ >= n) return true;
    const char c = s[pos_];
    if (c == delimiter) {
      ++pos_;
      continue;
    }
    if (c == '\r') {
      ++pos_;
      if (pos_ < n && s[pos_] == '\n') ++pos_;
    } else {
      ++pos_;
    }
    ++line_;
    return true;
  }
}

char DetectDelimiter(std::string_view text) {
  std::size_t tabs = 0;
  std::size_t commas = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted) {
      if (c == '\n' || c == '\r') break;
      if (c == '\t') ++tabs;
      if (c == ',') ++commas;
    }
  }
  return tabs > commas ? '\t' : ',';
}

std::vector<std::vector<std::string>> ReadFirstRecords(std::string_view text, char delimiter,
                                                       std::size_t max_records, bool text_is_complete) {
  std::vector<std::vector<std::string>> records;
  CsvReader reader{std::string(text), CsvOptions{delimiter}};
  CsvRecord record;
  while (records.size() < max_records && reader.Next(record)) {
    const bool cut_off = !text_is_complete && reader.position() >= text.size() && !text.empty() &&
                         text.back() != '\n' && text.back() != '\r';
    if (cut_off && !records.empty()) break;
    records.emplace_back(record.fields.begin(), record.fields.end());
  }
  return records;
}

}  // namespace scij::data
