#include "cli/version_info.hpp"

#include <fmt/core.h>
#include <libpq-fe.h>
#include <mysql.h>
#include <openssl/crypto.h>
#include <spdlog/version.h>
#include <sqlite3.h>
#include <CLI/Version.hpp>
#include <nlohmann/json.hpp>

#include "core/yaml/yaml_node.hpp"

namespace migrate::cli {

std::string version_text() {
  // PQlibVersion: major * 10000 + minor since PostgreSQL 10.
  const int pq = PQlibVersion();
  return fmt::format(
      "migrate {}\n"
      "  SQLite {}\n"
      "  libpq {}.{}\n"
      "  MariaDB Connector/C {}\n"
      "  {}\n"
      "  {}\n"
      "  spdlog {}.{}.{}, fmt {}.{}.{}, CLI11 {}, nlohmann-json {}.{}.{} (built with)",
      MIGRATE_VERSION, sqlite3_libversion(), pq / 10000, pq % 10000, mysql_get_client_info(),
      OpenSSL_version(OPENSSL_VERSION), yaml::library_version(), SPDLOG_VER_MAJOR, SPDLOG_VER_MINOR,
      SPDLOG_VER_PATCH, FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100,
      CLI11_VERSION, NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
      NLOHMANN_JSON_VERSION_PATCH);
}

}  // namespace migrate::cli
