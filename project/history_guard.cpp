#include "project/history_guard.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

#include "core/base/error.hpp"
#include "core/runner/validate.hpp"

namespace migrate::project {
namespace {

std::string os_user() {
  if (const passwd* pw = getpwuid(geteuid())) return pw->pw_name;
  const char* user = std::getenv("USER");
  return user ? user : "";
}

}  // namespace

History open_history(Database& db, const Config& cfg) {
  HistoryOptions o;
  o.table = cfg.history_table;
  o.tool_version = MIGRATE_VERSION;
  o.applied_by = db.dialect->current_user(*db.conn);
  if (o.applied_by.empty()) o.applied_by = os_user();
  return History(*db.dialect, *db.conn, o);
}

void guard_history(History& history, const Graph& graph, const std::vector<std::string>& heads,
                   const std::string& verb) {
  auto rows = history.read();
  auto stuck = interrupted_steps(rows);
  if (!stuck.empty()) {
    const HistoryRow& r = stuck.front();
    // What to look for in the database: the step's operations, in order.
    std::string ops;
    if (const Revision* rev = graph.find(r.revision)) {
      const auto& list = r.direction == "downgrade" ? rev->downgrade : rev->upgrade;
      for (size_t i = 0; i < list.size(); ++i)
        ops += (i ? "; " : "") + std::to_string(i + 1) + ". " + list[i].describe();
      ops = " Its operations: " + ops + " (" + rev->path + ").";
    }
    throw DatabaseError(
        "the " + r.direction + " of revision " + r.revision + " started at " + r.applied_at +
        " (by " + r.applied_by +
        ") ran outside a transaction and never finished: the process was killed or lost its "
        "connection, so some of its statements may have run." +
        ops +
        " Compare the database with them (migrate check, migrate inspect), finish or undo them "
        "by hand, then record where it stands with `migrate stamp REV`; " +
        verb + " refuses to run until then");
  }
  auto tampered = find_tampering(graph, heads, applied_checksums(rows));
  if (tampered.empty()) return;
  std::string message = verb + " refused: " + std::to_string(tampered.size()) +
                        " applied revision(s) no longer match what ran:";
  for (const auto& t : tampered) message += "\n  " + describe(t);
  message +=
      "\nRestore the file(s), or, if the database really is as the new content says, accept it "
      "with `migrate validate --accept REV`";
  throw Error(ExitCode::check_failed, message);
}

}  // namespace migrate::project
