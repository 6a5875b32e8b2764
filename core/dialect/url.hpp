#pragma once
// Database URLs (SPEC §2): sqlite:///rel.db, sqlite:////abs.db, sqlite://,
// postgresql://user:pass@host:port/db?k=v, mysql://..., driver suffixes ignored.
#include <map>
#include <string>
#include <string_view>

namespace migrate {

struct Url {
  std::string dialect;  // "sqlite", "postgresql" or "mysql"
  std::string user;
  std::string password;
  std::string host;
  int port = 0;  // 0: the driver's default
  // sqlite: the file path as given ("app.db", "/abs/app.db") or ":memory:";
  // others: the database name.
  std::string database;
  std::map<std::string, std::string> query;

  // The URL as a user may see it: the password replaced by "***".
  std::string masked() const;
};

// Throws InputError. The message never contains the password.
Url parse_url(std::string_view text);

// The dialect a URL's scheme names ("postgresql+psycopg2://..." ->
// "postgresql"), the rest of the URL unread. Throws InputError as parse_url.
std::string url_dialect(std::string_view text);

}  // namespace migrate
