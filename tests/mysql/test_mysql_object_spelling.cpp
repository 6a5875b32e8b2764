// MysqlDialect::normalize_object without a server: what a user writes in the
// model and what MariaDB gives back for it (information_schema.VIEWS, SHOW
// CREATE, with inspect's own-database qualifier already gone) compare
// equal; a real change still differs.
#include <doctest/doctest.h>

#include "dialects/mysql/compile.hpp"
#include "dialects/mysql/sql_text.hpp"

using namespace migrate;

namespace {

std::string spelled(ObjectKind k, const std::string& definition) {
  SchemaObject o;
  o.kind = k;
  o.name = "x";
  o.definition = definition;
  return MysqlDialect().normalize_object(o).definition;
}

void same(ObjectKind k, const std::string& model, const std::string& server) {
  INFO("model:  " << model);
  INFO("server: " << server);
  CHECK(spelled(k, model) == spelled(k, server));
  // Idempotent: compare may see a normalized text again.
  CHECK(spelled(k, spelled(k, server)) == spelled(k, server));
}

void differ(ObjectKind k, const std::string& a, const std::string& b) {
  INFO("a: " << a);
  INFO("b: " << b);
  CHECK(spelled(k, a) != spelled(k, b));
}

const ObjectKind V = ObjectKind::view;

}  // namespace

TEST_CASE("mysql object spelling: a view as written and as MariaDB stores it") {
  same(V, "SELECT id, name FROM users WHERE active",
       "select `users`.`id` AS `id`,`users`.`name` AS `name` from `users` where "
       "`users`.`active` <> 0");
  same(V,
       "SELECT u.id AS uid, concat(name, 'x') n, count(*) FROM users u WHERE age > 3 "
       "GROUP BY u.id ORDER BY name LIMIT 5",
       "select `u`.`id` AS `uid`,concat(`u`.`name`,'x') AS `n`,count(0) AS `count(*)` from "
       "`users` `u` where `u`.`age` > 3 group by `u`.`id` order by `u`.`name` limit 5");
  same(V, "SELECT count(*), max(id) AS m, id + 1 FROM users",
       "select count(0) AS `count(*)`,max(`users`.`id`) AS `m`,`users`.`id` + 1 AS `id + 1` "
       "from `users`");
  same(V,
       "SELECT u.name, o.total FROM users u JOIN orders o ON o.uid = u.id WHERE (u.age > 1 OR "
       "u.age < 0) AND o.total != 3 AND length(u.name) > 2",
       "select `u`.`name` AS `name`,`o`.`total` AS `total` from (`users` `u` join `orders` `o` "
       "on(`o`.`uid` = `u`.`id`)) where (`u`.`age` > 1 or `u`.`age` < 0) and `o`.`total` <> 3 "
       "and octet_length(`u`.`name`) > 2");
  same(V,
       "SELECT name, \"dq\" AS s, CAST(age AS char) c FROM users WHERE id IN (SELECT uid FROM "
       "orders) AND NOT active",
       "select `users`.`name` AS `name`,'dq' AS `s`,cast(`users`.`age` as char charset utf8mb3) "
       "AS `c` from `users` where `users`.`id` in (select `orders`.`uid` from `orders`) and "
       "`users`.`active` = 0");
  same(V, "SELECT * FROM v1 UNION SELECT id, 'it''s' FROM users",
       "select * from `v1` union select `users`.`id` AS `id`,'it\\'s' AS `it's` from `users`");
  same(V,
       "SELECT u.id FROM users u LEFT OUTER JOIN orders o ON (u.id = o.uid) INNER JOIN orders o2 "
       "ON o2.id = o.id",
       "select `u`.`id` AS `id` from ((`users` `u` left join `orders` `o` on(`u`.`id` = "
       "`o`.`uid`)) join `orders` `o2` on(`o2`.`id` = `o`.`id`))");
  same(V,
       "SELECT c.name AS category, SUM(p.amount) AS total_sales FROM payment AS p INNER JOIN "
       "category AS c ON p.c = c.id GROUP BY c.name ORDER BY total_sales DESC",
       "select `c`.`name` AS `category`,sum(`p`.`amount`) AS `total_sales` from (`payment` `p` "
       "join `category` `c` on(`p`.`c` = `c`.`id`)) group by `c`.`name` order by "
       "sum(`p`.`amount`) desc");
  same(V, "SELECT CONCAT(first, _utf8' ', last) AS name FROM staff ORDER BY first ASC",
       "select concat(`staff`.`first`,' ',`staff`.`last`) AS `name` from `staff` order by "
       "`staff`.`first`");
  same(V, "SELECT id FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.a = a.id)",
       "select `a`.`id` AS `id` from `a` where exists(select 1 from `b` where `b`.`a` = `a`.`id` "
       "limit 1)");
  same(V, "SELECT f.id, i.n FROM film f, inventory i WHERE f.id = i.film",
       "select `f`.`id` AS `id`,`i`.`n` AS `n` from (`film` `f` join `inventory` `i`) where "
       "`f`.`id` = `i`.`film`");
  same(V, "SELECT id FROM users WHERE age > 3 WITH CHECK OPTION",
       "select `users`.`id` AS `id` from `users` where `users`.`age` > 3 WITH CASCADED CHECK "
       "OPTION");
}

TEST_CASE("mysql object spelling: a real change to a view still differs") {
  differ(V, "SELECT id, name FROM users WHERE active", "SELECT id, name FROM users WHERE age");
  differ(V, "SELECT id FROM users", "SELECT id AS ident FROM users");
  differ(V, "SELECT id FROM users", "SELECT id FROM people");
  // Which table a column comes from matters once there are two.
  differ(V, "SELECT a.id FROM a JOIN b ON a.x = b.x", "SELECT b.id FROM a JOIN b ON a.x = b.x");
  // A correlated subquery's outer column keeps its table.
  differ(V, "SELECT id FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.id = a.id)",
         "SELECT id FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.id = b.id)");
  differ(V, "SELECT id FROM users WHERE (a OR b) AND c", "SELECT id FROM users WHERE a OR b AND c");
  differ(V, "SELECT 'Abc' FROM t", "SELECT 'abc' FROM t");
  // An alias that names the item otherwise than the server would.
  differ(V, "SELECT a.x + b.c AS c FROM a JOIN b", "SELECT a.x + b.c FROM a JOIN b");
  differ(V, "SELECT id FROM users WHERE age > 3 WITH CHECK OPTION",
         "SELECT id FROM users WHERE age > 3");
  differ(V, "SELECT id FROM users ORDER BY id", "SELECT id FROM users ORDER BY id DESC");
  differ(V, "SELECT a + 1 AS b FROM t ORDER BY b", "SELECT a + 1 AS b FROM t ORDER BY a");
  differ(V, "SELECT id FROM a WHERE EXISTS (SELECT 1 FROM b LIMIT 2)",
         "SELECT id FROM a WHERE EXISTS (SELECT 1 FROM b)");
  differ(V, "SELECT id FROM users WITH LOCAL CHECK OPTION",
         "SELECT id FROM users WITH CHECK OPTION");
}

TEST_CASE("mysql object spelling: routines as written and as SHOW CREATE gives them") {
  const ObjectKind F = ObjectKind::function, P = ObjectKind::procedure;
  same(F, "CREATE FUNCTION add_one(a int) RETURNS int DETERMINISTIC RETURN a + 1",
       "CREATE FUNCTION `add_one`(a int) RETURNS int(11)\n    DETERMINISTIC\nRETURN a + 1");
  same(F,
       "CREATE DEFINER=CURRENT_USER FUNCTION f3(s varchar(10) charset latin1) RETURNS "
       "varchar(20) DETERMINISTIC NO SQL RETURN s",
       "CREATE FUNCTION `f3`(s varchar(10) charset latin1) RETURNS varchar(20)\n    NO SQL\n    "
       "DETERMINISTIC\nRETURN s");
  same(F,
       "CREATE FUNCTION f2(s varchar(10), n integer) RETURNS varchar(20) CHARACTER SET latin1 "
       "NOT DETERMINISTIC CONTAINS SQL SQL SECURITY INVOKER COMMENT 'c' RETURN concat(s, n)",
       "CREATE FUNCTION `f2`(s varchar(10), n integer) RETURNS varchar(20) CHARSET latin1\n    "
       "SQL SECURITY INVOKER\n    COMMENT 'c'\nRETURN concat(s, n)");
  same(P,
       "CREATE PROCEDURE noop(IN x int, OUT y varchar(10)) COMMENT 'hi' READS SQL DATA "
       "BEGIN SELECT 1; SET y = 'a'; END",
       "CREATE PROCEDURE `noop`(IN x int, OUT y varchar(10))\n    READS SQL DATA\n    COMMENT "
       "'hi'\nBEGIN SELECT 1; SET y = 'a'; END");
  differ(F, "CREATE FUNCTION f() RETURNS int DETERMINISTIC RETURN 1",
         "CREATE FUNCTION f() RETURNS int RETURN 1");
  differ(F, "CREATE FUNCTION f() RETURNS int RETURN 1", "CREATE FUNCTION f() RETURNS int RETURN 2");
  differ(P, "CREATE PROCEDURE p() MODIFIES SQL DATA SELECT 1", "CREATE PROCEDURE p() SELECT 1");
  differ(F, "CREATE FUNCTION f() RETURNS varchar(5) CHARSET latin1 RETURN 'a'",
         "CREATE FUNCTION f() RETURNS varchar(5) RETURN 'a'");
}

TEST_CASE("mysql object spelling: triggers as written and as inspect rebuilds them") {
  const ObjectKind T = ObjectKind::trigger;
  same(T,
       "CREATE DEFINER=`root`@`localhost` TRIGGER trg BEFORE INSERT ON users FOR EACH ROW "
       "FOLLOWS other SET NEW.age = 1",
       "CREATE TRIGGER `trg` BEFORE INSERT ON `users` FOR EACH ROW SET NEW.age = 1");
  differ(T, "CREATE TRIGGER trg BEFORE INSERT ON users FOR EACH ROW SET NEW.age = 1",
         "CREATE TRIGGER trg AFTER INSERT ON users FOR EACH ROW SET NEW.age = 1");
  differ(T, "CREATE TRIGGER trg BEFORE INSERT ON users FOR EACH ROW SET NEW.age = 1",
         "CREATE TRIGGER trg BEFORE INSERT ON users FOR EACH ROW SET NEW.age = 2");
}

TEST_CASE("mysql sql text: qualifier and DEFINER removal") {
  CHECK(mysql::without_qualifier("select `d`.`t`.`c` AS `c` from `d`.`t` where 'd.' = `d`", "d") ==
        "select `t`.`c` AS `c` from `t` where 'd.' = `d`");
  CHECK(mysql::without_qualifier("select `x`.`d`.`c` from `x`.`d`", "d") ==
        "select `x`.`d`.`c` from `x`.`d`");
  CHECK(mysql::without_definer("CREATE DEFINER=`migrate`@`127.0.0.1` FUNCTION `f`() RETURN 1") ==
        "CREATE FUNCTION `f`() RETURN 1");
  CHECK(mysql::without_definer("CREATE DEFINER='a'@'%' TRIGGER t") == "CREATE TRIGGER t");
  CHECK(mysql::without_definer("CREATE DEFINER=CURRENT_USER() PROCEDURE p() SELECT 1") ==
        "CREATE PROCEDURE p() SELECT 1");
  CHECK(mysql::without_definer("CREATE DEFINER=root@localhost PROCEDURE p() SELECT 1") ==
        "CREATE PROCEDURE p() SELECT 1");
}
