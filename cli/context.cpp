#include "cli/context.hpp"

#include <cstdlib>

namespace migrate::cli {

std::map<std::string, std::string> Globals::x_map() const {
  std::map<std::string, std::string> out;
  for (const auto& kv : x_args) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0)
      throw InputError("-x expects KEY=VALUE, got '" + kv + "'");
    out[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return out;
}

Config load_config(const Globals& g) {
  std::string file = g.config_file;
  if (file.empty()) {
    const char* env = std::getenv("MIGRATE_CONFIG");
    file = env && *env ? env : "migrate.yaml";
  }
  Config cfg = migrate::load_config(file, process_env());
  if (!g.url.empty()) cfg.database_url = g.url;
  if (g.strict_sum) cfg.sum = SumMode::strict;
  return cfg;
}

void add_dev_url_option(CLI::App& cmd, std::string& dev_url) {
  cmd.add_option("--dev-url", dev_url,
                 "replay the revisions on a scratch database instead of using database_url "
                 "(which is then never connected to): sqlite:// (in memory), or a "
                 "postgresql:// or mysql:// server, where a database migrate_dev_* is created "
                 "and dropped afterwards");
}

}  // namespace migrate::cli
