#include "services/partnership_records.hpp"

#include "services/json_fields.hpp"

namespace scij::services {
namespace {

namespace json = boost::json;
using namespace partners;

constexpr std::int64_t kMaxId = INT64_MAX;

json::value OptId(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }

template <typename E, typename ParseFn>
Result<E> Enum(const Fields& f, std::string_view key, ParseFn parse, E fallback, bool required,
               std::string_view what) {
  auto s = f.Str(key, {.required = required, .max_len = 64});
  if (!s.ok()) return s.error();
  if (s->empty()) return fallback;
  auto v = parse(*s);
  if (!v)
    return InvalidArgument(std::string(what) + ": '" + *s + "' is not a known " + std::string(key),
                           std::string(key));
  return *v;
}

Result<std::string> Date(const Fields& f, std::string_view key, bool required) {
  auto s = f.Str(key, {.required = required, .max_len = 10});
  if (!s.ok()) return s.error();
  if (!s->empty() && !IsIsoDate(*s))
    return InvalidArgument(std::string(key) + " must be a date written YYYY-MM-DD", std::string(key));
  return *s;
}

}  // namespace

bool IsRecordKind(std::string_view kind) {
  return kind == "outreach" || kind == "evidence" || kind == "homes" || kind == "attorneys" ||
         kind == "investments";
}

json::object Merge(json::object base, const json::object& patch) {
  for (const auto& kv : patch) {
    auto* existing = base.if_contains(kv.key());
    if (existing && existing->is_object() && kv.value().is_object()) {
      *existing = Merge(existing->as_object(), kv.value().as_object());
    } else {
      base[kv.key()] = kv.value();
    }
  }
  return base;
}

Result<OutreachEntry> ParseOutreach(const json::object& obj) {
  Fields f(obj, "outreach entry");
  SCIJ_RETURN_IF_ERROR(f.Only({"date", "person_id", "organisation_id", "kind", "summary", "attachment_ref"}));
  OutreachEntry e;
  auto date = Date(f, "date", true);
  if (!date.ok()) return date.error();
  e.date = *date;
  auto person = f.Int("person_id", 1, kMaxId);
  if (!person.ok()) return person.error();
  e.person_id = *person;
  auto org = f.Int("organisation_id", 1, kMaxId);
  if (!org.ok()) return org.error();
  e.organisation_id = *org;
  auto kind = Enum(f, "kind", ParseOutreachKind, OutreachKind::kMeeting, true, "outreach entry");
  if (!kind.ok()) return kind.error();
  e.kind = *kind;
  auto summary = f.Str("summary", {.required = true, .max_len = 4000});
  if (!summary.ok()) return summary.error();
  e.summary = *summary;
  auto att = f.Str("attachment_ref", {.max_len = 500});
  if (!att.ok()) return att.error();
  e.attachment_ref = *att;
  return e;
}

json::object ToJson(const OutreachEntry& e) {
  return {{"date", e.date},
          {"person_id", OptId(e.person_id)},
          {"organisation_id", OptId(e.organisation_id)},
          {"kind", OutreachKindName(e.kind)},
          {"summary", e.summary},
          {"attachment_ref", e.attachment_ref}};
}

Result<Evidence> ParseEvidence(const json::object& obj) {
  Fields f(obj, "evidence");
  SCIJ_RETURN_IF_ERROR(f.Only({"date", "category", "kind", "count", "person_id", "description"}));
  Evidence e;
  auto date = Date(f, "date", true);
  if (!date.ok()) return date.error();
  e.date = *date;
  auto kind = Enum(f, "kind", ParseEvidenceKind, EvidenceKind::kClubOrCourse, true, "evidence");
  if (!kind.ok()) return kind.error();
  e.kind = *kind;
  auto category = f.Str("category", {.max_len = 32});
  if (!category.ok()) return category.error();
  if (!category->empty()) {
    auto c = ParseEvidenceCategory(*category);
    if (!c) return InvalidArgument("evidence: '" + *category + "' is not a known category", "category");
    if (*c != CategoryOf(e.kind))
      return InvalidArgument("evidence: kind '" + std::string(EvidenceKindName(e.kind)) + "' is " +
                                 std::string(EvidenceCategoryName(CategoryOf(e.kind))) + ", not " + *category,
                             "kind");
  }
  auto count = f.Int("count", 0, 1'000'000);
  if (!count.ok()) return count.error();
  e.count = count->value_or(1);
  auto person = f.Int("person_id", 1, kMaxId);
  if (!person.ok()) return person.error();
  e.person_id = *person;
  auto d = f.Str("description", {.required = true, .max_len = 4000});
  if (!d.ok()) return d.error();
  e.description = *d;
  return e;
}

json::object ToJson(const Evidence& e) {
  return {{"date", e.date},
          {"category", EvidenceCategoryName(CategoryOf(e.kind))},
          {"kind", EvidenceKindName(e.kind)},
          {"count", e.count},
          {"person_id", OptId(e.person_id)},
          {"description", e.description}};
}

Result<CandidateHome> ParseHome(const json::object& obj) {
  Fields f(obj, "candidate home");
  SCIJ_RETURN_IF_ERROR(f.Only({"unit", "kind", "status", "has_staff", "features", "notes"}));
  CandidateHome h;
  auto unit = f.Str("unit", {.required = true, .max_len = 200});
  if (!unit.ok()) return unit.error();
  h.unit = *unit;
  auto kind = Enum(f, "kind", ParseHomeKind, HomeKind::kCenter, true, "candidate home");
  if (!kind.ok()) return kind.error();
  h.kind = *kind;
  auto status = Enum(f, "status", ParseHomeStatus, HomeStatus::kCandidate, false, "candidate home");
  if (!status.ok()) return status.error();
  h.status = *status;
  auto staff = f.Bool("has_staff", false);
  if (!staff.ok()) return staff.error();
  h.has_staff = *staff;
  auto features = f.Object("features");
  if (!features.ok()) return features.error();
  if (*features) {
    Fields ff(**features, "features");
    SCIJ_RETURN_IF_ERROR(ff.Only({"listserv", "space", "funding", "paid_positions", "cross_department"}));
    for (std::size_t i = 0; i < kHomeFeatureNames.size(); ++i) {
      auto one = ff.Object(kHomeFeatureNames[i]);
      if (!one.ok()) return one.error();
      if (!*one) continue;
      Fields of(**one, "feature " + std::string(kHomeFeatureNames[i]));
      SCIJ_RETURN_IF_ERROR(of.Only({"present", "note"}));
      auto present = of.Bool("present", false);
      if (!present.ok()) return present.error();
      auto note = of.Str("note", {.max_len = 1000});
      if (!note.ok()) return note.error();
      h.features[i] = {*present, *note};
    }
  }
  auto notes = f.Str("notes", {.max_len = 4000});
  if (!notes.ok()) return notes.error();
  h.notes = *notes;
  return h;
}

json::object ToJson(const CandidateHome& h) {
  json::object features;
  for (std::size_t i = 0; i < kHomeFeatureNames.size(); ++i) {
    features[kHomeFeatureNames[i]] =
        json::object{{"present", h.features[i].present}, {"note", h.features[i].note}};
  }
  return {{"unit", h.unit},           {"kind", HomeKindName(h.kind)},    {"status", HomeStatusName(h.status)},
          {"has_staff", h.has_staff}, {"features", std::move(features)}, {"notes", h.notes}};
}

Result<AttorneyCommitment> ParseAttorney(const json::object& obj) {
  Fields f(obj, "attorney commitment");
  SCIJ_RETURN_IF_ERROR(f.Only({"person_id", "pairs", "languages", "mode", "notes"}));
  AttorneyCommitment a;
  auto person = f.Int("person_id", 1, kMaxId, true);
  if (!person.ok()) return person.error();
  a.person_id = **person;
  auto pairs = f.Int("pairs", 1, 100, true);  // rule Q2.1: one pair or more
  if (!pairs.ok()) return pairs.error();
  a.pairs = static_cast<int>(**pairs);
  auto lang = f.Str("languages", {.max_len = 500});
  if (!lang.ok()) return lang.error();
  a.languages = *lang;
  auto mode = Enum(f, "mode", ParseAttorneyMode, AttorneyMode::kBoth, false, "attorney commitment");
  if (!mode.ok()) return mode.error();
  a.mode = *mode;
  auto notes = f.Str("notes", {.max_len = 4000});
  if (!notes.ok()) return notes.error();
  a.notes = *notes;
  return a;
}

json::object ToJson(const AttorneyCommitment& a) {
  return {{"person_id", a.person_id},
          {"pairs", a.pairs},
          {"languages", a.languages},
          {"mode", AttorneyModeName(a.mode)},
          {"notes", a.notes}};
}

Result<Investment> ParseInvestment(const json::object& obj) {
  Fields f(obj, "investment");
  SCIJ_RETURN_IF_ERROR(f.Only({"key", "status", "details", "organizer"}));
  Investment i;
  auto key = Enum(f, "key", ParseInvestmentKey, InvestmentKey::kFee, true, "investment");
  if (!key.ok()) return key.error();
  i.key = *key;
  auto status = Enum(f, "status", ParseInvestmentStatus, InvestmentStatus::kNotStarted, false, "investment");
  if (!status.ok()) return status.error();
  i.status = *status;
  auto details = f.Str("details", {.max_len = 4000});
  if (!details.ok()) return details.error();
  i.details = *details;
  auto org = f.Object("organizer");
  if (!org.ok()) return org.error();
  if (*org) {
    Fields of(**org, "campus organizer");
    SCIJ_RETURN_IF_ERROR(of.Only({"person_id", "kind", "multilingual", "immigrant_or_first_gen"}));
    auto person = of.Int("person_id", 1, kMaxId);
    if (!person.ok()) return person.error();
    i.organizer.person_id = *person;
    auto kind = Enum(of, "kind", ParseOrganizerKind, OrganizerKind::kUnset, false, "campus organizer");
    if (!kind.ok()) return kind.error();
    i.organizer.kind = *kind;
    auto ml = of.Bool("multilingual", false);
    if (!ml.ok()) return ml.error();
    i.organizer.multilingual = *ml;
    auto fg = of.Bool("immigrant_or_first_gen", false);
    if (!fg.ok()) return fg.error();
    i.organizer.immigrant_or_first_gen = *fg;
    if (i.key != InvestmentKey::kCampusOrganizer &&
        (i.organizer.person_id || i.organizer.kind != OrganizerKind::kUnset))
      return InvalidArgument("only investment b (the Campus Organizer) names an organizer", "organizer");
  }
  return i;
}

json::object ToJson(const Investment& i) {
  return {{"key", InvestmentKeyName(i.key)},
          {"status", InvestmentStatusName(i.status)},
          {"details", i.details},
          {"organizer", json::object{{"person_id", OptId(i.organizer.person_id)},
                                     {"kind", OrganizerKindName(i.organizer.kind)},
                                     {"multilingual", i.organizer.multilingual},
                                     {"immigrant_or_first_gen", i.organizer.immigrant_or_first_gen}}}};
}

Result<Organisation> ParseOrganisation(const json::object& obj) {
  Fields f(obj, "organisation");
  SCIJ_RETURN_IF_ERROR(f.Only({"name", "city", "state", "kind", "contacts", "notes"}));
  Organisation o;
  auto name = f.Str("name", {.required = true, .max_len = 200});
  if (!name.ok()) return name.error();
  o.name = *name;
  auto city = f.Str("city", {.max_len = 100});
  if (!city.ok()) return city.error();
  o.city = *city;
  auto state = f.Str("state", {.max_len = 2});
  if (!state.ok()) return state.error();
  o.state = *state;
  auto kind = Enum(f, "kind", ParseOrgKind, OrgKind::kOther, true, "organisation");
  if (!kind.ok()) return kind.error();
  o.kind = *kind;
  auto contacts = f.Str("contacts", {.max_len = 4000});
  if (!contacts.ok()) return contacts.error();
  o.contacts = *contacts;
  auto notes = f.Str("notes", {.max_len = 4000});
  if (!notes.ok()) return notes.error();
  o.notes = *notes;
  return o;
}

json::object ToJson(const Organisation& o) {
  return {{"id", o.id},
          {"name", o.name},
          {"city", o.city},
          {"state", o.state},
          {"kind", OrgKindName(o.kind)},
          {"kind_label", OrgKindLabel(o.kind)},
          {"p3", IsCommunitySupportKind(o.kind)},
          {"contacts", o.contacts},
          {"notes", o.notes}};
}

Result<Person> ParsePerson(const json::object& obj) {
  Fields f(obj, "person");
  SCIJ_RETURN_IF_ERROR(f.Only({"name", "role", "unitid", "organisation_id", "email", "phone", "notes",
                               "capacity_pairs", "champion"}));
  Person p;
  auto name = f.Str("name", {.required = true, .max_len = 200});
  if (!name.ok()) return name.error();
  p.name = *name;
  auto role = Enum(f, "role", ParsePersonRole, PersonRole::kCommunityMember, true, "person");
  if (!role.ok()) return role.error();
  p.role = *role;
  auto unitid = f.Int("unitid", 1, 999'999'999);
  if (!unitid.ok()) return unitid.error();
  p.unitid = *unitid;
  auto org = f.Int("organisation_id", 1, kMaxId);
  if (!org.ok()) return org.error();
  p.organisation_id = *org;
  auto email = f.Str("email", {.max_len = 254});
  if (!email.ok()) return email.error();
  if (!email->empty() && email->find('@') == std::string::npos)
    return InvalidArgument("person: email must contain @", "email");
  p.email = *email;
  auto phone = f.Str("phone", {.max_len = 40});
  if (!phone.ok()) return phone.error();
  p.phone = *phone;
  auto notes = f.Str("notes", {.max_len = 4000});
  if (!notes.ok()) return notes.error();
  p.notes = *notes;
  auto cap = f.Int("capacity_pairs", 1, 100);  // rule Q2.1
  if (!cap.ok()) return cap.error();
  if (*cap) p.capacity_pairs = static_cast<int>(**cap);
  auto champion = f.Object("champion");
  if (!champion.ok()) return champion.error();
  if (*champion) {
    Fields cf(**champion, "champion");
    SCIJ_RETURN_IF_ERROR(cf.Only({"candidate", "decision_power", "funding", "work_study", "undergraduate"}));
    auto cand = cf.Bool("candidate", false);
    if (!cand.ok()) return cand.error();
    p.champion.candidate = *cand;
    auto dp = Enum(cf, "decision_power", ParseTri, Tri::kUnknown, false, "champion");
    if (!dp.ok()) return dp.error();
    p.champion.decision_power = *dp;
    auto fu = Enum(cf, "funding", ParseAccess, Access::kUnknown, false, "champion");
    if (!fu.ok()) return fu.error();
    p.champion.funding = *fu;
    auto ws = Enum(cf, "work_study", ParseAccess, Access::kUnknown, false, "champion");
    if (!ws.ok()) return ws.error();
    p.champion.work_study = *ws;
    auto ug = cf.Bool("undergraduate", false);
    if (!ug.ok()) return ug.error();
    p.champion.undergraduate = *ug;
  }
  return p;
}

json::object ToJson(const Person& p, bool with_contacts) {
  return {{"id", p.id},
          {"name", p.name},
          {"role", PersonRoleName(p.role)},
          {"unitid", OptId(p.unitid)},
          {"organisation_id", OptId(p.organisation_id)},
          {"email", with_contacts ? p.email : ""},
          {"phone", with_contacts ? p.phone : ""},
          {"notes", p.notes},
          {"capacity_pairs", p.capacity_pairs ? json::value(*p.capacity_pairs) : json::value(nullptr)},
          {"champion", json::object{{"candidate", p.champion.candidate},
                                    {"decision_power", TriName(p.champion.decision_power)},
                                    {"funding", AccessName(p.champion.funding)},
                                    {"work_study", AccessName(p.champion.work_study)},
                                    {"undergraduate", p.champion.undergraduate}}}};
}

}  // namespace scij::services
