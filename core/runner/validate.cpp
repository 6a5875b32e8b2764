#include "core/runner/validate.hpp"

#include <set>

#include "core/base/digest.hpp"

namespace migrate {
namespace {

void add_list(std::string& out, const char* key, const std::vector<std::string>& items) {
  out += key;
  for (const auto& i : items) out += " " + i;
  out += "\n";
}

}  // namespace

std::string revision_checksum(const Revision& r) {
  std::string text;
  add_list(text, "revision", {r.id});
  add_list(text, "down_revision", r.down_revisions);
  add_list(text, "depends_on", r.depends_on);
  add_list(text, "branch_labels", r.branch_labels);
  text += r.transactional ? "transactional\n" : "non-transactional\n";
  text += "upgrade:\n" + render_ops(r.upgrade, 2) + "\ndowngrade:\n" + render_ops(r.downgrade, 2);
  Sha256 hash;
  hash.update(text);
  return "sha256:" + base64(hash.digest());
}

std::vector<Tampering> find_tampering(const Graph& graph, const std::vector<std::string>& heads,
                                      const std::map<std::string, std::string>& applied) {
  std::vector<std::string> stands_on = graph.ancestry(heads);
  std::set<std::string> on(stands_on.begin(), stands_on.end());
  std::vector<Tampering> out;
  for (const auto& [id, recorded] : applied) {
    const Revision* r = graph.find(id);
    if (!r) {
      out.push_back({id, true, recorded, "", ""});
      continue;
    }
    if (!on.count(id) || recorded.empty()) continue;
    std::string now = revision_checksum(*r);
    if (now != recorded) out.push_back({id, false, recorded, now, r->path});
  }
  return out;
}

std::string describe(const Tampering& t) {
  if (t.missing)
    return "revision " + t.revision + " was applied but no file in the versions folder has it";
  return "revision " + t.revision + " (" + t.path +
         ") changed after it was applied: " + t.recorded + " then, " + t.current + " now";
}

}  // namespace migrate
