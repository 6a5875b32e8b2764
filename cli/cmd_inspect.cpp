// `migrate inspect`: the live database as a schema.yaml (SPEC §3). Fed back
// as the model, `check` finds nothing: the way to adopt an existing database.
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "core/model/enum_yaml.hpp"
#include "core/model/object_yaml.hpp"
#include "core/model/table_yaml.hpp"
#include "core/yaml/yaml_write.hpp"
#include "project/autogenerate.hpp"
#include "project/inventory.hpp"

namespace migrate::cli {
namespace {

// A database can be inspected before it has a project: --url alone will do.
Config inspect_config(const Globals& g) {
  if (!g.url.empty() && g.config_file.empty() && !std::getenv("MIGRATE_CONFIG") &&
      !std::filesystem::exists("migrate.yaml")) {
    Config cfg;
    cfg.database_url = g.url;
    return cfg;
  }
  return load_config(g);
}

// The table as a model declares it: every constraint named (two unnamed ones
// could otherwise get the same convention name and the model would not
// load). A column declared without a type is written `type: ""`.
Table as_model(const Table& live, const NamingConvention& naming) {
  Table t = live;
  bool unnamed_pk = t.primary_key && t.primary_key->name.empty();
  name_unnamed(t, naming);
  // A plain list: the naming convention gives it the same name on load.
  if (unnamed_pk) t.primary_key->name.clear();
  return t;
}

int run_inspect(const Globals& g) {
  Config cfg = inspect_config(g);
  Database db = open_database(cfg);
  Schema live = filter_tables(db.dialect->inspect(*db.conn), compare_settings(cfg));
  const std::vector<NotModelled> unseen = not_modelled(db, compare_settings(cfg));
  std::cout << "# " << db.url.masked() << " as `migrate inspect` found it.\n";
  if (!unseen.empty()) {
    // Said in the file too: whoever builds a database from it must know what it lacks.
    std::cout << "# Not modelled, so not in this file: " << describe_not_modelled(unseen, 1000)
              << "\n";
    spdlog::warn(
        "warning: not modelled, so left out of this schema.yaml: {}; a database built from it "
        "will not have them",
        describe_not_modelled(unseen));
  }
  std::cout << render_enums(live.enums);
  if (live.tables.empty()) {
    std::cout << "tables: {}\n";
  } else {
    std::cout << "tables:\n";
    for (const auto& table : live.tables) {
      Table t = as_model(table, cfg.naming);
      std::cout << "  " << yaml::str(t.name) << ":\n";
      if (!t.schema.empty()) std::cout << "    schema: " << yaml::str(t.schema) << "\n";
      std::cout << render_table_body(t, 4);
    }
  }
  std::cout << render_objects(live.objects);
  return 0;
}

}  // namespace

void add_inspect_command(CLI::App& app, Globals& g, Commands& out) {
  auto* cmd = app.add_subcommand("inspect", "print the live database as a schema.yaml model");
  out.emplace_back(cmd, [&g] { return run_inspect(g); });
}

}  // namespace migrate::cli
