#pragma once
// Revision scripts (SPEC §4): migrations/versions/*.yaml.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/ops/ops.hpp"
#include "core/schema/naming.hpp"

namespace migrate {

struct Revision {
  std::string id;
  std::vector<std::string> down_revisions;  // empty: a root; several: a merge point
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::string message;
  std::string created;
  bool transactional = true;
  std::vector<Op> upgrade;
  std::vector<Op> downgrade;
  std::string path;  // the file it came from
  SourceMark mark;   // of the `revision:` key
};

// Loads and validates one revision file. Throws InputError naming file:line:column.
Revision load_revision(const std::filesystem::path& file, const NamingConvention& naming);
Revision load_revision_text(const std::string& text, const std::string& file,
                            const NamingConvention& naming);

// The revision files of one folder: *.yaml, not dot-files, sorted. Missing folder: InputError.
std::vector<std::filesystem::path> revision_files(const std::filesystem::path& folder);
// The same, names only.
std::vector<std::string> revision_file_names(const std::filesystem::path& folder);

// Every *.yaml file in each folder (sorted by path). Missing folder: InputError.
// `texts`, when given, receives each file's bytes in the same order (for the
// revision sum, so that no file is read twice).
std::vector<Revision> load_revisions(const std::vector<std::filesystem::path>& folders,
                                     const NamingConvention& naming,
                                     std::vector<std::string>* texts = nullptr);

// Ops as the YAML of SPEC §4: one "- op_name: {...}" item per op, each line
// prefixed by `indent` spaces, with "# drops data" above destructive ops.
// Empty list renders as "" (the template writes "[]" itself).
std::string render_ops(const std::vector<Op>& ops, int indent);

// Fills a revision template. Placeholders: ${revision} ${down_revision}
// ${branch_labels} ${depends_on} ${message} ${created} ${upgrade} ${downgrade}
// and ${x.KEY} for -x KEY=VALUE. Values are already YAML-rendered by the caller
// except where noted in the implementation.
std::string fill_template(const std::string& tmpl, const std::map<std::string, std::string>& vars);

}  // namespace migrate
