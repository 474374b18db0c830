// Clock: time is passed in, never read from the system inside domain or service code, so tests
// control it. Times are whole seconds since the Unix epoch (UTC), as stored.
//
//   FakeClock clock(1'700'000'000);
//   service.Login(..., clock);   clock.Advance(16 * 60);   // 16 minutes later
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace scij {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t NowSeconds() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t NowSeconds() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(std::int64_t now) : now_(now) {}
  std::int64_t NowSeconds() const override { return now_.load(); }
  void Advance(std::int64_t seconds) { now_ += seconds; }
  void Set(std::int64_t now) { now_ = now; }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace scij
