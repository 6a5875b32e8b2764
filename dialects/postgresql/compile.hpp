#pragma once
// Ops -> PostgreSQL SQL. PostgreSQL's ALTER TABLE does everything in place
// and its DDL is transactional, so each op is a few direct statements.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/dialect/dialect.hpp"

namespace migrate {

class PostgresDialect : public Dialect {
 public:
  std::string name() const override { return "postgresql"; }
  bool transactional_ddl() const override { return true; }
  bool has_enum_types() const override { return true; }
  bool alters_autoincrement() const override { return true; }
  std::string quote_ident(std::string_view ident) const override;
  std::string placeholder(int index) const override { return "$" + std::to_string(index); }
  std::string literal(const Value& v) const override;
  std::unique_ptr<Connection> connect(const Url& url) const override;
  SqlSyntax sql_syntax() const override;
  std::optional<std::string> name_problem(std::string_view name, NameKind kind) const override;
  std::optional<std::string> literal_problem(std::string_view text, LiteralKind kind,
                                             bool offline) const override;
  std::vector<std::string> offline_preamble() const override;
  Schema inspect(Connection& conn) const override;
  std::vector<Statement> compile(const Op& op, const Schema& current) const override;
  bool has_table(Connection& conn, const std::string& name) const override;
  // inventory.cpp
  std::vector<NotModelled> not_modelled(Connection& conn) const override;
  std::string current_user(Connection& conn) const override;
  // libpq's default database is the user's own, which seldom exists on a shared server.
  std::string maintenance_database() const override { return "postgres"; }
  void drop_database(Connection& conn, const std::string& name) const override;
  // dialects/postgresql/normalize.cpp
  Table normalize(const Table& t) const override;
  SchemaObject normalize_object(const SchemaObject& o) const override;
  bool has_object_kind(ObjectKind) const override { return true; }
  bool has_partitions() const override { return true; }
  bool has_exclusion_constraints() const override { return true; }
  // dialects/postgresql/stored_objects.cpp: each made in a transaction that
  // is rolled back, and read back as inspect reads it.
  std::vector<SchemaObject> stored_objects(Connection& conn,
                                           const std::vector<SchemaObject>& objects) const override;
};

namespace postgresql {
// CREATE [UNIQUE] INDEX ... [WHERE ...]: shared with the enum rebuild, which
// puts back the indexes that use a converted column.
std::string create_index_sql(const TableRef& ref, const Index& ix);
// One key of an index (or exclusion constraint): "col" or (expr), then its
// operator class, DESC and NULLS.
std::string key_sql(const IndexKey& k);
std::string check_sql(const CheckConstraint& ck);  // CONSTRAINT "name" CHECK (...)
// A string literal that reads back as `s` whatever standard_conforming_strings
// is: plain '...' when it holds no backslash or control character, else E'...'.
std::string string_literal(std::string_view s);
}  // namespace postgresql

}  // namespace migrate
