#include "store/sqlite/sqlite_partnerships.hpp"

#include <string>
#include <utility>

namespace scij::store::sqlite {
namespace {

using partners::FeeBand;
using partners::Organisation;
using partners::Partnership;
using partners::Person;

constexpr const char* kInsertOrganisation =
    "INSERT INTO organisations (name, city, state, kind, contacts, notes, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)";
constexpr const char* kUpdateOrganisation =
    "UPDATE organisations SET name = ?2, city = ?3, state = ?4, kind = ?5, contacts = ?6, notes = ?7, "
    "updated_at = ?8 WHERE id = ?1";
constexpr const char* kDeleteOrganisation = "DELETE FROM organisations WHERE id = ?1";
constexpr const char* kSelectOrganisations =
    "SELECT id, name, city, state, kind, contacts, notes FROM organisations ORDER BY name COLLATE NOCASE, id";

constexpr const char* kInsertPerson =
    "INSERT INTO people (name, role, unitid, organisation_id, email, phone, notes, capacity_pairs, "
    "champion_candidate, decision_power, funding, work_study, undergraduate, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)";
constexpr const char* kUpdatePerson =
    "UPDATE people SET name = ?1, role = ?2, unitid = ?3, organisation_id = ?4, email = ?5, phone = ?6, "
    "notes = ?7, capacity_pairs = ?8, champion_candidate = ?9, decision_power = ?10, funding = ?11, "
    "work_study = ?12, undergraduate = ?13, updated_at = ?14 WHERE id = ?15";
constexpr const char* kDeletePerson = "DELETE FROM people WHERE id = ?1";
constexpr const char* kSelectPeople =
    "SELECT id, name, role, unitid, organisation_id, email, phone, notes, capacity_pairs, "
    "champion_candidate, "
    "decision_power, funding, work_study, undergraduate FROM people ORDER BY name COLLATE NOCASE, id";

#define SCIJ_PARTNERSHIP_SELECT                                                                              \
  "SELECT id, unitid, pathway, initiated_by, owner_user_id, stage, stage_since, paused_from, stage_reason, " \
  "next_step, next_step_due, fee_override_usd, fee_override_reason, created_at, updated_at, version, "       \
  "school_name "                                                                                             \
  "FROM partnerships "
// The statement cache is keyed by the SQL's address, so every statement is one constant.
constexpr const char* kSelectPartnershipById = SCIJ_PARTNERSHIP_SELECT "WHERE id = ?1";
constexpr const char* kSelectPartnershipByUnitid = SCIJ_PARTNERSHIP_SELECT "WHERE unitid = ?1";
constexpr const char* kSelectPartnerships = SCIJ_PARTNERSHIP_SELECT "ORDER BY id";
#undef SCIJ_PARTNERSHIP_SELECT
constexpr const char* kInsertPartnership =
    "INSERT INTO partnerships (unitid, pathway, initiated_by, owner_user_id, stage, stage_since, "
    "paused_from, "
    "stage_reason, next_step, next_step_due, fee_override_usd, fee_override_reason, created_at, updated_at, "
    "version, school_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, 1, ?14)";
constexpr const char* kUpdatePartnership =
    "UPDATE partnerships SET pathway = ?2, initiated_by = ?3, owner_user_id = ?4, stage = ?5, stage_since = "
    "?6, "
    "paused_from = ?7, stage_reason = ?8, next_step = ?9, next_step_due = ?10, fee_override_usd = ?11, "
    "fee_override_reason = ?12, updated_at = ?13, version = version + 1 WHERE id = ?1 AND version = ?14";
constexpr const char* kPartnershipExists = "SELECT version FROM partnerships WHERE id = ?1";

constexpr const char* kInsertRecord =
    "INSERT INTO partnership_records (partnership_id, kind, data, person_id, organisation_id, created_at, "
    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)";
constexpr const char* kUpdateRecord =
    "UPDATE partnership_records SET data = ?3, person_id = ?4, organisation_id = ?5, updated_at = ?6 "
    "WHERE id = ?1 AND partnership_id = ?2";
constexpr const char* kDeleteRecord = "DELETE FROM partnership_records WHERE id = ?2 AND partnership_id = ?1";
constexpr const char* kSelectRecords =
    "SELECT id, partnership_id, kind, data, person_id, organisation_id, created_at, updated_at "
    "FROM partnership_records WHERE (?1 = 0 OR partnership_id = ?1) AND (?2 = '' OR kind = ?2) ORDER BY id";

constexpr const char* kInsertHistory =
    "INSERT INTO partnership_history (partnership_id, at, user_id, username, action, summary, from_stage, "
    "to_stage, reason, override) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr const char* kSelectHistory =
    "SELECT id, partnership_id, at, user_id, username, action, summary, from_stage, to_stage, reason, "
    "override "
    "FROM partnership_history WHERE partnership_id = ?1 ORDER BY id";

constexpr const char* kSelectFeeBands =
    "SELECT id, control, level, min_undergrad, max_undergrad, annual_fee_usd, label, is_example FROM "
    "fee_bands "
    "ORDER BY control, level, min_undergrad";
constexpr const char* kDeleteFeeBands = "DELETE FROM fee_bands";
constexpr const char* kInsertFeeBand =
    "INSERT INTO fee_bands (control, level, min_undergrad, max_undergrad, annual_fee_usd, label, is_example, "
    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

// Runs a statement that must change one row; `what` names the record for kNotFound.
template <typename Fn>
Status RunChanging(Connection& db, const char* sql, const std::string& what, Fn bind) {
  auto st = db.Prepare(sql);
  if (!st.ok()) return st.error();
  bind(**st);
  if (auto r = (*st)->Run(); !r.ok()) return std::move(r).error();
  if (db.Changes() == 0) return NotFound("no " + what);
  return {};
}

// A foreign-key failure on delete means something still refers to the row.
Status StillReferenced(Status s, const std::string& what) {
  if (!s.ok() && s.error().code == ErrorCode::kFailedPrecondition) {
    return FailedPrecondition(what + " is still referred to by other records; remove or change those first");
  }
  return s;
}

Status Invalid(Status s, const std::string& what) {
  if (!s.ok() && s.error().code == ErrorCode::kFailedPrecondition) {
    return InvalidArgument("invalid " + what + ": " + s.error().message);
  }
  return s;
}

Partnership ReadPartnership(const Statement& st) {
  Partnership p;
  p.id = st.Int64(0);
  p.unitid = st.Int64(1);
  if (!st.IsNull(2)) p.pathway = partners::ParsePathway(st.Int64(2));
  p.initiated_by = st.Text(3);
  if (!st.IsNull(4)) p.owner_user_id = st.Int64(4);
  p.stage = partners::ParseStage(st.Text(5)).value_or(partners::Stage::kIdentified);
  p.stage_since = st.Int64(6);
  if (!st.IsNull(7)) p.paused_from = partners::ParseStage(st.Text(7));
  p.stage_reason = st.Text(8);
  p.next_step = st.Text(9);
  p.next_step_due = st.Text(10);
  if (!st.IsNull(11)) p.fee_override_usd = st.Int64(11);
  p.fee_override_reason = st.Text(12);
  p.created_at = st.Int64(13);
  p.updated_at = st.Int64(14);
  p.version = st.Int64(15);
  p.school_name = st.Text(16);
  return p;
}

void BindPartnershipFields(Statement& st, const Partnership& p) {
  if (p.pathway) {
    st.Bind(2, static_cast<std::int64_t>(*p.pathway));
  } else {
    st.BindNull(2);
  }
  st.Bind(3, p.initiated_by);
  st.Bind(4, p.owner_user_id);
  st.Bind(5, partners::StageName(p.stage));
  st.Bind(6, p.stage_since);
  if (p.paused_from) {
    st.Bind(7, partners::StageName(*p.paused_from));
  } else {
    st.BindNull(7);
  }
  st.Bind(8, p.stage_reason);
  st.Bind(9, p.next_step);
  st.Bind(10, p.next_step_due);
  st.Bind(11, p.fee_override_usd);
  st.Bind(12, p.fee_override_reason);
}

class SqlitePartnerships final : public PartnershipRepository {
 public:
  explicit SqlitePartnerships(Connection& db) : db_(db) {}

  // ---- Organisations ----
  Result<std::int64_t> CreateOrganisation(const Organisation& o, std::int64_t now) override {
    auto st = db_.Prepare(kInsertOrganisation);
    if (!st.ok()) return st.error();
    BindOrganisation(**st, o, 1);
    (*st)->Bind(7, now);
    if (auto r = Invalid((*st)->Run(), "organisation"); !r.ok()) return std::move(r).error();
    return db_.LastInsertRowId();
  }
  Status UpdateOrganisation(const Organisation& o, std::int64_t now) override {
    return Invalid(RunChanging(db_, kUpdateOrganisation, "organisation with id " + std::to_string(o.id),
                               [&](Statement& st) {
                                 st.Bind(1, o.id);
                                 BindOrganisation(st, o, 2);
                                 st.Bind(8, now);
                               }),
                   "organisation");
  }
  Status DeleteOrganisation(std::int64_t id) override {
    return StillReferenced(RunChanging(db_, kDeleteOrganisation, "organisation with id " + std::to_string(id),
                                       [&](Statement& st) { st.Bind(1, id); }),
                           "the organisation");
  }
  Result<std::vector<Organisation>> ListOrganisations() override {
    std::vector<Organisation> out;
    auto s = Each(
        kSelectOrganisations, [](Statement&) {},
        [&](const Statement& st) {
          Organisation o;
          o.id = st.Int64(0);
          o.name = st.Text(1);
          o.city = st.Text(2);
          o.state = st.Text(3);
          o.kind = partners::ParseOrgKind(st.Text(4)).value_or(partners::OrgKind::kOther);
          o.contacts = st.Text(5);
          o.notes = st.Text(6);
          out.push_back(std::move(o));
        });
    if (!s.ok()) return std::move(s).error();
    return out;
  }

  // ---- People ----
  Result<std::int64_t> CreatePerson(const Person& p, std::int64_t now) override {
    auto st = db_.Prepare(kInsertPerson);
    if (!st.ok()) return st.error();
    BindPerson(**st, p);
    (*st)->Bind(14, now);
    if (auto r = Invalid((*st)->Run(), "person"); !r.ok()) return std::move(r).error();
    return db_.LastInsertRowId();
  }
  Status UpdatePerson(const Person& p, std::int64_t now) override {
    return Invalid(RunChanging(db_, kUpdatePerson, "person with id " + std::to_string(p.id),
                               [&](Statement& st) {
                                 BindPerson(st, p);
                                 st.Bind(14, now);
                                 st.Bind(15, p.id);
                               }),
                   "person");
  }
  Status DeletePerson(std::int64_t id) override {
    return StillReferenced(RunChanging(db_, kDeletePerson, "person with id " + std::to_string(id),
                                       [&](Statement& st) { st.Bind(1, id); }),
                           "the person");
  }
  Result<std::vector<Person>> ListPeople() override {
    std::vector<Person> out;
    auto s = Each(
        kSelectPeople, [](Statement&) {},
        [&](const Statement& st) {
          Person p;
          p.id = st.Int64(0);
          p.name = st.Text(1);
          p.role = partners::ParsePersonRole(st.Text(2)).value_or(partners::PersonRole::kCommunityMember);
          if (!st.IsNull(3)) p.unitid = st.Int64(3);
          if (!st.IsNull(4)) p.organisation_id = st.Int64(4);
          p.email = st.Text(5);
          p.phone = st.Text(6);
          p.notes = st.Text(7);
          if (!st.IsNull(8)) p.capacity_pairs = static_cast<int>(st.Int64(8));
          p.champion.candidate = st.Int64(9) != 0;
          p.champion.decision_power = partners::ParseTri(st.Text(10)).value_or(partners::Tri::kUnknown);
          p.champion.funding = partners::ParseAccess(st.Text(11)).value_or(partners::Access::kUnknown);
          p.champion.work_study = partners::ParseAccess(st.Text(12)).value_or(partners::Access::kUnknown);
          p.champion.undergraduate = st.Int64(13) != 0;
          out.push_back(std::move(p));
        });
    if (!s.ok()) return std::move(s).error();
    return out;
  }

  // ---- Partnerships ----
  Result<std::int64_t> CreatePartnership(const Partnership& p) override {
    auto st = db_.Prepare(kInsertPartnership);
    if (!st.ok()) return st.error();
    (*st)->Bind(1, p.unitid);
    BindPartnershipFields(**st, p);  // ?2 .. ?12, the same numbering as the UPDATE
    (*st)->Bind(13, p.created_at);
    (*st)->Bind(14, p.school_name);
    if (auto r = (*st)->Run(); !r.ok()) {
      Error e = std::move(r).error();
      if (e.code == ErrorCode::kAlreadyExists)
        return AlreadyExists("school " + std::to_string(p.unitid) + " already has a partnership", "unitid");
      if (e.code == ErrorCode::kFailedPrecondition)
        return InvalidArgument("invalid partnership: " + e.message);
      return e;
    }
    return db_.LastInsertRowId();
  }

  Status UpdatePartnership(const Partnership& p) override {
    auto st = db_.Prepare(kUpdatePartnership);
    if (!st.ok()) return st.error();
    (*st)->Bind(1, p.id);
    BindPartnershipFields(**st, p);
    (*st)->Bind(13, p.updated_at);
    (*st)->Bind(14, p.version);
    if (auto r = Invalid((*st)->Run(), "partnership"); !r.ok()) return r;
    if (db_.Changes() == 1) return {};
    auto exists = db_.Prepare(kPartnershipExists);
    if (!exists.ok()) return exists.error();
    (*exists)->Bind(1, p.id);
    if ((*exists)->Step() != StepResult::kRow)
      return NotFound("no partnership with id " + std::to_string(p.id));
    return FailedPrecondition("the partnership was changed by someone else since it was loaded (version " +
                                  std::to_string((*exists)->Int64(0)) + ", not " + std::to_string(p.version) +
                                  "); reload it and try again",
                              "version");
  }

  Result<Partnership> FindPartnership(std::int64_t id) override {
    std::optional<Partnership> found;
    auto s = Each(
        kSelectPartnershipById, [&](Statement& st) { st.Bind(1, id); },
        [&](const Statement& st) { found = ReadPartnership(st); });
    if (!s.ok()) return std::move(s).error();
    if (!found) return NotFound("no partnership with id " + std::to_string(id));
    return *found;
  }

  Result<std::optional<Partnership>> FindPartnershipByUnitid(std::int64_t unitid) override {
    std::optional<Partnership> found;
    auto s = Each(
        kSelectPartnershipByUnitid, [&](Statement& st) { st.Bind(1, unitid); },
        [&](const Statement& st) { found = ReadPartnership(st); });
    if (!s.ok()) return std::move(s).error();
    return found;
  }

  Result<std::vector<Partnership>> ListPartnerships() override {
    std::vector<Partnership> out;
    auto s = Each(
        kSelectPartnerships, [](Statement&) {},
        [&](const Statement& st) { out.push_back(ReadPartnership(st)); });
    if (!s.ok()) return std::move(s).error();
    return out;
  }

  // ---- Records ----
  Result<std::int64_t> AddRecord(const PartnershipRecordRow& row) override {
    auto st = db_.Prepare(kInsertRecord);
    if (!st.ok()) return st.error();
    (*st)->Bind(1, row.partnership_id);
    (*st)->Bind(2, row.kind);
    (*st)->Bind(3, row.data);
    (*st)->Bind(4, row.person_id);
    (*st)->Bind(5, row.organisation_id);
    (*st)->Bind(6, row.created_at);
    if (auto r = Invalid((*st)->Run(), "record"); !r.ok()) return std::move(r).error();
    return db_.LastInsertRowId();
  }
  Status UpdateRecord(const PartnershipRecordRow& row) override {
    return Invalid(
        RunChanging(db_, kUpdateRecord, "record with id " + std::to_string(row.id) + " in this partnership",
                    [&](Statement& st) {
                      st.Bind(1, row.id);
                      st.Bind(2, row.partnership_id);
                      st.Bind(3, row.data);
                      st.Bind(4, row.person_id);
                      st.Bind(5, row.organisation_id);
                      st.Bind(6, row.updated_at);
                    }),
        "record");
  }
  Status DeleteRecord(std::int64_t partnership_id, std::int64_t id) override {
    return RunChanging(db_, kDeleteRecord, "record with id " + std::to_string(id) + " in this partnership",
                       [&](Statement& st) {
                         st.Bind(1, partnership_id);
                         st.Bind(2, id);
                       });
  }
  Result<std::vector<PartnershipRecordRow>> ListRecords(std::int64_t partnership_id,
                                                        const std::string& kind) override {
    std::vector<PartnershipRecordRow> out;
    auto s = Each(
        kSelectRecords,
        [&](Statement& st) {
          st.Bind(1, partnership_id);
          st.Bind(2, kind);
        },
        [&](const Statement& st) {
          PartnershipRecordRow r;
          r.id = st.Int64(0);
          r.partnership_id = st.Int64(1);
          r.kind = st.Text(2);
          r.data = st.Text(3);
          if (!st.IsNull(4)) r.person_id = st.Int64(4);
          if (!st.IsNull(5)) r.organisation_id = st.Int64(5);
          r.created_at = st.Int64(6);
          r.updated_at = st.Int64(7);
          out.push_back(std::move(r));
        });
    if (!s.ok()) return std::move(s).error();
    return out;
  }

  // ---- History ----
  Result<std::int64_t> AppendHistory(const PartnershipHistoryEntry& e) override {
    auto st = db_.Prepare(kInsertHistory);
    if (!st.ok()) return st.error();
    (*st)->Bind(1, e.partnership_id);
    (*st)->Bind(2, e.at);
    (*st)->Bind(3, e.user_id);
    (*st)->Bind(4, e.username);
    (*st)->Bind(5, e.action);
    (*st)->Bind(6, e.summary);
    (*st)->Bind(7, e.from_stage);
    (*st)->Bind(8, e.to_stage);
    (*st)->Bind(9, e.reason);
    (*st)->Bind(10, e.override);
    if (auto r = (*st)->Run(); !r.ok()) return std::move(r).error();
    return db_.LastInsertRowId();
  }
  Result<std::vector<PartnershipHistoryEntry>> ListHistory(std::int64_t partnership_id) override {
    std::vector<PartnershipHistoryEntry> out;
    auto s = Each(
        kSelectHistory, [&](Statement& st) { st.Bind(1, partnership_id); },
        [&](const Statement& st) {
          PartnershipHistoryEntry e;
          e.id = st.Int64(0);
          e.partnership_id = st.Int64(1);
          e.at = st.Int64(2);
          if (!st.IsNull(3)) e.user_id = st.Int64(3);
          e.username = st.Text(4);
          e.action = st.Text(5);
          e.summary = st.Text(6);
          e.from_stage = st.Text(7);
          e.to_stage = st.Text(8);
          e.reason = st.Text(9);
          e.override = st.Int64(10) != 0;
          out.push_back(std::move(e));
        });
    if (!s.ok()) return std::move(s).error();
    return out;
  }

  // ---- Fee schedule ----
  Result<std::vector<FeeBand>> ListFeeBands() override {
    std::vector<FeeBand> out;
    auto s = Each(
        kSelectFeeBands, [](Statement&) {},
        [&](const Statement& st) {
          FeeBand b;
          b.id = st.Int64(0);
          b.control = partners::ParseControl(st.Text(1)).value_or(partners::Control::kPublic);
          b.level = partners::ParseLevel(st.Text(2)).value_or(partners::Level::kFourYear);
          b.min_undergrad = st.Int64(3);
          if (!st.IsNull(4)) b.max_undergrad = st.Int64(4);
          b.annual_fee_usd = st.Int64(5);
          b.label = st.Text(6);
          b.is_example = st.Int64(7) != 0;
          out.push_back(std::move(b));
        });
    if (!s.ok()) return std::move(s).error();
    return out;
  }
  Status ReplaceFeeBands(const std::vector<FeeBand>& bands, std::int64_t now) override {
    SCIJ_RETURN_IF_ERROR(db_.Exec(kDeleteFeeBands));
    for (const auto& b : bands) {
      auto st = db_.Prepare(kInsertFeeBand);
      if (!st.ok()) return st.error();
      (*st)->Bind(1, partners::ControlName(b.control));
      (*st)->Bind(2, partners::LevelName(b.level));
      (*st)->Bind(3, b.min_undergrad);
      (*st)->Bind(4, b.max_undergrad);
      (*st)->Bind(5, b.annual_fee_usd);
      (*st)->Bind(6, b.label);
      (*st)->Bind(7, b.is_example);
      (*st)->Bind(8, now);
      SCIJ_RETURN_IF_ERROR(Invalid((*st)->Run(), "fee band"));
    }
    return {};
  }

 private:
  static void BindOrganisation(Statement& st, const Organisation& o, int first) {
    st.Bind(first, o.name);
    st.Bind(first + 1, o.city);
    st.Bind(first + 2, o.state);
    st.Bind(first + 3, partners::OrgKindName(o.kind));
    st.Bind(first + 4, o.contacts);
    st.Bind(first + 5, o.notes);
  }

  static void BindPerson(Statement& st, const Person& p) {
    st.Bind(1, p.name);
    st.Bind(2, partners::PersonRoleName(p.role));
    st.Bind(3, p.unitid);
    st.Bind(4, p.organisation_id);
    st.Bind(5, p.email);
    st.Bind(6, p.phone);
    st.Bind(7, p.notes);
    if (p.capacity_pairs) {
      st.Bind(8, static_cast<std::int64_t>(*p.capacity_pairs));
    } else {
      st.BindNull(8);
    }
    st.Bind(9, p.champion.candidate);
    st.Bind(10, partners::TriName(p.champion.decision_power));
    st.Bind(11, partners::AccessName(p.champion.funding));
    st.Bind(12, partners::AccessName(p.champion.work_study));
    st.Bind(13, p.champion.undergraduate);
  }

  // Prepares `sql` (cached per connection by its text), binds, and calls `row` for each row.
  template <typename BindFn, typename RowFn>
  Status Each(const char* sql, BindFn bind, RowFn row) {
    auto st = db_.Prepare(sql);
    if (!st.ok()) return st.error();
    bind(**st);
    for (;;) {
      auto step = (*st)->Step();
      if (step == StepResult::kDone) return {};
      if (step == StepResult::kError) return (*st)->LastError();
      row(**st);
    }
  }

  Connection& db_;
};

}  // namespace

std::unique_ptr<PartnershipRepository> MakePartnershipRepository(Connection& db) {
  return std::make_unique<SqlitePartnerships>(db);
}

}  // namespace scij::store::sqlite
