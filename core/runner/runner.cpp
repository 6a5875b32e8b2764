#include "core/runner/runner.hpp"

#include <algorithm>
#include <chrono>
#include <set>

#include "core/base/error.hpp"
#include "core/ops/apply.hpp"
#include "core/runner/preflight.hpp"
#include "core/runner/validate.hpp"

namespace migrate {
namespace {

// The schemas the steps' ops work in: MySQL inspects other databases only
// when asked.
std::vector<std::string> schemas_of(const std::vector<Step>& steps) {
  std::set<std::string> out;
  for (const Step& step : steps) {
    const Revision& rev = *step.revision;
    for (const auto* ops : {&rev.upgrade, &rev.downgrade})
      for (const Op& op : *ops) {
        if (!op.target().schema.empty()) out.insert(op.target().schema);
        // A view, function, ... in another database is read there too.
        if (const auto* c = std::get_if<CreateObject>(&op.body)) out.insert(c->object.schema);
        if (const auto* d = std::get_if<DropObject>(&op.body)) out.insert(d->schema);
        if (const auto* r = std::get_if<ReplaceObject>(&op.body)) out.insert(r->object.schema);
      }
    out.erase("");
  }
  return {out.begin(), out.end()};
}

std::string join(const std::vector<std::string>& v) {
  if (v.empty()) return "base";
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
  return out;
}

}  // namespace

Runner::Runner(const Dialect& dialect, Connection& conn, const Graph& graph, RunOptions options)
    : dialect_(dialect), conn_(conn), graph_(graph), options_(std::move(options)) {}

void Runner::exec(const Statement& st) {
  if (on_statement) on_statement(st);
  const auto started = std::chrono::steady_clock::now();
  conn_.execute(st);
  if (on_statement_done) on_statement_done(st, std::chrono::steady_clock::now() - started);
}

std::vector<std::string> Runner::current_heads() {
  if (!dialect_.has_table(conn_, options_.version_table)) return {};
  auto rows =
      conn_.query({"SELECT version_num FROM " + dialect_.quote_ident(options_.version_table), {}});
  std::vector<std::string> heads;
  for (const auto& row : rows)
    if (!row.empty() && std::holds_alternative<std::string>(row[0]))
      heads.push_back(std::get<std::string>(row[0]));
  std::sort(heads.begin(), heads.end());
  return heads;
}

void Runner::ensure_version_table() {
  const std::string& t = options_.version_table;
  // Alembic's shape, so a tool that reads alembic_version reads ours.
  exec({"CREATE TABLE IF NOT EXISTS " + dialect_.quote_ident(t) +
            " (version_num VARCHAR(32) NOT NULL, CONSTRAINT " + dialect_.quote_ident(t + "_pkc") +
            " PRIMARY KEY (version_num))",
        {}});
}

void Runner::move_heads(const std::vector<std::string>& from, const std::vector<std::string>& to) {
  std::vector<std::string> removed, added;
  for (const auto& h : from)
    if (std::find(to.begin(), to.end(), h) == to.end()) removed.push_back(h);
  for (const auto& h : to)
    if (std::find(from.begin(), from.end(), h) == from.end()) added.push_back(h);
  const std::string table = dialect_.quote_ident(options_.version_table);
  const std::string p1 = dialect_.placeholder(1), p2 = dialect_.placeholder(2);
  size_t i = 0;
  for (; i < removed.size() && i < added.size(); ++i)
    exec({"UPDATE " + table + " SET version_num = " + p1 + " WHERE version_num = " + p2,
          {added[i], removed[i]}});
  for (size_t j = i; j < removed.size(); ++j)
    exec({"DELETE FROM " + table + " WHERE version_num = " + p1, {removed[j]}});
  for (size_t j = i; j < added.size(); ++j)
    exec({"INSERT INTO " + table + " (version_num) VALUES (" + p1 + ")", {added[j]}});
}

std::vector<std::string> Runner::run(const std::vector<Step>& steps, std::vector<std::string> heads,
                                     const Schema& start_schema) {
  if (steps.empty()) return heads;
  const bool tx_ddl = dialect_.transactional_ddl();
  // One transaction for the whole run unless asked for one per revision, or
  // the dialect commits DDL implicitly anyway.
  const bool single_tx = tx_ddl && !options_.transaction_per_migration;
  bool in_tx = false;
  auto begin = [&] {
    if (!in_tx) {
      conn_.begin();
      in_tx = true;
    }
  };
  auto commit = [&] {
    if (in_tx) {
      conn_.commit();
      in_tx = false;
    }
  };
  std::vector<std::string> committed = heads;  // where the database stands if we fail now

  // Bad input is found before the first statement, whatever the dialect.
  check_name(dialect_, options_.version_table, NameKind::table, "version_table",
             options_.version_table_mark);
  if (history)
    check_name(dialect_, history->table(), NameKind::table, "history_table",
               options_.history_table_mark);
  const std::vector<std::string> schemas = schemas_of(steps);
  Schema schema = options_.offline ? start_schema : dialect_.inspect(conn_, schemas);
  preflight(steps, schema, dialect_, options_.offline);

  if (single_tx) begin();
  try {
    if (!options_.offline || heads.empty()) ensure_version_table();
    if (history) history->ensure();
  } catch (const DatabaseError&) {
    if (in_tx) conn_.rollback();
    throw;
  }
  for (const Step& step : steps) {
    const Revision& rev = *step.revision;
    const bool up = step.direction == Direction::up;
    const auto& ops = up ? rev.upgrade : rev.downgrade;
    if (!rev.transactional) {
      // e.g. CREATE INDEX CONCURRENTLY: must run outside any transaction.
      commit();
      committed = heads;
    } else {
      begin();  // per revision, or re-opened after a non-transactional revision
    }
    if (on_step) on_step(step);
    size_t op_index = 0;
    // A step outside a transaction leaves a "started" row until it ends, so
    // a run killed inside it is reported, not resumed over half its DDL.
    const bool outside_tx = !tx_ddl || !rev.transactional;
    const char* direction = up ? "upgrade" : "downgrade";
    const auto started = std::chrono::steady_clock::now();
    auto elapsed_ms = [&] {
      return static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                           std::chrono::steady_clock::now() - started)
                                           .count());
    };
    const std::string checksum = history ? revision_checksum(rev) : std::string();
    try {
      if (history && outside_tx) history->record(rev.id, direction, checksum, 0, "started");
      for (; op_index < ops.size(); ++op_index) {
        const Op& op = ops[op_index];
        for (const auto& st : dialect_.compile(op, schema)) exec(st);
        bool changed_unknown = std::holds_alternative<Execute>(op.body);
        if (!changed_unknown) {
          try {
            apply_op(schema, op, dialect_.name_rules());
          } catch (const InputError&) {
            changed_unknown = true;  // the op worked on something we did not know of
          }
        }
        // Raw SQL may change anything: read the schema again.
        if (changed_unknown && !options_.offline) schema = dialect_.inspect(conn_, schemas);
      }
      auto next = graph_.heads_after(heads, step);
      move_heads(heads, next);
      heads = std::move(next);
      if (history && outside_tx)
        history->finish(rev.id, elapsed_ms(), "done");
      else if (history)
        history->record(rev.id, direction, checksum, elapsed_ms(), "done");
      if (!single_tx || !rev.transactional) {
        commit();
        committed = heads;
      }
    } catch (const Error& e) {
      bool rolled_back = false;
      if (in_tx) {
        try {
          conn_.rollback();
          rolled_back = true;
        } catch (const DatabaseError&) {
        }
        in_tx = false;
      }
      if (history && outside_tx && !options_.offline) {
        try {
          history->finish(rev.id, elapsed_ms(), "failed");
        } catch (const Error&) {
          // The step's own error is the one to report.
        }
      }
      std::string where = std::string(up ? "upgrade" : "downgrade") + " of revision " + rev.id +
                          " (" + rev.path + ")";
      if (op_index < ops.size())
        where += ", operation " + std::to_string(op_index + 1) + " (" + ops[op_index].describe() +
                 (ops[op_index].mark.line ? ", line " + std::to_string(ops[op_index].mark.line)
                                          : std::string()) +
                 ")";
      std::string state;
      if (options_.offline) {
        state = "";
      } else if (rolled_back && tx_ddl) {
        state = "; rolled back, the database stands at " + join(committed);
      } else {
        state = "; the version table stands at " + join(committed) +
                (tx_ddl ? ""
                        : ", and this revision's statements before the failing one were "
                          "committed by the database (no transactional DDL)");
      }
      std::string message = where + " failed: " + e.what() + state;
      if (e.code() == ExitCode::database) throw DatabaseError(message);
      throw Error(e.code(), message);
    }
  }
  try {
    commit();
  } catch (const DatabaseError& e) {
    // The dialect rolled back (SQLite checks foreign keys at commit).
    throw DatabaseError(std::string("commit failed: ") + e.what() +
                        "; rolled back, the database stands at " + join(committed));
  }
  return heads;
}

// Stamping vouches for the revisions it puts the database on (their
// checksums become the recorded ones) and closes any interrupted step: the
// user has looked at the database and says where it stands.
void Runner::record_stamp(const std::vector<std::string>& from,
                          const std::vector<std::string>& to) {
  history->ensure();
  history->close_interrupted();
  std::vector<std::string> before_list, after_list;
  for (const auto& h : from)
    if (graph_.find(h)) before_list.push_back(h);
  for (const auto& h : to)
    if (graph_.find(h)) after_list.push_back(h);
  auto before = graph_.ancestry(before_list), after = graph_.ancestry(after_list);
  std::set<std::string> had(before.begin(), before.end()), has(after.begin(), after.end());
  for (const auto& id : before)
    if (!has.count(id)) history->record(id, "unstamp", "", 0, "done");
  for (const auto& id : after)
    if (!had.count(id))
      history->record(id, "stamp", revision_checksum(*graph_.find(id)), 0, "done");
}

std::vector<std::string> Runner::stamp(const std::vector<std::string>& heads,
                                       const std::vector<std::string>& targets, bool purge) {
  std::vector<std::string> next;
  if (!purge && !targets.empty()) {  // stamp base clears every row
    // Keep heads of branches that the targets neither contain nor build on.
    auto target_ancestry = graph_.ancestry(targets);
    std::set<std::string> related(target_ancestry.begin(), target_ancestry.end());
    for (const auto& t : targets)
      for (const auto& d : graph_.descendants(t)) related.insert(d);
    for (const auto& h : heads)
      if (!related.count(h) && graph_.find(h)) next.push_back(h);
  }
  for (const auto& t : targets)
    if (std::find(next.begin(), next.end(), t) == next.end()) next.push_back(t);
  check_name(dialect_, options_.version_table, NameKind::table, "version_table",
             options_.version_table_mark);
  if (history)
    check_name(dialect_, history->table(), NameKind::table, "history_table",
               options_.history_table_mark);
  conn_.begin();
  try {
    ensure_version_table();
    if (purge) {
      exec({"DELETE FROM " + dialect_.quote_ident(options_.version_table), {}});
      move_heads({}, next);
    } else {
      move_heads(heads, next);
    }
    if (history) record_stamp(heads, next);
    conn_.commit();
  } catch (const DatabaseError&) {
    if (!options_.offline) conn_.rollback();
    throw;
  }
  return next;
}

}  // namespace migrate
