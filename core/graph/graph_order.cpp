// What to apply or remove, and in which order: Alembic's
// _collect_upgrade_revisions / _collect_downgrade_revisions /
// _topological_sort, and the version-table rows after each step.
#include <algorithm>

#include "core/base/error.hpp"
#include "core/base/text.hpp"
#include "core/graph/graph.hpp"

namespace migrate {
namespace {

using text::join;

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

Graph::Nodes Graph::topological_sort(std::vector<char> wanted, const Nodes& heads) const {
  // Alembic walks down from the heads, one branch at a time, and leaves a
  // revision until no other head still has it below: newest first.
  //
  // Alembic asks "is it below another head?" with whole ancestor sets, which
  // is quadratic. When `wanted` is convex (whatever lies between two of its
  // revisions is in it: always so for upgrades and downgrades) that is the
  // same as "does an unemitted revision of `wanted` build on it?", which a
  // counter answers, so a long history sorts in linear time. A history range
  // that cuts through a depends_on may not be convex: there the question is
  // asked of the whole graph, as Alembic does.
  const size_t count = revisions_.size();
  Nodes members;
  for (size_t i = 0; i < count; ++i)
    if (wanted[i]) members.push_back(static_cast<Node>(i));
  auto hull = ancestors_mask(members, Edges::all);
  auto above = descendants_mask(members, Edges::all);
  bool convex = true;
  for (size_t i = 0; i < count && convex; ++i) convex = (hull[i] && above[i]) == (wanted[i] != 0);

  std::vector<int> pending(count, 0);
  size_t left = members.size();
  for (Node c : members)
    for (Node p : norm_down_[c])
      if (wanted[p]) ++pending[p];
  Nodes current;
  for (Node h : heads)
    if (wanted[h] && std::find(current.begin(), current.end(), h) == current.end())
      current.push_back(h);
  // Alembic fails an assertion when its heads miss part of `wanted` (a history
  // range reaching a revision only through depends_on). Starting also from
  // what nothing in `wanted` builds on covers it, and otherwise adds nothing:
  // such a revision is a head already.
  for (Node m : members)
    if (!pending[m] && std::find(current.begin(), current.end(), m) == current.end() &&
        std::none_of(all_children_[m].begin(), all_children_[m].end(),
                     [&](Node c) { return wanted[c] != 0; }))
      current.push_back(m);
  std::sort(current.begin(), current.end());  // file order, as Alembic's map order

  Nodes out;
  out.reserve(left);
  size_t idx = 0;
  while (!current.empty()) {
    Node cand = current[idx];
    if (!convex) {
      size_t other = current.size();
      for (size_t j = 0; j < current.size() && other == current.size(); ++j)
        if (j != idx && reaches(current[j], cand, Edges::all)) other = j;
      if (other != current.size()) {
        idx = other;  // that head goes first
        continue;
      }
    } else if (wanted[cand] && pending[cand] > 0) {
      // Which heads have it below? Search up through what is still to emit.
      const std::uint32_t ep = new_epoch();
      Nodes stack{cand};
      mark_[cand] = ep;
      while (!stack.empty()) {
        Node x = stack.back();
        stack.pop_back();
        for (Node c : norm_children_[x])
          if (wanted[c] && mark_[c] != ep) {
            mark_[c] = ep;
            stack.push_back(c);
          }
      }
      size_t other = current.size();
      for (size_t j = 0; j < current.size() && other == current.size(); ++j)
        if (j != idx && mark_[current[j]] == ep) other = j;
      if (other != current.size()) {
        idx = other;  // that head goes first
        continue;
      }
    }
    if (wanted[cand]) {
      out.push_back(cand);
      wanted[cand] = 0;
      --left;
      for (Node p : norm_down_[cand])
        if (wanted[p]) --pending[p];
    }
    Nodes add;
    for (Node p : norm_down_[cand])
      if (wanted[p] && std::find(current.begin(), current.end(), p) == current.end())
        add.push_back(p);
    if (add.empty()) {
      current.erase(current.begin() + static_cast<long>(idx));
      idx = idx > 0 ? idx - 1 : 0;
    } else {
      current[idx] = add[0];
      current.insert(current.end(), add.begin() + 1, add.end());
    }
  }
  if (left) {
    // Unreachable: the heads cover `wanted`. Newest first, should that ever change.
    Nodes rest;
    for (size_t n = 0; n < count; ++n)
      if (wanted[n]) rest.push_back(static_cast<Node>(n));
    std::stable_sort(rest.begin(), rest.end(), [&](Node a, Node b) { return gen_[a] > gen_[b]; });
    out.insert(out.end(), rest.begin(), rest.end());
  }
  return out;
}

void Graph::check_no_overlap(const Nodes& targets) const {
  // Alembic's check, walk for walk: down from each target in turn, not
  // expanding what an earlier walk saw; a target met on the way overlaps.
  // Linear, since each revision is expanded once.
  std::vector<char> seen(revisions_.size(), 0), is_target(revisions_.size(), 0);
  for (Node t : targets) is_target[t] = 1;
  for (Node t : targets) {
    Nodes stack{t};
    while (!stack.empty()) {
      Node r = stack.back();
      stack.pop_back();
      if (r != t && is_target[r])
        throw InputError("the revisions named overlap: " + revisions_[r].id + " is below " +
                         revisions_[t].id + "; name only " + revisions_[t].id);
      if (seen[r]) continue;
      seen[r] = 1;
      for (Node d : norm_down_[r]) stack.push_back(d);
    }
  }
}

std::vector<Step> Graph::upgrade_nodes(const Nodes& current, const Nodes& targets) const {
  check_no_overlap(targets);
  auto wanted = ancestors_mask(targets, Edges::all);
  auto have = ancestors_mask(current, Edges::all);
  for (size_t i = 0; i < wanted.size(); ++i)
    if (have[i]) wanted[i] = 0;
  Nodes order = topological_sort(std::move(wanted), targets);
  std::vector<Step> steps;
  steps.reserve(order.size());
  for (auto it = order.rbegin(); it != order.rend(); ++it)
    steps.push_back({&revisions_[*it], Direction::up});
  return steps;
}

std::vector<Step> Graph::downgrade_nodes(const Nodes& current, const std::optional<Node>& target,
                                         const std::string& label) const {
  // Remove what builds (through down_revision) on the target, and whatever
  // depends on that; base removes everything.
  Nodes roots;
  if (!target) {
    for (size_t i = 0; i < revisions_.size(); ++i)
      if (parents_[i].empty()) roots.push_back(static_cast<Node>(i));
  } else {
    roots = children_[*target];
  }
  if (!label.empty() && roots.size() > 1) {
    // LABEL@REV: only the branch LABEL is on goes.
    auto below = ancestors_mask({resolve_branch(label)}, Edges::parents);
    Nodes kept;
    for (Node r : roots)
      if (below[r]) kept.push_back(r);
    if (kept.empty())
      throw InputError("branch " + label + " does not build on " +
                       (target ? revisions_[*target].id : std::string("base")) +
                       ": there is nothing of it to downgrade");
    roots = kept;
  }
  auto wanted = descendants_mask(roots, Edges::all);
  auto applied = ancestors_mask(current, Edges::all);
  bool any = false;
  for (size_t i = 0; i < wanted.size(); ++i) {
    wanted[i] = wanted[i] && applied[i];
    any = any || wanted[i];
  }
  if (target && !any && std::find(current.begin(), current.end(), *target) == current.end())
    throw InputError("revision " + revisions_[*target].id +
                     " is not a downgrade target from where the database stands (" +
                     (current.empty() ? std::string("base") : join(ids_of(current))) +
                     "): it is not applied, or nothing applied builds on it");
  Nodes order = topological_sort(std::move(wanted), current);
  std::vector<Step> steps;
  steps.reserve(order.size());
  for (Node n : order) steps.push_back({&revisions_[n], Direction::down});
  return steps;
}

std::vector<Step> Graph::upgrade(const std::vector<std::string>& current,
                                 const std::string& target) const {
  Nodes cur = nodes_of(current);
  return upgrade_nodes(cur, parse_upgrade_target(cur, target, true));
}

std::vector<Step> Graph::downgrade(const std::vector<std::string>& current,
                                   const std::string& target) const {
  Nodes cur = nodes_of(current);
  auto dt = parse_downgrade_target(cur, target);
  return downgrade_nodes(cur, dt.target, dt.label);
}

std::vector<Step> Graph::upgrade_steps(const std::vector<std::string>& current,
                                       const std::vector<std::string>& targets) const {
  return upgrade_nodes(nodes_of(current), nodes_of(targets));
}

std::vector<Step> Graph::downgrade_steps(const std::vector<std::string>& current,
                                         const std::vector<std::string>& targets) const {
  Nodes cur = nodes_of(current);
  if (targets.empty()) return downgrade_nodes(cur, std::nullopt, "");
  if (targets.size() == 1) return downgrade_nodes(cur, nodes_of(targets)[0], "");
  // Several targets: what builds on any of them goes, in one order.
  std::vector<char> wanted(revisions_.size(), 0);
  for (Node t : nodes_of(targets))
    for (const Step& s : downgrade_nodes(cur, t, "")) wanted[ids_.at(s.revision->id)] = 1;
  Nodes order = topological_sort(std::move(wanted), cur);
  std::vector<Step> steps;
  for (Node n : order) steps.push_back({&revisions_[n], Direction::down});
  return steps;
}

std::vector<const Revision*> Graph::history(const RangeEnd& lower, const RangeEnd& upper) const {
  // Alembic's walk_revisions: every revision between LOWER and UPPER, both
  // ends included, newest first.
  const std::string lower_expr = lower.expr.empty() ? "base" : lower.expr;
  const std::string upper_expr = upper.expr.empty() ? "heads" : upper.expr;
  const std::string range =
      (lower.ids ? "current" : lower.expr) + ":" + (upper.ids ? "current" : upper.expr);
  Nodes current;
  bool past_base = false;
  if (lower.ids) {
    current = nodes_of(*lower.ids);
  } else {
    auto pos = get_revisions_pos(lower_expr);
    if (!pos.empty() && pos[0].kind == Pos::none) {
      past_base = true;  // e.g. "-5:" on a shorter history: resolved against UPPER below
    } else {
      for (const Pos& p : pos) {
        if (p.kind == Pos::base)
          throw InputError("history range '" + range + "' starts below base");
        if (p.kind == Pos::rev) current.push_back(p.node);
      }
    }
  }
  Nodes targets;
  if (upper.ids && !upper.ids->empty())
    targets = nodes_of(*upper.ids);
  else
    targets = parse_upgrade_target(current, upper.ids ? "heads" : upper_expr, false);
  if (!lower.ids && lower_expr.find('@') != std::string::npos) {
    // LABEL@...: only the heads on that branch.
    std::string branch = lower_expr.substr(0, lower_expr.find('@'));
    auto br = get_revision(branch);
    if (br && revisions_[*br].id == branch) {
      if (labels_[*br].size() != 1)
        throw InputError("history range '" + range + "': revision " + branch +
                         " is not on exactly one labelled branch; use the label");
      branch = labels_[*br][0];
    }
    Nodes kept;
    for (Node t : targets)
      if (contains(labels_[t], branch)) kept.push_back(t);
    targets = kept;
  }
  check_no_overlap(targets);
  auto needs = ancestors_mask(targets, Edges::all);
  check_no_overlap(current);
  for (Node c : current)
    if (!needs[c])
      throw InputError("history range '" + range + "' does not go from a revision up to one of " +
                       "its descendants: " + revisions_[c].id + " is not below " +
                       (targets.empty() ? std::string("base") : join(ids_of(targets))));
  if (past_base) {
    auto dt = parse_downgrade_target(targets, lower_expr);
    if (dt.target) current = {*dt.target};
  }
  auto below = ancestors_mask(current, Edges::all);
  for (size_t i = 0; i < needs.size(); ++i)
    if (below[i]) needs[i] = 0;
  for (Node c : current) needs[c] = 1;  // inclusive
  if (!current.empty()) {
    auto above = descendants_mask(current, Edges::parents);
    for (size_t i = 0; i < needs.size(); ++i)
      if (!above[i]) needs[i] = 0;
  }
  return revs_of(topological_sort(std::move(needs), targets));
}

std::vector<std::string> Graph::heads_after(const std::vector<std::string>& heads,
                                            const Step& step) const {
  const Node r = ids_.at(step.revision->id);
  const std::string& id = revisions_[r].id;
  std::vector<std::string> out;
  if (step.direction == Direction::up) {
    // Its down revisions (and dependencies) stop being tips; it becomes one.
    auto below = ids_of(norm_down_[r]);
    for (const auto& h : heads)
      if (!contains(below, h) && h != id) out.push_back(h);
    out.push_back(id);
    return out;
  }
  Nodes rest;
  for (const auto& h : heads)
    if (h != id) {
      out.push_back(h);
      if (auto it = ids_.find(h); it != ids_.end()) rest.push_back(it->second);
    }
  // Its down revisions become tips unless another row still builds on them.
  // Alembic also adds one that is below another of them (a depends_on on its
  // own ancestor); the table would then list a revision below another row.
  for (Node p : norm_down_[r]) {
    bool covered =
        std::any_of(rest.begin(), rest.end(), [&](Node h) { return reaches(h, p, Edges::all); }) ||
        std::any_of(norm_down_[r].begin(), norm_down_[r].end(),
                    [&](Node q) { return q != p && reaches(q, p, Edges::all); });
    if (!covered && !contains(out, revisions_[p].id)) out.push_back(revisions_[p].id);
  }
  return out;
}

}  // namespace migrate
