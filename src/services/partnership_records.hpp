// The records of a partnership as JSON: parsing what a client sends (every field checked, errors
// naming the field) and the stored form (partnership_records.data). A PATCH merges the client's
// fields over the stored object and parses the result again, so a record is valid after every
// edit.
//
//   auto entry = ParseOutreach(body);                 // Result<partners::OutreachEntry>
//   row.data = boost::json::serialize(ToJson(*entry));
#pragma once

#include <boost/json.hpp>
#include <string_view>

#include "domain/common/result.hpp"
#include "domain/partners/model.hpp"

namespace scij::services {

// The record kinds of the API and the store: "outreach", "evidence", "homes", "attorneys",
// "investments".
bool IsRecordKind(std::string_view kind);

Result<partners::OutreachEntry> ParseOutreach(const boost::json::object& obj);
Result<partners::Evidence> ParseEvidence(const boost::json::object& obj);
Result<partners::CandidateHome> ParseHome(const boost::json::object& obj);
Result<partners::AttorneyCommitment> ParseAttorney(const boost::json::object& obj);
Result<partners::Investment> ParseInvestment(const boost::json::object& obj);
Result<partners::Organisation> ParseOrganisation(const boost::json::object& obj);
Result<partners::Person> ParsePerson(const boost::json::object& obj);

boost::json::object ToJson(const partners::OutreachEntry& e);
boost::json::object ToJson(const partners::Evidence& e);
boost::json::object ToJson(const partners::CandidateHome& h);
boost::json::object ToJson(const partners::AttorneyCommitment& a);
boost::json::object ToJson(const partners::Investment& i);
boost::json::object ToJson(const partners::Organisation& o);
boost::json::object ToJson(const partners::Person& p, bool with_contacts);

// `base` with every key of `patch` replacing (objects one level deep are merged).
boost::json::object Merge(boost::json::object base, const boost::json::object& patch);

}  // namespace scij::services
