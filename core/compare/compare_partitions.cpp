#include "core/compare/compare_partitions.hpp"

#include <algorithm>
#include <map>

namespace migrate {
namespace {

Op op(OpBody body) {
  return Op{std::move(body), {}};
}

const Partition* named(const std::vector<Partition>& ps, const std::string& name) {
  for (const auto& p : ps)
    if (p.name == name) return &p;
  return nullptr;
}

// MySQL drops a HASH or KEY partition only by spreading its rows over the
// others; migrate restates the whole partitioning for it (in compile), so
// adds and drops stay the ops to write.
bool keeps_order(const std::vector<Partition>& model, const std::vector<Partition>& live) {
  std::vector<std::string> a, b;
  for (const auto& p : model)
    if (named(live, p.name)) a.push_back(p.name);
  for (const auto& p : live)
    if (named(model, p.name)) b.push_back(p.name);
  return a == b;
}

}  // namespace

bool partitioning_remakes(const TableSides& t, const DiffRules& dialect) {
  return !dialect.repartitions_in_place() && t.model_norm.partition_by != t.live_norm.partition_by;
}

void diff_partitions(const TableSides& t, const DiffRules& dialect, TableDiff& out) {
  const TableRef ref{t.model.schema, t.model.name};
  const auto &mn = t.model_norm.partitions, &ln = t.live_norm.partitions;
  const bool same_by = t.model_norm.partition_by == t.live_norm.partition_by;
  bool changed = false;  // a kept partition's bound changes
  for (const auto& m : mn)
    if (const Partition* l = named(ln, m.name); l && !(*l == m)) changed = true;
  const bool ordered = dialect.orders_partitions();
  if (!same_by || (ordered && (changed || !keeps_order(mn, ln)))) {
    if (same_by && mn == ln) return;
    AlterPartitioning a{ref, t.model.partition_by, t.model.partitions, t.live.partition_by,
                        t.live.partitions};
    if (a.partition_by)
      out.create_other.push_back(op(std::move(a)));
    else
      out.drop_other.insert(out.drop_other.begin(), op(std::move(a)));
    return;
  }
  // Matched by name; the raw sides' partitions (as written) are the ops'.
  auto raw = [](const std::vector<Partition>& ps, const std::string& name) {
    return *named(ps, name);
  };
  for (size_t j = 0; j < ln.size(); ++j) {
    const Partition* m = named(mn, ln[j].name);
    if (m && *m == ln[j]) continue;
    std::string before = ordered && j + 1 < ln.size() ? ln[j + 1].name : "";
    out.drop_other.push_back(
        op(DropPartition{ref, ln[j].name, raw(t.live.partitions, ln[j].name), before}));
  }
  for (size_t i = 0; i < mn.size(); ++i) {
    const Partition* l = named(ln, mn[i].name);
    if (l && *l == mn[i]) continue;
    std::string before;
    if (ordered)
      for (size_t k = i + 1; k < mn.size() && before.empty(); ++k)
        if (named(ln, mn[k].name)) before = mn[k].name;
    out.create_other.push_back(op(AddPartition{ref, raw(t.model.partitions, mn[i].name), before}));
  }
}

}  // namespace migrate
