#pragma once
// `revision` and `merge`'s job: a new revision file placed in the graph
// (Alembic's rules, core/graph), filled from the project's template, checked
// to load, written and recorded in versions.sum.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/config/config.hpp"

namespace migrate::project {

struct NewRevision {
  std::string message;
  std::string head;  // the revision to build on; "" = the single head
  bool splice = false;
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::string rev_id;  // "" = a random one
  std::string version_path;
  std::vector<std::string> merge_heads;  // `migrate merge`: the heads it joins
  bool autogenerate = false;
  std::string dev_url;                   // --autogenerate against the revisions replayed there
  std::map<std::string, std::string> x;  // -x KEY=VALUE: the template's ${x.KEY}
};

// Writes the file and returns its path. Throws InputError for a bad or
// taken id, a target the graph refuses, a broken template or a file that
// exists already; nothing is written then.
std::filesystem::path write_new_revision(const Config& cfg, const NewRevision& o);

// The project's script.yaml.tmpl, or the embedded one for a project made
// before the template existed.
std::string read_template(const Config& cfg);

}  // namespace migrate::project
