#include "data/delimited_table.hpp"

#include "data/field_parsing.hpp"

namespace scij::data::internal {

std::string FileName(std::string_view path) {
  const std::size_t slash = path.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

DelimitedTable::DelimitedTable(SourceText source, char delimiter, DatasetReport& report)
    : file_name_(FileName(source.path)),
      reader_(std::move(source.text), CsvOptions{delimiter}),
      report_(report) {}

bool DelimitedTable::ReadHeader() {
  return ReadHeaderWhere([](const std::vector<std::string>&) { return true; }, 1);
}

bool DelimitedTable::ReadHeaderWhere(const std::function<bool(const std::vector<std::string>&)>& is_header,
                                     std::size_t max_scan) {
  std::size_t title_rows = 0;
  for (std::size_t i = 0; i < max_scan && reader_.Next(record_); ++i) {
    std::vector<std::string> names;
    names.reserve(record_.fields.size());
    for (std::string_view field : record_.fields) names.emplace_back(field);
    if (!is_header(names)) {
      ++title_rows;
      continue;
    }
    if (title_rows > 0) {
      report_.notes.push_back(std::to_string(title_rows) + " title row(s) before the header on line " +
                              std::to_string(record_.line) + " ignored");
    }
    std::vector<std::string> trimmed_names;
    for (const std::string& name : names) {
      std::string_view trimmed = Trim(name);
      if (trimmed.size() != name.size() && !trimmed.empty()) {
        report_.notes.push_back("header name " + Quoted(name) + " had surrounding whitespace, trimmed");
      }
      trimmed_names.emplace_back(trimmed);
    }
    SetColumns(std::move(trimmed_names));
    return true;
  }
  return false;
}

void DelimitedTable::SetColumns(std::vector<std::string> names) {
  columns_ = std::move(names);
  index_.clear();
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].empty()) continue;
    index_.emplace(ToLower(columns_[i]), i);  // the first of duplicate names wins
  }
}

std::optional<std::size_t> DelimitedTable::Find(std::string_view name) const {
  auto it = index_.find(ToLower(name));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

Result<std::size_t> DelimitedTable::Require(std::string_view name) const {
  if (auto index = Find(name)) return *index;
  std::string have;
  for (std::size_t i = 0; i < columns_.size() && i < 30; ++i) {
    if (i > 0) have += ", ";
    have += columns_[i];
  }
  if (columns_.size() > 30) have += ", ...";
  return InvalidArgument(
      StrCat({file_name_, ": required column '", name, "' is missing (columns: ", have, ")"}),
      std::string(name));
}

bool DelimitedTable::NextRow() {
  while (reader_.Next(record_)) {
    ++report_.rows_read;
    if (!record_.malformed.empty()) {
      report_.Skip(Where(), "malformed quoting", record_.malformed);
      continue;
    }
    const std::size_t have = record_.fields.size();
    const std::size_t want = columns_.size();
    bool count_ok = have == want;
    if (have > want) {
      count_ok = true;
      for (std::size_t i = want; i < have; ++i) {
        if (!Trim(record_.fields[i]).empty()) count_ok = false;
      }
    }
    if (!count_ok) {
      report_.Skip(Where(), "wrong column count",
                   std::to_string(have) + " fields, the header has " + std::to_string(want));
      continue;
    }
    return true;
  }
  return false;
}

std::string_view DelimitedTable::operator[](std::size_t column) const {
  if (column >= record_.fields.size()) return {};
  return Trim(record_.fields[column]);
}

std::string DelimitedTable::Where() const { return file_name_ + ":" + std::to_string(record_.line); }

bool KeyTracker::Insert(const std::string& key, std::int64_t line, std::int64_t* first_line) {
  auto [it, inserted] = lines_.emplace(key, line);
  if (!inserted && first_line) *first_line = it->second;
  return inserted;
}

std::string Quoted(std::string_view value) {
  constexpr std::size_t kMax = 40;
  if (value.size() > kMax) return StrCat({"'", value.substr(0, kMax), "...'"});
  return StrCat({"'", value, "'"});
}

}  // namespace scij::data::internal
