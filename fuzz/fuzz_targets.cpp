// The target and range grammar (core/graph/graph_resolve): every expression a user
// can type after upgrade, downgrade, history -r, show, merge or revision
// --head, against one fixed graph with branches, a merge, labels and a
// depends_on. Input: one byte choosing the command, the database's rows
// (comma-separated, unknown ids dropped, as the CLI refuses them earlier),
// a newline, the expression.
#include "core/graph/graph.hpp"
#include "fuzz/fuzz_support.hpp"

namespace {

using migrate::Revision;
using V = std::vector<std::string>;

Revision rev(const std::string& id, V down = {}, V depends = {}, V labels = {}) {
  Revision r;
  r.id = id;
  r.down_revisions = std::move(down);
  r.depends_on = std::move(depends);
  r.branch_labels = std::move(labels);
  r.path = "versions/" + id + ".yaml";
  r.mark = migrate::SourceMark{r.path, 1, 1};
  return r;
}

//   base0001 ─┬─ left0002 (left) ─┬─ merg0004 ── tail0005 ── abc ── abcdef
//             └─ rght0003 ────────┘
//   side0006 (side) ── dep00007 (depends_on: left)
const migrate::Graph& graph() {
  static const migrate::Graph g(
      {rev("base0001"), rev("left0002", {"base0001"}, {}, {"left"}), rev("rght0003", {"base0001"}),
       rev("merg0004", {"left0002", "rght0003"}), rev("tail0005", {"merg0004"}),
       rev("abc", {"tail0005"}), rev("abcdef", {"abc"}), rev("side0006", {}, {}, {"side"}),
       rev("dep00007", {"side0006"}, {"left"})});
  return g;
}

V split(const std::string& s, char sep) {
  V out;
  size_t start = 0;
  for (;;) {
    size_t end = s.find(sep, start);
    out.push_back(s.substr(start, end - start));
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const migrate::Graph& g = graph();
  const unsigned op = data[0];
  std::string rest = fuzz::text(data + 1, size - 1);
  size_t nl = rest.find('\n');
  V current;
  if (nl != std::string::npos) {
    for (const auto& id : split(rest.substr(0, nl), ','))
      if (g.find(id)) current.push_back(id);
    rest = rest.substr(nl + 1);
  }
  const std::string& expr = rest;
  fuzz::only_input_errors([&] {
    switch (op % 8) {
      case 0:
        g.upgrade(current, expr);
        break;
      case 1:
        g.downgrade(current, expr);
        break;
      case 2:
        g.get_revisions(expr);
        break;
      case 3: {  // history -r LOWER:UPPER, split as the CLI does
        auto ends = split(expr, ':');
        if (ends.size() != 2) break;
        migrate::Graph::RangeEnd lower{ends[0], std::nullopt}, upper{ends[1], std::nullopt};
        if (op & 8) lower.ids = current;   // current:
        if (op & 16) upper.ids = current;  // :current
        g.history(lower, upper);
        break;
      }
      case 4:
        g.resolve_target(expr, current, migrate::Direction::up);
        break;
      case 5:
        g.resolve_target(expr, current, migrate::Direction::down);
        break;
      case 6:
        g.revision_or_base(expr);
        g.resolve(expr);
        break;
      case 7:
        g.parents_for_new_revision(split(expr, ' '), op & 8);
        g.depends_on_for_new_revision(split(expr, ' '));
        g.check_new_labels(split(expr, ' '));
        break;
    }
  });
  return 0;
}
