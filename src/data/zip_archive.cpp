#include "data/zip_archive.hpp"

#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

namespace scij::data {
namespace {

struct ArchiveCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using Archive = std::unique_ptr<zip_t, ArchiveCloser>;

struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
using MemberFile = std::unique_ptr<zip_file_t, FileCloser>;

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

Result<Archive> Open(const std::string& path) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (z == nullptr) {
    zip_error_t error;
    zip_error_init_with_code(&error, err);
    std::string message = path + ": not a readable ZIP archive (" + zip_error_strerror(&error) + ")";
    zip_error_fini(&error);
    return InvalidArgument(std::move(message));
  }
  return Archive(z);
}

Result<zip_uint64_t> IndexOf(zip_t* z, const std::string& zip_path, const std::string& member) {
  const std::string want = Lower(member);
  const bool want_has_dir = want.find('/') != std::string::npos;
  const zip_int64_t count = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* raw = zip_get_name(z, static_cast<zip_uint64_t>(i), 0);
    if (raw == nullptr) continue;
    std::string name = Lower(raw);
    if (!want_has_dir) {
      if (auto slash = name.rfind('/'); slash != std::string::npos) name = name.substr(slash + 1);
    }
    if (name == want) return static_cast<zip_uint64_t>(i);
  }
  return NotFound(zip_path + ": no member named " + member);
}

// Calls `sink(data, size)` for each chunk of the member; checks the size limit.
template <typename Sink>
Result<std::uint64_t> Stream(const std::string& zip_path, const std::string& member, std::uint64_t max_bytes,
                             Sink&& sink) {
  auto archive = Open(zip_path);
  if (!archive.ok()) return archive.error();
  zip_t* z = archive->get();
  auto index = IndexOf(z, zip_path, member);
  if (!index.ok()) return index.error();
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(z, *index, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) && st.size > max_bytes) {
    return InvalidArgument(zip_path + ": member " + member + " is larger than " + std::to_string(max_bytes) +
                           " bytes");
  }
  MemberFile file(zip_fopen_index(z, *index, 0));
  if (!file) return InvalidArgument(zip_path + ": cannot open member " + member + ": " + zip_strerror(z));
  std::uint64_t total = 0;
  char buffer[1 << 16];
  for (;;) {
    const zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
    if (n < 0) {
      return InvalidArgument(zip_path + ": member " + member +
                             " is damaged: " + zip_error_strerror(zip_file_get_error(file.get())));
    }
    if (n == 0) break;
    total += static_cast<std::uint64_t>(n);
    if (total > max_bytes) {
      return InvalidArgument(zip_path + ": member " + member + " is larger than " +
                             std::to_string(max_bytes) + " bytes");
    }
    if (!sink(buffer, static_cast<std::size_t>(n))) return Internal("cannot write the extracted " + member);
  }
  return total;
}

}  // namespace

Result<std::vector<std::string>> ZipMemberNames(const std::string& zip_path) {
  auto archive = Open(zip_path);
  if (!archive.ok()) return archive.error();
  std::vector<std::string> names;
  const zip_int64_t count = zip_get_num_entries(archive->get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    if (const char* name = zip_get_name(archive->get(), static_cast<zip_uint64_t>(i), 0))
      names.emplace_back(name);
  }
  return names;
}

Result<std::string> FindZipMember(const std::string& zip_path, const std::string& member) {
  auto archive = Open(zip_path);
  if (!archive.ok()) return archive.error();
  auto index = IndexOf(archive->get(), zip_path, member);
  if (!index.ok()) return index.error();
  return std::string(zip_get_name(archive->get(), *index, 0));
}

Result<std::string> ReadZipMember(const std::string& zip_path, const std::string& member,
                                  std::uint64_t max_bytes) {
  std::string out;
  auto n = Stream(zip_path, member, max_bytes, [&](const char* data, std::size_t size) {
    out.append(data, size);
    return true;
  });
  if (!n.ok()) return n.error();
  return out;
}

Result<std::uint64_t> ExtractZipMember(const std::string& zip_path, const std::string& member,
                                       const std::string& out_path, std::uint64_t max_bytes) {
  const std::string tmp = out_path + ".tmp";
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  if (!out) return Internal("cannot create " + tmp);
  auto n = Stream(zip_path, member, max_bytes, [&](const char* data, std::size_t size) {
    out.write(data, static_cast<std::streamsize>(size));
    return static_cast<bool>(out);
  });
  out.close();
  std::error_code ec;
  if (!n.ok() || !out) {
    std::filesystem::remove(tmp, ec);
    if (!n.ok()) return n.error();
    return Internal("cannot write " + tmp);
  }
  std::filesystem::rename(tmp, out_path, ec);
  if (ec) return Internal("cannot rename " + tmp + " to " + out_path + ": " + ec.message());
  return *n;
}

Status WriteZip(const std::string& zip_path,
                const std::vector<std::pair<std::string, std::string>>& members) {
  int err = 0;
  zip_t* z = zip_open(zip_path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (z == nullptr) return Internal("cannot create " + zip_path);
  Archive archive(z);
  for (const auto& [name, content] : members) {
    zip_source_t* src = zip_source_buffer(z, content.data(), content.size(), 0);
    if (src == nullptr) return Internal("zip_source_buffer: " + std::string(zip_strerror(z)));
    if (zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      zip_source_free(src);
      return Internal("cannot add " + name + " to " + zip_path + ": " + zip_strerror(z));
    }
  }
  // zip_close reads the buffers (which `members` keeps alive) and writes the archive.
  if (zip_close(archive.get()) != 0) return Internal("cannot write " + zip_path + ": " + zip_strerror(z));
  (void)archive.release();
  return {};
}

}  // namespace scij::data
