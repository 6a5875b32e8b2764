#pragma once
// What core needs from a database dialect. Core never includes a dialect's
// own headers; dialects/registry.cpp maps a URL's scheme to one of these.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/value.hpp"
#include "core/compare/diff_rules.hpp"
#include "core/dialect/url.hpp"
#include "core/ops/ops.hpp"
#include "core/schema/not_modelled.hpp"
#include "core/schema/schema.hpp"
#include "core/sql/sql_fragment.hpp"

namespace migrate {

struct Statement {
  std::string sql;            // placeholders in the dialect's style (? or $1)
  std::vector<Value> params;  // bound, never spliced into sql
  // The user's own SQL (an execute op), which may hold several statements.
  // Anything else is one statement, and every connection refuses a second:
  // a name or expression that broke out of its place can at worst fail.
  bool script = false;
};

using Row = std::vector<Value>;

// What a name or a string literal is, for the limits a server sets on it.
enum class NameKind { schema, table, column, index, constraint, type };
enum class LiteralKind { table_comment, column_comment, enum_value, value };

class Connection {
 public:
  virtual ~Connection() = default;
  // Each throws DatabaseError with the server's message (never the password).
  virtual void execute(const Statement& st) = 0;
  virtual std::vector<Row> query(const Statement& st) = 0;
  // Hands each result row to `row` as it comes; for a catalog whose rows
  // outweigh the schema made of them. The default collects them first.
  virtual void each_row(const Statement& st, const std::function<void(const Row&)>& row) {
    for (const auto& r : query(st)) row(r);
  }
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  // The migration lock, taken before the version table is read and held to
  // the end, so two deploys never apply a revision twice. `name` identifies
  // the database and version table. Throws DatabaseError after
  // `timeout_seconds`. The default does nothing: SQLite serialises writers
  // with BEGIN IMMEDIATE instead.
  virtual void lock(const std::string& name, int timeout_seconds) {
    (void)name;
    (void)timeout_seconds;
  }
  virtual void unlock(const std::string& name) { (void)name; }
};

// What autogenerate asks of a database (normalize and what inspect can see)
// is DiffRules (core/compare/diff_rules.hpp), which a Dialect is.
class Dialect : public DiffRules {
 public:
  virtual ~Dialect() = default;
  virtual std::string name() const = 0;  // "sqlite", "postgresql", "mysql"
  // Whether DDL takes part in transactions (SQLite, PostgreSQL) or commits implicitly (MySQL).
  virtual bool transactional_ddl() const = 0;
  virtual std::string quote_ident(std::string_view ident) const = 0;
  virtual std::string placeholder(int index) const = 0;  // 1-based
  // A value as an SQL literal: only for offline --sql output.
  virtual std::string literal(const Value& v) const = 0;
  virtual std::unique_ptr<Connection> connect(const Url& url) const = 0;
  // How the server reads quotes and comments in the SQL a session sends,
  // for judging user SQL before it is spliced into DDL.
  virtual SqlSyntax sql_syntax() const { return {}; }
  // Why the server would refuse or silently change `name` (too long, NUL,
  // trailing spaces), or nullopt. The default refuses NUL.
  virtual std::optional<std::string> name_problem(std::string_view name, NameKind kind) const;
  // The same for a string that DDL carries as a literal, or that offline
  // mode writes as one (`offline`: no parameter binding to rely on).
  virtual std::optional<std::string> literal_problem(std::string_view text, LiteralKind kind,
                                                     bool offline) const;
  // Statements an offline script starts with, so its literals mean on any
  // server what they meant here (the settings an online session pins).
  virtual std::vector<std::string> offline_preamble() const { return {}; }
  // One statement of an offline script, terminated so that the database's
  // own client reads it as one (`script`: the user's SQL, several
  // statements meant to be split as written). The default adds ';'.
  virtual std::string offline_statement(const std::string& sql, bool script) const {
    (void)script;
    return sql + ";";
  }
  // The live schema, every table (the caller filters).
  virtual Schema inspect(Connection& conn) const = 0;
  // The same, plus the tables of `schemas` where the dialect reads only the
  // connection's own otherwise (MySQL: other databases, which may belong to
  // other applications, so only those the model or the revisions name).
  virtual Schema inspect(Connection& conn, const std::vector<std::string>& schemas) const {
    (void)schemas;
    return inspect(conn);
  }
  // Whether the schemas given to inspect change what it reads.
  virtual bool inspect_reads_named_schemas() const { return false; }
  // The statements for one op. `current` is the schema before the op: SQLite's
  // table rebuild and MySQL's MODIFY COLUMN need the full existing table.
  // Throws InputError (with op.mark) when the op cannot be done on this dialect.
  virtual std::vector<Statement> compile(const Op& op, const Schema& current) const = 0;
  // `objects` (the model's views, functions, ...) as this database would
  // store them: its canonical spelling of each definition, for compare
  // (CompareSettings::stored_objects). One it cannot make here keeps the
  // model's text. Empty: the database has no such form (the default), and
  // compare uses the model's text through normalize_object.
  virtual std::vector<SchemaObject> stored_objects(Connection& conn,
                                                   const std::vector<SchemaObject>& objects) const {
    (void)conn;
    (void)objects;
    return {};
  }
  // Who the session runs as, for the history table; "" where the database
  // has no users (SQLite), and the caller takes the OS user.
  virtual std::string current_user(Connection& conn) const {
    (void)conn;
    return "";
  }
  // Whether a table exists; the default inspects, dialects answer with one catalog query.
  virtual bool has_table(Connection& conn, const std::string& name) const;
  // What the database holds that inspect leaves out because the model cannot
  // say it (views, triggers, functions, generated columns, ...), in one
  // catalog query; never dropped silently (core/schema/not_modelled.hpp).
  virtual std::vector<NotModelled> not_modelled(Connection& conn) const {
    (void)conn;
    return {};
  }
  // How the database matches a quoted name to what it holds (SQLite ignores
  // case in every name, MySQL in column and index names). compile, the
  // simulator (apply_op) and the model's references follow them.
  virtual NameRules name_rules() const { return {}; }

 protected:
  // Runs `sql`, whose rows are kind, name, table and optionally the table's
  // schema, as text: the shape each dialect's not_modelled query answers in.
  static std::vector<NotModelled> read_not_modelled(Connection& conn, const std::string& sql);

 public:
  // --- Scratch databases (--dev-url, project/dev_database.hpp) ---
  // The database to connect to on a server to create another there, when the
  // URL names none ("": the server's default).
  virtual std::string maintenance_database() const { return ""; }
  // CREATE DATABASE / DROP DATABASE IF EXISTS `name` on the server `conn` is
  // connected to. SQLite has no server: its scratch databases live in memory.
  virtual void create_database(Connection& conn, const std::string& name) const;
  virtual void drop_database(Connection& conn, const std::string& name) const;
};

}  // namespace migrate
