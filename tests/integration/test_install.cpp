// What `cmake --install` ships besides the binary: the man page and the shell
// completions generated from the command line definition, and --version.
#include <doctest/doctest.h>
#include <libpq-fe.h>
#include <mysql.h>
#include <openssl/crypto.h>
#include <yaml.h>

#include <filesystem>
#include <sstream>

#include "harness.hpp"

using namespace itest;
namespace fs = std::filesystem;

namespace {

// The commands as `migrate --help` lists them, so a new command is checked
// without editing this test.
std::vector<std::string> help_commands(const Project& p) {
  auto help = p.run({"--help"});
  REQUIRE(help.code == 0);
  std::vector<std::string> out;
  std::istringstream in(help.out.substr(help.out.find("Subcommands:")));
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    if (line.size() < 3 || line[0] != ' ') break;
    std::istringstream words(line);
    std::string name;
    words >> name;
    out.push_back(name);
  }
  REQUIRE(out.size() >= 15);
  return out;
}

std::string generate(const Project& p, const std::vector<std::string>& args,
                     const std::string& file) {
  auto r = p.run(args);
  REQUIRE_MESSAGE(r.code == 0, r.err);
  CHECK(r.err.empty());
  p.write(file, r.out);
  return r.out;
}

bool have(const Project& p, const std::string& program) {
  return p.sh("command -v " + program).code == 0;
}

}  // namespace

TEST_CASE("bash completion: every command, options per command, choices; bash -n accepts it") {
  Project p;
  std::string script = generate(p, {"--generate-completion", "bash"}, "migrate.bash");
  for (const auto& cmd : help_commands(p)) CHECK_MESSAGE(contains(script, cmd + ")"), cmd);
  CHECK(p.sh("bash -n migrate.bash").code == 0);

  // Completes as a user at a prompt would get it.
  auto complete = [&](const std::string& words) {
    auto r = p.sh("bash -c 'source ./migrate.bash; COMP_WORDS=(" + words +
                  "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _migrate; echo \"${COMPREPLY[*]}\"'");
    REQUIRE_MESSAGE(r.code == 0, r.err);
    return r.out;
  };
  CHECK(complete("migrate up") == "upgrade\n");
  CHECK(complete("migrate upgrade --s") == "--sql --strict-sum\n");  // a global flag too
  CHECK(complete("migrate upgrade --sq") == "--sql\n");
  CHECK(complete("migrate --format \"\"") == "text json github\n");
  CHECK(complete("migrate lint --format g") == "github\n");
  CHECK(contains(complete("migrate revision --"), "--autogenerate"));
  CHECK(contains(complete("migrate --"), "--config"));
  CHECK(!contains(complete("migrate --"), "--generate-man"));  // hidden
}

TEST_CASE("zsh completion: every command; zsh -n accepts it") {
  Project p;
  REQUIRE_MESSAGE(have(p, "zsh"), "zsh is not installed: run scripts/install-deps.sh");
  std::string script = generate(p, {"--generate-completion", "zsh"}, "_migrate");
  CHECK(script.rfind("#compdef migrate\n", 0) == 0);
  for (const auto& cmd : help_commands(p)) CHECK_MESSAGE(contains(script, "'" + cmd + ":"), cmd);
  CHECK(contains(script, "'(-c --config)--config[configuration file"));
  auto r = p.sh("zsh -n _migrate");
  CHECK_MESSAGE(r.code == 0, r.err);
}

TEST_CASE("fish completion: fish parses it and completes commands and options") {
  Project p;
  REQUIRE_MESSAGE(have(p, "fish"), "fish is not installed: run scripts/install-deps.sh");
  std::string script = generate(p, {"--generate-completion", "fish"}, "migrate.fish");
  auto parse = p.sh("fish --no-execute migrate.fish");
  CHECK_MESSAGE(parse.code == 0, parse.err);
  auto complete = [&](const std::string& line) {
    auto r = p.sh("fish -c 'source migrate.fish; complete -C \"" + line + "\"'");
    REQUIRE_MESSAGE(r.code == 0, r.err);
    return r.out;
  };
  std::string commands = complete("migrate ");
  for (const auto& cmd : help_commands(p)) CHECK_MESSAGE(contains(commands, cmd + "\t"), cmd);
  CHECK(contains(complete("migrate upgrade --s"), "--sql\tprint the SQL"));
  CHECK(complete("migrate --format j") == "json\toutput format (github: lint's annotations)\n");
}

TEST_CASE("man page: renders without warnings and documents every command and option") {
  Project p;
  std::string page = generate(p, {"--generate-man"}, "migrate.1");
  auto warnings = p.sh("groff -man -Tutf8 -ww -z migrate.1");
  CHECK(warnings.code == 0);
  CHECK_MESSAGE(warnings.err.empty(), warnings.err);
  auto man = p.sh("MANWIDTH=100 man --warnings -l migrate.1 | col -b");
  REQUIRE(man.code == 0);
  CHECK_MESSAGE(man.err.empty(), man.err);
  const std::string& text = man.out;
  CHECK(contains(text, "migrate - schema migrations for SQLite, PostgreSQL and MySQL/MariaDB"));
  for (const auto& cmd : help_commands(p)) CHECK_MESSAGE(contains(text, "\n   " + cmd), cmd);
  for (const char* opt :
       {"--config", "--lock-timeout", "--autogenerate", "--sql", "NO_COLOR", "EXIT STATUS"})
    CHECK_MESSAGE(contains(text, opt), opt);
  CHECK(!contains(text, "--generate-completion"));
}

TEST_CASE("--version names the version and the libraries as they report themselves") {
  Project p;
  auto r = p.run({"--version"});
  REQUIRE(r.code == 0);
  CHECK(r.out.rfind("migrate " MIGRATE_VERSION_TEXT "\n", 0) == 0);
  CHECK(contains(r.out, std::string("SQLite ") + sqlite3_libversion() + "\n"));
  const int pq = PQlibVersion();
  CHECK(contains(r.out, "libpq " + std::to_string(pq / 10000) + "." + std::to_string(pq % 10000)));
  CHECK(contains(r.out, std::string("MariaDB Connector/C ") + mysql_get_client_info() + "\n"));
  CHECK(contains(r.out, std::string(OpenSSL_version(OPENSSL_VERSION)) + "\n"));
  CHECK(contains(r.out, std::string("libyaml ") + yaml_get_version_string() + "\n"));
  for (const char* lib : {"spdlog 1.", "fmt ", "CLI11 2.", "nlohmann-json 3."})
    CHECK_MESSAGE(contains(r.out, lib), lib);
}

TEST_CASE("cmake --install puts the binary, man page and completions under the prefix") {
  Project p;
  const fs::path build = fs::path(MIGRATE_BINARY).parent_path();
  auto r =
      p.sh("cmake --install '" + build.string() + "' --prefix '" + p.path("usr").string() + "'");
  REQUIRE_MESSAGE(r.code == 0, (r.err + r.out));
  for (const char* f :
       {"bin/migrate", "share/bash-completion/completions/migrate",
        "share/zsh/vendor-completions/_migrate", "share/fish/vendor_completions.d/migrate.fish"})
    CHECK_MESSAGE(fs::is_regular_file(p.path("usr") / f), f);
  CHECK((fs::is_regular_file(p.path("usr/share/man/man1/migrate.1.gz")) ||
         fs::is_regular_file(p.path("usr/share/man/man1/migrate.1"))));
  auto help = p.sh("usr/bin/migrate --help");
  CHECK(help.code == 0);
  CHECK(contains(help.out, "upgrade"));
}
