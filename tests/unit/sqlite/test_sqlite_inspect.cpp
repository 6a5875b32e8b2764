// SQLite inspect on databases that migrate did not create.
#include <doctest/doctest.h>

#include "dialects/sqlite/inspect.hpp"
#include "tests/unit/sqlite_test_support.hpp"

using namespace migrate;
using namespace migrate::sqlite_test;

namespace {

// Counts catalog queries, to hold inspect to a fixed number.
class CountingConnection : public Connection {
 public:
  explicit CountingConnection(Connection& inner) : inner_(inner) {}
  void execute(const Statement& st) override { inner_.execute(st); }
  std::vector<Row> query(const Statement& st) override {
    ++queries;
    return inner_.query(st);
  }
  void begin() override { inner_.begin(); }
  void commit() override { inner_.commit(); }
  void rollback() override { inner_.rollback(); }
  int queries = 0;

 private:
  Connection& inner_;
};

}  // namespace

TEST_CASE("sqlite inspect: hand-written DDL") {
  SqliteConnection c(":memory:");
  c.execute({R"sql(
    CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL);
    CREATE TABLE "book list" (
      isbn CHAR(13) NOT NULL,
      edition INT NOT NULL DEFAULT 1,
      author INTEGER REFERENCES authors ON DELETE SET NULL,
      title TEXT CHECK (length(title) > 0),
      price NUMERIC(8, 2) DEFAULT (0.0),
      CONSTRAINT "pk book" PRIMARY KEY (isbn, edition)
    );
    CREATE INDEX ix_books_title ON "book list" (lower(title), price DESC);
    CREATE UNIQUE INDEX ix_books_author ON "book list" (author, title);
    CREATE TABLE counter (n INTEGER PRIMARY KEY AUTOINCREMENT);
    INSERT INTO counter DEFAULT VALUES;
    CREATE TABLE t_generated (a INT, b INT GENERATED ALWAYS AS (a * 2));
    CREATE VIEW v AS SELECT 1;
  )sql",
             {},
             true});
  Schema s = sqlite::inspect(c);
  std::vector<std::string> names;
  for (const auto& t : s.tables) names.push_back(t.name);
  CHECK(names == std::vector<std::string>{"authors", "book list", "counter", "t_generated"});

  const Table& authors = *s.table("authors");
  CHECK(!authors.columns[0].nullable);  // the rowid is never NULL
  CHECK(authors.primary_key->columns == std::vector<std::string>{"id"});
  CHECK(authors.primary_key->name.empty());
  CHECK(authors.uniques == std::vector<UniqueConstraint>{{"", {"name"}}});
  CHECK(authors.indexes.empty());  // the UNIQUE's automatic index is the constraint

  const Table& books = *s.table("book list");
  CHECK(dump(books) ==
        "table book list\n"
        "  column isbn char(13) not-null\n"
        "  column edition int not-null default=1\n"
        "  column author integer null\n"
        "  column title text null\n"
        "  column price numeric(8,2) null default=0.0\n"
        "  pk pk book (isbn,edition)\n"
        "  check  (length(title) > 0)\n"
        "  fk  (author) -> authors (id) delete=set null update=\n"
        "  index ix_books_author unique (author,title)\n"
        "  index ix_books_title ((lower(title)),price)\n");

  const Table& counter = *s.table("counter");
  CHECK(counter.columns[0].autoincrement);
  const Table& generated = *s.table("t_generated");
  REQUIRE(generated.columns.size() == 2);
  CHECK(generated.columns[1].type.str() == "int");  // not "int generated always"
  REQUIRE(generated.columns[1].generated);
  CHECK(generated.columns[1].generated->expression == "a * 2");
  CHECK(!generated.columns[1].generated->stored);
  CHECK(!generated.columns[0].generated);
}

TEST_CASE("sqlite inspect: a fixed number of queries however many tables") {
  SqliteConnection c(":memory:");
  std::string ddl;
  for (int i = 0; i < 60; ++i) {
    std::string n = std::to_string(i);
    ddl += "CREATE TABLE t" + n +
           " (id INTEGER PRIMARY KEY, v TEXT UNIQUE, p INTEGER REFERENCES t0 (id));";
    ddl += "CREATE INDEX ix" + n + " ON t" + n + " (v, p);";
  }
  c.execute({ddl, {}, true});
  CountingConnection counting(c);
  Schema s = sqlite::inspect(counting);
  CHECK(s.tables.size() == 60);
  CHECK(counting.queries == 4);
  for (const auto& t : s.tables) {
    CHECK(t.indexes.size() == 1);
    CHECK(t.foreign_keys.size() == 1);
    CHECK(t.uniques.size() == 1);
  }
}

TEST_CASE("sqlite inspect: an empty database") {
  SqliteConnection c(":memory:");
  CHECK(sqlite::inspect(c).tables.empty());
}
