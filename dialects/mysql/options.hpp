#pragma once
// A mysql:// URL's parts and query options as the client library takes them,
// checked before connecting so a typo is a clear error (exit 2), not a
// silently ignored setting.
#include <string>

#include "core/dialect/url.hpp"

namespace migrate::mysql {

enum class SslMode { preferred, disabled, required, verify_ca, verify_identity };

struct ConnectOptions {
  std::string host;  // empty: the local server over unix_socket (or the default socket)
  unsigned port = 0;
  std::string user;
  std::string password;
  std::string database;
  std::string unix_socket;
  std::string charset = "utf8mb4";
  SslMode ssl_mode = SslMode::preferred;
  std::string ssl_ca, ssl_cert, ssl_key;
  unsigned connect_timeout = 10;  // seconds
};

// Query options: charset, unix_socket (or socket), ssl_mode (DISABLED,
// PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY, any case), ssl_ca,
// ssl_cert, ssl_key, connect_timeout. Throws InputError naming the URL
// (masked) for an unknown option or value.
ConnectOptions connect_options(const Url& url);

}  // namespace migrate::mysql
