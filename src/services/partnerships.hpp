// PartnershipService: the partnership pipeline (DOMAIN.md section 2) over the store. Every
// operation checks what the viewer may see and do (an organizer or champion only their own
// school; a partnership they may not see is "not found"), runs in one transaction with its audit
// entry and its history line, and answers with the view the web app shows (JSON objects whose
// shapes docs/PARTNERSHIPS.md lists). The rules themselves are in domain/partners/rules.hpp;
// this class gathers the records they read and enforces their verdicts.
//
//   PartnershipService partnerships(store, clock, sites);
//   auto detail = partnerships.MoveStage(viewer, id, "finalizing", "", false);
//   if (!detail.ok()) ... detail.error().details   // what is missing, rule by rule
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/common/clock.hpp"
#include "domain/common/result.hpp"
#include "domain/partners/rules.hpp"
#include "services/site_selection.hpp"
#include "store/store.hpp"

namespace scij::services {

// Who asks, and what their role lets them do (derived from the role by the HTTP layer or the CLI;
// the service does not know roles).
struct Viewer {
  Actor actor;
  bool all_schools = false;                   // staff, admin, observer: every partnership
  std::optional<std::int64_t> school_unitid;  // organizer, champion: only this school's
  bool can_edit = false;                      // edit records of the partnerships they see
  bool can_create = false;                    // start partnerships (staff, admin)
  bool can_override = false;                  // override a gate with a written reason (admin)
  bool see_contacts = true;                   // e-mail and phone of people (not observers)
  bool manage_fees = false;                   // replace the fee schedule (admin)
};

// The viewer the command line acts as: an administrator.
Viewer AdminViewer(Actor actor);

class PartnershipService {
 public:
  PartnershipService(store::Store& store, const Clock& clock, SiteSelectionService& sites,
                     partners::RuleParams params = {});

  // ---- Partnerships ----
  Result<boost::json::object> List(const Viewer& v);
  Result<std::string> ListCsv(const Viewer& v);
  Result<boost::json::object> Create(const Viewer& v, const boost::json::object& body);
  Result<boost::json::object> Detail(const Viewer& v, std::int64_t id);
  Result<boost::json::object> Update(const Viewer& v, std::int64_t id, const boost::json::object& body);
  // `to` a stage name; `reason` required for paused, declined and overrides. A refused move is
  // kFailedPrecondition with `details` listing what is missing.
  Result<boost::json::object> MoveStage(const Viewer& v, std::int64_t id, const std::string& to,
                                        const std::string& reason, bool override_gate);
  Result<boost::json::object> AddRecord(const Viewer& v, std::int64_t id, const std::string& kind,
                                        const boost::json::object& body);
  Result<boost::json::object> UpdateRecord(const Viewer& v, std::int64_t id, const std::string& kind,
                                           std::int64_t record_id, const boost::json::object& body);
  Result<boost::json::object> DeleteRecord(const Viewer& v, std::int64_t id, const std::string& kind,
                                           std::int64_t record_id);

  // ---- The five questions, completed (public, record, combined), and the report ----
  Result<boost::json::object> Assessment(const Viewer& v, std::int64_t unitid);
  Result<std::string> ReportHtml(const Viewer& v, std::int64_t unitid);

  // ---- Directory ----
  Result<boost::json::object> ListOrganisations(const Viewer& v);
  Result<boost::json::object> CreateOrganisation(const Viewer& v, const boost::json::object& body);
  Result<boost::json::object> UpdateOrganisation(const Viewer& v, std::int64_t id,
                                                 const boost::json::object& body);
  Status DeleteOrganisation(const Viewer& v, std::int64_t id);
  Result<boost::json::object> ListPeople(const Viewer& v, std::optional<std::int64_t> unitid,
                                         const std::string& role);
  Result<boost::json::object> CreatePerson(const Viewer& v, const boost::json::object& body);
  Result<boost::json::object> UpdatePerson(const Viewer& v, std::int64_t id, const boost::json::object& body);
  Status DeletePerson(const Viewer& v, std::int64_t id);

  // ---- Fee schedule (rule P7) ----
  Result<boost::json::object> FeeBands(const Viewer& v);
  Result<boost::json::object> ReplaceFeeBands(const Viewer& v, const boost::json::object& body);
  // Creates the example schedule when the table is empty (a new database). Returns true if it did.
  Result<bool> EnsureFeeSchedule();

  // ---- The network ----
  // Schools whose programs run (signed, launching, active): the partners the screen uses for
  // rule Q2.3 and the planner starts from.
  Result<std::vector<std::int64_t>> PartnerUnitids();
  // Schools with recorded evidence of strong student interest (rule Q3.3).
  Result<std::vector<std::int64_t>> InterestEvidenceUnitids();
  // rule P8: UMass Boston (166638), Brown (217156), Worcester State (168430) as active
  // partnerships with what the source documents say and nothing more. Idempotent: schools that
  // already have a partnership are left alone. Returns one line per school.
  Result<std::vector<std::string>> SeedCurrentPartners(const Viewer& v);

  const partners::RuleParams& params() const { return params_; }

 private:
  struct Loaded;
  Result<Loaded> Load(store::Repositories& r, const Viewer& v, std::int64_t id);
  Result<boost::json::object> DetailIn(store::Repositories& r, const Viewer& v, std::int64_t id);
  // Runs `change` in one write unit and answers with the detail of the partnership whose id it
  // returns, as it is after the change (read in the same transaction).
  Result<boost::json::object> WriteAndDetail(
      const Viewer& v, const std::function<Result<std::int64_t>(store::Repositories&)>& change);
  Status Record(store::Repositories& r, const Viewer& v, const partners::Partnership& p, std::string action,
                std::string summary, std::string from_stage = {}, std::string to_stage = {},
                std::string reason = {}, bool override_gate = false, std::string details_json = "{}");

  store::Store& store_;
  const Clock& clock_;
  SiteSelectionService& sites_;
  partners::RuleParams params_;
};

}  // namespace scij::services
