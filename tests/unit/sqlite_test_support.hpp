#pragma once
// Shared by the SQLite and simulator tests: ops built as plain structs, a
// canonical text dump of schemas (so a failed comparison prints both
// sides), and a database that checks after every op that what SQLite
// reports equals what the simulator predicts.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/base/error.hpp"
#include "core/ops/apply.hpp"
#include "dialects/sqlite/compile.hpp"
#include "dialects/sqlite/connection.hpp"
#include "dialects/sqlite/types.hpp"

namespace migrate::sqlite_test {

inline const SourceMark kMark{"versions/abc123.yaml", 12, 5};

inline Op op(OpBody body) {
  return Op{std::move(body), kMark};
}

inline TableRef ref(const std::string& table) {
  return TableRef{"", table};
}

inline Column col(const std::string& name, const std::string& type, bool nullable = true,
                  std::optional<std::string> server_default = std::nullopt) {
  Column c;
  c.name = name;
  c.type = Type::parse(type);
  c.nullable = nullable;
  c.server_default = std::move(server_default);
  return c;
}

inline std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

inline std::vector<std::string> key_texts(const Index& ix) {
  std::vector<std::string> out;
  for (const auto& k : ix.keys) out.push_back(k.str());
  return out;
}

inline std::string dump(const Table& t) {
  std::ostringstream o;
  o << "table " << t.qualified_name() << "\n";
  for (const auto& c : t.columns)
    o << "  column " << c.name << " " << c.type.str() << (c.nullable ? " null" : " not-null")
      << (c.server_default ? " default=" + *c.server_default : "")
      << (c.autoincrement ? " autoincrement" : "") << (c.comment ? " comment=" + *c.comment : "")
      << "\n";
  if (t.primary_key)
    o << "  pk " << t.primary_key->name << " (" << join(t.primary_key->columns) << ")\n";
  std::vector<std::string> lines;
  for (const auto& ix : t.indexes)
    lines.push_back("  index " + ix.name + (ix.unique ? " unique" : "") + " (" +
                    join(key_texts(ix)) + ")");
  for (const auto& u : t.uniques)
    lines.push_back("  unique " + u.name + " (" + join(u.columns) + ")");
  for (const auto& f : t.foreign_keys)
    lines.push_back("  fk " + f.name + " (" + join(f.columns) + ") -> " + f.ref_table + " (" +
                    join(f.ref_columns) + ") delete=" + f.on_delete + " update=" + f.on_update);
  for (const auto& c : t.checks) lines.push_back("  check " + c.name + " (" + c.expression + ")");
  // Constraint order is not part of a table's meaning.
  std::sort(lines.begin(), lines.end());
  for (const auto& l : lines) o << l << "\n";
  return o.str();
}

inline std::string dump(const Schema& s) {
  std::vector<std::string> tables;
  for (const auto& t : s.tables) tables.push_back(dump(t));
  std::sort(tables.begin(), tables.end());
  std::string out;
  for (const auto& t : tables) out += t;
  return out;
}

// The simulated schema as SQLite will report it.
inline Schema as_stored(const Schema& s) {
  Schema out;
  for (const auto& t : s.tables) out.tables.push_back(sqlite::as_stored(t));
  return out;
}

inline std::string text(const Value& v) {
  return to_display(v);
}

// A database driven the way the runner drives it: each op compiled against
// the simulated schema, run in a transaction, then played on the simulator.
struct Db {
  SqliteDialect dialect;
  std::unique_ptr<Connection> conn;
  Schema sim;

  explicit Db(const std::string& path = ":memory:")
      : conn(std::make_unique<SqliteConnection>(path)) {}

  std::vector<Statement> compile(const Op& o) const { return dialect.compile(o, sim); }

  void run(const Op& o) {
    auto statements = compile(o);
    conn->begin();
    try {
      for (const auto& st : statements) conn->execute(st);
      conn->commit();
    } catch (...) {
      conn->rollback();
      throw;
    }
    apply_op(sim, o);
    check();
  }

  void check() {
    Schema live = dialect.inspect(*conn);
    CHECK(dump(live) == dump(as_stored(sim)));
    CHECK(conn->query({"PRAGMA foreign_key_check", {}}).empty());
  }

  void exec(const std::string& sql, std::vector<Value> params = {}) {
    conn->execute({sql, std::move(params)});
  }

  std::vector<Row> rows(const std::string& sql) { return conn->query({sql, {}}); }

  // Every row as text, for comparing contents before and after a rebuild.
  std::string contents(const std::string& sql) {
    std::string out;
    for (const auto& row : rows(sql)) {
      for (const auto& v : row) out += text(v) + "|";
      out += "\n";
    }
    return out;
  }

  std::int64_t count(const std::string& table) {
    return std::get<std::int64_t>(rows("SELECT count(*) FROM \"" + table + "\"").at(0).at(0));
  }
};

// The message of the InputError `f` throws ("" when it throws none).
template <class F>
std::string input_error_of(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

template <class F>
std::string database_error_of(F&& f) {
  try {
    f();
  } catch (const DatabaseError& e) {
    return e.what();
  }
  return "";
}

inline bool has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// users and posts, as in the spec's example model.
inline Table users_table() {
  Table t;
  t.name = "users";
  Column id = col("id", "integer", false);
  id.autoincrement = true;
  t.columns = {id, col("name", "varchar(100)", false), col("email", "varchar(255)"),
               col("is_active", "boolean", false, "true"),
               col("created_at", "timestamp", true, "CURRENT_TIMESTAMP")};
  t.primary_key = PrimaryKey{"pk_users", {"id"}};
  t.uniques = {UniqueConstraint{"uq_users_email", {"email"}}};
  t.indexes = {Index{"ix_users_name", {"name"}, false}};
  t.comment = "People who write posts";
  return t;
}

inline Table posts_table() {
  Table t;
  t.name = "posts";
  t.columns = {col("id", "integer", false), col("title", "varchar(200)", false),
               col("user_id", "integer", false), col("body", "text")};
  t.primary_key = PrimaryKey{"pk_posts", {"id"}};
  t.foreign_keys = {
      ForeignKey{"fk_posts_user_id_users", {"user_id"}, "", "users", {"id"}, "cascade", ""}};
  t.checks = {CheckConstraint{"ck_posts_title", "length(title) > 0"}};
  t.indexes = {Index{"ix_posts_user_id", {"user_id"}, false}};
  return t;
}

}  // namespace migrate::sqlite_test
