#include "cli/generators.hpp"

#include "cli/completion.hpp"
#include "cli/man_page.hpp"

namespace migrate::cli {
namespace {

// CLI11 prints a CallForVersion's text to stdout and exits 0 before it checks
// that a command was given: the path these need (as --version).
[[noreturn]] void print_and_exit(std::string text) {
  if (!text.empty() && text.back() == '\n') text.pop_back();  // CLI11 adds one
  throw CLI::CallForVersion(text, 0);
}

}  // namespace

void add_generator_options(CLI::App& app) {
  app.add_option_function<std::string>(
         "--generate-completion",
         [&app](const std::string& shell) {
           print_and_exit(completion_script(describe_cli(app), shell));
         },
         "print the shell completion script for SHELL")
      ->check(CLI::IsMember({"bash", "zsh", "fish"}))
      ->group("");
  app.add_flag_callback(
         "--generate-man", [&app] { print_and_exit(man_page(describe_cli(app), MIGRATE_VERSION)); },
         "print the man page (roff)")
      ->group("");
}

}  // namespace migrate::cli
