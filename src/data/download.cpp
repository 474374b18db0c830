#include "data/download.hpp"

#include <curl/curl.h>
#include <sodium.h>
#include <time.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "data/xlsx.hpp"
#include "data/zip_archive.hpp"

namespace scij::data {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string NowUtc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// "scheme://host[:port]" and the rest ("/path?query"), or nothing when not http(s).
std::optional<std::pair<std::string, std::string>> SplitOrigin(std::string_view url) {
  const std::string lower = Lower(url.substr(0, 8));
  std::size_t scheme_end = 0;
  if (lower.rfind("http://", 0) == 0) {
    scheme_end = 7;
  } else if (lower.rfind("https://", 0) == 0) {
    scheme_end = 8;
  } else {
    return std::nullopt;
  }
  std::size_t host_end = url.find_first_of("/?#", scheme_end);
  if (host_end == std::string_view::npos) host_end = url.size();
  if (host_end == scheme_end) return std::nullopt;
  return std::make_pair(std::string(url.substr(0, host_end)), std::string(url.substr(host_end)));
}

// One transfer's state, shared with libcurl's callbacks.
struct Transfer {
  CURL* curl = nullptr;
  std::string part_path;
  std::uint64_t start = 0;  // bytes of the .part when the request was sent
  std::FILE* out = nullptr;
  bool decided = false;  // the first body byte arrived and append vs restart was chosen
  bool appending = false;
  bool range_mismatch = false;
  bool write_failed = false;
  std::uint64_t written = 0;
  std::string etag, last_modified, content_range;
  const DownloadSource* source = nullptr;
  const DownloadOptions* options = nullptr;
};

std::string HeaderValue(std::string_view line, std::string_view name) {
  if (line.size() <= name.size() || Lower(line.substr(0, name.size())) != name) return {};
  std::string_view v = line.substr(name.size());
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ')) v.remove_suffix(1);
  return std::string(v);
}

std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::string_view line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {  // a new response (after a redirect or 100 Continue)
    t->etag.clear();
    t->last_modified.clear();
    t->content_range.clear();
  } else if (auto v = HeaderValue(line, "etag:"); !v.empty()) {
    t->etag = v;
  } else if (auto v2 = HeaderValue(line, "last-modified:"); !v2.empty()) {
    t->last_modified = v2;
  } else if (auto v3 = HeaderValue(line, "content-range:"); !v3.empty()) {
    t->content_range = v3;
  }
  return size * count;
}

std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (!t->decided) {
    t->decided = true;
    long code = 0;
    curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &code);
    if (code == 206 && t->start > 0) {
      // The server continues where the .part ends: "bytes START-END/TOTAL".
      const std::string expect = "bytes " + std::to_string(t->start) + "-";
      if (Lower(t->content_range).rfind(expect, 0) != 0) {
        t->range_mismatch = true;
        return 0;
      }
      t->appending = true;
    }
    // 200 (the range was ignored, or none was asked): the file starts again from zero.
    t->out = std::fopen(t->part_path.c_str(), t->appending ? "ab" : "wb");
    if (t->out == nullptr) {
      t->write_failed = true;
      return 0;
    }
  }
  if (std::fwrite(data, 1, n, t->out) != n) {
    t->write_failed = true;
    return 0;
  }
  t->written += n;
  return n;
}

int OnProgress(void* user, curl_off_t total, curl_off_t now, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  if (t->options->progress && t->source != nullptr) {
    const std::uint64_t base = t->appending ? t->start : 0;
    t->options->progress(*t->source, base + static_cast<std::uint64_t>(now),
                         total > 0 ? base + static_cast<std::uint64_t>(total) : 0);
  }
  return 0;
}

struct Attempt {
  bool ok = false;
  bool retry = false;    // worth another try (network trouble, 5xx, 429)
  bool restart = false;  // the .part must be dropped (416 or a mismatched range)
  std::string error;
};

Attempt FetchOnce(const std::string& url, const std::string& part_path, const DownloadSource& source,
                  const DownloadOptions& options, DownloadRecord& record) {
  Transfer t;
  t.part_path = part_path;
  t.source = &source;
  t.options = &options;
  std::error_code ec;
  if (fs::exists(part_path, ec)) t.start = fs::file_size(part_path, ec);
  if (ec) t.start = 0;

  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return {.error = "cannot start libcurl"};
  t.curl = curl.get();
  char error_buffer[CURL_ERROR_SIZE] = {};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "scij/" SCIJ_VERSION " (scij data download)");
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, options.connect_timeout_seconds);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, options.stall_timeout_seconds);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, OnProgress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  // The Range header is set by hand (not CURLOPT_RESUME_FROM_LARGE) so that a 200 answer, from a
  // server that ignores ranges, restarts the file instead of failing the transfer.
  const std::string range = std::to_string(t.start) + "-";
  if (t.start > 0) curl_easy_setopt(c, CURLOPT_RANGE, range.c_str());

  const CURLcode rc = curl_easy_perform(c);
  if (t.out != nullptr && std::fclose(t.out) != 0) t.write_failed = true;
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);

  Attempt a;
  if (t.write_failed) {
    a.error = "cannot write " + part_path;
    return a;
  }
  if (t.range_mismatch) {
    a.error = "HTTP 206 for the wrong range (" + t.content_range + ") from " + url;
    a.retry = a.restart = true;
    return a;
  }
  if (rc == CURLE_OK && !t.decided) {  // an empty body
    std::FILE* f = std::fopen(part_path.c_str(), code == 206 ? "ab" : "wb");
    if (f == nullptr) return {.error = "cannot write " + part_path};
    std::fclose(f);
    t.appending = code == 206;
  }
  if (rc == CURLE_OK) {
    a.ok = true;
    record.etag = t.etag;
    record.last_modified = t.last_modified;
    record.resumed = t.appending;
    return a;
  }
  if (rc == CURLE_HTTP_RETURNED_ERROR) {
    a.error = "HTTP " + std::to_string(code) + " from " + url;
    if (code == 416 && t.start > 0) a.restart = a.retry = true;
    a.retry = a.retry || code >= 500 || code == 429 || code == 408;
    return a;
  }
  a.error = std::string(error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(rc)) + " (" + url + ")";
  if (code > 0) a.error = "HTTP " + std::to_string(code) + ": " + a.error;
  a.retry = rc != CURLE_UNSUPPORTED_PROTOCOL && rc != CURLE_URL_MALFORMAT;
  return a;
}

Result<RecordedFile> Record(const std::string& dir, const std::string& file) {
  const std::string path = dir + "/" + file;
  auto sha = FileSha256(path);
  if (!sha.ok()) return sha.error();
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return Internal("cannot stat " + path);
  return RecordedFile{file, static_cast<std::uint64_t>(size), *sha};
}

bool StillMatches(const std::string& dir, const RecordedFile& f) {
  std::error_code ec;
  if (f.sha256.empty() || !fs::is_regular_file(dir + "/" + f.file, ec)) return false;
  auto sha = FileSha256(dir + "/" + f.file);
  return sha.ok() && *sha == f.sha256;
}

// Extracts / converts the downloaded file; fills record.outputs or record.note.
void AfterDownload(const std::string& dir, DownloadRecord& record) {
  const DownloadSource& s = record.source;
  const std::string path = dir + "/" + s.file;
  record.outputs.clear();
  switch (s.after) {
    case DownloadAfter::kNothing:
      return;
    case DownloadAfter::kConvertByHand:
      record.note =
          "kept as downloaded (not imported as is): import with scij data import after converting " + s.file +
          " to CSV (e.g. soffice --headless --convert-to csv " + s.file + ")";
      return;
    case DownloadAfter::kExtractMember: {
      auto found = FindZipMember(path, s.member);
      if (!found.ok()) {
        record.status = DownloadStatus::kFailed;
        record.error = found.error().message;
        return;
      }
      std::string out_name = fs::path(*found).filename().string();
      auto n = ExtractZipMember(path, *found, dir + "/" + out_name);
      if (!n.ok()) {
        record.status = DownloadStatus::kFailed;
        record.error = n.error().message;
        return;
      }
      if (auto r = Record(dir, out_name); r.ok()) record.outputs.push_back(*r);
      return;
    }
    case DownloadAfter::kXlsxToCsv: {
      auto csv = s.sheet.empty() ? XlsxFirstSheetToCsv(path) : XlsxSheetToCsv(path, s.sheet);
      const std::string out = dir + "/" + s.member;
      if (csv.ok()) {
        std::ofstream f(out + ".tmp", std::ios::binary | std::ios::trunc);
        f << *csv;
        f.close();
        std::error_code ec;
        if (f) fs::rename(out + ".tmp", out, ec);
        if (f && !ec) {
          if (auto r = Record(dir, s.member); r.ok()) record.outputs.push_back(*r);
          return;
        }
        fs::remove(out + ".tmp", ec);
      }
      record.note = "could not convert " + s.file + (s.sheet.empty() ? "" : " sheet \"" + s.sheet + "\"") +
                    " to CSV (" + (csv.ok() ? std::string("cannot write ") + out : csv.error().message) +
                    "): import with scij data import after converting it to CSV";
      return;
    }
  }
}

bool OutputsMatch(const std::string& dir, const DownloadRecord& recorded) {
  if (recorded.source.after == DownloadAfter::kExtractMember ||
      recorded.source.after == DownloadAfter::kXlsxToCsv) {
    if (recorded.outputs.empty()) return false;
  }
  for (const auto& o : recorded.outputs) {
    if (!StillMatches(dir, o)) return false;
  }
  return true;
}

json::object FileJson(const RecordedFile& f) {
  return {{"file", f.file}, {"bytes", f.bytes}, {"sha256", f.sha256}};
}

std::string Str(const json::object& o, std::string_view key) {
  if (const auto* v = o.if_contains(key); v != nullptr && v->is_string()) return std::string(v->as_string());
  return {};
}

RecordedFile FileFromJson(const json::object& o) {
  RecordedFile f{Str(o, "file"), 0, Str(o, "sha256")};
  if (const auto* b = o.if_contains("bytes"); b != nullptr && b->is_number())
    f.bytes = b->to_number<std::uint64_t>();
  return f;
}

Status WriteManifest(const std::string& dir, const std::vector<DownloadRecord>& records) {
  json::array files;
  for (const auto& r : records) {
    json::array outputs;
    for (const auto& o : r.outputs) outputs.push_back(FileJson(o));
    json::object entry{{"name", r.source.name},
                       {"agency", r.source.agency},
                       {"url", r.url},
                       {"format", r.source.format},
                       {"feeds", r.source.feeds},
                       {"file", r.downloaded.file},
                       {"bytes", r.downloaded.bytes},
                       {"sha256", r.downloaded.sha256},
                       {"downloaded_at", r.downloaded_at},
                       {"etag", r.etag},
                       {"last_modified", r.last_modified},
                       {"outputs", std::move(outputs)}};
    if (!r.note.empty()) entry["note"] = r.note;
    files.push_back(std::move(entry));
  }
  json::object doc{{"generated_by", "scij data download"}, {"files", std::move(files)}};
  const std::string path = dir + "/" + kDownloadManifestName;
  {
    std::ofstream out(path + ".tmp", std::ios::binary | std::ios::trunc);
    out << json::serialize(doc) << "\n";
    if (!out) return Internal("cannot write " + path + ".tmp");
  }
  std::error_code ec;
  fs::rename(path + ".tmp", path, ec);
  if (ec) return Internal("cannot write " + path + ": " + ec.message());
  return {};
}

DownloadRecord DownloadOne(const DownloadSource& source, const std::string& url,
                           const DownloadOptions& options, const DownloadRecord* recorded) {
  DownloadRecord record;
  record.source = source;
  record.url = url;
  const std::string& dir = options.dir;
  const std::string final_path = dir + "/" + source.file;

  if (recorded != nullptr && !options.force && StillMatches(dir, recorded->downloaded)) {
    record = *recorded;
    record.source = source;
    record.status = DownloadStatus::kUpToDate;
    if (!OutputsMatch(dir, *recorded)) AfterDownload(dir, record);
    return record;
  }

  const std::string part = final_path + ".part";
  const int attempts = std::max(1, options.attempts);
  bool restarted = false;
  for (int i = 0; i < attempts; ++i) {
    Attempt a = FetchOnce(url, part, source, options, record);
    if (a.ok) {
      record.error.clear();
      break;
    }
    record.error = a.error;
    if (a.restart && !restarted) {  // 416 / wrong range: drop the .part and start again, once
      std::error_code ec;
      fs::remove(part, ec);
      restarted = true;
      --i;
      continue;
    }
    if (!a.retry) break;
    if (i + 1 < attempts) std::this_thread::sleep_for(std::chrono::milliseconds(500 * (i + 1)));
  }
  if (!record.error.empty()) {
    record.status = DownloadStatus::kFailed;
    std::error_code ec;
    if (fs::exists(part, ec)) {
      record.error += " (" + std::to_string(fs::file_size(part, ec)) + " bytes kept in " + source.file +
                      ".part; run again to resume)";
    }
    return record;
  }
  std::error_code ec;
  fs::rename(part, final_path, ec);
  if (ec) {
    record.status = DownloadStatus::kFailed;
    record.error = "cannot rename " + part + " to " + final_path + ": " + ec.message();
    return record;
  }
  auto rec = Record(dir, source.file);
  if (!rec.ok()) {
    record.status = DownloadStatus::kFailed;
    record.error = rec.error().message;
    return record;
  }
  record.downloaded = *rec;
  record.downloaded_at = NowUtc();
  record.status = DownloadStatus::kDownloaded;
  AfterDownload(dir, record);
  return record;
}

}  // namespace

const std::vector<DownloadSource>& OfficialSources() {
  static const std::vector<DownloadSource> sources = {
      {.name = "acs-county",
       .agency = "US Census Bureau (ACS 5-year API)",
       .url = "https://api.census.gov/data/2021/acs/acs5?get=NAME,B05002_001E,B05002_013E&for=county:*",
       .file = "acs5_2021_b05002_county.json",
       .format = "Census API JSON (array of arrays)",
       .feeds = "foreign-born population by county, ACS 2017-2021 (Q1)"},
      {.name = "cenpop-county",
       .agency = "US Census Bureau (Centers of Population)",
       .url = "https://www2.census.gov/geo/docs/reference/cenpop2020/county/CenPop2020_Mean_CO.txt",
       .file = "CenPop2020_Mean_CO.txt",
       .format = "CSV text",
       .feeds = "county centers of population, 2020 Census (reach)"},
      {.name = "gazetteer-counties",
       .agency = "US Census Bureau (Gazetteer)",
       .url = "https://www2.census.gov/geo/docs/maps-data/data/gazetteer/2020_Gazetteer/"
              "2020_Gaz_counties_national.zip",
       .file = "2020_Gaz_counties_national.zip",
       .format = "ZIP of tab-delimited text",
       .feeds = "county land area (reach disks)",
       .after = DownloadAfter::kExtractMember,
       .member = "2020_Gaz_counties_national.txt"},
      {.name = "omb-list1-2023",
       .agency = "OMB / US Census Bureau (delineation files)",
       .url = "https://www2.census.gov/programs-surveys/metro-micro/geographies/reference-files/2023/"
              "delineation-files/list1_2023.xlsx",
       .file = "list1_2023.xlsx",
       .format = "Excel workbook (.xlsx), converted to CSV",
       .feeds = "county to CBSA, OMB Bulletin 23-01 (metros)",
       .after = DownloadAfter::kXlsxToCsv,
       .member = "list1_2023.csv"},
      {.name = "omb-list1-2020",
       .agency = "OMB / US Census Bureau (delineation files)",
       .url = "https://www2.census.gov/programs-surveys/metro-micro/geographies/reference-files/2020/"
              "delineation-files/list1_2020.xls",
       .file = "list1_2020.xls",
       .format = "legacy Excel workbook (.xls), kept as downloaded",
       .feeds = "county to CBSA, OMB Bulletin 20-01 (metros for the ACS 2017-2021 counties)",
       .after = DownloadAfter::kConvertByHand},
      {.name = "ipeds-hd",
       .agency = "NCES IPEDS",
       .url = "https://nces.ed.gov/ipeds/datacenter/data/HD2023.zip",
       .file = "HD2023.zip",
       .format = "ZIP of CSV",
       .feeds = "every institution: location, sector, control, Carnegie basic (Q3)",
       .after = DownloadAfter::kExtractMember,
       .member = "hd2023.csv"},
      // The long-format EF A file (one row per UNITID and EFALEVEL); the importer takes the
      // undergraduate total row (EFALEVEL 2). ef2023a_rv.csv, when NCES adds a revision, is not it.
      {.name = "ipeds-ef",
       .agency = "NCES IPEDS",
       .url = "https://nces.ed.gov/ipeds/datacenter/data/EF2023A.zip",
       .file = "EF2023A.zip",
       .format = "ZIP of CSV (long format: one row per institution and attendance level)",
       .feeds = "fall 2023 undergraduate headcount per institution (Q3)",
       .after = DownloadAfter::kExtractMember,
       .member = "ef2023a.csv"},
      {.name = "carnegie-2021",
       .agency = "American Council on Education (Carnegie Classification)",
       .url =
           "https://carnegieclassifications.acenet.edu/wp-content/uploads/2023/03/CCIHE2021-PublicData.xlsx",
       .file = "CCIHE2021-PublicData.xlsx",
       .format = "Excel workbook (.xlsx), sheet \"Data\" converted to CSV",
       .feeds = "2021 Carnegie basic classification, HSI/MSI, fall 2020 undergraduates (Q3)",
       .after = DownloadAfter::kXlsxToCsv,
       .member = "CCIHE2021-PublicData_Data.csv",
       .sheet = "Data"},
  };
  return sources;
}

Result<std::string> RebaseUrl(std::string_view url, std::string_view base) {
  auto u = SplitOrigin(url);
  if (!u) return InvalidArgument("not an http(s) URL: " + std::string(url), "url");
  auto b = SplitOrigin(base);
  if (!b || b->second.find_first_of("?#") != std::string::npos) {
    return InvalidArgument(
        "--base-url must be http(s)://host[:port][/prefix] (got '" + std::string(base) + "')", "base_url");
  }
  std::string prefix = b->second;
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  return b->first + prefix + u->second;
}

Result<std::string> FileSha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot read " + path);
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    const auto n = in.gcount();
    if (n > 0) {
      crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer),
                                static_cast<unsigned long long>(n));
    }
  }
  if (in.bad()) return Internal("cannot read " + path);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char d : digest) {
    hex.push_back(kHex[d >> 4]);
    hex.push_back(kHex[d & 15]);
  }
  return hex;
}

std::string_view DownloadStatusName(DownloadStatus s) {
  switch (s) {
    case DownloadStatus::kDownloaded:
      return "downloaded";
    case DownloadStatus::kUpToDate:
      return "up to date";
    case DownloadStatus::kFailed:
      return "failed";
  }
  return "failed";
}

Result<std::vector<DownloadRecord>> ReadDownloadManifest(const std::string& dir) {
  const std::string path = dir + "/" + kDownloadManifestName;
  std::vector<DownloadRecord> out;
  std::ifstream in(path, std::ios::binary);
  if (!in) return out;
  std::stringstream ss;
  ss << in.rdbuf();
  boost::system::error_code ec;
  json::value doc = json::parse(ss.str(), ec);
  if (ec || !doc.is_object()) return InvalidArgument(path + ": not a download manifest (invalid JSON)");
  const auto* files = doc.as_object().if_contains("files");
  if (files == nullptr || !files->is_array()) return InvalidArgument(path + ": no \"files\" array");
  for (const auto& v : files->as_array()) {
    if (!v.is_object()) continue;
    const auto& o = v.as_object();
    DownloadRecord r;
    r.source.name = Str(o, "name");
    r.source.agency = Str(o, "agency");
    r.source.format = Str(o, "format");
    r.source.feeds = Str(o, "feeds");
    r.url = Str(o, "url");
    r.source.url = r.url;
    r.downloaded = FileFromJson(o);
    r.source.file = r.downloaded.file;
    r.downloaded_at = Str(o, "downloaded_at");
    r.etag = Str(o, "etag");
    r.last_modified = Str(o, "last_modified");
    r.note = Str(o, "note");
    r.status = DownloadStatus::kDownloaded;
    if (const auto* outs = o.if_contains("outputs"); outs != nullptr && outs->is_array()) {
      for (const auto& f : outs->as_array()) {
        if (f.is_object()) r.outputs.push_back(FileFromJson(f.as_object()));
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<DownloadRecord>> DownloadSources(const std::vector<DownloadSource>& sources,
                                                    const DownloadOptions& options) {
  GlobalInit();
  std::error_code ec;
  fs::create_directories(options.dir, ec);
  if (ec || !fs::is_directory(options.dir)) {
    return InvalidArgument("cannot create the download directory " + options.dir +
                           (ec ? ": " + ec.message() : std::string()));
  }
  std::vector<DownloadRecord> previous;
  if (auto m = ReadDownloadManifest(options.dir); m.ok()) previous = std::move(m).value();
  std::map<std::string, std::size_t> previous_by_name;
  for (std::size_t i = 0; i < previous.size(); ++i) previous_by_name[previous[i].source.name] = i;

  std::vector<DownloadRecord> results;
  for (const auto& source : sources) {
    std::string url = source.url;
    if (!options.base_url.empty()) {
      auto rebased = RebaseUrl(source.url, options.base_url);
      if (!rebased.ok()) return rebased.error();
      url = *rebased;
    }
    const DownloadRecord* recorded = nullptr;
    if (auto it = previous_by_name.find(source.name); it != previous_by_name.end()) {
      const DownloadRecord& p = previous[it->second];
      // A record counts only for the same file from the same URL.
      if (p.downloaded.file == source.file && p.url == url) recorded = &p;
    }
    results.push_back(DownloadOne(source, url, options, recorded));
  }

  // The manifest: this run's files (a failed one keeps its earlier record), then earlier records of
  // sources not in this run.
  std::vector<DownloadRecord> manifest;
  std::map<std::string, bool> seen;
  for (const auto& r : results) {
    seen[r.source.name] = true;
    if (r.status != DownloadStatus::kFailed && !r.downloaded.sha256.empty()) {
      manifest.push_back(r);
    } else if (auto it = previous_by_name.find(r.source.name); it != previous_by_name.end()) {
      manifest.push_back(previous[it->second]);
    }
  }
  for (const auto& p : previous) {
    if (!seen.count(p.source.name)) manifest.push_back(p);
  }
  if (Status s = WriteManifest(options.dir, manifest); !s.ok()) return s.error();
  return results;
}

}  // namespace scij::data
