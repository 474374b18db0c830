#include "domain/common/result.hpp"

#include <gtest/gtest.h>

namespace scij {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return InvalidArgument("n must be even", "n");
  return n / 2;
}

Status Chain(int n) {
  SCIJ_RETURN_IF_ERROR(Half(n));
  return {};
}

TEST(Result, CarriesValueOrErrorWithField) {
  auto ok = Half(4);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 2);
  auto bad = Half(3);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().field, "n");
  EXPECT_EQ(ErrorCodeName(bad.error().code), "invalid_argument");
}

TEST(Result, ReturnIfErrorPropagates) {
  EXPECT_TRUE(Chain(2).ok());
  EXPECT_EQ(Chain(1).error().message, "n must be even");
}

}  // namespace
}  // namespace scij
