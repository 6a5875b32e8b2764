#include "core/script/script.hpp"

#include <dirent.h>

#include <algorithm>
#include <cctype>
#include <exception>
#include <memory>
#include <optional>
#include <string_view>
#include <system_error>
#include <thread>

#include "core/script/op_yaml.hpp"
#include "core/yaml/yaml_read.hpp"

namespace migrate {
namespace {

const std::vector<std::string> kRevisionKeys = {"revision",      "down_revision", "branch_labels",
                                                "depends_on",    "message",       "created",
                                                "transactional", "upgrade",       "downgrade"};

// Targets use ':' (ranges), '@' (branch labels) and whitespace separates
// arguments, so an id holding one could never be named on the command line.
void check_id(const std::string& id, const SourceMark& at, const std::string& what) {
  auto bad = std::find_if(id.begin(), id.end(), [](char c) {
    return c == ':' || c == '@' || std::isspace(static_cast<unsigned char>(c));
  });
  if (bad != id.end())
    throw InputError(at, what + " '" + id + "' may not contain '" + std::string(1, *bad) +
                             "' (nor spaces, ':' or '@')");
}

std::vector<Op> read_ops(const yaml::MapReader& m, const std::string& key,
                         const NamingConvention& naming) {
  std::vector<Op> out;
  if (!m.has(key)) return out;
  const yaml::Node& list = m.node(key);
  yaml::expect_list(list, m.file(), "'" + key + "'");
  if (list.is_null()) return out;
  for (const auto& item : list.items()) out.push_back(parse_op(item, m.file(), naming));
  return out;
}

}  // namespace

Revision load_revision_text(const std::string& text, const std::string& file,
                            const NamingConvention& naming) {
  yaml::Node root = yaml::parse(text, file);
  if (root.is_null())
    throw InputError(SourceMark{file, 1, 1}, "the revision file is empty; it needs `revision:`");
  yaml::MapReader m(root, file, "the revision file", kRevisionKeys);
  Revision r;
  r.path = file;
  if (!m.has_value("revision"))
    throw InputError(m.has("revision") ? m.mark_of("revision") : m.mark(),
                     "the revision file has no `revision:` id");
  // The scalar's text, never a number: `revision: 0123` must keep its zero.
  r.id = m.required("revision");
  r.mark = yaml::mark(m.find("revision")->key_node, file);
  check_id(r.id, m.mark_of("revision"), "revision id");
  r.down_revisions = m.names("down_revision");
  for (const auto& d : r.down_revisions) check_id(d, m.mark_of("down_revision"), "down_revision");
  r.branch_labels = m.names("branch_labels");
  r.depends_on = m.names("depends_on");
  r.message = m.optional("message").value_or("");
  r.created = m.optional("created").value_or("");
  r.transactional = m.boolean("transactional", true);
  r.upgrade = read_ops(m, "upgrade", naming);
  r.downgrade = read_ops(m, "downgrade", naming);
  return r;
}

Revision load_revision(const std::filesystem::path& file, const NamingConvention& naming) {
  auto text = yaml::read_file(file);
  if (!text) throw InputError("revision file not found: " + file.string());
  return load_revision_text(*text, file.string(), naming);
}

std::vector<std::filesystem::path> revision_files(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  for (const auto& n : revision_file_names(folder)) files.push_back(folder / n);
  return files;
}

std::vector<std::string> revision_file_names(const std::filesystem::path& folder) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    throw InputError("revision folder not found: " + folder.string() +
                     " (run `migrate init` to create the project, or fix script_location in "
                     "migrate.yaml)");
  // readdir, not directory_iterator: on 10,000 files the path objects it
  // builds per entry cost more than the graph work.
  std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(folder.c_str()), ::closedir);
  if (!dir) throw InputError("cannot read the revision folder " + folder.string());
  std::vector<std::string> names;
  while (const dirent* e = ::readdir(dir.get())) {
    std::string_view name = e->d_name;
    // Editors leave dot-files (.#x.yaml, swap files) that are not revisions.
    if (name.front() == '.' || name.size() <= 5 || name.substr(name.size() - 5) != ".yaml")
      continue;
    bool regular = e->d_type == DT_REG;
    if (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK)
      regular = fs::is_regular_file(folder / name, ec);  // follows a symlink, as before
    if (regular) names.emplace_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<Revision> load_revisions(const std::vector<std::filesystem::path>& folders,
                                     const NamingConvention& naming,
                                     std::vector<std::string>* texts) {
  std::vector<std::filesystem::path> files;
  for (const auto& folder : folders)
    for (auto& f : revision_files(folder)) files.push_back(std::move(f));
  const size_t n = files.size();
  std::vector<std::optional<Revision>> revisions(n);
  std::vector<std::string> bytes(n);
  std::vector<std::exception_ptr> errors(n);
  auto work = [&](size_t first, size_t step) {
    for (size_t i = first; i < n; i += step) {
      try {
        auto text = yaml::read_file(files[i]);
        if (!text) throw InputError("revision file not found: " + files[i].string());
        revisions[i] = load_revision_text(*text, files[i].string(), naming);
        bytes[i] = std::move(*text);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  // Reading and parsing is most of what an upgrade costs besides the
  // database: past a few dozen files, a second thread takes every other one.
  std::optional<std::thread> other;
  if (n >= 64) {
    try {
      other.emplace(work, 1, 2);
    } catch (const std::system_error&) {
      // No thread to be had: this one reads them all.
    }
  }
  work(0, other ? 2 : 1);
  if (other) other->join();
  // The first file in order with a mistake is the one reported, as before.
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
  std::vector<Revision> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    out.push_back(std::move(*revisions[i]));
    if (texts) texts->push_back(std::move(bytes[i]));
  }
  return out;
}

std::string fill_template(const std::string& tmpl, const std::map<std::string, std::string>& vars) {
  std::string out;
  size_t i = 0;
  while (i < tmpl.size()) {
    size_t open = tmpl.find("${", i);
    if (open == std::string::npos) break;
    size_t close = tmpl.find('}', open + 2);
    if (close == std::string::npos) break;
    out.append(tmpl, i, open - i);
    auto it = vars.find(tmpl.substr(open + 2, close - open - 2));
    // An unknown placeholder stays, so a template can mention ${...} for other tools.
    if (it != vars.end())
      out += it->second;
    else
      out.append(tmpl, open, close + 1 - open);
    i = close + 1;
  }
  out.append(tmpl, i, std::string::npos);
  return out;
}

}  // namespace migrate
