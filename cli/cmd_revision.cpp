// `migrate revision`: writes a new revision file from the project's template.
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/script.hpp"
#include "core/templates.hpp"
#include "core/yaml_write.hpp"

namespace migrate::cli {
namespace {

namespace fs = std::filesystem;

// Ids stay quoted inside lists too: "145589613528" must read back as a string.
std::string quoted_list(const std::vector<std::string>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + yaml::quoted(v[i]);
  return out + "]";
}

std::string new_rev_id() {
  std::random_device rd;
  std::mt19937_64 gen((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
  std::uniform_int_distribution<std::uint64_t> dist(0, (1ULL << 48) - 1);
  char buf[13];
  std::snprintf(buf, sizeof buf, "%012llx", static_cast<unsigned long long>(dist(gen)));
  return buf;
}

// Alembic's slug: lower case, words joined by "_", cut at a word boundary near 40 characters.
std::string slugify(const std::string& message) {
  std::string slug;
  bool sep = false;
  for (unsigned char c : message) {
    if (std::isalnum(c)) {
      if (sep && !slug.empty()) slug += '_';
      sep = false;
      slug += static_cast<char>(std::tolower(c));
    } else {
      sep = true;
    }
  }
  if (slug.size() > 40) {
    auto cut = slug.rfind('_', 40);
    slug.resize(cut == std::string::npos || cut == 0 ? 40 : cut);
  }
  return slug;
}

std::string file_name(const std::string& pattern, const std::string& rev, const std::string& slug,
                      const std::tm& t) {
  auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  std::map<std::string, std::string> tokens{{"rev", rev},
                                            {"slug", slug},
                                            {"year", std::to_string(t.tm_year + 1900)},
                                            {"month", two(t.tm_mon + 1)},
                                            {"day", two(t.tm_mday)},
                                            {"hour", two(t.tm_hour)},
                                            {"minute", two(t.tm_min)},
                                            {"second", two(t.tm_sec)}};
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      auto close = pattern.find('}', i);
      if (close != std::string::npos) {
        auto it = tokens.find(pattern.substr(i + 1, close - i - 1));
        if (it == tokens.end())
          throw InputError("unknown token " + pattern.substr(i, close - i + 1) +
                           " in file_template (known: {rev} {slug} {year} {month} {day} {hour} "
                           "{minute} {second})");
        out += it->second;
        i = close;
        continue;
      }
    }
    out += pattern[i];
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out + ".yaml";
}

std::string read_template(const Config& cfg) {
  std::ifstream in(cfg.template_file(), std::ios::binary);
  if (in) {
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  // A project made before the template existed still gets a well-formed file.
  for (const auto& f : embedded_templates())
    if (f.path == "generic/scripts/script.yaml.tmpl") return std::string(f.content);
  throw InputError("revision template not found: " + cfg.template_file().string());
}

struct RevisionOptions {
  std::string message;
  std::string head;
  bool splice = false;
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::string rev_id;
  std::string version_path;
};

int run_revision(const Globals& g, const RevisionOptions& o) {
  Config cfg = load_config(g);
  Graph graph = load_graph(cfg);

  std::string rev = o.rev_id.empty() ? new_rev_id() : o.rev_id;
  for (char c : rev)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'))
      throw InputError("--rev-id '" + rev + "' may hold only letters, digits, '_' and '-'");
  if (rev.size() > 32) throw InputError("--rev-id '" + rev + "' is longer than 32 characters");
  if (const Revision* clash = graph.find(rev))
    throw InputError("revision id '" + rev + "' already exists in " + clash->path);

  std::vector<std::string> down;
  if (o.head.empty() || o.head == "head") {
    auto heads = graph.heads();
    if (heads.size() > 1) {
      std::string ids;
      for (const auto* h : heads) ids += (ids.empty() ? "" : ", ") + h->id;
      throw InputError("the graph has several heads (" + ids +
                       "): pass --head REV to choose one, or `migrate merge` them first");
    }
    if (!heads.empty()) down.push_back(heads[0]->id);
  } else if (o.head != "base") {
    std::string target = o.head;
    if (auto at = target.find("@head"); at != std::string::npos && at + 5 == target.size())
      target.resize(at);
    const Revision& parent = graph.resolve(target);
    if (!graph.children(parent.id).empty() && !o.splice)
      throw InputError("revision " + parent.id +
                       " is not a head; pass --splice to start a new branch from it");
    down.push_back(parent.id);
  }
  std::vector<std::string> depends;
  for (const auto& d : o.depends_on) depends.push_back(graph.resolve(d).id);

  auto now = std::chrono::system_clock::now();
  std::time_t tt = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&tt, &utc);
  char created[32];
  std::strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", &utc);

  std::map<std::string, std::string> vars{
      {"revision", yaml::quoted(rev)},
      {"down_revision", down.empty()       ? "null"
                        : down.size() == 1 ? yaml::quoted(down[0])
                                           : quoted_list(down)},
      {"branch_labels", quoted_list(o.branch_labels)},
      {"depends_on", depends.empty() ? "null" : quoted_list(depends)},
      {"message", yaml::quoted(o.message)},
      {"created", created},
      {"upgrade", " []"},
      {"downgrade", " []"}};
  for (const auto& [k, v] : g.x_map()) vars["x." + k] = v;
  std::string text = fill_template(read_template(cfg), vars);

  fs::path folder = o.version_path.empty() ? cfg.versions_dir() : fs::path(o.version_path);
  if (!fs::is_directory(folder))
    throw InputError("version folder not found: " + folder.string() +
                     " (run `migrate init`, or create it)");
  fs::path file = folder / file_name(cfg.file_template, rev, slugify(o.message), utc);
  if (fs::exists(file)) throw InputError("refusing to overwrite " + file.string());
  // The new file must load like any other, so a broken template fails here, not later.
  load_revision_text(text, file.string(), cfg.naming);
  std::ofstream out(file, std::ios::binary);
  out << text;
  if (!out) throw InputError("cannot write " + file.string());
  if (!g.quiet) std::cout << "Generating " << file.string() << " ... done\n";
  return 0;
}

}  // namespace

void add_revision_command(CLI::App& app, Globals& g, Commands& out) {
  auto* cmd = app.add_subcommand("revision", "write a new revision file");
  auto o = std::make_shared<RevisionOptions>();
  cmd->add_option("-m,--message", o->message, "what the revision does")->required();
  cmd->add_option("--head", o->head, "the revision to build on (default: the single head)");
  cmd->add_flag("--splice", o->splice, "allow --head to name a revision that is not a head");
  cmd->add_option("--branch-label", o->branch_labels, "a label for the new branch");
  cmd->add_option("--depends-on", o->depends_on, "a revision this one depends on");
  cmd->add_option("--rev-id", o->rev_id, "the id to use instead of a random one");
  cmd->add_option("--version-path", o->version_path, "the folder to write the file to");
  out.emplace_back(cmd, [&g, o] { return run_revision(g, *o); });
}

}  // namespace migrate::cli
