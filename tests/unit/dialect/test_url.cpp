#include <doctest/doctest.h>

#include "core/base/error.hpp"
#include "core/dialect/url.hpp"

using namespace migrate;

TEST_CASE("url: sqlite forms") {
  CHECK(parse_url("sqlite:///app.db").database == "app.db");
  CHECK(parse_url("sqlite:////var/lib/app.db").database == "/var/lib/app.db");
  CHECK(parse_url("sqlite://").database == ":memory:");
  CHECK(parse_url("sqlite:///:memory:").database == ":memory:");
  CHECK(parse_url("sqlite:///app.db").dialect == "sqlite");
  CHECK_THROWS_AS(parse_url("sqlite:app.db"), InputError);
}

TEST_CASE("url: postgresql with everything") {
  Url u = parse_url("postgresql+psycopg2://alice:s3cr%40t@db.example.com:6543/app?sslmode=require");
  CHECK(u.dialect == "postgresql");
  CHECK(u.user == "alice");
  CHECK(u.password == "s3cr@t");
  CHECK(u.host == "db.example.com");
  CHECK(u.port == 6543);
  CHECK(u.database == "app");
  CHECK(u.query.at("sslmode") == "require");
  CHECK(parse_url("postgres://localhost/x").dialect == "postgresql");
}

TEST_CASE("url: mysql and mariadb, driver suffix ignored, IPv6 host") {
  Url u = parse_url("mysql+pymysql://root@[::1]:3307/shop?charset=utf8mb4");
  CHECK(u.dialect == "mysql");
  CHECK(u.host == "::1");
  CHECK(u.port == 3307);
  CHECK(u.password.empty());
  CHECK(parse_url("mariadb://u:p@h/d").dialect == "mysql");
}

TEST_CASE("url: the password never appears in masked output or errors") {
  Url u = parse_url("postgresql://bob:hunter2@host/db?password=alsosecret");
  std::string m = u.masked();
  CHECK(m.find("hunter2") == std::string::npos);
  CHECK(m.find("alsosecret") == std::string::npos);
  CHECK(m.find("bob:***@host") != std::string::npos);

  for (const char* bad : {"postgresql://bob:hunter2@host:notaport/db",
                          "oracle://bob:hunter2@host/db", "postgresql://bob:hunter2@host/db%zz"}) {
    try {
      parse_url(bad);
      FAIL("expected an error for " << bad);
    } catch (const InputError& e) {
      std::string msg = e.what();
      CHECK(msg.find("hunter2") == std::string::npos);
      CHECK(msg.find("***") != std::string::npos);
      CHECK(e.code() == ExitCode::bad_input);
    }
  }
}

TEST_CASE("url: port out of range and unknown scheme are named") {
  CHECK_THROWS_WITH_AS(parse_url("mysql://h:70000/d"), doctest::Contains("port '70000'"),
                       InputError);
  CHECK_THROWS_WITH_AS(parse_url("mongodb://h/d"), doctest::Contains("'mongodb'"), InputError);
}
