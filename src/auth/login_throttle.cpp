#include "auth/login_throttle.hpp"

#include <algorithm>

namespace scij::auth {

int LoginThrottle::RetryAfter(std::unordered_map<std::string, Window>& map, const std::string& key, int limit,
                              std::int64_t now) {
  auto it = map.find(key);
  if (it == map.end()) return 0;
  Window& w = it->second;
  while (!w.empty() && w.front() <= now - params_.window_seconds) w.pop_front();
  if (static_cast<int>(w.size()) < limit) return 0;
  // The window frees a slot when the failure `size - limit` from the front expires.
  std::int64_t frees_at = w[w.size() - static_cast<std::size_t>(limit)] + params_.window_seconds;
  return static_cast<int>(std::max<std::int64_t>(1, frees_at - now));
}

Status LoginThrottle::Check(std::string_view account, std::string_view address, std::int64_t now) {
  std::lock_guard lock(mu_);
  int wait = std::max(RetryAfter(accounts_, std::string(account), params_.max_failures_per_account, now),
                      RetryAfter(addresses_, std::string(address), params_.max_failures_per_address, now));
  if (wait > 0) {
    int minutes = (wait + 59) / 60;
    return ResourceExhausted("too many failed sign-in attempts; try again in " + std::to_string(minutes) +
                                 (minutes == 1 ? " minute" : " minutes"),
                             wait);
  }
  return {};
}

void LoginThrottle::Add(std::unordered_map<std::string, Window>& map, const std::string& key,
                        std::int64_t now) {
  if (map.size() >= params_.max_tracked_keys && !map.contains(key)) Prune(map, now);
  if (map.size() >= params_.max_tracked_keys && !map.contains(key)) {
    map.erase(map.begin());  // still full of live entries: forget one rather than grow without bound
  }
  Window& w = map[key];
  w.push_back(now);
  // Never keep more than the limit needs (plus one) per key.
  std::size_t cap = static_cast<std::size_t>(
      std::max(params_.max_failures_per_account, params_.max_failures_per_address) + 1);
  while (w.size() > cap) w.pop_front();
}

void LoginThrottle::Prune(std::unordered_map<std::string, Window>& map, std::int64_t now) {
  for (auto it = map.begin(); it != map.end();) {
    if (it->second.empty() || it->second.back() <= now - params_.window_seconds) {
      it = map.erase(it);
    } else {
      ++it;
    }
  }
}

void LoginThrottle::RecordFailure(std::string_view account, std::string_view address, std::int64_t now) {
  std::lock_guard lock(mu_);
  Add(accounts_, std::string(account), now);
  Add(addresses_, std::string(address), now);
}

void LoginThrottle::RecordSuccess(std::string_view account) {
  std::lock_guard lock(mu_);
  accounts_.erase(std::string(account));
}

}  // namespace scij::auth
