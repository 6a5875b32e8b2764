#include "core/base/digest.hpp"

#include <openssl/evp.h>

#include <new>
#include <stdexcept>

namespace migrate {
namespace {

EVP_MD_CTX* ctx(void* p) {
  return static_cast<EVP_MD_CTX*>(p);
}

void check(int ok, const char* what) {
  if (ok != 1) throw std::runtime_error(std::string("SHA-256: ") + what + " failed");
}

// Fetched once: given EVP_sha256(), OpenSSL 3 looks the algorithm up again on
// every init, and an upgrade hashes every revision file.
const EVP_MD* sha256_md() {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md ? md : EVP_sha256();
}

}  // namespace

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()), tmp_(EVP_MD_CTX_new()) {
  if (!ctx_ || !tmp_) {
    EVP_MD_CTX_free(ctx(ctx_));
    EVP_MD_CTX_free(ctx(tmp_));
    throw std::bad_alloc();
  }
  check(EVP_DigestInit_ex(ctx(ctx_), sha256_md(), nullptr), "init");
}

Sha256::~Sha256() {
  EVP_MD_CTX_free(ctx(ctx_));
  EVP_MD_CTX_free(ctx(tmp_));
}

void Sha256::update(std::string_view bytes) {
  check(EVP_DigestUpdate(ctx(ctx_), bytes.data(), bytes.size()), "update");
}

Sha256Digest Sha256::digest() const {
  // Finishing consumes a context, so finish a copy.
  check(EVP_MD_CTX_copy_ex(ctx(tmp_), ctx(ctx_)), "copy");
  Sha256Digest out{};
  unsigned int n = 0;
  check(EVP_DigestFinal_ex(ctx(tmp_), out.data(), &n), "final");
  return out;
}

void Sha256::reset() {
  check(EVP_DigestInit_ex(ctx(ctx_), sha256_md(), nullptr), "init");
}

std::string base64(const Sha256Digest& digest) {
  // 4 characters per 3 bytes, rounded up, plus the NUL EVP_EncodeBlock writes.
  unsigned char out[4 * ((sizeof(Sha256Digest) + 2) / 3) + 1];
  int n = EVP_EncodeBlock(out, digest.data(), static_cast<int>(digest.size()));
  return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(n));
}

}  // namespace migrate
