#include "core/lint/lint.hpp"

#include <algorithm>
#include <set>

#include "core/base/error.hpp"
#include "core/base/text.hpp"
#include "core/graph/replay.hpp"
#include "core/lint/lint_ops.hpp"

namespace migrate {
namespace {

// What an op's `lint: ignore CODE[, CODE]: reason` suppresses; the reason
// is required, so every exception says why.
std::set<std::string> ignored_codes(const Op& op) {
  std::set<std::string> out;
  if (op.lint.empty()) return out;
  const std::string usage = "write `lint: \"ignore CODE: why it is safe\"` (codes in docs/lint.md)";
  std::string s = text::trim(op.lint);
  if (s.rfind("ignore ", 0) != 0) throw InputError(op.mark, "lint: '" + op.lint + "': " + usage);
  auto colon = s.find(':');
  if (colon == std::string::npos || text::trim(s.substr(colon + 1)).empty())
    throw InputError(op.mark, "lint: '" + op.lint + "' gives no reason; " + usage);
  std::string codes = s.substr(7, colon - 7);
  for (auto& c : codes)
    if (c == ',') c = ' ';
  size_t at = 0;
  while (at < codes.size()) {
    size_t end = codes.find(' ', at);
    if (end == std::string::npos) end = codes.size();
    std::string code = codes.substr(at, end - at);
    at = end + 1;
    if (code.empty()) continue;
    if (!find_lint_rule(code))
      throw InputError(op.mark, "lint: unknown rule '" + code + "'; " + usage);
    out.insert(code);
  }
  if (out.empty()) throw InputError(op.mark, "lint: '" + op.lint + "' names no rule; " + usage);
  return out;
}

Severity level_of(const std::string& code, const LintSettings& s) {
  if (auto it = s.levels.find(code); it != s.levels.end()) return it->second;
  return find_lint_rule(code)->level;
}

bool applies(const std::string& code, const std::string& dialect) {
  const LintRule* r = find_lint_rule(code);
  return r && (!*r->dialect || dialect == r->dialect);
}

}  // namespace

const char* to_string(Severity s) {
  switch (s) {
    case Severity::off:
      return "off";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "?";
}

Severity parse_severity(const std::string& text, const SourceMark& at) {
  if (text == "off") return Severity::off;
  if (text == "warning") return Severity::warning;
  if (text == "error") return Severity::error;
  throw InputError(at, "lint level '" + text + "': use off, warning or error");
}

const std::vector<LintRule>& lint_rules() {
  static const std::vector<LintRule> rules = {
      {"DS101", "", Severity::error, "drop_table deletes a table and its rows"},
      {"DS102", "", Severity::error, "drop_column deletes a column's data"},
      {"DS103", "", Severity::error, "execute runs DROP, TRUNCATE or DELETE without WHERE"},
      {"DS104", "", Severity::error, "drop_partition deletes the partition's rows"},
      {"DD201", "", Severity::warning, "NOT NULL column without default added to a table"},
      {"DD202", "", Severity::warning, "nullable column made NOT NULL"},
      {"DD203", "", Severity::warning, "unique index or constraint on existing rows"},
      {"DD204", "", Severity::warning, "type change that narrows (values may not fit)"},
      {"BC301", "", Severity::warning, "rename_table breaks code using the old name"},
      {"BC302", "", Severity::warning, "column rename breaks code using the old name"},
      {"BC303", "", Severity::warning, "drop or replace of a view, function, ... others use"},
      {"LK401", "postgresql", Severity::warning, "index built without CONCURRENTLY"},
      {"LK402", "postgresql", Severity::warning, "type change that rewrites the table"},
      {"LK403", "postgresql", Severity::warning, "foreign key or check added without NOT VALID"},
      {"LK404", "postgresql", Severity::warning, "SET NOT NULL scans the table"},
      {"LK405", "postgresql", Severity::warning, "volatile default rewrites the table"},
      {"LK451", "mysql", Severity::warning, "change that copies the table (ALGORITHM=COPY)"},
      {"GR501", "", Severity::error, "the graph has several heads"},
      {"GR502", "", Severity::warning, "downgrade empty while upgrade is not"},
      {"GR503", "", Severity::warning, "transactional: false revision with several operations"},
      {"SF601", "", Severity::error, "execute has no SQL for this dialect"},
  };
  return rules;
}

const LintRule* find_lint_rule(const std::string& code) {
  for (const auto& r : lint_rules())
    if (code == r.code) return &r;
  return nullptr;
}

std::vector<Finding> lint(const Graph& graph, const std::vector<const Revision*>& revisions,
                          const LintSettings& settings) {
  std::vector<Finding> out;
  auto report = [&](const std::string& code, const Revision& r, int line, std::string message) {
    if (!applies(code, settings.dialect)) return;
    Severity level = level_of(code, settings);
    if (level == Severity::off) return;
    out.push_back({code, level, r.id, r.path, line, std::move(message)});
  };

  std::set<std::string> chosen;
  std::vector<std::string> ids;
  for (const Revision* r : revisions) {
    chosen.insert(r->id);
    ids.push_back(r->id);
  }
  // Each revision against the schema its ancestors leave, in apply order.
  Schema schema;
  for (const auto& id : graph.ancestry(ids)) {
    const Revision& r = *graph.find(id);
    if (chosen.count(id)) {
      // Tables as the revision finds them (its own new tables have no rows
      // yet); objects as each op finds them (a generated revision drops a
      // view's users before the view).
      std::vector<SchemaObject> objects = schema.objects;
      for (const Op& op : r.upgrade) {
        std::set<std::string> ignored = ignored_codes(op);
        for (auto& f : lint_op(op, schema, settings.dialect, r.transactional, objects))
          if (!ignored.count(f.code)) report(f.code, r, op.mark.line, std::move(f.message));
        follow_objects(objects, op);
      }
      for (const Op& op : r.downgrade) ignored_codes(op);  // malformed ones are errors too
      if (r.downgrade.empty() && !r.upgrade.empty())
        report("GR502", r, r.mark.line,
               "revision " + r.id + " has an upgrade but an empty downgrade: it cannot be undone");
      if (!r.transactional && r.upgrade.size() > 1)
        report("GR503", r, r.mark.line,
               "revision " + r.id + " runs " + std::to_string(r.upgrade.size()) +
                   " operations outside a transaction: a failure half way leaves them half done; "
                   "give the non-transactional one a revision of its own");
    }
    replay_revision(schema, r);  // what raw SQL made cannot be followed: later rules see less
  }

  std::vector<std::string> heads;
  for (const auto& r : graph.revisions())
    if (graph.facts(r).is_head) heads.push_back(r.id);
  if (heads.size() > 1 && !revisions.empty()) {
    std::sort(heads.begin(), heads.end());
    const Revision& newest = *revisions.back();
    report("GR501", newest, newest.mark.line,
           "the graph has " + std::to_string(heads.size()) + " heads (" + text::join(heads) +
               "): `upgrade head` will refuse; join them with `migrate merge heads`");
  }
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return a.path != b.path ? a.path < b.path : a.line < b.line;
  });
  return out;
}

}  // namespace migrate
