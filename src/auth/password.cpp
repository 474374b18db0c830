#include "auth/password.hpp"

#include <sodium.h>

#include <stdexcept>

namespace scij::auth {
namespace {

void EnsureSodium() {
  static const int rc = sodium_init();
  if (rc < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::size_t CountCodePoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;  // not a continuation byte
  }
  return n;
}

}  // namespace

// Holds one of the hasher's slots for the duration of one Argon2id computation.
class HashSlot {
 public:
  explicit HashSlot(PasswordHasher& h) : h_(h) {
    h_.slots_.acquire();
    int now = ++h_.running_;
    int peak = h_.peak_.load();
    while (now > peak && !h_.peak_.compare_exchange_weak(peak, now)) {
    }
  }
  ~HashSlot() {
    --h_.running_;
    h_.slots_.release();
  }
  HashSlot(const HashSlot&) = delete;
  HashSlot& operator=(const HashSlot&) = delete;

 private:
  PasswordHasher& h_;
};

Status CheckPasswordPolicy(std::string_view password, std::string_view field) {
  if (password.size() > kMaxPasswordBytes) {
    return InvalidArgument("password is too long (at most 1024 bytes)", std::string(field));
  }
  if (CountCodePoints(password) < kMinPasswordChars) {
    return InvalidArgument("password is too short: use at least 12 characters", std::string(field));
  }
  return {};
}

PasswordHasher::PasswordHasher(PasswordParams params)
    : params_(params), slots_(params.max_concurrent < 1 ? 1 : params.max_concurrent) {
  EnsureSodium();
}

Result<std::string> PasswordHasher::Hash(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  int rc;
  {
    HashSlot slot(*this);
    rc = crypto_pwhash_str(out, password.data(), password.size(), params_.opslimit, params_.memlimit);
  }
  if (rc != 0) return Internal("password hashing failed (out of memory)");
  return std::string(out);
}

bool PasswordHasher::Verify(std::string_view hash, std::string_view password) {
  std::string h(hash);  // crypto_pwhash_str_verify needs a NUL-terminated string
  if (h.empty() || h.size() >= crypto_pwhash_STRBYTES) return false;
  HashSlot slot(*this);
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::VerifyDummy(std::string_view password) {
  std::call_once(dummy_once_, [&] {
    auto h = Hash(RandomToken(24));
    dummy_hash_ = h.ok() ? *h : std::string();
  });
  (void)Verify(dummy_hash_, password);
}

bool PasswordHasher::NeedsRehash(std::string_view hash) const {
  std::string h(hash);
  return crypto_pwhash_str_needs_rehash(h.c_str(), params_.opslimit, params_.memlimit) != 0;
}

std::string RandomToken(std::size_t bytes) {
  EnsureSodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  sodium_memzero(raw.data(), raw.size());
  return out;
}

std::string HashToken(std::string_view token) {
  EnsureSodium();
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[crypto_generichash_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex);
}

bool SecretEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string GeneratePassword(std::size_t length) {
  EnsureSodium();
  static constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
  std::string out;
  out.reserve(length);
  for (std::size_t i = 0; i < length; ++i) {
    out.push_back(kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))]);
  }
  return out;
}

}  // namespace scij::auth
