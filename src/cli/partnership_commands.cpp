// scij seed current-partners, scij report UNITID [--pdf FILE | --html FILE], scij user school
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "services/partnerships.hpp"
#include "services/site_selection.hpp"

extern char** environ;

namespace scij::cli {
namespace {

services::Actor CliPartnerActor() {
  auth::Actor a = CliActor();
  return {std::nullopt, a.username, "cli", ""};
}

struct Stack {
  std::unique_ptr<store::Store> store;
  SystemClock clock;
  std::unique_ptr<services::SiteSelectionService> sites;
  std::unique_ptr<services::PartnershipService> partnerships;
};

Result<std::unique_ptr<Stack>> OpenStack(const Config& config) {
  auto s = std::make_unique<Stack>();
  auto store = OpenStore(config);
  if (!store.ok()) return store.error();
  s->store = std::move(store).value();
  s->sites = std::make_unique<services::SiteSelectionService>(*s->store, s->clock);
  SCIJ_RETURN_IF_ERROR(s->sites->Reload());
  s->partnerships = std::make_unique<services::PartnershipService>(*s->store, s->clock, *s->sites);
  auto fees = s->partnerships->EnsureFeeSchedule();
  if (!fees.ok()) return fees.error();
  return s;
}

// A private scratch directory (0700) removed when done.
class ScratchDir {
 public:
  ScratchDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "scij-report.XXXXXX").string();
    if (::mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Runs Chromium headless to print `html_path` to `pdf_path` (no shell; killed after 120 s).
Status PrintToPdf(const std::string& html_path, const std::string& pdf_path, const std::string& profile_dir) {
  const char* env = std::getenv("SCIJ_CHROMIUM");
  std::string chromium = env && *env ? env : "/usr/bin/chromium";
  if (::access(chromium.c_str(), X_OK) != 0)
    return FailedPrecondition("no Chromium at " + chromium +
                              " (scripts/install-deps installs Debian's chromium; SCIJ_CHROMIUM overrides)");
  std::vector<std::string> args = {chromium,
                                   "--headless",
                                   "--disable-gpu",
                                   "--no-first-run",
                                   "--no-default-browser-check",
                                   "--disable-extensions",
                                   "--no-pdf-header-footer",
                                   "--user-data-dir=" + profile_dir,
                                   "--print-to-pdf=" + pdf_path,
                                   "file://" + html_path};
  if (::geteuid() == 0) args.insert(args.begin() + 1, "--no-sandbox");  // Chromium refuses root otherwise
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  int rc = ::posix_spawn(&pid, chromium.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return Internal("cannot start " + chromium + ": " + std::strerror(rc));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  int status = 0;
  for (;;) {
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return Unavailable("Chromium did not finish printing within 120 s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::error_code ec;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || std::filesystem::file_size(pdf_path, ec) == 0)
    return Internal("Chromium could not print the report (exit status " +
                    std::to_string(WEXITSTATUS(status)) + ")");
  return {};
}

}  // namespace

int RunSeedCurrentPartners(const Config& config) {
  auto s = OpenStack(config);
  if (!s.ok()) return Fail(s.error());
  auto lines = (*s)->partnerships->SeedCurrentPartners(services::AdminViewer(CliPartnerActor()));
  if (!lines.ok()) return Fail(lines.error());
  for (const auto& l : *lines) std::cout << l << "\n";
  return kExitOk;
}

int RunReport(const Config& config, std::int64_t unitid, const std::string& pdf, const std::string& html) {
  auto s = OpenStack(config);
  if (!s.ok()) return Fail(s.error());
  auto report = (*s)->partnerships->ReportHtml(services::AdminViewer(CliPartnerActor()), unitid);
  if (!report.ok()) return Fail(report.error());
  if (pdf.empty() && html.empty()) {
    std::cout << *report;
    return kExitOk;
  }
  if (!html.empty()) {
    std::ofstream out(html, std::ios::binary | std::ios::trunc);
    out << *report;
    if (!out) return Fail(InvalidArgument("cannot write " + html));
    std::cout << "wrote " << html << "\n";
  }
  if (!pdf.empty()) {
    ScratchDir dir;
    if (dir.path().empty()) return Fail(Internal("cannot create a temporary directory"));
    std::string page = dir.path() + "/report.html";
    {
      std::ofstream out(page, std::ios::binary);
      out << *report;
      if (!out) return Fail(Internal("cannot write " + page));
    }
    std::string target = std::filesystem::absolute(pdf).string();
    std::string scratch_pdf = dir.path() + "/report.pdf";
    if (Status st = PrintToPdf(page, scratch_pdf, dir.path() + "/profile"); !st.ok()) return Fail(st.error());
    std::error_code ec;
    std::filesystem::copy_file(scratch_pdf, target, std::filesystem::copy_options::overwrite_existing, ec);
    if (ec) return Fail(InvalidArgument("cannot write " + target + ": " + ec.message()));
    std::cout << "wrote " << target << " (" << std::filesystem::file_size(target, ec) << " bytes)\n";
  }
  return kExitOk;
}

int RunUserSchool(const Config& config, const std::string& username, const std::string& unitid) {
  std::optional<std::int64_t> school;
  if (unitid != "none") {
    try {
      std::size_t used = 0;
      long long v = std::stoll(unitid, &used);
      if (used != unitid.size() || v <= 0) throw std::invalid_argument("bad");
      school = v;
    } catch (const std::exception&) {
      return Fail(InvalidArgument("UNITID must be an IPEDS unitid or 'none' (got '" + unitid + "')"));
    }
  }
  auto store = OpenStore(config);
  if (!store.ok()) return Fail(store.error());
  AuthStack auth(config, **store);
  auto user = auth.service.FindUser(username);
  if (!user.ok()) return Fail(user.error());
  auth::AccountChanges changes;
  changes.school_unitid = school;
  auto updated = auth.service.UpdateUser(user->id, changes, CliActor(), auth::RequestMeta{"cli", ""});
  if (!updated.ok()) return Fail(updated.error());
  if (school) {
    std::cout << "'" << updated->username << "' now sees the partnership of school " << *school << "\n";
  } else {
    std::cout << "'" << updated->username << "' is no longer tied to a school\n";
  }
  return kExitOk;
}

}  // namespace scij::cli
