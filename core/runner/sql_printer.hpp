#pragma once
// The offline sink (--sql): a Connection that prints each statement instead
// of running it, so offline mode walks exactly the online code path.
#include <ostream>

#include "core/dialect/dialect.hpp"

namespace migrate {

class SqlPrinter : public Connection {
 public:
  // `preamble`: start with the dialect's offline_preamble() (a script to
  // run; not a preview of a few statements).
  SqlPrinter(const Dialect& dialect, std::ostream& out, bool preamble = true)
      : dialect_(dialect), out_(out), started_(!preamble) {}
  void execute(const Statement& st) override;
  // There is no database to read in offline mode.
  std::vector<Row> query(const Statement& st) override;
  void begin() override;
  void commit() override;
  void rollback() override;

 private:
  // The dialect's offline preamble, once, before the first line of SQL.
  void start();

  const Dialect& dialect_;
  std::ostream& out_;
  bool started_ = false;
};

// The statement's SQL with each placeholder replaced by its parameter as a
// literal; quoted text and identifiers are left alone.
std::string inline_params(const Dialect& dialect, const Statement& st);

}  // namespace migrate
