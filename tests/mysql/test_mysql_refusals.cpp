// What MySQL and MariaDB cannot do is refused before any statement runs,
// with the revision file and line and what to write instead.
#include <doctest/doctest.h>

#include "../integration/harness.hpp"
#include "my_support.hpp"

using itest::Project;
using V = std::vector<std::string>;

TEST_CASE("mysql: partial indexes and enum types are refused with file, line and a way out") {
  mytest::Database db;
  Project p;
  p.init_url(db.url());
  p.revision("m1", "",
             "  - create_table:\n      table: t\n      columns:\n"
             "        - {name: id, type: integer, primary_key: true}\n",
             "  - drop_table: {table: t}\n");
  p.revision("m2", "m1",
             "  - create_index: {table: t, name: ix_t, columns: [id], where: \"id > 0\"}\n",
             "  - drop_index: {table: t, name: ix_t}\n");
  auto up = p.run({"upgrade", "head"});
  CHECK(up.code == 2);
  CHECK_MESSAGE(up.err.find("m2.yaml:5") != std::string::npos, up.err);
  CHECK(up.err.find("no partial indexes") != std::string::npos);
  // m1 went in and stays; m2 never started.
  CHECK(db.query("SELECT version_num FROM migrate_version") == V{"m1"});

  p.revision("m2", "m1", "  - create_enum: {name: mood, values: [a, b]}\n",
             "  - drop_enum: {name: mood}\n");
  auto en = p.run({"upgrade", "head"});
  CHECK(en.code == 2);
  CHECK_MESSAGE(en.err.find("enum('a','b')") != std::string::npos, en.err);
  CHECK(db.query("SELECT version_num FROM migrate_version") == V{"m1"});
}
