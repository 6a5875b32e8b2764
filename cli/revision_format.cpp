#include "cli/revision_format.hpp"

#include "core/base/text.hpp"

namespace migrate::cli {
namespace {

using text::join;

std::string down_text(const Revision& r) {
  return r.down_revisions.empty() ? "<base>" : join(r.down_revisions);
}

// The first paragraph of the message, as Alembic's `doc` is the docstring's.
std::string doc(const Revision& r) {
  std::string m = text::trim(r.message);
  auto cut = m.find("\n\n");
  return cut == std::string::npos ? m : m.substr(0, cut);
}

}  // namespace

std::string revision_line(const Graph& graph, const Revision& r, const LineParts& parts) {
  const auto f = graph.facts(r);
  std::string out = r.id;
  if (parts.parents)
    out =
        down_text(r) + (r.depends_on.empty() ? "" : " (" + join(r.depends_on) + ")") + " -> " + out;
  if (parts.branches && !f.branch_labels.empty()) out += " (" + join(f.branch_labels) + ")";
  if (f.is_real_head) out += " (head)";
  if (f.is_head && !f.is_real_head) out += " (effective head)";
  if (parts.current) out += " (current)";
  if (parts.tree_indicators) {
    if (f.is_branch_point) out += " (branchpoint)";
    if (f.is_merge_point) out += " (mergepoint)";
  }
  if (parts.doc) out += ", " + doc(r);
  return out;
}

std::string revision_entry(const Graph& graph, const Revision& r, bool current) {
  const auto f = graph.facts(r);
  std::string out =
      "Rev: " + r.id + (f.is_head ? " (head)" : "") + (f.is_branch_point ? " (branchpoint)" : "") +
      (f.is_merge_point ? " (mergepoint)" : "") + (current ? " (current)" : "") + "\n";
  out += (f.is_merge_point ? "Merges: " : "Parent: ") + down_text(r) + "\n";
  if (!r.depends_on.empty()) out += "Also depends on: " + join(r.depends_on) + "\n";
  if (f.is_branch_point) out += "Branches into: " + join(f.children) + "\n";
  if (!f.branch_labels.empty()) out += "Branch names: " + join(f.branch_labels) + "\n";
  out += "Path: " + r.path + "\n\n";
  // Alembic prints the script's docstring, which its template fills with these lines.
  std::string body = text::trim(r.message);
  body += std::string(body.empty() ? "" : "\n\n") + "Revision ID: " + r.id +
          "\nRevises: " + join(r.down_revisions) +
          (r.created.empty() ? "" : "\nCreate Date: " + r.created);
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('\n', start);
    std::string line = body.substr(start, end == std::string::npos ? end : end - start);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line.empty() ? "\n" : "    " + line + "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out + "\n";
}

nlohmann::json revision_json(const Graph& graph, const Revision& r) {
  const auto f = graph.facts(r);
  return {{"revision", r.id},
          {"down_revisions", r.down_revisions},
          {"depends_on", r.depends_on},
          {"branch_labels", f.branch_labels},
          {"message", r.message},
          {"created", r.created},
          {"path", r.path},
          {"is_head", f.is_head},
          {"is_real_head", f.is_real_head},
          {"is_branch_point", f.is_branch_point},
          {"is_merge_point", f.is_merge_point},
          {"children", f.children}};
}

}  // namespace migrate::cli
