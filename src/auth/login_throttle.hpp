// LoginThrottle: limits failed sign-ins per account name and per client address within a sliding
// window (defaults: 10 per account and 30 per address per hour). When a limit is reached, Check
// answers resource_exhausted with the seconds until the oldest counted failure leaves the window.
// Unknown account names are counted exactly like real ones, so the throttle reveals nothing.
// In memory, per process: a restart forgets it (documented in docs/SECURITY.md).
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/common/result.hpp"

namespace scij::auth {

struct ThrottleParams {
  int max_failures_per_account = 10;
  int max_failures_per_address = 30;
  std::int64_t window_seconds = 3600;
  std::size_t max_tracked_keys = 100000;  // memory bound; expired keys are pruned first
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottleParams params) : params_(params) {}

  Status Check(std::string_view account, std::string_view address, std::int64_t now);
  void RecordFailure(std::string_view account, std::string_view address, std::int64_t now);
  // A successful sign-in clears the account's failures (not the address's).
  void RecordSuccess(std::string_view account);

 private:
  using Window = std::deque<std::int64_t>;
  int RetryAfter(std::unordered_map<std::string, Window>& map, const std::string& key, int limit,
                 std::int64_t now);
  void Add(std::unordered_map<std::string, Window>& map, const std::string& key, std::int64_t now);
  void Prune(std::unordered_map<std::string, Window>& map, std::int64_t now);

  ThrottleParams params_;
  std::mutex mu_;
  std::unordered_map<std::string, Window> accounts_;
  std::unordered_map<std::string, Window> addresses_;
};

}  // namespace scij::auth
