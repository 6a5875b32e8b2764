#pragma once
// The revision DAG (SPEC §4-§5): nodes are revision files, edges come from
// down_revision (parents) and depends_on (ordering without parenthood).
// Pure: no I/O, so every rule is unit-tested without files or databases.
#include <map>
#include <string>
#include <vector>

#include "core/script.hpp"

namespace migrate {

enum class Direction { up, down };

struct Step {
  const Revision* revision;
  Direction direction;
};

class Graph {
 public:
  // Validates: duplicate ids, down_revision/depends_on naming no revision,
  // cycles. Throws InputError naming the files involved.
  explicit Graph(std::vector<Revision> revisions);

  const std::vector<Revision>& revisions() const { return revisions_; }
  const Revision* find(const std::string& id) const;
  // A full id or a unique prefix; InputError for unknown or ambiguous ones.
  const Revision& resolve(const std::string& id_or_prefix) const;

  std::vector<const Revision*> heads() const;  // revisions nothing builds on, in file order
  std::vector<const Revision*> children(const std::string& id) const;

  // `id` and everything it needs: parents and depends_on, transitively.
  std::vector<std::string> ancestry(const std::vector<std::string>& ids) const;
  // Everything built on `id` (through parents or depends_on), not `id` itself.
  std::vector<std::string> descendants(const std::string& id) const;

  // Steps that take a database standing at `current` to `targets`: each
  // needed revision once, what it needs first, in a deterministic order.
  std::vector<Step> upgrade_steps(const std::vector<std::string>& current,
                                  const std::vector<std::string>& targets) const;
  // Steps that remove from `current` what is not in the ancestry of `targets`
  // and builds on them (downgrade REV removes REV's descendants); empty
  // targets = base. Children before parents.
  std::vector<Step> downgrade_steps(const std::vector<std::string>& current,
                                    const std::vector<std::string>& targets) const;

  // The version-table heads after one step, as Alembic keeps them.
  std::vector<std::string> heads_after(const std::vector<std::string>& heads,
                                       const Step& step) const;

  // Resolves an upgrade/downgrade target against where the database stands:
  // head, heads, base, an id or prefix, +N / -N, REV+N / REV-N. Returns the
  // target heads (empty = base).
  std::vector<std::string> resolve_target(const std::string& target,
                                          const std::vector<std::string>& current,
                                          Direction direction) const;

 private:
  std::vector<Revision> revisions_;
  std::map<std::string, size_t> index_;

  std::vector<std::string> needs(const Revision& r) const;  // parents + depends_on
  std::string single_head_or_throw(const std::string& what) const;
  std::string walk(const std::string& from, int steps, const std::string& target) const;
};

}  // namespace migrate
