#pragma once
// Hand-built revision graphs for the graph unit tests: no files, no database.
#include <doctest/doctest.h>

#include "tests/unit/string_list_maker.hpp"

#include <algorithm>

#include <string>
#include <vector>

#include "core/graph/graph.hpp"

namespace graph_test {

using V = std::vector<std::string>;

inline migrate::Revision rev(const std::string& id, V down = {}, V depends = {}, V labels = {}) {
  migrate::Revision r;
  r.id = id;
  r.down_revisions = std::move(down);
  r.depends_on = std::move(depends);
  r.branch_labels = std::move(labels);
  r.message = "rev " + id;
  r.path = "versions/" + id + ".yaml";
  r.mark = migrate::SourceMark{r.path, 1, 1};
  return r;
}

inline V ids(const std::vector<migrate::Step>& steps) {
  V out;
  for (const auto& s : steps) out.push_back(s.revision->id);
  return out;
}

inline V ids(const std::vector<const migrate::Revision*>& revs) {
  V out;
  for (const auto* r : revs) out.push_back(r->id);
  return out;
}

// The version-table rows after running `steps` from `rows`, as the runner keeps them.
inline V rows_after(const migrate::Graph& g, V rows, const std::vector<migrate::Step>& steps) {
  for (const auto& s : steps) rows = g.heads_after(rows, s);
  std::sort(rows.begin(), rows.end());
  return rows;
}

// A branch, a merge, a tail, and a second root whose branch depends_on a label:
//
//   base0001 ─┬─ left0002 (label "left") ─┬─ merg0004 ── tail0005
//             └─ rght0003 ────────────────┘
//   side0006 (label "side") ── dep00007 (depends_on: left)
inline migrate::Graph team_graph() {
  return migrate::Graph({rev("base0001"), rev("left0002", {"base0001"}, {}, {"left"}),
                         rev("rght0003", {"base0001"}), rev("merg0004", {"left0002", "rght0003"}),
                         rev("tail0005", {"merg0004"}), rev("side0006", {}, {}, {"side"}),
                         rev("dep00007", {"side0006"}, {"left"})});
}

}  // namespace graph_test
