// Building the revision graph: names, edges, validation, and the plain
// queries (heads, ancestry, facts). Everything is indexed by file order.
#include <algorithm>
#include <cctype>

#include "core/base/error.hpp"
#include "core/base/text.hpp"
#include "core/graph/graph.hpp"

namespace migrate {
namespace {

using text::join;

void push_unique(std::vector<int>& v, int n) {
  if (std::find(v.begin(), v.end(), n) == v.end()) v.push_back(n);
}

void push_unique(std::vector<std::string>& v, const std::string& s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

// Targets read '+'/'-' as relative steps, '@' as a branch, ':' as a range.
std::string bad_name_char(const std::string& name, const std::string& forbidden) {
  for (char c : name)
    if (forbidden.find(c) != std::string::npos || std::isspace(static_cast<unsigned char>(c)))
      return std::isspace(static_cast<unsigned char>(c)) ? "a space"
                                                         : "'" + std::string(1, c) + "'";
  return "";
}

}  // namespace

Graph::Graph(std::vector<Revision> revisions) : revisions_(std::move(revisions)) {
  mark_.assign(revisions_.size(), 0);
  index_names();
  link_edges();
  order_or_report_cycle();
  normalize_depends_on();
  propagate_labels();
}

std::string Graph::describe(Node n) const {
  return revisions_[n].id + " (" + revisions_[n].path + ")";
}

std::vector<std::string> Graph::ids_of(const Nodes& nodes) const {
  std::vector<std::string> out;
  out.reserve(nodes.size());
  for (Node n : nodes) out.push_back(revisions_[n].id);
  return out;
}

void Graph::index_names() {
  const Node count = static_cast<Node>(revisions_.size());
  ids_.reserve(revisions_.size());
  for (Node i = 0; i < count; ++i) {
    const Revision& r = revisions_[i];
    if (auto bad = bad_name_char(r.id, "@:+-"); !bad.empty())
      throw InputError(r.mark, "revision id '" + r.id + "' may not contain " + bad +
                                   ": targets read '+'/'-' as steps, '@' as a branch and ':' "
                                   "as a range; give the revision another id");
    auto [it, inserted] = ids_.emplace(r.id, i);
    if (!inserted)
      throw InputError(r.mark, "duplicate revision id '" + r.id + "', also in " +
                                   revisions_[it->second].path +
                                   ": give one of them a new id (and fix what points at it)");
    names_.emplace(r.id, i);
  }
  for (Node i = 0; i < count; ++i) {
    const Revision& r = revisions_[i];
    for (const auto& label : r.branch_labels) {
      if (label.empty())
        throw InputError(r.mark, "revision " + r.id + " has an empty branch label");
      if (auto bad = bad_name_char(label, "@:"); !bad.empty())
        throw InputError(r.mark, "branch label '" + label + "' of revision " + r.id +
                                     " may not contain " + bad +
                                     " (targets read '@' as LABEL@REV and ':' as a range)");
      auto it = names_.find(label);
      if (it != names_.end() && it->second == i) continue;  // listed twice in one file
      if (it != names_.end()) {
        const Revision& other = revisions_[it->second];
        throw InputError(r.mark, "branch label '" + label + "' of revision " + r.id +
                                     (other.id == label ? " is also the id of revision "
                                                        : " is already used by revision ") +
                                     describe(it->second) + ": rename one of them");
      }
      names_.emplace(label, i);
    }
  }
}

void Graph::link_edges() {
  const size_t count = revisions_.size();
  parents_.assign(count, {});
  deps_.assign(count, {});
  all_down_.assign(count, {});
  children_.assign(count, {});
  all_children_.assign(count, {});
  for (size_t i = 0; i < count; ++i) {
    const Revision& r = revisions_[i];
    for (const auto& d : r.down_revisions) {
      auto it = ids_.find(d);
      if (it == ids_.end())
        throw InputError(r.mark, "revision " + r.id + " has down_revision '" + d +
                                     "', which no file in the version folders defines "
                                     "(restore that file or fix down_revision)");
      if (it->second == static_cast<Node>(i))
        throw InputError(r.mark, "revision " + r.id + " names itself as its down_revision");
      push_unique(parents_[i], it->second);
    }
    for (const auto& d : r.depends_on) {
      // Alembic resolves depends_on through ids and branch labels alike.
      auto it = names_.find(d);
      if (it == names_.end())
        throw InputError(r.mark, "revision " + r.id + " depends_on '" + d +
                                     "', which is neither a revision id nor a branch label in "
                                     "the version folders");
      if (it->second == static_cast<Node>(i))
        throw InputError(r.mark, "revision " + r.id + " depends_on itself");
      push_unique(deps_[i], it->second);
    }
    all_down_[i] = parents_[i];
    for (Node d : deps_[i]) push_unique(all_down_[i], d);
  }
  for (size_t i = 0; i < count; ++i) {
    for (Node p : parents_[i]) children_[p].push_back(static_cast<Node>(i));
    for (Node p : all_down_[i]) all_children_[p].push_back(static_cast<Node>(i));
  }
}

void Graph::order_or_report_cycle() {
  // Kahn's algorithm: iterative, so a 10,000-revision chain cannot overflow
  // the stack, and it yields generation numbers for pruning searches later.
  const size_t count = revisions_.size();
  gen_.assign(count, 0);
  std::vector<size_t> waiting(count);
  Nodes ready;
  for (size_t i = 0; i < count; ++i) {
    waiting[i] = all_down_[i].size();
    if (!waiting[i]) ready.push_back(static_cast<Node>(i));
  }
  size_t done = 0;
  while (!ready.empty()) {
    Node n = ready.back();
    ready.pop_back();
    ++done;
    for (Node c : all_children_[n]) {
      gen_[c] = std::max(gen_[c], gen_[n] + 1);
      if (--waiting[c] == 0) ready.push_back(c);
    }
  }
  if (done == count) return;
  // Every revision left waits on another one left: follow those links until one repeats.
  Node start = 0;
  while (!waiting[start]) ++start;
  std::vector<int> seen_at(count, -1);
  Nodes path;
  Node n = start;
  while (seen_at[n] < 0) {
    seen_at[n] = static_cast<int>(path.size());
    path.push_back(n);
    for (Node p : all_down_[n])
      if (waiting[p]) {
        n = p;
        break;
      }
  }
  Nodes cycle(path.begin() + seen_at[n], path.end());
  bool through_depends = false;
  std::vector<std::string> ids, files;
  for (size_t i = 0; i < cycle.size(); ++i) {
    Node from = cycle[i], to = cycle[(i + 1) % cycle.size()];
    if (std::find(parents_[from].begin(), parents_[from].end(), to) == parents_[from].end())
      through_depends = true;
    ids.push_back(revisions_[from].id);
    files.push_back(revisions_[from].path);
  }
  ids.push_back(revisions_[cycle[0]].id);
  throw InputError(revisions_[cycle[0]].mark,
                   std::string("the revision graph has a cycle") +
                       (through_depends ? " (through depends_on)" : "") + ": " + join(ids, " -> ") +
                       " (files: " + join(files) +
                       "); fix down_revision/depends_on so that it ends");
}

void Graph::normalize_depends_on() {
  // Alembic drops a dependency an ancestor (through down_revision) already
  // declares: the ancestor brings it in, and the version table rows follow
  // from the remaining, "normalized" down revisions.
  const size_t count = revisions_.size();
  std::vector<Nodes> declarers(count);
  for (size_t i = 0; i < count; ++i)
    for (Node d : deps_[i]) declarers[d].push_back(static_cast<Node>(i));
  norm_down_.assign(count, {});
  norm_children_.assign(count, {});
  for (size_t i = 0; i < count; ++i) {
    norm_down_[i] = parents_[i];
    for (Node d : deps_[i]) {
      bool inherited = false;
      for (Node q : declarers[d])
        if (q != static_cast<Node>(i) && reaches(static_cast<Node>(i), q, Edges::parents)) {
          inherited = true;
          break;
        }
      if (!inherited) push_unique(norm_down_[i], d);
    }
    for (Node p : norm_down_[i]) norm_children_[p].push_back(static_cast<Node>(i));
  }
}

void Graph::propagate_labels() {
  const size_t count = revisions_.size();
  labels_.assign(count, {});
  for (size_t i = 0; i < count; ++i) labels_[i] = revisions_[i].branch_labels;
  for (size_t i = 0; i < count; ++i) {
    if (revisions_[i].branch_labels.empty()) continue;
    const auto labels = labels_[i];
    auto add = [&](Node n) {
      for (const auto& l : labels) push_unique(labels_[n], l);
    };
    // Everything built on the labelled revision is on its branch.
    auto desc = descendants_mask({static_cast<Node>(i)}, Edges::parents);
    bool chain = true;
    for (size_t n = 0; n < count; ++n) {
      if (!desc[n]) continue;
      add(static_cast<Node>(n));
      if (children_[n].size() > 1 || all_children_[n].size() > 1 || parents_[n].size() > 1)
        chain = false;
    }
    // Alembic also labels the revisions below, down to the branch point, but
    // only when its walk from the branch's tip gets there: when what is built
    // on the label is one straight line.
    if (!chain || parents_[i].empty()) continue;
    Node p = parents_[i][0];
    while (all_children_[p].size() <= 1 && parents_[p].size() <= 1) {
      add(p);
      if (parents_[p].empty()) break;
      p = parents_[p][0];
    }
  }
  for (auto& l : labels_) std::sort(l.begin(), l.end());
}

std::uint32_t Graph::new_epoch() const {
  if (++epoch_ == 0) {
    std::fill(mark_.begin(), mark_.end(), 0);
    epoch_ = 1;
  }
  return epoch_;
}

bool Graph::reaches(Node n, Node anc, Edges e) const {
  if (n == anc) return true;
  // An ancestor's generation is always smaller: no need to look further down.
  if (gen_[n] <= gen_[anc]) return false;
  const std::uint32_t ep = new_epoch();
  Nodes stack{n};
  mark_[n] = ep;
  while (!stack.empty()) {
    Node x = stack.back();
    stack.pop_back();
    for (Node p : down_edges(e, x)) {
      if (p == anc) return true;
      if (mark_[p] != ep && gen_[p] > gen_[anc]) {
        mark_[p] = ep;
        stack.push_back(p);
      }
    }
  }
  return false;
}

std::vector<char> Graph::ancestors_mask(const Nodes& from, Edges e) const {
  std::vector<char> mask(revisions_.size(), 0);
  Nodes stack;
  for (Node n : from)
    if (!mask[n]) {
      mask[n] = 1;
      stack.push_back(n);
    }
  while (!stack.empty()) {
    Node x = stack.back();
    stack.pop_back();
    for (Node p : down_edges(e, x))
      if (!mask[p]) {
        mask[p] = 1;
        stack.push_back(p);
      }
  }
  return mask;
}

std::vector<char> Graph::descendants_mask(const Nodes& from, Edges e) const {
  std::vector<char> mask(revisions_.size(), 0);
  Nodes stack;
  for (Node n : from)
    if (!mask[n]) {
      mask[n] = 1;
      stack.push_back(n);
    }
  while (!stack.empty()) {
    Node x = stack.back();
    stack.pop_back();
    for (Node c : up_edges(e, x))
      if (!mask[c]) {
        mask[c] = 1;
        stack.push_back(c);
      }
  }
  return mask;
}

bool Graph::shares_lineage(Node a, Node b) const {
  return reaches(a, b, Edges::parents) || reaches(b, a, Edges::parents);
}

const Revision* Graph::find(const std::string& id) const {
  auto it = ids_.find(id);
  return it == ids_.end() ? nullptr : &revisions_[it->second];
}

std::vector<const Revision*> Graph::revs_of(const Nodes& nodes) const {
  std::vector<const Revision*> out;
  out.reserve(nodes.size());
  for (Node n : nodes) out.push_back(&revisions_[n]);
  return out;
}

Graph::Nodes Graph::nodes_of(const std::vector<std::string>& ids) const {
  Nodes out;
  for (const auto& id : ids) {
    auto it = ids_.find(id);
    if (it == ids_.end())
      throw InputError("unknown revision '" + id +
                       "': no file in the version folders defines it (see `migrate history`)");
    push_unique(out, it->second);
  }
  return out;
}

std::vector<const Revision*> Graph::heads() const {
  std::vector<const Revision*> out;
  for (size_t i = 0; i < revisions_.size(); ++i)
    if (children_[i].empty()) out.push_back(&revisions_[i]);
  return out;
}

std::vector<const Revision*> Graph::real_heads() const {
  std::vector<const Revision*> out;
  for (size_t i = 0; i < revisions_.size(); ++i)
    if (all_children_[i].empty()) out.push_back(&revisions_[i]);
  return out;
}

std::vector<const Revision*> Graph::bases() const {
  std::vector<const Revision*> out;
  for (size_t i = 0; i < revisions_.size(); ++i)
    if (parents_[i].empty()) out.push_back(&revisions_[i]);
  return out;
}

Graph::Facts Graph::facts(const Revision& r) const {
  Node n = ids_.at(r.id);
  Facts f;
  f.is_head = children_[n].empty();
  f.is_real_head = all_children_[n].empty();
  f.is_branch_point = children_[n].size() > 1;
  f.is_merge_point = parents_[n].size() > 1;
  f.children = ids_of(children_[n]);
  f.branch_labels = labels_[n];
  return f;
}

std::vector<std::string> Graph::ancestry(const std::vector<std::string>& ids) const {
  // Post-order over what each revision needs: every revision after its needs.
  Nodes roots = nodes_of(ids);
  std::vector<char> seen(revisions_.size(), 0);
  std::vector<std::string> order;
  for (Node root : roots) {
    if (seen[root]) continue;
    std::vector<std::pair<Node, size_t>> stack{{root, 0}};
    seen[root] = 1;
    while (!stack.empty()) {
      auto& [n, next] = stack.back();
      if (next < all_down_[n].size()) {
        Node dep = all_down_[n][next++];
        if (!seen[dep]) {
          seen[dep] = 1;
          stack.emplace_back(dep, 0);
        }
      } else {
        order.push_back(revisions_[n].id);
        stack.pop_back();
      }
    }
  }
  return order;
}

std::vector<std::string> Graph::descendants(const std::string& id) const {
  Nodes from = nodes_of({id});
  auto mask = descendants_mask(from, Edges::all);
  mask[from[0]] = 0;
  std::vector<std::string> out;
  for (size_t i = 0; i < mask.size(); ++i)
    if (mask[i]) out.push_back(revisions_[i].id);
  return out;
}

std::vector<std::string> Graph::current_view(const std::vector<std::string>& rows) const {
  // The rows and all they need; of those, the ones nothing among them builds
  // on through down_revision (a revision applied only as a dependency shows).
  auto applied = ancestors_mask(nodes_of(rows), Edges::all);
  std::vector<std::string> out;
  for (size_t i = 0; i < revisions_.size(); ++i) {
    if (!applied[i]) continue;
    bool covered = std::any_of(children_[i].begin(), children_[i].end(),
                               [&](Node c) { return applied[c] != 0; });
    if (!covered) out.push_back(revisions_[i].id);
  }
  return out;
}

void Graph::check_new_labels(const std::vector<std::string>& labels) const {
  for (size_t i = 0; i < labels.size(); ++i) {
    const auto& label = labels[i];
    if (label.empty()) throw InputError("--branch-label must not be empty");
    if (auto bad = bad_name_char(label, "@:"); !bad.empty())
      throw InputError("branch label '" + label + "' may not contain " + bad +
                       " (targets read '@' as LABEL@REV and ':' as a range)");
    if (std::find(labels.begin(), labels.begin() + static_cast<long>(i), label) !=
        labels.begin() + static_cast<long>(i))
      throw InputError("branch label '" + label + "' is given twice");
    auto it = names_.find(label);
    if (it != names_.end())
      throw InputError(
          "branch label '" + label + "' is already " +
          (revisions_[it->second].id == label ? "the id of revision " : "used by revision ") +
          describe(it->second) + ": choose another label");
  }
}

}  // namespace migrate
