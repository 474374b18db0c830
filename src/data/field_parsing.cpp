#include "data/field_parsing.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <utility>

namespace scij::data {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 59> kStates = {{
    {"01", "AL"}, {"02", "AK"}, {"04", "AZ"}, {"05", "AR"}, {"06", "CA"}, {"08", "CO"}, {"09", "CT"},
    {"10", "DE"}, {"11", "DC"}, {"12", "FL"}, {"13", "GA"}, {"15", "HI"}, {"16", "ID"}, {"17", "IL"},
    {"18", "IN"}, {"19", "IA"}, {"20", "KS"}, {"21", "KY"}, {"22", "LA"}, {"23", "ME"}, {"24", "MD"},
    {"25", "MA"}, {"26", "MI"}, {"27", "MN"}, {"28", "MS"}, {"29", "MO"}, {"30", "MT"}, {"31", "NE"},
    {"32", "NV"}, {"33", "NH"}, {"34", "NJ"}, {"35", "NM"}, {"36", "NY"}, {"37", "NC"}, {"38", "ND"},
    {"39", "OH"}, {"40", "OK"}, {"41", "OR"}, {"42", "PA"}, {"44", "RI"}, {"45", "SC"}, {"46", "SD"},
    {"47", "TN"}, {"48", "TX"}, {"49", "UT"}, {"50", "VT"}, {"51", "VA"}, {"53", "WA"}, {"54", "WV"},
    {"55", "WI"}, {"56", "WY"}, {"60", "AS"}, {"64", "FM"}, {"66", "GU"}, {"68", "MH"}, {"69", "MP"},
    {"70", "PW"}, {"72", "PR"}, {"78", "VI"},
}};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string StrCat(std::initializer_list<std::string_view> parts) {
  std::size_t size = 0;
  for (std::string_view part : parts) size += part.size();
  std::string out;
  out.reserve(size);
  for (std::string_view part : parts) out.append(part);
  return out;
}

std::string_view Trim(std::string_view text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  }
  return true;
}

std::string ToLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

bool IsAllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::optional<std::int64_t> ParseInt(std::string_view text) {
  text = Trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::optional<double> ParseDouble(std::string_view text) {
  text = Trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  // from_chars accepts "inf"/"nan"; official numeric fields never use them.
  const char first = text.front() == '-' && text.size() > 1 ? text[1] : text.front();
  if (!((first >= '0' && first <= '9') || first == '.')) return std::nullopt;
  double value = 0.0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value, std::chars_format::general);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<std::string> PadCode(std::string_view digits, std::size_t width) {
  digits = Trim(digits);
  if (!IsAllDigits(digits) || digits.size() > width) return std::nullopt;
  std::string out(width - digits.size(), '0');
  out.append(digits);
  return out;
}

std::optional<std::string> CountyFipsFromInteger(std::string_view text) {
  text = Trim(text);
  if (!IsAllDigits(text) || text.size() < 4 || text.size() > 5) return std::nullopt;
  std::string fips = *PadCode(text, 5);
  if (fips.substr(0, 2) == "00" || fips.substr(2) == "000") return std::nullopt;
  return fips;
}

bool IsValidLatitude(double lat) { return lat >= -90.0 && lat <= 90.0; }
bool IsValidLongitude(double lon) { return lon >= -180.0 && lon <= 180.0; }

std::string_view StatePostalFromFips(std::string_view state_fips) {
  for (const auto& [fips, postal] : kStates) {
    if (fips == state_fips) return postal;
  }
  return {};
}

std::string_view StateFipsFromPostal(std::string_view postal) {
  for (const auto& [fips, code] : kStates) {
    if (EqualsIgnoreCase(code, postal)) return fips;
  }
  return {};
}

bool IsStateOrDc(std::string_view state_fips) {
  auto value = ParseInt(state_fips);
  return state_fips.size() == 2 && value && *value >= 1 && *value <= 56 &&
         !StatePostalFromFips(state_fips).empty();
}

double DistanceMiles(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthRadiusMiles = 3958.8;
  constexpr double kRadiansPerDegree = 3.14159265358979323846 / 180.0;
  const double phi1 = lat1 * kRadiansPerDegree;
  const double phi2 = lat2 * kRadiansPerDegree;
  const double dphi = (lat2 - lat1) * kRadiansPerDegree;
  const double dlambda = (lon2 - lon1) * kRadiansPerDegree;
  const double a = std::sin(dphi / 2) * std::sin(dphi / 2) +
                   std::cos(phi1) * std::cos(phi2) * std::sin(dlambda / 2) * std::sin(dlambda / 2);
  return 2.0 * kEarthRadiusMiles * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace scij::data
