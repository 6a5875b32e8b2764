#include "core/runner/sql_printer.hpp"

#include "core/base/error.hpp"

namespace migrate {

std::string inline_params(const Dialect& dialect, const Statement& st) {
  if (st.params.empty()) return st.sql;
  const bool dollar = dialect.placeholder(1) == "$1";
  std::string out;
  size_t next = 0;
  char quote = 0;
  const std::string& s = st.sql;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quote) {
      out += c;
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      quote = c;
      out += c;
      continue;
    }
    if (!dollar && c == '?') {
      if (next >= st.params.size()) throw InputError("more placeholders than parameters in: " + s);
      out += dialect.literal(st.params[next++]);
      continue;
    }
    if (dollar && c == '$' && i + 1 < s.size() &&
        std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
      size_t j = i + 1;
      size_t n = 0;
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])))
        n = n * 10 + (s[j++] - '0');
      if (n == 0 || n > st.params.size())
        throw InputError("placeholder $" + std::to_string(n) + " has no parameter in: " + s);
      out += dialect.literal(st.params[n - 1]);
      i = j - 1;
      continue;
    }
    out += c;
  }
  return out;
}

void SqlPrinter::start() {
  if (started_) return;
  started_ = true;
  for (const auto& sql : dialect_.offline_preamble()) out_ << sql << ";\n\n";
}

void SqlPrinter::execute(const Statement& st) {
  start();
  std::string sql = inline_params(dialect_, st);
  while (!sql.empty() && (sql.back() == ';' || sql.back() == '\n' || sql.back() == ' '))
    sql.pop_back();
  out_ << dialect_.offline_statement(sql, st.script) << "\n\n";
}

std::vector<Row> SqlPrinter::query(const Statement&) {
  throw InputError(
      "offline mode (--sql) cannot read the database; give the starting revision as FROM:TO");
}

void SqlPrinter::begin() {
  start();
  out_ << "BEGIN;\n\n";
}
void SqlPrinter::commit() {
  start();
  out_ << "COMMIT;\n\n";
}
void SqlPrinter::rollback() {
  out_ << "ROLLBACK;\n\n";
}

}  // namespace migrate
