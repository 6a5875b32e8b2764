#pragma once
// Ops -> SQLite SQL. What SQLite's ALTER TABLE cannot do is done by
// rebuilding the table (see rebuild_table in compile.cpp), inside the
// caller's transaction.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/dialect/dialect.hpp"

namespace migrate {

class SqliteDialect : public Dialect {
 public:
  std::string name() const override { return "sqlite"; }
  bool transactional_ddl() const override { return true; }
  std::string quote_ident(std::string_view ident) const override;
  std::string placeholder(int) const override { return "?"; }
  std::string literal(const Value& v) const override;
  std::unique_ptr<Connection> connect(const Url& url) const override;
  SqlSyntax sql_syntax() const override;
  Schema inspect(Connection& conn) const override;
  std::vector<Statement> compile(const Op& op, const Schema& current) const override;
  bool has_table(Connection& conn, const std::string& name) const override;
  // inventory.cpp
  std::vector<NotModelled> not_modelled(Connection& conn) const override;
  // dialects/sqlite/normalize.cpp
  Table normalize(const Table& t) const override;
  SchemaObject normalize_object(const SchemaObject& o) const override;
  bool has_object_kind(ObjectKind k) const override {
    return k == ObjectKind::view || k == ObjectKind::trigger;
  }
  bool keeps_comments() const override { return false; }
  bool keeps_rowid_options() const override { return true; }
  bool places_columns() const override { return true; }
  // SQLite matches every name without regard to (ASCII) case, quoted or not.
  NameRules name_rules() const override { return {true, true}; }
};

namespace sqlite {

// CREATE TABLE for `t` under `name` (the rebuild creates it under a
// temporary name): columns, then the primary key, unique, foreign key and
// check constraints, named where the model names them. Indexes are separate.
// Throws InputError at `mark` for what SQLite cannot store (AUTOINCREMENT
// other than on a lone integer primary key).
std::string create_table_sql(const Table& t, const std::string& name, const SourceMark& mark);

std::string create_index_sql(const Table& t, const Index& ix);

}  // namespace sqlite
}  // namespace migrate
