// SQLite's table rebuild keeps every row, index and foreign key, also when
// the rebuilt table is the parent of an ON DELETE CASCADE key.
#include <doctest/doctest.h>

#include "tests/unit/sqlite_test_support.hpp"
#include "tests/unit/yaml_test_util.hpp"

using namespace migrate;
using namespace migrate::sqlite_test;

namespace {

// parent <- child (ON DELETE CASCADE) <- grandchild (ON DELETE SET NULL),
// and a NO ACTION child, all with rows.
void family(Db& db) {
  Table parent;
  parent.name = "parent";
  parent.columns = {col("id", "integer", false), col("name", "text"), col("code", "varchar(5)")};
  parent.primary_key = PrimaryKey{"pk_parent", {"id"}};
  parent.indexes = {Index{"ix_parent_name", {"name"}, false}};
  Table child;
  child.name = "child";
  child.columns = {col("id", "integer", false), col("parent_id", "integer")};
  child.primary_key = PrimaryKey{"", {"id"}};
  child.foreign_keys = {
      ForeignKey{"fk_child_parent", {"parent_id"}, "", "parent", {"id"}, "cascade", ""}};
  Table grandchild;
  grandchild.name = "grandchild";
  grandchild.columns = {col("id", "integer", false), col("child_id", "integer")};
  grandchild.primary_key = PrimaryKey{"", {"id"}};
  grandchild.foreign_keys = {
      ForeignKey{"fk_gc_child", {"child_id"}, "", "child", {"id"}, "set null", ""}};
  Table plain;
  plain.name = "plain_child";
  plain.columns = {col("parent_id", "integer")};
  plain.foreign_keys = {ForeignKey{"", {"parent_id"}, "", "parent", {"id"}, "", ""}};
  for (const auto& t : {parent, child, grandchild, plain}) db.run(op(CreateTable{t}));
  db.exec("INSERT INTO parent VALUES (1, 'a', 'x'), (2, 'b', 'y'), (3, 'c', NULL)");
  db.exec("INSERT INTO child VALUES (10, 1), (11, 2), (12, 2)");
  db.exec("INSERT INTO grandchild VALUES (100, 10), (101, 11)");
  db.exec("INSERT INTO plain_child VALUES (1), (3)");
}

std::string everything(Db& db) {
  return db.contents("SELECT * FROM parent ORDER BY id") +
         db.contents("SELECT * FROM child ORDER BY id") +
         db.contents("SELECT * FROM grandchild ORDER BY id") +
         db.contents("SELECT * FROM plain_child ORDER BY parent_id");
}

}  // namespace

TEST_CASE("sqlite rebuild: every kind of rebuild of a cascade parent keeps all rows") {
  Db db;
  family(db);
  const std::string before = everything(db);

  AlterColumn type;
  type.ref = ref("parent");
  type.column = "name";
  type.type = Type::parse("varchar(50)");
  AlterColumn not_null = type;
  not_null.type.reset();
  not_null.nullable = false;
  AlterColumn with_default = type;
  with_default.type.reset();
  with_default.server_default = std::optional<std::string>("'?'");
  std::vector<Op> ops = {
      op(type),
      op(not_null),
      op(with_default),
      op(CreateUniqueConstraint{ref("parent"), UniqueConstraint{"uq_parent_code", {"code"}}}),
      op(CreateCheckConstraint{ref("parent"), CheckConstraint{"ck_parent_id", "id > 0"}}),
      op(DropConstraint{ref("parent"), "uq_parent_code", ConstraintKind::unique, {}}),
      op(DropColumn{ref("parent"), "name", std::nullopt}),  // in an index: rebuild
      op(AddColumn{ref("parent"), col("born", "date", true, "CURRENT_DATE"), {}, {}}),
  };
  for (const auto& o : ops) {
    CAPTURE(o.body.index());
    auto sts = db.compile(o);
    bool rebuilt = false;
    for (const auto& st : sts) rebuilt = rebuilt || has(st.sql, "_migrate_tmp_parent");
    CHECK(rebuilt);
    db.run(o);  // inside begin()/commit(), as the runner does
    CHECK(db.count("parent") == 3);
    CHECK(db.count("child") == 3);
    CHECK(db.count("grandchild") == 2);
    CHECK(db.count("plain_child") == 2);
  }
  CHECK(db.contents("SELECT * FROM child ORDER BY id") + db.contents("SELECT * FROM grandchild") +
            db.contents("SELECT * FROM plain_child ORDER BY parent_id") ==
        before.substr(before.find("10|")));
  CHECK(db.contents("SELECT id, code FROM parent ORDER BY id") == "1|x|\n2|y|\n3|NULL|\n");

  // The keys still work: deleting a parent cascades through the new table.
  db.exec("DELETE FROM parent WHERE id = 2");
  CHECK(db.contents("SELECT * FROM child ORDER BY id") == "10|1|\n");
  CHECK(db.contents("SELECT * FROM grandchild ORDER BY id") == "100|10|\n101|NULL|\n");
  CHECK(has(database_error_of([&] { db.exec("DELETE FROM parent WHERE id = 3"); }),
            "FOREIGN KEY constraint failed"));
}

TEST_CASE("sqlite rebuild: why foreign keys must be off: defer_foreign_keys loses child rows") {
  // The evidence behind SqliteConnection::begin(): with enforcement on,
  // DROP TABLE of the old parent deletes its rows first and ON DELETE
  // CASCADE fires; defer_foreign_keys defers checks, not actions.
  SqliteConnection c(":memory:");
  c.execute(
      {"CREATE TABLE p (id INTEGER PRIMARY KEY);"
       "CREATE TABLE c (id INTEGER PRIMARY KEY, pid REFERENCES p (id) ON DELETE CASCADE);"
       "INSERT INTO p VALUES (1); INSERT INTO c VALUES (10, 1);",
       {},
       true});
  c.execute(
      {"BEGIN; PRAGMA defer_foreign_keys = ON; PRAGMA foreign_keys = OFF;"
       "CREATE TABLE tmp (id INTEGER PRIMARY KEY, extra);"
       "INSERT INTO tmp (id) SELECT id FROM p; DROP TABLE p; ALTER TABLE tmp RENAME TO p",
       {},
       true});
  CHECK(c.query({"PRAGMA foreign_keys", {}})[0][0] == Value{std::int64_t{1}});     // still on
  CHECK(c.query({"SELECT count(*) FROM c", {}})[0][0] == Value{std::int64_t{0}});  // gone
  c.execute({"ROLLBACK", {}});
}

TEST_CASE("sqlite rebuild: refuses to run in a transaction that enforces foreign keys") {
  Db db;
  family(db);
  AlterColumn a;
  a.ref = ref("parent");
  a.column = "name";
  a.type = Type::parse("varchar(9)");
  auto sts = db.compile(op(a));
  // A transaction opened behind SqliteConnection::begin()'s back.
  db.exec("BEGIN");
  std::string err = database_error_of([&] {
    for (const auto& st : sts) db.conn->execute(st);
  });
  db.exec("ROLLBACK");
  CHECK(
      has(err, "rebuilding table parent with foreign_keys=ON would delete or null rows of child"));
  CHECK(db.count("child") == 3);
}

TEST_CASE("sqlite rebuild: outside a transaction the statements turn foreign keys off themselves") {
  Db db;
  family(db);
  AlterColumn a;
  a.ref = ref("parent");
  a.column = "name";
  a.type = Type::parse("varchar(9)");
  for (const auto& st : db.compile(op(a))) db.conn->execute(st);  // autocommit, one by one
  apply_op(db.sim, op(a));
  db.check();
  CHECK(db.count("child") == 3);
  CHECK(db.count("grandchild") == 2);
  CHECK(db.rows("PRAGMA foreign_keys")[0][0] == Value{std::int64_t{1}});
}

TEST_CASE("sqlite rebuild: a child rebuild, a self reference, views and a file database") {
  migrate::test::TempDir dir;
  Db db((dir.path() / "rebuild.db").string());
  family(db);
  Table emp;
  emp.name = "emp";
  emp.columns = {col("id", "integer", false), col("boss", "integer"), col("name", "text")};
  emp.primary_key = PrimaryKey{"", {"id"}};
  emp.foreign_keys = {ForeignKey{"fk_boss", {"boss"}, "", "emp", {"id"}, "cascade", ""}};
  db.run(op(CreateTable{emp}));
  db.exec("INSERT INTO emp VALUES (1, NULL, 'ceo'), (2, 1, 'cto'), (3, 2, 'dev')");
  db.exec("CREATE VIEW v_emp AS SELECT name FROM emp");
  db.exec("CREATE VIEW v_child AS SELECT * FROM child JOIN parent ON parent.id = child.parent_id");

  db.run(op(DropColumn{ref("child"), "parent_id", std::nullopt}));  // in a key: rebuild
  db.run(op(AddColumn{
      ref("emp"), col("email", "text"), {UniqueConstraint{"uq_emp_email", {"email"}}}, {}}));
  AlterColumn a;
  a.ref = ref("emp");
  a.column = "name";
  a.nullable = false;
  db.run(op(a));
  CHECK(db.count("emp") == 3);
  CHECK(db.count("v_emp") == 3);
  db.exec("DELETE FROM emp WHERE id = 1");  // the self reference still cascades
  CHECK(db.count("emp") == 0);
}

TEST_CASE("sqlite rebuild: AUTOINCREMENT keeps its high-water mark") {
  Db db;
  db.run(op(CreateTable{users_table()}));
  db.exec("INSERT INTO users (name) VALUES ('a'), ('b'), ('c')");
  db.exec("DELETE FROM users WHERE id >= 2");
  AlterColumn a;
  a.ref = ref("users");
  a.column = "name";
  a.type = Type::parse("varchar(300)");
  db.run(op(a));
  db.exec("INSERT INTO users (name) VALUES ('d')");
  CHECK(db.contents("SELECT id, name FROM users ORDER BY id") == "1|a|\n4|d|\n");
}

TEST_CASE("sqlite rebuild: renaming a referenced column reaches the child's foreign key") {
  Db db;
  family(db);
  AlterColumn a;
  a.ref = ref("parent");
  a.column = "id";
  a.new_name = "parent_key";
  a.type = Type::parse("integer");
  a.nullable = false;
  db.run(op(a));
  AlterColumn b = a;
  b.column = "parent_key";
  b.new_name = "pk";
  b.type = Type::parse("bigint");  // rename and rebuild together
  db.run(op(b));
  CHECK(db.sim.table("child")->foreign_keys[0].ref_columns == std::vector<std::string>{"pk"});
  CHECK(db.count("child") == 3);
  db.exec("DELETE FROM parent WHERE pk = 2");
  CHECK(db.count("child") == 1);
}

TEST_CASE("sqlite rebuild: refuses to drop a trigger the model cannot bring back") {
  Db db;
  db.run(op(CreateTable{users_table()}));
  db.exec("CREATE TABLE audit (what TEXT)");
  db.exec(
      "CREATE TRIGGER trg_users_audit AFTER INSERT ON users BEGIN "
      "INSERT INTO audit VALUES (new.name); END");
  db.exec("INSERT INTO users (name) VALUES ('ada')");
  AlterColumn a;
  a.ref = ref("users");
  a.column = "name";
  a.type = Type::parse("text");
  std::string err = database_error_of([&] { db.run(op(a)); });
  CHECK(has(err,
            "rebuilding table users would drop its trigger trg_users_audit; drop the trigger "
            "before this operation"));
  CHECK(db.count("users") == 1);
  CHECK(db.rows("SELECT name FROM sqlite_schema WHERE type = 'trigger'").size() == 1);
}

TEST_CASE("sqlite rebuild: the table's triggers, as inspected, are made again and still fire") {
  Db db;
  db.run(op(CreateTable{users_table()}));
  db.exec("CREATE TABLE audit (what TEXT)");
  db.exec(
      "CREATE TRIGGER trg_users_audit AFTER INSERT ON users BEGIN "
      "INSERT INTO audit VALUES (new.name); END");
  db.exec("CREATE TRIGGER \"Trg two\" BEFORE DELETE ON users BEGIN SELECT 1; END");
  db.exec("CREATE VIEW user_names AS SELECT name FROM users");
  db.exec("INSERT INTO users (name) VALUES ('ada')");
  // What the runner does online: the schema it starts from is inspected.
  db.sim = db.dialect.inspect(*db.conn);
  REQUIRE(db.sim.objects.size() == 3);  // two triggers and the view
  const auto before = db.rows(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' "
      "ORDER BY name");
  AlterColumn a;
  a.ref = ref("users");
  a.column = "name";
  a.type = Type::parse("text");
  db.run(op(a));
  CHECK(db.rows("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name") ==
        before);
  db.exec("INSERT INTO users (name) VALUES ('grace')");
  CHECK(db.contents("SELECT what FROM audit ORDER BY rowid") ==
        db.contents("SELECT 'ada' UNION ALL SELECT 'grace'"));
  CHECK(db.count("user_names") == 2);  // the view reads the rebuilt table
}

TEST_CASE("sqlite rebuild: after a rename in the same run the trigger's text is not trusted") {
  Db db;
  db.run(op(CreateTable{users_table()}));
  db.exec("CREATE TRIGGER trg AFTER INSERT ON users BEGIN SELECT 1; END");
  db.sim = db.dialect.inspect(*db.conn);
  RenameTable r;
  r.ref = ref("users");
  r.new_name = "people";
  db.run(op(r));
  REQUIRE(db.sim.objects.size() == 1);
  CHECK(db.sim.objects[0].table == "people");
  CHECK(db.sim.objects[0].definition.empty());
  AlterColumn a;
  a.ref = ref("people");
  a.column = "name";
  a.type = Type::parse("text");
  std::string err = database_error_of([&] { db.run(op(a)); });
  CHECK(has(err, "rebuilding table people would drop its trigger trg"));
  CHECK(db.rows("SELECT name FROM sqlite_schema WHERE type = 'trigger'").size() == 1);
}
