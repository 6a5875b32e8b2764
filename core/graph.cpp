#include "core/graph.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <set>

#include "core/error.hpp"
#include "core/text.hpp"

namespace migrate {
namespace {

using text::join;

bool parse_count(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && out >= 0;
}

}  // namespace

Graph::Graph(std::vector<Revision> revisions) : revisions_(std::move(revisions)) {
  for (size_t i = 0; i < revisions_.size(); ++i) {
    const auto& r = revisions_[i];
    auto [it, inserted] = index_.emplace(r.id, i);
    if (!inserted)
      throw InputError(r.mark, "duplicate revision id '" + r.id + "', also in " +
                                   revisions_[it->second].path +
                                   ": give one of them a new id (and fix what points at it)");
  }
  for (const auto& r : revisions_) {
    for (const auto& d : r.down_revisions)
      if (!index_.count(d))
        throw InputError(r.mark, "revision " + r.id + " has down_revision '" + d +
                                     "', which no file in versions/ defines");
    for (const auto& d : r.depends_on)
      if (!index_.count(d))
        throw InputError(r.mark, "revision " + r.id + " depends_on '" + d +
                                     "', which no file in versions/ defines");
  }
  // Cycle check: iterative colouring DFS, so long chains cannot overflow the stack.
  std::vector<int> colour(revisions_.size(), 0);
  for (size_t start = 0; start < revisions_.size(); ++start) {
    if (colour[start]) continue;
    std::vector<std::pair<size_t, size_t>> stack{{start, 0}};
    colour[start] = 1;
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      auto deps = needs(revisions_[node]);
      if (next < deps.size()) {
        size_t child = index_.at(deps[next++]);
        if (colour[child] == 1) {
          std::vector<std::string> files;
          for (const auto& [n, _] : stack) files.push_back(revisions_[n].path);
          throw InputError(revisions_[child].mark,
                           "the revision graph has a cycle through " + revisions_[child].id +
                               " (files: " + join(files) + "): fix down_revision/depends_on");
        }
        if (colour[child] == 0) {
          colour[child] = 1;
          stack.emplace_back(child, 0);
        }
      } else {
        colour[node] = 2;
        stack.pop_back();
      }
    }
  }
}

const Revision* Graph::find(const std::string& id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &revisions_[it->second];
}

const Revision& Graph::resolve(const std::string& id_or_prefix) const {
  if (const Revision* r = find(id_or_prefix)) return *r;
  std::vector<std::string> candidates;
  for (auto it = index_.lower_bound(id_or_prefix);
       it != index_.end() && it->first.compare(0, id_or_prefix.size(), id_or_prefix) == 0; ++it)
    candidates.push_back(it->first);
  if (candidates.size() == 1 && !id_or_prefix.empty()) return revisions_[index_.at(candidates[0])];
  if (candidates.empty())
    throw InputError("no revision '" + id_or_prefix +
                     "' in the versions folder (see `migrate history` for the ids)");
  throw InputError("revision prefix '" + id_or_prefix + "' is ambiguous: it matches " +
                   join(candidates) + "; give more digits");
}

std::vector<std::string> Graph::needs(const Revision& r) const {
  std::vector<std::string> out = r.down_revisions;
  out.insert(out.end(), r.depends_on.begin(), r.depends_on.end());
  return out;
}

std::vector<const Revision*> Graph::heads() const {
  std::set<std::string> has_child;
  for (const auto& r : revisions_)
    for (const auto& d : r.down_revisions) has_child.insert(d);
  std::vector<const Revision*> out;
  for (const auto& r : revisions_)
    if (!has_child.count(r.id)) out.push_back(&r);
  return out;
}

std::vector<const Revision*> Graph::children(const std::string& id) const {
  std::vector<const Revision*> out;
  for (const auto& r : revisions_) {
    bool is_child = id.empty() ? r.down_revisions.empty()
                               : std::find(r.down_revisions.begin(), r.down_revisions.end(), id) !=
                                     r.down_revisions.end();
    if (is_child) out.push_back(&r);
  }
  return out;
}

std::vector<std::string> Graph::ancestry(const std::vector<std::string>& ids) const {
  // Post-order over needs: every revision after what it needs.
  std::vector<std::string> order;
  std::set<std::string> seen;
  for (const auto& root : ids) {
    if (seen.count(root)) continue;
    std::vector<std::pair<std::string, size_t>> stack{{root, 0}};
    seen.insert(root);
    while (!stack.empty()) {
      auto& [id, next] = stack.back();
      auto deps = needs(revisions_[index_.at(id)]);
      if (next < deps.size()) {
        std::string dep = deps[next++];
        if (seen.insert(dep).second) stack.emplace_back(dep, 0);
      } else {
        order.push_back(id);
        stack.pop_back();
      }
    }
  }
  return order;
}

std::vector<std::string> Graph::descendants(const std::string& id) const {
  std::map<std::string, std::vector<std::string>> dependents;
  for (const auto& r : revisions_)
    for (const auto& d : needs(r)) dependents[d].push_back(r.id);
  std::vector<std::string> out;
  std::set<std::string> seen{id};
  std::vector<std::string> todo{id};
  while (!todo.empty()) {
    std::string cur = todo.back();
    todo.pop_back();
    for (const auto& d : dependents[cur])
      if (seen.insert(d).second) {
        out.push_back(d);
        todo.push_back(d);
      }
  }
  return out;
}

std::vector<Step> Graph::upgrade_steps(const std::vector<std::string>& current,
                                       const std::vector<std::string>& targets) const {
  auto have_list = ancestry(current);
  std::set<std::string> have(have_list.begin(), have_list.end());
  std::vector<Step> steps;
  for (const auto& id : ancestry(targets))
    if (!have.count(id)) steps.push_back({&revisions_[index_.at(id)], Direction::up});
  return steps;
}

std::vector<Step> Graph::downgrade_steps(const std::vector<std::string>& current,
                                         const std::vector<std::string>& targets) const {
  auto applied = ancestry(current);
  std::set<std::string> applied_set(applied.begin(), applied.end());
  std::set<std::string> remove;
  if (targets.empty()) {
    remove = applied_set;
  } else {
    for (const auto& t : targets) {
      if (!applied_set.count(t))
        throw InputError("revision " + t +
                         " is not applied to the database, so it is not a downgrade target from "
                         "where the database stands (" +
                         (current.empty() ? std::string("base") : join(current)) + ")");
      for (const auto& d : descendants(t))
        if (applied_set.count(d)) remove.insert(d);
    }
    for (const auto& keep : ancestry(targets)) remove.erase(keep);
  }
  std::vector<Step> steps;
  for (auto it = applied.rbegin(); it != applied.rend(); ++it)
    if (remove.count(*it)) steps.push_back({&revisions_[index_.at(*it)], Direction::down});
  return steps;
}

std::vector<std::string> Graph::heads_after(const std::vector<std::string>& heads,
                                            const Step& step) const {
  const Revision& r = *step.revision;
  std::vector<std::string> out;
  if (step.direction == Direction::up) {
    for (const auto& h : heads)
      if (std::find(r.down_revisions.begin(), r.down_revisions.end(), h) == r.down_revisions.end())
        out.push_back(h);
    out.push_back(r.id);
    return out;
  }
  for (const auto& h : heads)
    if (h != r.id) out.push_back(h);
  auto still = ancestry(out);
  std::set<std::string> covered(still.begin(), still.end());
  for (const auto& d : r.down_revisions)
    if (!covered.count(d)) {
      out.push_back(d);
      auto more = ancestry({d});
      covered.insert(more.begin(), more.end());
    }
  return out;
}

std::string Graph::single_head_or_throw(const std::string& what) const {
  auto hs = heads();
  if (hs.empty())
    throw InputError("there are no revisions yet: create one with `migrate revision -m MSG`");
  if (hs.size() > 1) {
    std::vector<std::string> ids;
    for (const auto* h : hs) ids.push_back(h->id);
    throw InputError("'" + what + "' is ambiguous: the graph has several heads (" + join(ids) +
                     "); name one, use 'heads' for all, or join them with `migrate merge`");
  }
  return hs[0]->id;
}

std::string Graph::walk(const std::string& from, int steps, const std::string& target) const {
  std::string cur = from;  // "" is base
  int n = steps < 0 ? -steps : steps;
  for (int i = 0; i < n; ++i) {
    if (steps > 0) {
      auto kids = children(cur);
      if (kids.empty())
        throw InputError("relative target '" + target + "' goes past the head (" +
                         (cur.empty() ? std::string("no revisions") : cur) + ")");
      if (kids.size() > 1) {
        std::vector<std::string> ids;
        for (const auto* k : kids) ids.push_back(k->id);
        throw InputError("relative target '" + target +
                         "' is ambiguous: " + (cur.empty() ? std::string("base") : cur) +
                         " branches into " + join(ids) + "; name the revision instead");
      }
      cur = kids[0]->id;
    } else {
      if (cur.empty()) throw InputError("relative target '" + target + "' goes below base");
      const auto& downs = revisions_[index_.at(cur)].down_revisions;
      if (downs.size() > 1)
        throw InputError("relative target '" + target + "' is ambiguous: " + cur +
                         " is a merge of " + join(downs) + "; name the revision instead");
      cur = downs.empty() ? "" : downs[0];
    }
  }
  return cur;
}

std::vector<std::string> Graph::resolve_target(const std::string& target,
                                               const std::vector<std::string>& current,
                                               Direction direction) const {
  (void)direction;
  if (target.empty()) throw InputError("empty revision target");
  if (target == "base") return {};
  if (target == "heads") {
    std::vector<std::string> out;
    for (const auto* h : heads()) out.push_back(h->id);
    return out;
  }
  if (target == "head") return {single_head_or_throw(target)};
  auto as_list = [](const std::string& id) {
    return id.empty() ? std::vector<std::string>{} : std::vector<std::string>{id};
  };
  int n = 0;
  if ((target[0] == '+' || target[0] == '-') && parse_count(target.substr(1), n)) {
    if (current.size() > 1)
      throw InputError("relative target '" + target + "' is ambiguous: the database stands at " +
                       join(current) + "; name the revision instead");
    std::string from = current.empty() ? "" : current[0];
    return as_list(walk(from, target[0] == '+' ? n : -n, target));
  }
  auto sign = target.find_last_of("+-");
  if (sign != std::string::npos && sign > 0 && parse_count(target.substr(sign + 1), n)) {
    const Revision& base = resolve(target.substr(0, sign));
    return as_list(walk(base.id, target[sign] == '+' ? n : -n, target));
  }
  return {resolve(target).id};
}

}  // namespace migrate
