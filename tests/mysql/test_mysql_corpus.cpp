// The corpus of tests/corpus/mysql/*.yaml (corpus_runner.hpp), each case on
// scratch databases of the test server (MariaDB).
#include <doctest/doctest.h>
#include <mysql.h>

#include "../integration/corpus_runner.hpp"
#include "my_support.hpp"

namespace {

class MyDatabase : public itest::corpus::Database {
 public:
  std::string url() const override { return db_.url(); }
  std::vector<std::string> catalog() const override { return db_.corpus_catalog(); }

 private:
  mytest::Database db_;
};

}  // namespace

TEST_CASE("mysql corpus: current -> desired -> current for every case of tests/corpus/mysql") {
  // The cases run on several threads; the client library initialises itself
  // on its first connection, which must not happen on two threads at once.
  REQUIRE(mysql_library_init(0, nullptr, nullptr) == 0);
  itest::corpus::run_all("mysql", [] { return std::make_unique<MyDatabase>(); });
}
