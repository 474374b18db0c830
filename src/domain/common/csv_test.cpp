#include "domain/common/csv.hpp"

#include <gtest/gtest.h>

namespace scij {
namespace {

TEST(Csv, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(CsvField("Brown University"), "Brown University");
  EXPECT_EQ(CsvField("Doña Ana, NM"), "\"Doña Ana, NM\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
}

TEST(Csv, NeutralisesSpreadsheetFormulasButNotNumbers) {
  EXPECT_EQ(CsvField("=1+1"), "'=1+1");
  EXPECT_EQ(CsvField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvField("-3.5"), "-3.5");
  EXPECT_EQ(CsvField("+1"), "+1");
}

TEST(Json, EscapesControlCharacters) { EXPECT_EQ(JsonQuote("a\"b\\c\n\x01"), "\"a\\\"b\\\\c\\n\\u0001\""); }

}  // namespace
}  // namespace scij
