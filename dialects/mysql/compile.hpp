#pragma once
// Ops -> MySQL/MariaDB SQL. MySQL commits every DDL statement implicitly, so
// the runner records progress after each revision; compile keeps each op to
// statements that are each complete on their own. MODIFY COLUMN restates the
// whole column, so an alter_column that changes one attribute keeps the
// others (from the current schema, or the op's existing_* fields).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/dialect/dialect.hpp"

namespace migrate {

class MysqlDialect : public Dialect {
 public:
  std::string name() const override { return "mysql"; }
  bool transactional_ddl() const override { return false; }
  std::string quote_ident(std::string_view ident) const override;
  std::string placeholder(int) const override { return "?"; }
  // Strings with quotes doubled and backslashes escaped: sessions run
  // without NO_BACKSLASH_ESCAPES (connection.cpp, offline_preamble).
  std::string literal(const Value& v) const override;
  std::unique_ptr<Connection> connect(const Url& url) const override;
  SqlSyntax sql_syntax() const override;
  std::optional<std::string> name_problem(std::string_view name, NameKind kind) const override;
  std::optional<std::string> literal_problem(std::string_view text, LiteralKind kind,
                                             bool offline) const override;
  std::vector<std::string> offline_preamble() const override;
  // A trigger's or routine's body holds ';': the mysql client would cut it
  // there, so it goes between DELIMITER lines.
  std::string offline_statement(const std::string& sql, bool script) const override;
  Schema inspect(Connection& conn) const override;
  Schema inspect(Connection& conn, const std::vector<std::string>& schemas) const override;
  bool inspect_reads_named_schemas() const override { return true; }
  std::vector<Statement> compile(const Op& op, const Schema& current) const override;
  bool has_table(Connection& conn, const std::string& name) const override;
  // inventory.cpp
  std::vector<NotModelled> not_modelled(Connection& conn) const override;
  std::string current_user(Connection& conn) const override;
  // dialects/mysql/normalize.cpp
  Table normalize(const Table& t) const override;
  bool keeps_table_options() const override { return true; }
  bool places_columns() const override { return true; }
  bool has_partitions() const override { return true; }
  bool repartitions_in_place() const override { return true; }
  bool orders_partitions() const override { return true; }
  bool has_object_kind(ObjectKind k) const override {
    return k == ObjectKind::view || k == ObjectKind::trigger || k == ObjectKind::function ||
           k == ObjectKind::procedure;
  }
  // dialects/mysql/normalize_objects.cpp: the model's definitions and the
  // server's rewrites of them (a view's qualified columns and added
  // aliases, SHOW CREATE's characteristics) in one spelling.
  SchemaObject normalize_object(const SchemaObject& o) const override;
  bool alters_autoincrement() const override { return true; }
  // Column and index names ignore case on MySQL; table names follow the
  // server's lower_case_table_names (0, exact, on Linux), and are kept exact.
  NameRules name_rules() const override { return {false, true}; }
  bool follows_table_charset(const Column& c) const override;
};

}  // namespace migrate
