#pragma once
// The revision DAG (SPEC §4-§5): nodes are revision files, edges come from
// down_revision (parents) and depends_on (ordering without parenthood).
// Pure: no I/O, so every rule is unit-tested without files or databases.
//
// Alembic 1.8 (alembic/script/revision.py) is the reference for every rule
// the SPEC leaves open: target syntax, the order revisions are applied in,
// which rows the version table holds. The README lists the few deliberate
// departures. Internally revisions are numbered in file order, the order
// Alembic's revision map has, which breaks every tie. A Graph is read-only
// once built, but not for concurrent use: searches share scratch marks.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/script/script.hpp"

namespace migrate {

enum class Direction { up, down };

struct Step {
  const Revision* revision;
  Direction direction;
};

class Graph {
 public:
  // Validates, naming the files involved: duplicate ids, a label used twice
  // (or equal to an id), down_revision/depends_on naming no revision, cycles.
  // depends_on may name a revision id or a branch label.
  explicit Graph(std::vector<Revision> revisions);

  const std::vector<Revision>& revisions() const { return revisions_; }
  const Revision* find(const std::string& id) const;  // exact id only
  // A full id, a branch label, or a unique prefix (of an id or label longer
  // than 3 characters, as Alembic); InputError for unknown or ambiguous ones.
  const Revision& resolve(const std::string& id_or_prefix) const;

  // Revisions no down_revision names ("heads"; depends_on does not count), file order.
  std::vector<const Revision*> heads() const;
  // Revisions nothing names, not even depends_on (`upgrade heads` aims at these).
  std::vector<const Revision*> real_heads() const;
  std::vector<const Revision*> bases() const;  // no down_revision

  // What history/heads/show print about a revision.
  struct Facts {
    bool is_head = false;       // nothing builds on it through down_revision
    bool is_real_head = false;  // nor through depends_on
    bool is_branch_point = false;
    bool is_merge_point = false;
    std::vector<std::string> children;       // through down_revision, file order
    std::vector<std::string> branch_labels;  // its own and those its branch inherits
  };
  Facts facts(const Revision& r) const;

  // `ids` and everything they need (parents and depends_on, transitively),
  // each after what it needs.
  std::vector<std::string> ancestry(const std::vector<std::string>& ids) const;
  // Everything built on `id` (through parents or depends_on), not `id` itself.
  std::vector<std::string> descendants(const std::string& id) const;

  // `upgrade TARGET` from a database standing at `current`: head, heads, an
  // id/prefix/label, LABEL@head, REV@head, +N, LABEL@+N, REV+N, REV-N...
  // Each needed revision once, what it needs first, in Alembic's order.
  std::vector<Step> upgrade(const std::vector<std::string>& current,
                            const std::string& target) const;
  // `downgrade TARGET`: base, -N, LABEL@-N, REV, REV-N, LABEL@base... Removes
  // what builds on TARGET, children first; other branches stay.
  std::vector<Step> downgrade(const std::vector<std::string>& current,
                              const std::string& target) const;

  // `history -r LOWER:UPPER`, newest first. Each end is an expression (empty
  // = base / heads) or, when `*_ids` is set, the revisions a database stands
  // at (`current:`).
  struct RangeEnd {
    std::string expr;
    std::optional<std::vector<std::string>> ids;
  };
  std::vector<const Revision*> history(const RangeEnd& lower, const RangeEnd& upper) const;

  // The revisions an expression names (`show`, `merge`): an id, prefix or
  // label, head, heads, LABEL@head, base (none), -N (down from the heads).
  std::vector<const Revision*> get_revisions(const std::string& expr) const;

  // The parents of a new revision built on `head` (`revision --head`,
  // default "head"; "base" starts a new root; `merge` passes several). Each
  // must be a head unless `splice`.
  std::vector<const Revision*> parents_for_new_revision(const std::vector<std::string>& heads,
                                                        bool splice) const;
  // depends_on for a new revision: each expression resolved to an id, except
  // that a branch label stays a label (as Alembic writes it).
  std::vector<std::string> depends_on_for_new_revision(const std::vector<std::string>& deps) const;
  // InputError when a label is already taken (by a label or an id) or malformed.
  void check_new_labels(const std::vector<std::string>& labels) const;

  // Alembic's `current`: the rows, plus revisions reached only through
  // depends_on, minus anything a down_revision builds on.
  std::vector<std::string> current_view(const std::vector<std::string>& rows) const;

  // Low-level forms of upgrade/downgrade with resolved ids (stamp, tests):
  // upgrade to `targets`; downgrade removing what builds (through
  // down_revision) on `targets`, or everything when empty (base).
  std::vector<Step> upgrade_steps(const std::vector<std::string>& current,
                                  const std::vector<std::string>& targets) const;
  std::vector<Step> downgrade_steps(const std::vector<std::string>& current,
                                    const std::vector<std::string>& targets) const;

  // The version-table rows after one step: always the tips of what is
  // applied, updated as Alembic's HeadMaintainer does.
  std::vector<std::string> heads_after(const std::vector<std::string>& heads,
                                       const Step& step) const;

  // One revision, or none for base (the FROM of an offline range): an id,
  // prefix, label, head, LABEL@head; InputError when it names several.
  std::vector<std::string> revision_or_base(const std::string& expr) const;

  // An upgrade/downgrade target as the revision ids it names (empty = base).
  std::vector<std::string> resolve_target(const std::string& target,
                                          const std::vector<std::string>& current,
                                          Direction direction) const;

 private:
  using Node = int;
  using Nodes = std::vector<Node>;
  enum class Edges { parents, all };  // down_revision only, or with depends_on

  // Where a walk stands: on a revision, at "base" (walked below a root), or
  // nowhere (Alembic's None: the start below every root, or an overwalk).
  struct Pos {
    enum Kind { none, base, rev } kind = none;
    Node node = -1;
    static Pos at(Node n) { return {rev, n}; }
  };

  std::vector<Revision> revisions_;
  std::unordered_map<std::string, Node> ids_;
  std::map<std::string, Node> names_;  // ids and labels, sorted for prefix search
  std::vector<Nodes> parents_;         // down_revision
  std::vector<Nodes> deps_;            // depends_on, resolved
  std::vector<Nodes> norm_down_;       // parents + depends_on no ancestor declares
  std::vector<Nodes> all_down_;        // parents + depends_on
  std::vector<Nodes> children_;        // reverse of parents_
  std::vector<Nodes> all_children_;    // reverse of all_down_
  std::vector<Nodes> norm_children_;   // reverse of norm_down_
  std::vector<int> gen_;               // longest path from a root: an ancestor's is smaller
  std::vector<std::vector<std::string>> labels_;  // own + inherited, for display
  // Scratch marks for searches: a node is marked when mark_[n] == epoch_.
  mutable std::vector<std::uint32_t> mark_;
  mutable std::uint32_t epoch_ = 0;

  // graph.cpp: construction and plain queries.
  void index_names();
  void link_edges();
  void order_or_report_cycle();
  void normalize_depends_on();
  void propagate_labels();
  std::string describe(Node n) const;  // "id (path)"
  std::vector<std::string> ids_of(const Nodes& nodes) const;
  const Nodes& down_edges(Edges e, Node n) const {
    return e == Edges::all ? all_down_[n] : parents_[n];
  }
  const Nodes& up_edges(Edges e, Node n) const {
    return e == Edges::all ? all_children_[n] : children_[n];
  }
  std::uint32_t new_epoch() const;
  // Is `anc` `n` itself or one of its ancestors?
  bool reaches(Node n, Node anc, Edges e) const;
  std::vector<char> ancestors_mask(const Nodes& from, Edges e) const;    // inclusive
  std::vector<char> descendants_mask(const Nodes& from, Edges e) const;  // inclusive
  bool shares_lineage(Node a, Node b) const;  // one is an ancestor of the other (no depends_on)

  // graph_resolve.cpp: Alembic's identifier and target rules.
  struct Number {
    std::vector<std::string> ids;  // raw identifiers, or ids for head/heads
    std::string label;             // before '@', "" for none
  };
  Number resolve_number(const std::string& expr) const;
  std::optional<Node> current_head(const std::string& label) const;
  std::optional<Node> revision_for_ident(const std::string& id, const std::string& label) const;
  Node resolve_branch(const std::string& label) const;
  Nodes filter_for_lineage(const Nodes& nodes, const std::string& label) const;
  std::vector<Pos> get_revisions_pos(const std::string& expr) const;
  std::optional<Node> get_revision(const std::string& expr) const;  // nullopt = base
  // Alembic's _walk: `steps` up (children) or down (parents), keeping to
  // `label`'s lineage going up; Pos::none when it walks off the graph and
  // `no_overwalk`. `target` is only for messages.
  Pos walk(Pos start, int steps, const std::string& label, bool no_overwalk,
           const std::string& target) const;
  Pos pos_of(const std::optional<Node>& n) const { return n ? Pos::at(*n) : Pos{}; }
  Nodes parse_upgrade_target(const Nodes& current, const std::string& target,
                             bool assert_relative_length) const;
  struct DownTarget {
    std::string label;
    std::optional<Node> target;  // nullopt = base
  };
  DownTarget parse_downgrade_target(const Nodes& current, const std::string& target) const;
  Nodes nodes_of(const std::vector<std::string>& ids) const;  // InputError for unknown ids
  std::vector<const Revision*> revs_of(const Nodes& nodes) const;

  // graph_order.cpp: what to apply, in which order.
  Nodes topological_sort(std::vector<char> wanted, const Nodes& heads) const;
  std::vector<Step> upgrade_nodes(const Nodes& current, const Nodes& targets) const;
  std::vector<Step> downgrade_nodes(const Nodes& current, const std::optional<Node>& target,
                                    const std::string& label) const;
  void check_no_overlap(const Nodes& targets) const;
};

}  // namespace migrate
