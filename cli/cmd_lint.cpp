// `migrate lint [RANGE] [--git-base REF]`: the rules of core/lint/lint.hpp over
// the revisions not yet applied (default), a history-style RANGE, or the
// files added since a git commit. Exit 1 when an error-level finding remains,
// or when versions.sum no longer matches the revision files.
// With --dev-url the database is a scratch one, empty, which the revisions
// are then replayed on: a revision that does not run fails lint (exit 3).
#include <spdlog/spdlog.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <set>

#include "cli/commands.hpp"
#include "cli/terminal.hpp"
#include "core/base/error.hpp"
#include "core/lint/lint.hpp"
#include "project/dev_database.hpp"

namespace migrate::cli {
namespace {

namespace fs = std::filesystem;

struct LintOptions {
  std::string range;
  std::string git_base;
  std::string dev_url;
};

// The heads of the database a range's "current" means.
using CurrentHeads = std::function<std::vector<std::string>()>;

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::vector<std::string> lines_of(const std::string& command) {
  std::vector<std::string> out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) throw InputError("lint --git-base: cannot run git");
  std::string line;
  for (int c; (c = fgetc(p)) != EOF;) {
    if (c == '\n') {
      out.push_back(line);
      line.clear();
    } else {
      line += static_cast<char>(c);
    }
  }
  if (!line.empty()) out.push_back(line);
  if (pclose(p) != 0)
    throw InputError("lint --git-base: `" + command +
                     "` failed; is the project in a git repository, and the commit known?");
  return out;
}

std::string canonical_path(const fs::path& p) {
  std::error_code ec;
  auto c = fs::weakly_canonical(fs::absolute(p), ec);
  return (ec ? p : c).string();
}

// The revision files git sees as new since `base`: added in commits since,
// staged, or not yet tracked.
std::vector<const Revision*> added_since(const Graph& graph, const Config& cfg,
                                         const std::string& base) {
  std::string root = canonical_path(cfg.root.empty() ? fs::path(".") : cfg.root);
  std::string top = lines_of("git -C " + quote(root) + " rev-parse --show-toplevel").at(0);
  std::string dirs;
  for (const auto& d : cfg.version_dirs()) dirs += " " + quote(canonical_path(d));
  std::set<std::string> added;
  for (const auto& f : lines_of("git -C " + quote(root) + " diff --name-only --diff-filter=A " +
                                quote(base) + " --" + dirs))
    added.insert(canonical_path(fs::path(top) / f));
  for (const auto& f : lines_of("git -C " + quote(root) +
                                " ls-files --others --exclude-standard --full-name --" + dirs))
    added.insert(canonical_path(fs::path(top) / f));
  std::vector<const Revision*> out;
  for (const auto& r : graph.revisions())
    if (added.count(canonical_path(r.path))) out.push_back(&r);
  return out;
}

std::vector<const Revision*> in_range(const Graph& graph, const std::string& range,
                                      const CurrentHeads& current) {
  auto colon = range.find(':');
  if (colon == std::string::npos) return graph.get_revisions(range);
  Graph::RangeEnd lower{range.substr(0, colon), std::nullopt};
  Graph::RangeEnd upper{range.substr(colon + 1), std::nullopt};
  if (lower.expr == "current" || upper.expr == "current")
    (lower.expr == "current" ? lower.ids : upper.ids) = current();
  return graph.history(lower, upper);
}

std::vector<const Revision*> not_applied(const Graph& graph, const CurrentHeads& current) {
  std::vector<const Revision*> out;
  for (const auto& step : graph.upgrade(current(), "heads")) out.push_back(step.revision);
  return out;
}

int run_lint(const Globals& g, const LintOptions& o) {
  Config cfg = load_config(g);
  // A stale versions.sum fails lint, CI's gate, after the findings; unreadable, at once.
  SumReport sum;
  Graph graph = load_graph(cfg, Operations::load, &sum);
  if (!sum.unreadable.empty()) throw InputError(sum.unreadable);
  // A dev database starts empty: "current" is base, and by default every revision is linted.
  std::optional<DevDatabase> dev;
  if (!o.dev_url.empty()) dev.emplace(o.dev_url);
  CurrentHeads current = [&]() -> std::vector<std::string> {
    if (dev) return {};
    Database db = open_database(cfg);
    return database_heads(graph, db, cfg);
  };
  LintSettings settings;
  settings.dialect = dev ? dev->dialect() : dialect_for(cfg)->name();
  for (const auto& [code, level] : cfg.lint_levels)
    settings.levels[code] = parse_severity(level, SourceMark{cfg.file.string()});
  std::vector<const Revision*> revisions;
  if (!o.git_base.empty())
    revisions = added_since(graph, cfg, o.git_base);
  else if (!o.range.empty())
    revisions = in_range(graph, o.range, current);
  else
    revisions = not_applied(graph, current);

  auto findings = lint(graph, revisions, settings);
  int errors = 0;
  for (const auto& f : findings) errors += f.severity == Severity::error;
  if (g.json()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : findings)
      out.push_back({{"code", f.code},
                     {"severity", to_string(f.severity)},
                     {"revision", f.revision},
                     {"file", f.path},
                     {"line", f.line},
                     {"message", f.message}});
    std::cout << nlohmann::json{{"revisions", revisions.size()}, {"findings", out}}.dump(2) << "\n";
  } else {
    // The severity stands out on a terminal (terminal.hpp's rule for colour).
    const bool colour = colour_allowed(STDOUT_FILENO);
    for (const auto& f : findings) {
      if (g.format == "github")
        std::cout << "::" << to_string(f.severity) << " file=" << f.path << ",line=" << f.line
                  << ",title=" << f.code << "::" << f.code << ": " << f.message << "\n";
      else
        std::cout << f.path << ":" << f.line << ": "
                  << paint(to_string(f.severity), f.severity == Severity::error ? "1;31" : "1;33",
                           colour)
                  << " " << f.code << ": " << f.message << "\n";
    }
    spdlog::info("{} revision(s) linted for {}: {} finding(s), {} error(s)", revisions.size(),
                 settings.dialect, findings.size(), errors);
  }
  if (sum.stale()) {
    ++errors;
    const std::string problem =
        sum_problem(cfg, sum) + ": run `migrate hash` if the change was intended";
    if (g.format == "github")
      std::cout << "::error file=" << cfg.sum_file().string() << ",title=versions.sum::" << problem
                << "\n";
    spdlog::error("error: {}", problem);
  }
  // Then whether the revisions run at all: a failure is the runner's error (exit 3).
  if (dev) dev->upgrade_to_heads(cfg, graph);
  return errors ? 1 : 0;
}

}  // namespace

void add_lint_command(CLI::App& app, Globals& g, Commands& out) {
  auto o = std::make_shared<LintOptions>();
  auto* cmd = app.add_subcommand(
      "lint", "check revisions for dropped data, failing or locking changes (exit 1 on errors)");
  cmd->add_option("RANGE", o->range,
                  "revisions as for history -r (A:B, current:, base:head) or one revision; "
                  "default: those not applied to the database");
  cmd->add_option("--git-base", o->git_base,
                  "lint the revision files added since this git commit (no database needed)");
  cmd->add_option("--dev-url", o->dev_url,
                  "no database_url: RANGE's 'current' is base (so every revision is linted by "
                  "default), the dialect is the URL's, and after linting every revision is "
                  "replayed on a scratch database there (sqlite:// in memory; on a "
                  "postgresql:// or mysql:// server a migrate_dev_* database, dropped after) to "
                  "show that it runs");
  out.emplace_back(cmd, [&g, o] { return run_lint(g, *o); });
}

}  // namespace migrate::cli
