#include "core/dialect/url.hpp"

#include <cctype>
#include <charconv>

#include "core/base/error.hpp"

namespace migrate {
namespace {

// Hides the password of a URL we could not parse, so even the error for a
// malformed URL cannot leak it.
std::string mask_raw(std::string_view text) {
  auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return std::string(text);
  auto rest = text.substr(scheme_end + 3);
  auto at = rest.rfind('@');
  if (at == std::string_view::npos) return std::string(text);
  auto colon = rest.substr(0, at).find(':');
  if (colon == std::string_view::npos) return std::string(text);
  return std::string(text.substr(0, scheme_end + 3)) + std::string(rest.substr(0, colon)) + ":***" +
         std::string(rest.substr(at));
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s, const std::string& masked_url) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      int hi = i + 2 < s.size() ? hex_digit(s[i + 1]) : -1;
      int lo = i + 2 < s.size() ? hex_digit(s[i + 2]) : -1;
      if (hi < 0 || lo < 0)
        throw InputError("malformed percent-escape in database URL '" + masked_url + "'");
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string percent_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string url_dialect(std::string_view text) {
  auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos)
    throw InputError("malformed database URL '" + mask_raw(text) +
                     "': expected scheme://..., e.g. sqlite:///app.db or "
                     "postgresql://user@localhost/app");
  std::string scheme(text.substr(0, scheme_end));
  for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // A SQLAlchemy driver suffix (postgresql+psycopg2) names a Python driver; we have our own.
  if (auto plus = scheme.find('+'); plus != std::string::npos) scheme.resize(plus);
  if (scheme == "sqlite") return "sqlite";
  if (scheme == "postgresql" || scheme == "postgres") return "postgresql";
  if (scheme == "mysql" || scheme == "mariadb") return "mysql";
  throw InputError("unsupported database URL scheme '" + scheme + "' in '" + mask_raw(text) +
                   "': use sqlite://, postgresql:// or mysql://");
}

Url parse_url(std::string_view text) {
  const std::string masked = mask_raw(text);
  Url url;
  url.dialect = url_dialect(text);
  auto scheme_end = text.find("://");
  std::string_view rest = text.substr(scheme_end + 3);
  std::string_view query;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  while (!query.empty()) {
    auto amp = query.find('&');
    auto pair = query.substr(0, amp);
    auto eq = pair.find('=');
    std::string key = percent_decode(pair.substr(0, eq), masked);
    std::string value =
        eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1), masked);
    if (!key.empty()) url.query[key] = value;
    if (amp == std::string_view::npos) break;
    query = query.substr(amp + 1);
  }

  if (url.dialect == "sqlite") {
    // sqlite:// and sqlite:///:memory: are in-memory; sqlite:///x is relative, sqlite:////x
    // absolute.
    if (rest.empty()) {
      url.database = ":memory:";
    } else {
      if (rest[0] != '/')
        throw InputError("malformed SQLite URL '" + masked +
                         "': write sqlite:///relative.db or sqlite:////absolute/path.db");
      url.database = percent_decode(rest.substr(1), masked);
      if (url.database.empty()) url.database = ":memory:";
    }
    return url;
  }

  auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos)
    url.database = percent_decode(rest.substr(slash + 1), masked);
  if (auto at = authority.rfind('@'); at != std::string_view::npos) {
    auto userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    auto colon = userinfo.find(':');
    url.user = percent_decode(userinfo.substr(0, colon), masked);
    if (colon != std::string_view::npos)
      url.password = percent_decode(userinfo.substr(colon + 1), masked);
  }
  std::string_view port;
  if (!authority.empty() && authority[0] == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos)
      throw InputError("malformed IPv6 host in database URL '" + masked + "'");
    url.host = std::string(authority.substr(1, close - 1));
    auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') throw InputError("malformed host in database URL '" + masked + "'");
      port = after.substr(1);
    }
  } else {
    auto colon = authority.find(':');
    url.host = percent_decode(authority.substr(0, colon), masked);
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (!port.empty()) {
    int value = 0;
    auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || ptr != port.data() + port.size() || value <= 0 || value > 65535)
      throw InputError("malformed port '" + std::string(port) + "' in database URL '" + masked +
                       "': expected a number from 1 to 65535");
    url.port = value;
  }
  return url;
}

std::string Url::masked() const {
  std::string out = dialect + "://";
  if (dialect == "sqlite") {
    out += database == ":memory:" ? "" : "/" + database;
  } else {
    if (!user.empty() || !password.empty()) {
      out += percent_encode(user);
      if (!password.empty()) out += ":***";
      out += "@";
    }
    out += host.find(':') != std::string::npos ? "[" + host + "]" : host;
    if (port) out += ":" + std::to_string(port);
    out += "/" + percent_encode(database);
  }
  char sep = '?';
  for (const auto& [k, v] : query) {
    // Some drivers take a password as a query parameter too.
    bool secret = k == "password" || k == "passwd" || k == "sslpassword";
    out += sep + percent_encode(k) + "=" + (secret ? "***" : percent_encode(v));
    sep = '&';
  }
  return out;
}

}  // namespace migrate
