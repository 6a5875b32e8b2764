#include "dialects/mysql/compile.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <set>
#include <stdexcept>

#include "core/base/error.hpp"
#include "core/base/text.hpp"
#include "core/dialect/ddl_text.hpp"
#include "core/dialect/object_ddl.hpp"
#include "core/ops/apply.hpp"
#include "core/schema/schema_object.hpp"
#include "core/sql/sql_lexer.hpp"
#include "dialects/mysql/connection.hpp"
#include "dialects/mysql/fk_index.hpp"
#include "dialects/mysql/inspect.hpp"
#include "dialects/mysql/partition_ddl.hpp"
#include "dialects/mysql/types.hpp"

namespace migrate {
namespace {

std::string qi(std::string_view ident) {
  std::string out = "`";
  for (char c : ident) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + "`";
}

std::string qname(const std::string& schema, const std::string& name) {
  return ddl::qualified(schema, name, qi);
}

std::string qref(const TableRef& r) {
  return qname(r.schema, r.table);
}

// Line ends and ^Z escaped too, so a script survives clients that translate
// line ends (or, on Windows, stop at ^Z).
std::string string_literal(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    switch (c) {
      case '\'':
        out += "''";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\0':
        out += "\\0";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\x1a':
        out += "\\Z";
        break;
      default:
        out += c;
    }
  }
  return out + "'";
}

size_t utf8_characters(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// An index key: a column, a prefix "column(10)", or (MySQL 8.0.13+ only) an
// expression, which MySQL takes in its own parentheses.
// Model expressions are standard SQL, where "x" names a column; MySQL reads
// "x" as a string unless ANSI_QUOTES is on, so such names get backticks.
std::string expression_sql(const std::string& expression) {
  std::vector<SqlToken> toks;
  try {
    toks = tokenize_sql(expression);
  } catch (const std::invalid_argument&) {
    return expression;
  }
  std::string out;
  size_t copied = 0;
  for (const auto& t : toks) {
    if (t.kind != SqlTokenKind::quoted_identifier || expression[t.begin] != '"') continue;
    out.append(expression, copied, t.begin - copied);
    out += qi(t.value);
    copied = t.end;
  }
  return out + expression.substr(copied);
}

std::string key_sql(const IndexKey& key) {
  std::string s = key.expression ? "(" + expression_sql(key.text) + ")" : qi(key.text);
  if (!key.expression && key.length) s += "(" + std::to_string(key.length) + ")";
  if (key.descending) s += " DESC";
  return s;
}

std::string key_list(const std::vector<IndexKey>& keys) {
  std::vector<std::string> out;
  for (const auto& k : keys) out.push_back(key_sql(k));
  return text::join(out);
}

std::string column_list(const std::vector<std::string>& cols) {
  return ddl::column_list(cols, qi);
}

std::string constraint(const std::string& name) {
  return ddl::constraint(name, qi);
}

// MySQL checks every key at once, row by row: none can wait for COMMIT.
void not_deferrable(const Deferrable& d, const std::string& name, const SourceMark& mark) {
  if (!d.empty())
    throw InputError(mark, "constraint \"" + name +
                               "\" is deferrable, which MySQL and MariaDB do not have; "
                               "leave out 'deferrable' for this database");
}

// An EXCLUDE constraint is PostgreSQL's alone.
[[noreturn]] void no_exclusions(const std::string& name, const SourceMark& mark) {
  throw InputError(mark, "exclusion constraint \"" + name +
                             "\": exclusion constraints are PostgreSQL's; MySQL and MariaDB have "
                             "none (leave `exclusions` out for this database)");
}

// MySQL's unique keys always take NULLs as distinct.
void nulls_distinct(const UniqueConstraint& u, const SourceMark& mark) {
  not_deferrable(u.deferrable, u.name, mark);
  if (u.nulls_not_distinct)
    throw InputError(mark, "unique constraint \"" + u.name +
                               "\" has nulls_not_distinct, which MySQL and MariaDB do not have; "
                               "leave it out for this database");
}

// AUTO_INCREMENT has no sequence of its own to hold them: it starts at the
// table's AUTO_INCREMENT option and steps by a server setting.
void no_identity_options(const Column& c, const SourceMark& mark) {
  if (c.identity_options != SequenceOptions{})
    throw InputError(mark, "column \"" + c.name +
                               "\" has identity options (start, increment, min_value, max_value, "
                               "cache, cycle), which only PostgreSQL has: MySQL and MariaDB "
                               "number AUTO_INCREMENT rows from the table's AUTO_INCREMENT "
                               "option; leave them out for this database");
}

std::string fk_sql(const ForeignKey& fk) {
  not_deferrable(fk.deferrable, fk.name, fk.mark);
  return ddl::foreign_key(fk, qi);
}

// TEXT, BLOB and JSON columns take only expression defaults on MySQL 8.
bool needs_expression_default(const Type& canonical) {
  const std::string& n = canonical.name;
  return n == "json" || n.find("text") != std::string::npos || n.find("blob") != std::string::npos;
}

std::string column_sql(const Column& c) {
  const Type canonical = mysql::canonical_type(c.type);
  std::string s = qi(c.name) + " " + mysql::type_sql(c.type);
  if (c.collation) s += " COLLATE " + qi(*c.collation);
  if (c.generated) {
    s += " GENERATED ALWAYS AS (" + expression_sql(c.generated->expression) + ")";
    s += c.generated->stored ? " STORED" : " VIRTUAL";
    if (!c.nullable) s += " NOT NULL";
    if (c.comment) s += " COMMENT " + string_literal(*c.comment);
    return s;
  }
  if (!c.nullable)
    s += " NOT NULL";
  else if (canonical.name == "timestamptz")
    s += " NULL";  // else MySQL with explicit_defaults_for_timestamp off makes it NOT NULL
  if (c.server_default) {
    std::string d = mysql::default_sql(expression_sql(*c.server_default));
    if (needs_expression_default(canonical) && d.front() != '(') d = "(" + d + ")";
    s += " DEFAULT " + d;
  }
  if (c.autoincrement) s += " AUTO_INCREMENT";
  if (c.comment) s += " COMMENT " + string_literal(*c.comment);
  return s;
}

std::string index_body(const Index& ix) {
  std::string s = qi(ix.name) + " (" + key_list(ix.keys) + ")";
  if (ix.unique) s += std::string(" COMMENT '") + mysql::kUniqueIndexComment + "'";
  // MariaDB's word (10.6); MySQL 8 says INVISIBLE.
  if (!ix.visible) s += " IGNORED";
  return s;
}

// "UNIQUE INDEX", "FULLTEXT INDEX", "INDEX": what CREATE ... and a table's
// definition say before the name.
std::string index_kind(const Index& ix, const SourceMark& mark) {
  for (const auto& k : ix.keys)
    if (!k.nulls.empty())
      throw InputError(mark, "index \"" + ix.name + "\" sorts NULLs " + k.nulls +
                                 ", which MySQL cannot say: its NULLs come first in ascending "
                                 "order and last in descending; leave out 'nulls'");
  for (const auto& k : ix.keys)
    if (!k.opclass.empty())
      throw InputError(mark, "index \"" + ix.name + "\" names an operator class (" + k.opclass +
                                 "), which only PostgreSQL has");
  if (!ix.include.empty() || ix.nulls_not_distinct)
    throw InputError(mark, "index \"" + ix.name +
                               "\" has include or nulls_not_distinct, which only PostgreSQL has");
  if (ix.method.empty()) return ix.unique ? "UNIQUE INDEX" : "INDEX";
  if (ix.method != "fulltext" && ix.method != "spatial")
    throw InputError(mark, "index \"" + ix.name + "\" has method: " + ix.method +
                               "; MySQL and MariaDB know fulltext and spatial (InnoDB's "
                               "others are btree)");
  if (ix.unique)
    throw InputError(mark, "index \"" + ix.name + "\" is a unique " + ix.method +
                               " index, which MySQL does not have");
  return text::upper(ix.method) + " INDEX";
}

const Table* find_table(const Schema& s, const TableRef& r) {
  return s.table(r.table, r.schema);
}

// Views, triggers, functions and procedures; MariaDB's sequences are not
// modelled, and neither database has materialized views.
void supported_kind(ObjectKind k, const SourceMark& mark) {
  if (k == ObjectKind::materialized_view || k == ObjectKind::sequence || k == ObjectKind::domain ||
      k == ObjectKind::extension)
    throw InputError(mark, std::string("mysql has no ") + object_noun(k) +
                               "s that migrate models; keep this operation to postgresql (execute "
                               "with per-dialect SQL)");
}

// A trigger's or routine's definition is its CREATE statement: one statement
// to the server (the client's DELIMITER is not needed over the C API).
std::string create_object(const SchemaObject& o, const SourceMark& mark) {
  supported_kind(o.kind, mark);
  if (o.kind == ObjectKind::view) return ddl::create_view(o, qi);
  return o.definition;
}

void reject_partial(const Index& ix, const SourceMark& mark) {
  if (ix.where.empty()) return;
  throw InputError(mark, "index \"" + ix.name +
                             "\" has 'where:', but MySQL and MariaDB have no partial indexes; "
                             "remove 'where:' for this database");
}

void reject_enum_ops(const Op& op) {
  if (!std::holds_alternative<CreateEnum>(op.body) && !std::holds_alternative<DropEnum>(op.body) &&
      !std::holds_alternative<AlterEnum>(op.body))
    return;
  throw InputError(op.mark, op.kind() +
                                ": MySQL and MariaDB have no named enum types; write the column "
                                "type inline instead, e.g. type: \"enum('a','b')\"");
}

void reject_partial_indexes(const Op& op) {
  if (const auto* ct = std::get_if<CreateTable>(&op.body))
    for (const auto& ix : ct->table.indexes) reject_partial(ix, op.mark);
  if (const auto* ci = std::get_if<CreateIndex>(&op.body)) reject_partial(ci->index, op.mark);
}

// A column declared without a type is SQLite's alone.
void reject_typeless(const Op& op) {
  auto check = [&](const Type& t, const std::string& column, const std::string& table) {
    if (t.name.empty())
      throw InputError(op.mark, "column \"" + column + "\" of table \"" + table +
                                    "\" has no type: only SQLite has columns without one; give "
                                    "it a type");
  };
  if (const auto* ct = std::get_if<CreateTable>(&op.body))
    for (const auto& c : ct->table.columns) check(c.type, c.name, ct->table.qualified_name());
  if (const auto* ac = std::get_if<AddColumn>(&op.body))
    check(ac->column.type, ac->column.name, ac->ref.qualified());
  if (const auto* al = std::get_if<AlterColumn>(&op.body))
    if (al->type) check(*al->type, al->column, al->ref.qualified());
}

// CREATE TABLE's trailing options; names were checked when read (table_yaml).
std::string table_options_sql(const Table& t) {
  std::string s;
  if (t.mysql_engine) s += " ENGINE=" + qi(*t.mysql_engine);
  if (t.mysql_charset) s += " DEFAULT CHARSET=" + qi(*t.mysql_charset);
  if (t.mysql_collate) s += " COLLATE=" + qi(*t.mysql_collate);
  // A keyword, not a name (read_mysql_option let only letters, digits and _ through).
  if (t.mysql_row_format) s += " ROW_FORMAT=" + text::upper(*t.mysql_row_format);
  if (t.comment) s += " COMMENT=" + string_literal(*t.comment);
  return s;
}

// A column whose character set comes from its table's default: a text type
// that names neither a character set nor a collation.
bool inherits_charset(const Column& c) {
  const Type canonical = mysql::canonical_type(c.type);
  const std::string& n = canonical.name;
  const bool text = n == "char" || n == "varchar" || n == "enum" || n == "set" ||
                    n.find("text") != std::string::npos;
  const std::string written = c.type.str();  // "text character set x" keeps it in the name
  return text && written.find("character set") == std::string::npos &&
         written.find("charset") == std::string::npos &&
         written.find("collate") == std::string::npos;
}

}  // namespace

std::string MysqlDialect::quote_ident(std::string_view ident) const {
  return qi(ident);
}

std::string MysqlDialect::literal(const Value& v) const {
  struct Visitor {
    std::string operator()(std::monostate) const { return "NULL"; }
    std::string operator()(bool b) const { return b ? "TRUE" : "FALSE"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const {
      if (!std::isfinite(d))
        throw InputError("MySQL has no literal for " + fmt::format("{}", d) +
                         " (no NaN or infinity in its number types)");
      return fmt::format("{}", d);
    }
    std::string operator()(const std::string& s) const { return string_literal(s); }
  };
  return std::visit(Visitor{}, v);
}

SqlSyntax MysqlDialect::sql_syntax() const {
  SqlSyntax s;
  s.backslash_escapes = true;
  s.double_quoted_strings = true;
  s.backtick_identifiers = true;
  s.hash_comments = true;
  s.dash_comment_needs_space = true;
  return s;
}

std::optional<std::string> MysqlDialect::name_problem(std::string_view name, NameKind kind) const {
  if (auto p = Dialect::name_problem(name, kind)) return p;
  if (size_t n = utf8_characters(name); n > 64)
    return fmt::format("is {} characters long; MySQL and MariaDB allow 64", n);
  if (!name.empty() && name.back() == ' ')
    return "ends with a space, which MySQL and MariaDB refuse in names";
  for (unsigned char c : name)
    if (c >= 0xF0)
      return "holds a character beyond U+FFFF, which MySQL and MariaDB names cannot hold";
  return std::nullopt;
}

std::optional<std::string> MysqlDialect::literal_problem(std::string_view text, LiteralKind kind,
                                                         bool offline) const {
  // A NUL travels as \0 in a literal and as itself when bound.
  if (kind == LiteralKind::value) return std::nullopt;
  if (auto p = Dialect::literal_problem(text, kind, offline)) return p;
  const bool comment = kind == LiteralKind::table_comment || kind == LiteralKind::column_comment;
  // The data dictionary keeps comments in utf8mb3: the rest would be cut off.
  if (comment)
    for (unsigned char c : text)
      if (c >= 0xF0)
        return "holds a character beyond U+FFFF, which MySQL and MariaDB cannot keep in a "
               "comment";
  // Outside strict mode the server cuts a longer comment with a warning.
  const size_t limit = kind == LiteralKind::table_comment ? 2048 : 1024;
  if (comment && utf8_characters(text) > limit)
    return fmt::format("is {} characters long; MySQL keeps at most {} of a {} comment",
                       utf8_characters(text), limit,
                       kind == LiteralKind::table_comment ? "table" : "column");
  return std::nullopt;
}

// Online sessions drop the mode at connect (dialects/mysql/connection.cpp).
std::vector<std::string> MysqlDialect::offline_preamble() const {
  // The script's text is UTF-8 whatever the client's default character set.
  return {"SET NAMES utf8mb4", kBackslashEscapesOn};
}

std::string MysqlDialect::offline_statement(const std::string& sql, bool script) const {
  if (script || sql.find(';') == std::string::npos) return sql + ";";
  std::string delimiter = "$$";
  while (sql.find(delimiter) != std::string::npos) delimiter += "$";
  return "DELIMITER " + delimiter + "\n" + sql + delimiter + "\nDELIMITER ;";
}

std::unique_ptr<Connection> MysqlDialect::connect(const Url& url) const {
  return std::make_unique<MysqlConnection>(url);
}

Schema MysqlDialect::inspect(Connection& conn) const {
  return mysql::inspect(conn);
}

Schema MysqlDialect::inspect(Connection& conn, const std::vector<std::string>& schemas) const {
  return mysql::inspect(conn, schemas);
}

bool MysqlDialect::follows_table_charset(const Column& c) const {
  return inherits_charset(c);
}

std::string MysqlDialect::current_user(Connection& conn) const {
  auto rows = conn.query({"SELECT CURRENT_USER()", {}});
  if (rows.empty() || rows[0].empty()) return "";
  const auto* user = std::get_if<std::string>(&rows[0][0]);
  return user ? *user : "";
}

bool MysqlDialect::has_table(Connection& conn, const std::string& name) const {
  // A name no table can have (the catalog is utf8mb3: comparing a character
  // beyond U+FFFF with it is an error, not a miss).
  if (name_problem(name, NameKind::table)) return false;
  return mysql::has_table(conn, name);
}

std::vector<Statement> MysqlDialect::compile(const Op& written, const Schema& current) const {
  // Column and index names as the schema spells them (MySQL ignores their case).
  const Op op = resolve_names(written, current, name_rules());
  reject_partial_indexes(op);
  reject_enum_ops(op);
  reject_typeless(op);
  std::vector<Statement> out;
  auto emit = [&](std::string sql) { out.push_back({std::move(sql), {}}); };
  auto alter = [&](const TableRef& r, const std::string& rest) {
    emit("ALTER TABLE " + qref(r) + " " + rest);
  };
  // Dropping the index a foreign key stands on is refused (error 1553).
  // Such keys are dropped with it and added again, so that MySQL gives them
  // an index of its own: one it will drop by itself when another comes.
  auto drop_index = [&](const TableRef& r, const std::string& name) {
    const Table* t = find_table(current, r);
    std::vector<const ForeignKey*> keys;
    if (t) keys = mysql::keys_needing(*t, name);
    std::string sql;
    for (const ForeignKey* fk : keys) sql += "DROP FOREIGN KEY " + qi(fk->name) + ", ";
    alter(r, sql + "DROP INDEX " + qi(name));
    for (const ForeignKey* fk : keys) alter(r, "ADD " + fk_sql(*fk));
  };
  std::visit(
      Overloaded{
          [&](const CreateTable& o) {
            const Table& t = o.table;
            if (!t.exclusions.empty()) no_exclusions(t.exclusions[0].name, op.mark);
            std::vector<std::string> parts;
            for (const auto& c : t.columns) {
              no_identity_options(c, op.mark);
              parts.push_back(column_sql(c));
            }
            if (t.primary_key)
              parts.push_back("PRIMARY KEY (" + column_list(t.primary_key->columns) + ")");
            for (const auto& u : t.uniques)
              parts.push_back(constraint(u.name) + "UNIQUE (" + column_list(u.columns) + ")");
            for (const auto& u : t.uniques) nulls_distinct(u, op.mark);
            for (const auto& ix : t.indexes)
              parts.push_back(index_kind(ix, op.mark) + " " + index_body(ix));
            for (const auto& fk : t.foreign_keys) parts.push_back(fk_sql(fk));
            for (const auto& ck : t.checks)
              parts.push_back(constraint(ck.name) + "CHECK (" + expression_sql(ck.expression) +
                              ")");
            emit("CREATE TABLE " + qname(t.schema, t.name) + " (\n  " + text::join(parts, ",\n  ") +
                 "\n)" + table_options_sql(t) +
                 mysql::partition_clause(t.partition_by, t.partitions));
          },
          [&](const DropTable& o) { emit("DROP TABLE " + qref(o.ref)); },
          [&](const RenameTable& o) {
            emit("RENAME TABLE " + qref(o.ref) + " TO " + qname(o.ref.schema, o.new_name));
          },
          [&](const AddColumn& o) {
            no_identity_options(o.column, op.mark);
            std::string place;
            if (o.position.first) place = " FIRST";
            if (!o.position.after.empty()) place = " AFTER " + qi(o.position.after);
            alter(o.ref, "ADD COLUMN " + column_sql(o.column) + place);
            for (const auto& u : o.uniques)
              alter(o.ref, "ADD " + constraint(u.name) + "UNIQUE (" + column_list(u.columns) + ")");
            for (const auto& u : o.uniques) nulls_distinct(u, op.mark);
            for (const auto& fk : o.foreign_keys) alter(o.ref, "ADD " + fk_sql(fk));
          },
          [&](const DropColumn& o) { alter(o.ref, "DROP COLUMN " + qi(o.column)); },
          [&](const AlterColumn& o) {
            // MODIFY/CHANGE replace the whole definition: start from the column as it is.
            // (Column names ignore case: `Email` is the column email.)
            const Table* t = find_table(current, o.ref);
            const Column* existing = t ? t->column(o.column) : nullptr;
            Column c;
            if (existing) {
              c = *existing;
            } else {
              if (!o.existing_type && !o.type)
                throw InputError(op.mark, "alter_column " + o.ref.qualified() + "." + o.column +
                                              ": MySQL restates the whole column, and the table "
                                              "is not known here; give existing_type (and "
                                              "existing_nullable, existing_server_default, "
                                              "existing_comment)");
              c.name = o.column;
              if (o.existing_type) c.type = *o.existing_type;
              c.nullable = o.existing_nullable.value_or(true);
              if (o.existing_server_default) c.server_default = *o.existing_server_default;
              if (o.existing_comment) c.comment = *o.existing_comment;
              c.autoincrement = o.existing_autoincrement.value_or(false);
            }
            if (o.identity_options) {
              c.identity_options = *o.identity_options;
              no_identity_options(c, op.mark);
            }
            const bool only_rename = o.new_name && !o.type && !o.nullable && !o.server_default &&
                                     !o.comment && !o.autoincrement && !o.collation;
            if (only_rename && existing) {
              alter(o.ref, "RENAME COLUMN " + qi(o.column) + " TO " + qi(*o.new_name));
              return;
            }
            if (o.type) c.type = *o.type;
            if (o.nullable) c.nullable = *o.nullable;
            if (o.server_default) c.server_default = *o.server_default;
            if (o.comment) c.comment = *o.comment;
            if (o.autoincrement) c.autoincrement = *o.autoincrement;
            if (o.collation) c.collation = *o.collation;
            if (o.new_name) {
              c.name = *o.new_name;
              alter(o.ref, "CHANGE COLUMN " + qi(o.column) + " " + column_sql(c));
            } else {
              alter(o.ref, "MODIFY COLUMN " + column_sql(c));
            }
          },
          [&](const CreateIndex& o) {
            emit("CREATE " + index_kind(o.index, op.mark) + " " + qi(o.index.name) + " ON " +
                 qref(o.ref) + " (" + key_list(o.index.keys) + ")" +
                 (o.index.unique ? std::string(" COMMENT '") + mysql::kUniqueIndexComment + "'"
                                 : std::string()) +
                 (o.index.visible ? "" : " IGNORED"));
          },
          [&](const DropIndex& o) { drop_index(o.ref, o.name); },
          [&](const CreateUniqueConstraint& o) {
            nulls_distinct(o.constraint, op.mark);
            alter(o.ref, "ADD " + constraint(o.constraint.name) + "UNIQUE (" +
                             column_list(o.constraint.columns) + ")");
          },
          [&](const CreateForeignKey& o) { alter(o.ref, "ADD " + fk_sql(o.constraint)); },
          [&](const CreateCheckConstraint& o) {
            alter(o.ref, "ADD " + constraint(o.constraint.name) + "CHECK (" +
                             expression_sql(o.constraint.expression) + ")");
          },
          [&](const CreatePrimaryKey& o) {
            alter(o.ref, "ADD PRIMARY KEY (" + column_list(o.constraint.columns) + ")");
          },
          [&](const CreateExclusionConstraint& o) { no_exclusions(o.constraint.name, op.mark); },
          [&](const DropExclusionConstraint& o) { no_exclusions(o.name, op.mark); },
          [&](const DropConstraint& o) {
            const Table* t = find_table(current, o.ref);
            ConstraintKind kind = o.kind;
            const ForeignKey* fk = std::get_if<ForeignKey>(&o.existing);
            if (t) {
              for (const auto& k : t->foreign_keys)
                if (k.name == o.name) {
                  kind = ConstraintKind::foreign_key;
                  fk = &k;
                }
              if (kind == ConstraintKind::unknown) {
                for (const auto& u : t->uniques)
                  if (u.name == o.name) kind = ConstraintKind::unique;
                for (const auto& c : t->checks)
                  if (c.name == o.name) kind = ConstraintKind::check;
                if (t->primary_key && t->primary_key->name == o.name && !o.name.empty())
                  kind = ConstraintKind::primary_key;
              }
            }
            switch (kind) {
              case ConstraintKind::foreign_key:
                alter(o.ref, "DROP FOREIGN KEY " + qi(o.name));
                // MySQL keeps the index it made for the key; the model never had it.
                if (t && fk && !mysql::has_index_for(*t, fk->columns))
                  alter(o.ref, "DROP INDEX " + qi(mysql::implicit_index_name(*t, *fk)));
                break;
              case ConstraintKind::unique:
                drop_index(o.ref, o.name);
                break;
              case ConstraintKind::primary_key:
                alter(o.ref, "DROP PRIMARY KEY");
                break;
              default:  // check, or a name we cannot place: MariaDB 10.2+ and MySQL 8.0.19+
                alter(o.ref, "DROP CONSTRAINT " + qi(o.name));
            }
          },
          [&](const Execute& o) {
            const std::string* sql = o.for_dialect("mysql");
            if (!sql)
              throw InputError(op.mark,
                               "execute has no SQL for mysql: add a `mysql:` or `default:` entry");
            out.push_back({*sql, {}, true});
          },
          [&](const AlterTableComment& o) {
            // MySQL has no NULL comment: an empty one is none.
            emit("ALTER TABLE " + qref(o.ref) +
                 " COMMENT = " + string_literal(o.comment.value_or("")));
          },
          [&](const CreateObject& o) { emit(create_object(o.object, op.mark)); },
          [&](const DropObject& o) {
            supported_kind(o.kind, op.mark);
            emit(ddl::drop_object(o.kind, o.schema, o.name, qi));
          },
          [&](const ReplaceObject& o) {
            const SchemaObject& x = o.object;
            if (x.kind == ObjectKind::view) {
              emit(ddl::create_view(x, qi, true));
              return;
            }
            // Triggers and routines have no CREATE OR REPLACE in MySQL.
            supported_kind(x.kind, op.mark);
            emit(ddl::drop_object(x.kind, x.schema, x.name, qi));
            emit(create_object(x, op.mark));
          },
          // Refused by reject_enum_ops above.
          [&](const CreateEnum&) {},
          [&](const DropEnum&) {},
          [&](const AlterEnum&) {},
          [&](const AlterTableOptions& o) {
            std::vector<std::string> parts;
            if (o.mysql_engine) parts.push_back("ENGINE = " + qi(*o.mysql_engine));
            if (o.mysql_charset) parts.push_back("DEFAULT CHARACTER SET = " + qi(*o.mysql_charset));
            if (o.mysql_collate) parts.push_back("COLLATE = " + qi(*o.mysql_collate));
            if (o.mysql_row_format)
              parts.push_back("ROW_FORMAT = " + text::upper(*o.mysql_row_format));
            if (parts.empty()) return;  // SQLite's options only
            alter(o.ref, text::join(parts, ", "));
            if (!o.mysql_charset && !o.mysql_collate) return;
            // A new default reaches only columns made later; the columns that
            // had the old one follow it here, each keeping its type (CONVERT
            // TO would also rewrite columns with a character set of their own,
            // and turn TEXT into MEDIUMTEXT on the way to a wider one).
            const Table* t = find_table(current, o.ref);
            std::vector<const Column*> follow;
            if (o.columns) {
              for (const auto& name : *o.columns) {
                const Column* c = t ? t->column(name) : nullptr;
                if (!c)
                  throw InputError(op.mark, "alter_table_options: column '" + name + "' of " +
                                                o.ref.qualified() +
                                                " is not known here, and MySQL restates the "
                                                "whole column to give it the new character set");
                follow.push_back(c);
              }
            } else if (t) {
              for (const auto& c : t->columns)
                if (inherits_charset(c)) follow.push_back(&c);
            }
            const std::string charset =
                o.mysql_charset ? *o.mysql_charset
                                : o.mysql_collate->substr(0, o.mysql_collate->find('_'));
            std::string clause = "character set " + charset;
            if (o.mysql_collate) clause += " collate " + *o.mysql_collate;
            for (const Column* col : follow) {
              Column c = *col;
              c.type.suffix = c.type.suffix.empty() ? clause : c.type.suffix + " " + clause;
              alter(o.ref, "MODIFY COLUMN " + column_sql(c));
            }
          },
          [&](const AddPartition& o) {
            for (auto& sql : mysql::partition_op_sql(o, current, op.mark)) emit(std::move(sql));
          },
          [&](const DropPartition& o) {
            for (auto& sql : mysql::partition_op_sql(o, current, op.mark)) emit(std::move(sql));
          },
          [&](const AlterPartitioning& o) {
            for (auto& sql : mysql::partition_op_sql(o)) emit(std::move(sql));
          },
          [&](const BulkInsert& o) {
            for (const auto& row : o.rows) {
              std::vector<std::string> cols, marks;
              Statement st;
              for (const auto& [name, value] : row) {
                cols.push_back(qi(name));
                marks.push_back("?");
                st.params.push_back(value);
              }
              st.sql = "INSERT INTO " + qref(o.ref) + " (" + text::join(cols) + ") VALUES (" +
                       text::join(marks) + ")";
              out.push_back(std::move(st));
            }
          },
      },
      op.body);
  return out;
}

}  // namespace migrate
