// Strict parsing of the values found in official data files: integers, decimals (with the leading
// '+' the Census uses for latitudes), FIPS codes with or without leading zeros, and the state
// FIPS <-> USPS table (ANSI INCITS 38). Parsers return std::nullopt instead of guessing.
//
//   ParseInt("  42 ")                 // 42
//   ParseDouble("+32.500194")         // 32.500194
//   CountyFipsFromInteger("1089")     // "01089"
//   StatePostalFromFips("72")         // "PR"
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace scij::data {

// Joins the parts. Used instead of `"literal" + std::string(view)`, which trips a false
// -Wrestrict in GCC 12 at -O3 (GCC bug 105651).
std::string StrCat(std::initializer_list<std::string_view> parts);

// Removes spaces, tabs, CR and LF at both ends.
std::string_view Trim(std::string_view text);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
std::string ToLower(std::string_view text);
bool IsAllDigits(std::string_view text);  // false for ""

// Whole (trimmed) text must be an optionally signed decimal integer.
std::optional<std::int64_t> ParseInt(std::string_view text);
// Whole (trimmed) text must be a decimal number; a leading '+' is accepted. No inf/nan.
std::optional<double> ParseDouble(std::string_view text);

// `digits` zero-padded on the left to `width`; nullopt when not all digits or longer than width.
std::optional<std::string> PadCode(std::string_view digits, std::size_t width);
// IPEDS-style integer county FIPS ("1089", "9110") -> "01089", "09110". Accepts 4 or 5 digits
// (state FIPS 01-99, county 001-999); nullopt otherwise.
std::optional<std::string> CountyFipsFromInteger(std::string_view text);

bool IsValidLatitude(double lat);   // -90..90
bool IsValidLongitude(double lon);  // -180..180

// ANSI state codes of the 50 states, DC, Puerto Rico and the island areas. "" when unknown.
std::string_view StatePostalFromFips(std::string_view state_fips);
std::string_view StateFipsFromPostal(std::string_view postal);
// States + DC: the places the ACS county foreign-born tables cover in the ERS file.
bool IsStateOrDc(std::string_view state_fips);

// Great-circle distance (haversine, mean Earth radius 3958.8 mi).
double DistanceMiles(double lat1, double lon1, double lat2, double lon2);

}  // namespace scij::data
