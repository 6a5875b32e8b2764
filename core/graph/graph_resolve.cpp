// Naming revisions: ids, prefixes, branch labels, head/heads/base, relative
// steps. Each function mirrors the Alembic 1.8 function it is named after
// (alembic/script/revision.py), so their answers agree; the messages are ours.
#include <algorithm>
#include <cctype>
#include <climits>

#include "core/base/error.hpp"
#include "core/base/text.hpp"
#include "core/graph/graph.hpp"

namespace migrate {
namespace {

using text::join;

bool is_word(char c) {
  auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || u >= 0x80;
}

struct Relative {
  std::string label;   // before '@'
  std::string symbol;  // the revision the steps count from; empty: where the database stands
  long long steps = 0;
  std::string text;  // "+2" / "-1", as written
};

// Alembic's `(?:(.+?)@)?(\w+)?((?:\+|-)\d+)`, matched at the start of the
// target: LABEL@REV+N, REV-N, +N, LABEL@-N ...
std::optional<Relative> match_relative(const std::string& t) {
  auto rest = [&](size_t from) -> std::optional<Relative> {
    size_t w = from;
    while (w < t.size() && is_word(t[w])) ++w;
    if (w >= t.size() || (t[w] != '+' && t[w] != '-')) return std::nullopt;
    size_t d = w + 1;
    while (d < t.size() && std::isdigit(static_cast<unsigned char>(t[d]))) ++d;
    if (d == w + 1) return std::nullopt;
    Relative r;
    r.symbol = t.substr(from, w - from);
    r.text = t.substr(w, d - w);
    long long n = 0;
    for (size_t i = w + 1; i < d; ++i) n = std::min<long long>(n * 10 + (t[i] - '0'), INT_MAX);
    r.steps = t[w] == '-' ? -n : n;
    return r;
  };
  // The lazy `.+?` tries the shortest label first; without a label last.
  for (size_t k = 1; k < t.size(); ++k)
    if (t[k] == '@')
      if (auto r = rest(k + 1)) {
        r->label = t.substr(0, k);
        return r;
      }
  return rest(0);
}

// Python's int() on the whole string, for "-2" given where a revision goes.
std::optional<long long> as_int(const std::string& s) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i >= s.size()) return std::nullopt;
  long long n = 0;
  for (size_t j = i; j < s.size(); ++j) {
    if (!std::isdigit(static_cast<unsigned char>(s[j]))) return std::nullopt;
    n = std::min<long long>(n * 10 + (s[j] - '0'), INT_MAX);
  }
  return s[0] == '-' ? -n : n;
}

}  // namespace

Graph::Number Graph::resolve_number(const std::string& expr) const {
  Number out;
  std::string id = expr;
  if (auto at = expr.find('@'); at != std::string::npos) {
    out.label = expr.substr(0, at);
    id = expr.substr(at + 1);
  }
  if (id == "heads") {
    Nodes hs;
    if (out.label.empty()) {
      for (size_t i = 0; i < revisions_.size(); ++i)
        if (all_children_[i].empty()) hs.push_back(static_cast<Node>(i));
    } else {
      for (size_t i = 0; i < revisions_.size(); ++i)
        if (children_[i].empty()) hs.push_back(static_cast<Node>(i));
      hs = filter_for_lineage(hs, out.label);
    }
    out.ids = ids_of(hs);
    return out;
  }
  if (id == "head") {
    if (auto h = current_head(out.label)) out.ids = {revisions_[*h].id};
    return out;
  }
  if (id == "base") return out;
  if (id.empty())
    throw InputError("'" + expr + "' names no revision: write REV, LABEL@head or LABEL@REV");
  out.ids = {id};
  return out;
}

std::optional<Graph::Node> Graph::current_head(const std::string& label) const {
  Nodes hs;
  for (size_t i = 0; i < revisions_.size(); ++i)
    if (children_[i].empty()) hs.push_back(static_cast<Node>(i));
  if (!label.empty()) hs = filter_for_lineage(hs, label);
  if (hs.size() > 1) {
    if (label.empty())
      throw InputError("'head' is ambiguous: the graph has several heads (" + join(ids_of(hs)) +
                       "); name one, use 'heads' for all, or join them with `migrate merge`");
    throw InputError("'" + label + "@head' is ambiguous: branch " + label + " has several heads (" +
                     join(ids_of(hs)) + "); name one, or join them with `migrate merge`");
  }
  if (hs.empty()) return std::nullopt;
  return hs[0];
}

Graph::Nodes Graph::filter_for_lineage(const Nodes& nodes, const std::string& label) const {
  if (label.empty()) return nodes;
  Number num = resolve_number(label);
  Nodes against;
  if (!num.label.empty()) against.push_back(*revision_for_ident(num.label, ""));
  for (const auto& id : num.ids) against.push_back(*revision_for_ident(id, ""));
  if (against.empty()) return nodes;
  Nodes out;
  for (Node n : nodes)
    if (std::any_of(against.begin(), against.end(), [&](Node a) { return shares_lineage(n, a); }))
      out.push_back(n);
  return out;
}

std::optional<Graph::Node> Graph::revision_for_ident(const std::string& id,
                                                     const std::string& label) const {
  std::optional<Node> branch;
  if (!label.empty()) branch = resolve_branch(label);
  Node found;
  if (auto it = names_.find(id); it != names_.end()) {
    found = it->second;
  } else {
    // A prefix of an id or label; Alembic only matches names longer than 3.
    std::vector<std::string> candidates;
    for (auto it2 = names_.lower_bound(id);
         it2 != names_.end() && it2->first.compare(0, id.size(), id) == 0; ++it2)
      if (it2->first.size() > 3 && (!branch || shares_lineage(it2->second, *branch)))
        candidates.push_back(it2->first);
    if (candidates.empty())
      throw InputError("no revision '" + id + "'" + (branch ? " on branch " + label : "") +
                       " in the version folders: no revision id or branch label is or starts with "
                       "it" +
                       (id.size() < 4 ? " (a prefix needs at least 4 characters)" : "") +
                       "; see `migrate history` for the ids");
    if (candidates.size() > 1)
      throw InputError("revision prefix '" + id + "' is ambiguous: it matches " + join(candidates) +
                       "; give more digits");
    found = names_.at(candidates[0]);
  }
  if (branch && !shares_lineage(found, *branch))
    throw InputError("revision " + revisions_[found].id + " is not on branch " + label +
                     ": it is neither an ancestor nor a descendant of " + revisions_[*branch].id);
  return found;
}

Graph::Node Graph::resolve_branch(const std::string& label) const {
  if (auto it = names_.find(label); it != names_.end()) return it->second;
  try {
    return *revision_for_ident(label, "");
  } catch (const InputError&) {
    throw InputError("no branch '" + label +
                     "': no branch label, revision id or unique prefix matches it (see `migrate "
                     "branches` and `migrate heads --verbose`)");
  }
}

std::vector<Graph::Pos> Graph::get_revisions_pos(const std::string& expr) const {
  Number num = resolve_number(expr);
  if (num.ids.size() == 1)
    if (auto n = as_int(num.ids[0]); n && *n < 0) {
      // "-2" or "LABEL@-2": down from each head (of that branch).
      std::vector<Pos> out;
      for (size_t i = 0; i < revisions_.size(); ++i) {
        if (!all_children_[i].empty()) continue;
        const auto& ls = labels_[i];
        if (!num.label.empty() && std::find(ls.begin(), ls.end(), num.label) == ls.end()) continue;
        out.push_back(walk(Pos::at(static_cast<Node>(i)), static_cast<int>(*n), "", true, expr));
      }
      return out;
    }
  std::vector<Pos> out;
  for (const auto& id : num.ids) out.push_back(Pos::at(*revision_for_ident(id, num.label)));
  return out;
}

std::vector<const Revision*> Graph::get_revisions(const std::string& expr) const {
  std::vector<const Revision*> out;
  for (const Pos& p : get_revisions_pos(expr)) {
    if (p.kind == Pos::rev) out.push_back(&revisions_[p.node]);
    if (p.kind == Pos::none)
      throw InputError("'" + expr + "' goes below base: there are fewer revisions than that");
  }
  return out;
}

std::optional<Graph::Node> Graph::get_revision(const std::string& expr) const {
  Number num = resolve_number(expr);
  if (num.ids.size() > 1)
    throw InputError("'" + expr + "' names several revisions (" + join(num.ids) +
                     ") where one is needed; name one, or use LABEL@head");
  if (num.ids.empty()) return std::nullopt;
  return revision_for_ident(num.ids[0], num.label);
}

Graph::Pos Graph::walk(Pos start, int steps, const std::string& label, bool no_overwalk,
                       const std::string& target) const {
  Pos cur = start;
  auto from = [&] { return cur.kind == Pos::rev ? revisions_[cur.node].id : std::string("base"); };
  for (int i = 0; i < std::abs(steps); ++i) {
    if (steps > 0) {
      Nodes up;
      if (cur.kind == Pos::none) {
        for (size_t n = 0; n < revisions_.size(); ++n)
          if (parents_[n].empty()) up.push_back(static_cast<Node>(n));
      } else {
        up = children_[cur.node];
      }
      if (!label.empty()) up = filter_for_lineage(up, label);
      if (up.empty()) return no_overwalk ? Pos{} : cur;
      if (up.size() > 1)
        throw InputError("relative target '" + target + "' is ambiguous: " + from() +
                         " branches into " + join(ids_of(up)) +
                         "; name the revision, or use LABEL@+N");
      cur = Pos::at(up[0]);
    } else {
      if (cur.kind == Pos::base) return no_overwalk ? Pos{} : cur;
      Nodes down;
      if (cur.kind == Pos::none) {
        for (size_t n = 0; n < revisions_.size(); ++n)
          if (children_[n].empty()) down.push_back(static_cast<Node>(n));
      } else {
        down = parents_[cur.node];
      }
      if (down.empty()) {
        cur = Pos{Pos::base, -1};
        continue;
      }
      if (down.size() > 1)
        throw InputError("relative target '" + target + "' is ambiguous: " +
                         (cur.kind == Pos::rev ? revisions_[cur.node].id + " is a merge of "
                                               : std::string("the graph has several heads: ")) +
                         join(ids_of(down)) + "; name the revision instead");
      cur = Pos::at(down[0]);
    }
  }
  return cur;
}

Graph::Nodes Graph::parse_upgrade_target(const Nodes& current, const std::string& target,
                                         bool assert_relative_length) const {
  if (target.empty()) throw InputError("empty revision target");
  auto rel = match_relative(target);
  if (!rel) {
    Nodes out;
    for (const Pos& p : get_revisions_pos(target)) {
      if (p.kind == Pos::none)
        throw InputError("target '" + target + "' goes below base: there are fewer revisions");
      if (p.kind == Pos::rev) out.push_back(p.node);
    }
    return out;
  }
  const int n = static_cast<int>(rel->steps);
  if (n > 0 && rel->symbol.empty()) {
    // +N / LABEL@+N: up from where the database stands (on that branch).
    std::vector<Pos> start;
    for (Node c : current) start.push_back(Pos::at(c));
    if (start.empty()) start.push_back(Pos{});
    if (!rel->label.empty()) {
      Nodes on_branch = filter_for_lineage(current, rel->label);
      if (on_branch.empty()) {
        // The branch is not among the rows: start from its newest applied revision.
        auto applied = ancestors_mask(current, Edges::all);
        Nodes active;
        for (size_t i = 0; i < applied.size(); ++i)
          if (applied[i]) active.push_back(static_cast<Node>(i));
        active = filter_for_lineage(active, rel->label);
        std::vector<char> below(revisions_.size(), 0);
        for (Node a : active)
          for (Node d : norm_down_[a]) below[d] = 1;
        for (Node a : active)
          if (!below[a]) on_branch.push_back(a);
      }
      start.clear();
      for (Node c : on_branch) start.push_back(Pos::at(c));
      if (start.empty()) start.push_back(Pos{});
    }
    if (start.size() > 1)
      throw InputError("relative target '" + target +
                       "' is ambiguous: the database stands at several revisions (" +
                       join(ids_of(current)) + "); use LABEL@+N or name the revision");
    Pos r = walk(start[0], n, rel->label, assert_relative_length, target);
    if (r.kind != Pos::rev)
      throw InputError("relative target '" + target + "' goes past the head: there are not " +
                       std::to_string(n) + " revisions to apply");
    return {r.node};
  }
  if (n > 0) {
    Pos r = walk(pos_of(get_revision(rel->symbol)), n, rel->label, assert_relative_length, target);
    if (r.kind != Pos::rev)
      throw InputError("relative target '" + target + "' goes past the head: " + rel->symbol +
                       " has fewer than " + std::to_string(n) + " revisions above it");
    return {r.node};
  }
  if (rel->symbol.empty())
    throw InputError("upgrade target '" + target + "' counts down: use `migrate downgrade " +
                     target + "`, or name a revision");
  auto start =
      rel->label.empty() ? get_revision(rel->symbol) : get_revision(rel->label + "@" + rel->symbol);
  Pos r = walk(pos_of(start), n, "", assert_relative_length, target);
  if (r.kind == Pos::none)
    throw InputError("relative target '" + target + "' goes below base: " + rel->symbol +
                     " has fewer than " + std::to_string(-n) + " revisions below it");
  if (r.kind == Pos::base)
    throw InputError("upgrade target '" + target +
                     "' is base, below every revision: there is nothing to upgrade to (to go "
                     "down, use `migrate downgrade " +
                     target + "`)");
  return {r.node};
}

Graph::DownTarget Graph::parse_downgrade_target(const Nodes& current,
                                                const std::string& target) const {
  if (target.empty()) throw InputError("empty revision target");
  auto rel = match_relative(target);
  if (!rel) {
    DownTarget out;
    auto at = target.rfind('@');
    std::string symbol = target;
    if (at != std::string::npos) {
      out.label = target.substr(0, at);
      symbol = target.substr(at + 1);
    }
    out.target = get_revision(symbol);
    return out;
  }
  const int n = static_cast<int>(rel->steps);
  DownTarget out;
  out.label = rel->label;
  if (n >= 0) {
    if (rel->symbol.empty())
      throw InputError("downgrade target '" + target + "' counts up: use `migrate upgrade " +
                       target + "`, or name a revision");
    Pos r = walk(pos_of(get_revision(rel->symbol)), n, rel->label, true, target);
    if (r.kind == Pos::none)
      throw InputError("relative target '" + target + "' goes past the head: " + rel->symbol +
                       " has fewer than " + std::to_string(n) + " revisions above it");
    if (r.kind == Pos::rev) out.target = r.node;
    return out;
  }
  std::string symbol = rel->symbol;
  const bool from_current = symbol.empty();
  if (from_current) {
    if (!out.label.empty()) {
      Nodes on_branch = filter_for_lineage(current, out.label);
      if (on_branch.empty()) {
        std::vector<std::string> rows = ids_of(current);
        on_branch = filter_for_lineage(nodes_of(current_view(rows)), out.label);
      }
      if (on_branch.size() != 1)
        throw InputError("relative target '" + target + "': the database stands at " +
                         (on_branch.empty() ? std::string("no revision") : "several revisions") +
                         " of branch " + out.label + " (it stands at " +
                         (current.empty() ? std::string("base") : join(ids_of(current))) + ")");
      symbol = revisions_[on_branch[0]].id;
    } else {
      if (current.empty())
        throw InputError("relative target '" + target +
                         "': the database stands at base, there is nothing to downgrade");
      // Alembic warns and picks the first row, whichever the database returns first.
      if (current.size() > 1)
        throw InputError("relative target '" + target +
                         "' is ambiguous: the database stands at several revisions (" +
                         join(ids_of(current)) + "); use LABEL@" + target + " or REV" + target +
                         " to say which branch");
      symbol = revisions_[current[0]].id;
      out.label = symbol;
    }
  }
  auto start = out.label.empty() ? get_revision(symbol) : get_revision(out.label + "@" + symbol);
  Pos r = walk(pos_of(start), n, "", true, target);
  if (r.kind == Pos::none)
    throw InputError("relative target '" + target +
                     "' goes below base: " + (from_current ? "the database" : symbol) +
                     " stands fewer than " + std::to_string(-n) + " revisions above base");
  if (r.kind == Pos::rev) out.target = r.node;
  return out;
}

std::vector<std::string> Graph::resolve_target(const std::string& target,
                                               const std::vector<std::string>& current,
                                               Direction direction) const {
  // Rows naming no revision (stamp --purge is there to clear them) play no part.
  Nodes cur;
  for (const auto& id : current)
    if (auto it = ids_.find(id); it != ids_.end()) cur.push_back(it->second);
  if (direction == Direction::up) return ids_of(parse_upgrade_target(cur, target, true));
  auto dt = parse_downgrade_target(cur, target);
  if (!dt.target) return {};
  return {revisions_[*dt.target].id};
}

std::vector<std::string> Graph::revision_or_base(const std::string& expr) const {
  if (expr.empty()) throw InputError("empty revision in range: write FROM:TO, e.g. base:head");
  auto n = get_revision(expr);
  if (!n) return {};
  return {revisions_[*n].id};
}

const Revision& Graph::resolve(const std::string& id_or_prefix) const {
  if (id_or_prefix.empty()) throw InputError("empty revision id");
  return revisions_[*revision_for_ident(id_or_prefix, "")];
}

std::vector<const Revision*> Graph::parents_for_new_revision(const std::vector<std::string>& heads,
                                                             bool splice) const {
  Nodes parents;
  for (const auto& expr : heads) {
    if (expr == "head" && heads.size() == 1) {
      Nodes hs;
      for (size_t i = 0; i < revisions_.size(); ++i)
        if (children_[i].empty()) hs.push_back(static_cast<Node>(i));
      if (hs.size() > 1)
        throw InputError("the graph has several heads (" + join(ids_of(hs)) +
                         "): pass --head REV to choose one, or `migrate merge` them first");
    }
    for (const Pos& p : get_revisions_pos(expr)) {
      if (p.kind == Pos::none) throw InputError("'" + expr + "' goes below base");
      if (p.kind != Pos::rev) continue;
      if (std::find(parents.begin(), parents.end(), p.node) != parents.end())
        throw InputError("revision " + revisions_[p.node].id +
                         " is named twice; name each head once");
      parents.push_back(p.node);
    }
  }
  if (!splice)
    for (Node p : parents)
      if (!children_[p].empty())
        throw InputError("revision " + describe(p) + " is not a head (" +
                         join(ids_of(children_[p])) +
                         " build on it); pass --splice to start a new branch from it");
  return revs_of(parents);
}

std::vector<std::string> Graph::depends_on_for_new_revision(
    const std::vector<std::string>& deps) const {
  std::vector<std::string> out;
  for (const auto& d : deps) {
    auto n = get_revision(d);
    if (!n) throw InputError("--depends-on " + d + " names no revision");
    const auto& own = revisions_[*n].branch_labels;
    // A label stays a label (the dependency follows the branch), as Alembic writes it.
    std::string written = std::find(own.begin(), own.end(), d) != own.end() ? d : revisions_[*n].id;
    if (std::find(out.begin(), out.end(), written) == out.end()) out.push_back(written);
  }
  return out;
}

}  // namespace migrate
