// scij data download [--to DIR] [--base-url URL] [--only NAME]... [--attempts N] [--force] [--list]
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <set>

#include "cli/commands.hpp"
#include "data/download.hpp"

namespace scij::cli {
namespace {

std::string Grouped(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

void DownloadBar(const data::DownloadSource& source, std::uint64_t done, std::uint64_t total) {
  if (!::isatty(2)) return;
  std::cerr << "\r";
  if (total > 0) {
    const int width = 30;
    const int filled = static_cast<int>(static_cast<double>(done) / static_cast<double>(total) * width);
    std::cerr << "[" << std::string(static_cast<std::size_t>(std::min(filled, width)), '#')
              << std::string(static_cast<std::size_t>(width - std::min(filled, width)), ' ') << "] "
              << std::setw(3) << std::min<std::uint64_t>(done * 100 / total, 100) << "%  ";
  }
  std::cerr << source.file.substr(0, 36) << "  " << Grouped(done) << " bytes" << std::string(8, ' ')
            << std::flush;
}

void PrintSources(const std::vector<data::DownloadSource>& sources) {
  for (const auto& s : sources) {
    std::cout << s.name << "\n  " << s.agency << ": " << s.feeds << "\n  " << s.url << "\n  -> " << s.file
              << " (" << s.format << ")";
    if (s.after == data::DownloadAfter::kExtractMember) std::cout << ", extracts " << s.member;
    if (s.after == data::DownloadAfter::kXlsxToCsv) std::cout << ", converted to " << s.member;
    if (s.after == data::DownloadAfter::kConvertByHand)
      std::cout << ", convert to CSV by hand before importing";
    std::cout << "\n";
  }
}

}  // namespace

int RunDataDownload(const Config& config, const DownloadArgs& args) {
  const auto& all = data::OfficialSources();
  std::vector<data::DownloadSource> sources;
  if (args.only.empty()) {
    sources = all;
  } else {
    std::set<std::string> wanted(args.only.begin(), args.only.end());
    for (const auto& s : all) {
      if (wanted.erase(s.name)) sources.push_back(s);
    }
    if (!wanted.empty()) {
      std::string names;
      for (const auto& s : all) names += (names.empty() ? "" : ", ") + s.name;
      return Fail(
          InvalidArgument("--only " + *wanted.begin() + ": no such source (one of " + names + ")", "only"));
    }
  }
  if (args.list) {
    PrintSources(sources);
    return kExitOk;
  }

  data::DownloadOptions options;
  options.dir = args.to.empty() ? (std::filesystem::path(config.data_dir) / "downloads").string() : args.to;
  options.base_url = args.base_url;
  if (options.base_url.empty()) {
    if (const char* env = std::getenv("SCIJ_DOWNLOAD_BASE_URL")) options.base_url = env;
  }
  options.attempts = args.attempts;
  options.force = args.force;
  options.progress = DownloadBar;

  std::cout << "Downloading " << sources.size() << " official file(s) into " << options.dir
            << (options.base_url.empty() ? "" : " from " + options.base_url) << "\n";
  auto results = data::DownloadSources(sources, options);
  if (::isatty(2)) std::cerr << "\r" << std::string(80, ' ') << "\r";
  if (!results.ok()) return Fail(results.error());

  int failed = 0;
  bool manual = false;
  for (const auto& r : *results) {
    if (r.status == data::DownloadStatus::kFailed) {
      ++failed;
      std::cerr << "scij: " << r.source.name << " (" << r.source.file << ") failed: " << r.error << "\n";
      std::cout << r.source.name << ": failed: " << r.error << "\n";
      continue;
    }
    std::cout << r.source.name << ": " << r.source.file << " " << data::DownloadStatusName(r.status);
    if (r.status == data::DownloadStatus::kDownloaded && r.resumed) std::cout << " (resumed)";
    std::cout << "\n  url     " << r.url << "\n  bytes   " << Grouped(r.downloaded.bytes) << "\n  sha256  "
              << r.downloaded.sha256 << "\n";
    if (!r.downloaded_at.empty()) std::cout << "  date    " << r.downloaded_at << "\n";
    if (!r.etag.empty()) std::cout << "  etag    " << r.etag << "\n";
    if (!r.last_modified.empty()) std::cout << "  last-modified " << r.last_modified << "\n";
    for (const auto& o : r.outputs) {
      std::cout << "  -> " << o.file << " (" << Grouped(o.bytes) << " bytes, sha256 " << o.sha256 << ")\n";
    }
    if (!r.note.empty()) {
      manual = true;
      std::cout << "  note: " << r.note << "\n";
    }
  }
  std::cout << "\n"
            << (results->size() - static_cast<std::size_t>(failed)) << " of " << results->size()
            << " file(s) ready; checksums recorded in " << options.dir << "/" << data::kDownloadManifestName
            << "\nNext: scij data import " << options.dir
            << (manual ? " (files with a note are imported only after converting them)" : "") << "\n";
  return failed ? kExitUserError : kExitOk;
}

}  // namespace scij::cli
