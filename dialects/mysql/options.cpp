#include "dialects/mysql/options.hpp"

#include <cctype>
#include <charconv>

#include "core/base/error.hpp"
#include "core/base/text.hpp"

namespace migrate::mysql {
namespace {}  // namespace

ConnectOptions connect_options(const Url& url) {
  ConnectOptions o;
  o.host = url.host;
  o.port = static_cast<unsigned>(url.port);
  o.user = url.user;
  o.password = url.password;
  o.database = url.database;
  for (const auto& [key, value] : url.query) {
    if (key == "charset") {
      o.charset = value;
    } else if (key == "unix_socket" || key == "socket") {
      o.unix_socket = value;
    } else if (key == "ssl_mode" || key == "sslmode") {
      const std::string v = text::upper(value);
      if (v == "DISABLED")
        o.ssl_mode = SslMode::disabled;
      else if (v == "PREFERRED")
        o.ssl_mode = SslMode::preferred;
      else if (v == "REQUIRED")
        o.ssl_mode = SslMode::required;
      else if (v == "VERIFY_CA")
        o.ssl_mode = SslMode::verify_ca;
      else if (v == "VERIFY_IDENTITY")
        o.ssl_mode = SslMode::verify_identity;
      else
        throw InputError("unknown ssl_mode '" + value + "' in database URL '" + url.masked() +
                         "': use DISABLED, PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY");
    } else if (key == "ssl_ca") {
      o.ssl_ca = value;
    } else if (key == "ssl_cert") {
      o.ssl_cert = value;
    } else if (key == "ssl_key") {
      o.ssl_key = value;
    } else if (key == "connect_timeout") {
      unsigned n = 0;
      auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || ptr != value.data() + value.size() || n == 0)
        throw InputError("connect_timeout must be a positive number of seconds in database URL '" +
                         url.masked() + "'");
      o.connect_timeout = n;
    } else {
      throw InputError("unknown option '" + key + "' in database URL '" + url.masked() +
                       "': mysql:// takes charset, unix_socket, ssl_mode, ssl_ca, ssl_cert, "
                       "ssl_key and connect_timeout");
    }
  }
  if (o.charset.empty()) throw InputError("empty charset in database URL '" + url.masked() + "'");
  return o;
}

}  // namespace migrate::mysql
