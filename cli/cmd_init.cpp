// `migrate init` and `migrate list-templates` (SPEC §1).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>

#include "cli/commands.hpp"
#include "core/base/error.hpp"
#include "core/script/script.hpp"
#include "core/versions/revision_sum.hpp"
#include "project/templates.hpp"

namespace migrate::cli {
namespace {

namespace fs = std::filesystem;

std::set<std::string> template_names() {
  std::set<std::string> names;
  for (const auto& f : embedded_templates()) names.insert(f.path.substr(0, f.path.find('/')));
  return names;
}

std::string description(const std::string& name) {
  for (const auto& f : embedded_templates())
    if (f.path == name + "/DESCRIPTION") {
      std::string d(f.content);
      while (!d.empty() && (d.back() == '\n' || d.back() == ' ')) d.pop_back();
      return d;
    }
  return "";
}

std::string yaml_double_quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

int run_init(const Globals&, const std::string& dir, const std::string& tmpl,
             const std::string& url) {
  auto names = template_names();
  if (!names.count(tmpl)) {
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    throw InputError("unknown template '" + tmpl + "' (available: " + known +
                     "; see `migrate list-templates`)");
  }
  // Plan every file first, so a refusal leaves nothing half-written.
  std::vector<std::pair<fs::path, std::string>> plan;
  std::vector<fs::path> folders{dir};
  std::map<std::string, std::string> vars{
      {"script_location", dir},
      {"database_url",
       yaml_double_quoted(url.empty() ? "${DATABASE_URL:-sqlite:///app.db}" : url)}};
  const std::string project_prefix = tmpl + "/project/", scripts_prefix = tmpl + "/scripts/";
  for (const auto& f : embedded_templates()) {
    std::string content(f.content);
    if (f.path.rfind(project_prefix, 0) == 0) {
      plan.emplace_back(f.path.substr(project_prefix.size()), fill_template(content, vars));
    } else if (f.path.rfind(scripts_prefix, 0) == 0) {
      fs::path target = fs::path(dir) / f.path.substr(scripts_prefix.size());
      if (target.filename() == "script.yaml.tmpl") {
        folders.push_back(target.parent_path() / "versions");
        // The sum of no revision files yet (core/versions/revision_sum).
        plan.emplace_back(target.parent_path() / "versions.sum", render_sum(compute_sum({})));
      }
      plan.emplace_back(target, content);
    }
  }
  std::vector<std::string> existing;
  for (const auto& [path, _] : plan)
    if (fs::exists(path)) existing.push_back(path.string());
  if (fs::exists(dir) && !fs::is_directory(dir)) existing.push_back(dir);
  if (fs::is_directory(dir) && !fs::is_empty(dir)) existing.push_back(dir + "/ (not empty)");
  if (!existing.empty()) {
    std::string list;
    for (const auto& e : existing) list += (list.empty() ? "" : ", ") + e;
    throw InputError("migrate init refuses to overwrite existing files: " + list +
                     "; move them away or choose another directory");
  }
  for (const auto& folder : folders) {
    if (!fs::exists(folder)) std::cout << "Creating directory " << folder.string() << " ... done\n";
    fs::create_directories(folder);
  }
  for (const auto& [path, content] : plan) {
    if (path.has_parent_path()) fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << content;
    if (!out) throw InputError("cannot write " + path.string());
    std::cout << "Generating " << path.string() << " ... done\n";
  }
  std::cout
      << "Edit migrate.yaml (database_url) and schema.yaml, then run "
         "`migrate revision --autogenerate -m \"first\"` or `migrate revision -m \"first\"`.\n";
  return 0;
}

}  // namespace

void add_init_commands(CLI::App& app, Globals& g, Commands& out) {
  auto* init = app.add_subcommand("init", "create a project: migrate.yaml, schema.yaml, DIR/");
  struct Options {
    std::string dir = "migrations";
    std::string tmpl = "generic";
  };
  auto o = std::make_shared<Options>();
  init->add_option("DIR", o->dir, "folder for revision scripts (default: migrations)");
  init->add_option("-t,--template", o->tmpl, "project template (see list-templates)");
  // The global --url, when given, is written into migrate.yaml as database_url.
  out.emplace_back(init, [&g, o] { return run_init(g, o->dir, o->tmpl, g.url); });

  auto* list = app.add_subcommand("list-templates", "list the project templates for init");
  out.emplace_back(list, [] {
    std::cout << "Available templates:\n\n";
    for (const auto& name : template_names())
      std::cout << "  " << name << " - " << description(name) << "\n";
    std::cout << "\nTemplates are used via `migrate init [DIR] --template NAME`\n";
    return 0;
  });
}

}  // namespace migrate::cli
