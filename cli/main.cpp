#include "cli/commands.hpp"
#include "cli/generators.hpp"
#include "cli/logging.hpp"
#include "cli/version_info.hpp"
#include "core/base/error.hpp"

namespace migrate::cli {

void add_global_flags(CLI::App& cmd, Globals& g) {
  cmd.add_option("-c,--config", g.config_file,
                 "configuration file (default: $MIGRATE_CONFIG or migrate.yaml)");
  cmd.add_option("--url", g.url, "database URL, overrides database_url");
  cmd.add_option("-x", g.x_args, "KEY=VALUE for templates (repeatable)");
  cmd.add_flag("-v,--verbose", g.verbose, "log each SQL statement and its time");
  cmd.add_flag("-q,--quiet", g.quiet, "print only errors");
  cmd.add_flag("--strict-sum", g.strict_sum,
               "fail (exit 1) when versions.sum does not match the revision files, instead of "
               "warning (`sum: strict` in migrate.yaml)");
  cmd.add_option("--lock-timeout", g.lock_timeout,
                 "seconds to wait for the migration lock (default 60)");
  cmd.add_option("--format", g.format, "output format (github: lint's annotations)")
      ->check(CLI::IsMember({"text", "json", "github"}));
}

}  // namespace migrate::cli

int main(int argc, char** argv) {
  using namespace migrate;
  cli::Globals g;
  CLI::App app{"migrate: schema migrations for SQLite, PostgreSQL and MySQL/MariaDB", "migrate"};
  app.set_version_flag("--version", cli::version_text);
  app.require_subcommand(1);
  cli::add_global_flags(app, g);
  cli::Commands commands;
  cli::add_init_commands(app, g, commands);
  cli::add_revision_command(app, g, commands);
  cli::add_migrate_commands(app, g, commands);
  cli::add_current_command(app, g, commands);
  cli::add_stamp_command(app, g, commands);
  cli::add_validate_command(app, g, commands);
  cli::add_lint_command(app, g, commands);
  cli::add_check_command(app, g, commands);
  cli::add_diff_command(app, g, commands);
  cli::add_inspect_command(app, g, commands);
  cli::add_heads_command(app, g, commands);
  cli::add_branches_command(app, g, commands);
  cli::add_history_command(app, g, commands);
  cli::add_show_command(app, g, commands);
  cli::add_merge_command(app, g, commands);
  cli::add_hash_command(app, g, commands);
  for (auto* sub : app.get_subcommands({})) cli::add_global_flags(*sub, g);
  cli::add_generator_options(app);

  try {
    try {
      app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
      return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
      return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
      return app.exit(e);
    } catch (const CLI::ParseError& e) {
      cli::print_error(std::string(e.what()) + " (see `migrate --help`)");
      return static_cast<int>(ExitCode::bad_input);
    }
    cli::setup_logging(g);
    for (auto& [sub, action] : commands)
      if (sub->parsed()) return action();
    return 0;
  } catch (const Error& e) {
    cli::print_error(e.what());
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    cli::print_error(e.what());
    return static_cast<int>(ExitCode::database);
  }
}
