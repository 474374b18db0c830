#include "data/import_report.hpp"

#include <algorithm>
#include <cstdio>

#include "data/field_parsing.hpp"

namespace scij::data {
namespace {

std::int64_t FindCount(const std::vector<std::pair<std::string, std::int64_t>>& counts,
                       std::string_view key) {
  for (const auto& [name, count] : counts) {
    if (name == key) return count;
  }
  return 0;
}

void AppendLog(std::string& out, const char* title, const ProblemLog& log, std::size_t max_details) {
  if (log.count() == 0) return;
  out += StrCat({"    ", title, ": ", WithThousands(log.count()), "\n"});
  for (const auto& [category, count] : log.categories()) {
    out += StrCat({"      ", WithThousands(count), "  ", category, "\n"});
    const std::vector<std::string> details = log.DetailsOf(category);
    const std::size_t shown = std::min(max_details, details.size());
    for (std::size_t i = 0; i < shown; ++i) out += StrCat({"          ", details[i], "\n"});
    if (static_cast<std::int64_t>(shown) < count) {
      out += StrCat({"          (", WithThousands(count - static_cast<std::int64_t>(shown)), " more)\n"});
    }
  }
}

}  // namespace

void ProblemLog::Add(std::string_view where, std::string_view category, std::string_view detail) {
  ++count_;
  auto it = std::find_if(categories_.begin(), categories_.end(),
                         [&](const auto& c) { return c.first == category; });
  if (it == categories_.end()) it = categories_.insert(categories_.end(), {std::string(category), 0});
  const auto category_count = static_cast<std::size_t>(++it->second);
  if (details_.size() < detail_cap_ || category_count <= kMinDetailsPerCategory) {
    std::string line;
    line.reserve(where.size() + category.size() + detail.size() + 4);
    line.append(where).append(": ").append(category);
    if (!detail.empty()) line.append(": ").append(detail);
    details_.push_back(std::move(line));
    detail_categories_.push_back(static_cast<std::size_t>(it - categories_.begin()));
  }
}

std::vector<std::string> ProblemLog::DetailsOf(std::string_view category) const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < details_.size(); ++i) {
    if (categories_[detail_categories_[i]].first == category) out.push_back(details_[i]);
  }
  return out;
}

std::int64_t ProblemLog::CountOf(std::string_view category) const { return FindCount(categories_, category); }

std::string WithThousands(std::int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return value < 0 ? "-" + out : out;
}

std::string_view TextEncodingName(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8:
      return "UTF-8";
    case TextEncoding::kUtf8WithBom:
      return "UTF-8 with byte-order mark";
    case TextEncoding::kLatin1:
      return "Latin-1 (transcoded to UTF-8)";
  }
  return "UTF-8";
}

void JoinStep::Count(std::string_view outcome, std::string example, std::int64_t n) {
  auto it =
      std::find_if(outcomes.begin(), outcomes.end(), [&](const JoinOutcome& o) { return o.name == outcome; });
  if (it == outcomes.end()) it = outcomes.insert(outcomes.end(), JoinOutcome{std::string(outcome), 0, {}});
  it->count += n;
  if (!example.empty() && it->examples.size() < kExamplesPerOutcome)
    it->examples.push_back(std::move(example));
}

std::int64_t JoinStep::CountOf(std::string_view outcome) const {
  for (const JoinOutcome& o : outcomes) {
    if (o.name == outcome) return o.count;
  }
  return 0;
}

const JoinStep* JoinReport::Find(std::string_view name) const {
  for (const JoinStep& step : steps) {
    if (step.name == name) return &step;
  }
  return nullptr;
}

std::string FormatImportSummary(const ImportReport& report, std::size_t max_details) {
  std::string out;
  out += "Data sets imported: " + std::to_string(report.datasets.size()) + "\n";
  for (const DatasetReport& d : report.datasets) {
    out += StrCat({"\n", DatasetKindName(d.kind), "  ", d.path, "\n"});
    out += "    source:   " + d.source + "\n";
    out += "    vintage:  " + d.vintage;
    if (!d.vintage_basis.empty()) out += "  (" + d.vintage_basis + ")";
    out += "\n";
    out += StrCat({"    file:     ", WithThousands(static_cast<std::int64_t>(d.file_bytes)), " bytes",
                   d.gzip ? ", gzip" : "", ", ", TextEncodingName(d.encoding), ", ", d.format, "\n"});
    out += "    sha256:   " + d.sha256 + "\n";
    out += "    rows:     read " + WithThousands(d.rows_read) + ", loaded " + WithThousands(d.rows_loaded) +
           ", skipped " + WithThousands(d.rows_skipped());
    if (d.rows_read != d.rows_loaded + d.rows_skipped()) out += "  (UNACCOUNTED ROWS: internal error)";
    out += "\n";
    for (const std::string& note : d.notes) out += "    note:     " + note + "\n";
    AppendLog(out, "skipped rows", d.skipped, max_details);
    AppendLog(out, "warnings on loaded rows", d.warnings, max_details);
  }
  if (!report.skipped_files.empty()) {
    out += "\nFiles skipped (not data): " + std::to_string(report.skipped_files.size()) + "\n";
    for (const SkippedFile& f : report.skipped_files) out += "    " + f.path + ": " + f.reason + "\n";
  }
  if (!report.failed_files.empty()) {
    out += "\nFiles that FAILED to import: " + std::to_string(report.failed_files.size()) + "\n";
    for (const FailedFile& f : report.failed_files) out += "    " + f.path + ": " + f.error + "\n";
  }
  if (!report.joins.steps.empty() || !report.joins.notes.empty()) {
    out += "\nJoins and geography fixes\n";
    for (const std::string& note : report.joins.notes) out += "    note: " + note + "\n";
    for (const JoinStep& step : report.joins.steps) {
      out += "  " + step.name + ": " + WithThousands(step.matched) + " of " + WithThousands(step.total) +
             " joined\n";
      if (!step.method.empty()) out += "      method: " + step.method + "\n";
      for (const JoinOutcome& outcome : step.outcomes) {
        out += "      " + WithThousands(outcome.count) + "  " + outcome.name + "\n";
        for (const std::string& example : outcome.examples) out += "          e.g. " + example + "\n";
      }
    }
  }
  char timing[128];
  std::snprintf(timing, sizeof timing, "\nTime: parse %.3f s, build snapshot %.3f s\n", report.parse_seconds,
                report.join_seconds);
  out += timing;
  return out;
}

}  // namespace scij::data
