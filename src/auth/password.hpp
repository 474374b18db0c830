// Password hashing with Argon2id through libsodium's crypto_pwhash_str. The cost is set per
// deployment (docs/SECURITY.md): at least 64 MiB of memory and 3 passes in production; tests may
// pass smaller figures. At most `max_concurrent` hashes are computed at once (each holds its
// memory for ~0.1-0.3 s), so a burst of logins cannot exhaust the server's memory.
//
//   PasswordHasher hasher({});                        // 64 MiB, 3 passes, 2 at once
//   auto hash = hasher.Hash("correct horse battery");  // "$argon2id$v=19$m=65536,t=3,p=1$..."
//   bool ok = hasher.Verify(*hash, attempt);
#pragma once

#include <atomic>
#include <cstddef>
#include <mutex>
#include <semaphore>
#include <string>
#include <string_view>

#include "domain/common/result.hpp"

namespace scij::auth {

struct PasswordParams {
  unsigned long long opslimit = 3;           // passes
  std::size_t memlimit = 64u * 1024 * 1024;  // bytes
  int max_concurrent = 2;
};

// The production floor from docs/SECURITY.md; configuration below it is refused at start-up.
inline constexpr unsigned long long kMinOpsLimit = 3;
inline constexpr std::size_t kMinMemLimit = 64u * 1024 * 1024;

inline constexpr std::size_t kMinPasswordChars = 12;
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// invalid_argument (field "password") unless the password has 12 or more characters (Unicode code
// points) and at most 1024 bytes.
Status CheckPasswordPolicy(std::string_view password, std::string_view field = "password");

class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordParams params);
  PasswordHasher(const PasswordHasher&) = delete;
  PasswordHasher& operator=(const PasswordHasher&) = delete;

  Result<std::string> Hash(std::string_view password);
  // False for a wrong password and for a malformed hash.
  bool Verify(std::string_view hash, std::string_view password);
  // Does the work of one Verify against a hash no account has, so that an unknown username
  // answers in about the same time as a wrong password (no user enumeration by timing).
  void VerifyDummy(std::string_view password);
  // True when the hash was made with other parameters than the current ones.
  bool NeedsRehash(std::string_view hash) const;

  const PasswordParams& params() const { return params_; }
  // The most hashes that ever ran at once in this hasher (never above max_concurrent).
  int PeakConcurrency() const { return peak_.load(); }

 private:
  friend class HashSlot;
  PasswordParams params_;
  std::counting_semaphore<1024> slots_;
  std::atomic<int> running_{0};
  std::atomic<int> peak_{0};
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

// Random bytes from libsodium, encoded: URL-safe base64 without padding / lower-case hex.
std::string RandomToken(std::size_t bytes);
// BLAKE2b-256 of `data`, hex: how session tokens are keyed in the store.
std::string HashToken(std::string_view token);
// Constant-time equality for secrets of the same length.
bool SecretEquals(std::string_view a, std::string_view b);
// A random password of `length` characters from an unambiguous alphabet (for first start and
// resets done from the command line).
std::string GeneratePassword(std::size_t length = 20);

}  // namespace scij::auth
