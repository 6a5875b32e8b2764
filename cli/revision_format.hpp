#pragma once
// How history, heads, branches, show and current print a revision: Alembic's
// text formats (Script._head_only and Script.log_entry), so an Alembic user
// reads the same lines, and one JSON object shape for --format json.
#include <nlohmann/json.hpp>

#include <string>

#include "core/graph/graph.hpp"

namespace migrate::cli {

struct LineParts {
  bool parents = false;         // "a1 -> b2" (and "(deps)" before the arrow)
  bool branches = false;        // " (label)"
  bool tree_indicators = true;  // " (branchpoint)", " (mergepoint)"
  bool doc = false;             // ", message"
  bool current = false;         // " (current)"
};

// One line: "a1 -> b2 (label) (head) (current) (branchpoint), message".
std::string revision_line(const Graph& graph, const Revision& r, const LineParts& parts);
// The --verbose block: "Rev: ...", "Parent: ...", "Path: ...", the message.
// Ends with an empty line, as Alembic prints it.
std::string revision_entry(const Graph& graph, const Revision& r, bool current = false);

// {"revision", "down_revisions", "depends_on", "branch_labels", "message",
//  "created", "path", "is_head", "is_real_head", "is_branch_point",
//  "is_merge_point", "children"}
nlohmann::json revision_json(const Graph& graph, const Revision& r);

}  // namespace migrate::cli
