// Text output helpers for exports: CSV fields (RFC 4180) that are also safe to open in a
// spreadsheet, and JSON string literals.
//
//   out << CsvField("Doña Ana, NM") << ',' << CsvField("=HYPERLINK(...)") << '\n';
//   // "Doña Ana, NM",'=HYPERLINK(...)
#pragma once

#include <string>
#include <string_view>

namespace scij {

// Quotes when needed (comma, quote, CR/LF), doubling quotes. A field starting with = + - @ or a tab
// gets a leading apostrophe so spreadsheets show it as text instead of running it as a formula
// (CSV injection); numbers such as "-3.5" are left alone.
std::string CsvField(std::string_view field);

// `s` as a JSON string literal with quotes, escaping as JSON requires.
std::string JsonQuote(std::string_view s);

}  // namespace scij
