#pragma once
// SHA-256 from OpenSSL's libcrypto, as a running hash whose value can be read
// at any point, and that can start again (the revision sum hashes thousands of
// files, and a context costs two allocations).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace migrate {

using Sha256Digest = std::array<std::uint8_t, 32>;

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view bytes);
  // The digest of everything given so far; the hash goes on accepting input.
  Sha256Digest digest() const;
  // Forgets the input: the next digest() is of what follows only.
  void reset();

 private:
  void* ctx_;  // EVP_MD_CTX*, kept out of the header
  void* tmp_;  // a scratch context for digest(), reused
};

// Standard base64 with padding (RFC 4648 §4).
std::string base64(const Sha256Digest& digest);

}  // namespace migrate
