#include "dialects/sqlite/create_table_parser.hpp"

#include <cctype>
#include <stdexcept>

#include "core/sql/sql_lexer.hpp"

namespace migrate::sqlite {
namespace {

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

struct Range {
  size_t begin;  // token indexes, end exclusive
  size_t end;
  bool empty() const { return begin >= end; }
};

class Parser {
 public:
  explicit Parser(std::string_view sql) : sql_(sql), t_(tokenize_sql(sql)) {}

  ParsedTable table() {
    size_t open = 0;
    while (open < t_.size() && !t_[open].is_punct('(')) {
      if (t_[open].is_word("as"))
        throw std::invalid_argument("CREATE TABLE ... AS has no column list");
      ++open;
    }
    if (open == t_.size() || !is_create("table"))
      throw std::invalid_argument("not a CREATE TABLE statement with a column list");
    size_t close = matching(open);
    for (const Range& item : split({open + 1, close})) {
      if (item.empty()) continue;
      const SqlToken& first = t_[item.begin];
      if (first.is_word("constraint") || first.is_word("primary") || first.is_word("unique") ||
          first.is_word("check") || first.is_word("foreign"))
        table_constraint(item);
      else
        column_def(item);
    }
    // Table options after the column list: STRICT, WITHOUT ROWID, comma-separated.
    for (size_t i = close + 1; i < t_.size(); ++i) {
      if (t_[i].is_word("strict")) out_.strict = true;
      if (t_[i].is_word("without") && i + 1 < t_.size() && t_[i + 1].is_word("rowid"))
        out_.without_rowid = true;
    }
    return std::move(out_);
  }

  std::vector<std::string> index() {
    if (!is_create("index")) throw std::invalid_argument("not a CREATE INDEX statement");
    size_t i = 0;
    while (i < t_.size() && !t_[i].is_word("on")) ++i;
    while (i < t_.size() && !t_[i].is_punct('(')) ++i;
    if (i == t_.size()) throw std::invalid_argument("CREATE INDEX without a column list");
    return names(i);
  }

  std::string index_where() {
    if (!is_create("index")) throw std::invalid_argument("not a CREATE INDEX statement");
    size_t i = 0;
    while (i < t_.size() && !t_[i].is_word("on")) ++i;
    while (i < t_.size() && !t_[i].is_punct('(')) ++i;
    if (i == t_.size()) throw std::invalid_argument("CREATE INDEX without a column list");
    size_t after = matching(i) + 1;
    if (after >= t_.size() || !t_[after].is_word("where")) return "";
    size_t end = t_.back().is_punct(';') ? t_.size() - 1 : t_.size();
    if (after + 1 >= end) fail("WHERE without a condition");
    return std::string(sql_.substr(t_[after + 1].begin, t_[end - 1].end - t_[after + 1].begin));
  }

 private:
  std::string_view sql_;
  std::vector<SqlToken> t_;
  ParsedTable out_;

  bool is_create(std::string_view what) const {
    if (t_.empty() || !t_[0].is_word("create")) return false;
    for (size_t i = 1; i < t_.size() && i < 4; ++i)
      if (t_[i].is_word(what)) return true;
    return false;
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw std::invalid_argument(what + " in: " + std::string(sql_.substr(0, 200)));
  }

  const SqlToken& at(size_t i) const {
    if (i >= t_.size()) fail("unexpected end of statement");
    return t_[i];
  }

  size_t matching(size_t open) const {
    int depth = 0;
    for (size_t i = open; i < t_.size(); ++i) {
      if (t_[i].is_punct('(')) ++depth;
      if (t_[i].is_punct(')') && --depth == 0) return i;
    }
    fail("unbalanced parentheses");
  }

  // The comma-separated parts of a token range, at its own nesting level.
  std::vector<Range> split(Range r) const {
    std::vector<Range> parts;
    int depth = 0;
    size_t start = r.begin;
    for (size_t i = r.begin; i < r.end; ++i) {
      if (t_[i].is_punct('(')) ++depth;
      if (t_[i].is_punct(')')) --depth;
      if (depth == 0 && t_[i].is_punct(',')) {
        parts.push_back({start, i});
        start = i + 1;
      }
    }
    parts.push_back({start, r.end});
    return parts;
  }

  std::string source(Range r) const {
    if (r.empty()) return "";
    return std::string(sql_.substr(t_[r.begin].begin, t_[r.end - 1].end - t_[r.begin].begin));
  }

  std::string name_at(size_t i) const {
    const SqlToken& t = at(i);
    if (!t.is_name() && t.kind != SqlTokenKind::string)
      fail("expected a name, found '" + t.value + "'");
    return t.value;
  }

  // "( a COLLATE nocase, "b" DESC, lower(c) )" -> a, b, lower(c)
  std::vector<std::string> names(size_t open) const {
    size_t close = matching(open);
    std::vector<std::string> out;
    for (Range part : split({open + 1, close})) {
      if (part.empty()) continue;
      if (part.end - part.begin > 1 &&
          (t_[part.end - 1].is_word("asc") || t_[part.end - 1].is_word("desc")))
        --part.end;
      const SqlToken& first = t_[part.begin];
      bool plain = (first.is_name() || first.kind == SqlTokenKind::string) &&
                   (part.end - part.begin == 1 || t_[part.begin + 1].is_word("collate"));
      out.push_back(plain ? first.value : source(part));
    }
    return out;
  }

  // The text inside "( ... )" starting at token `open`; sets `next` past it.
  std::string group_text(size_t open, size_t& next) const {
    if (!at(open).is_punct('(')) fail("expected '(' after CHECK");
    size_t close = matching(open);
    next = close + 1;
    return trim(sql_.substr(t_[open].end, t_[close].begin - t_[open].end));
  }

  static std::string action(const std::vector<std::string>& words) {
    std::string a;
    for (const auto& w : words) {
      if (!a.empty()) a += ' ';
      for (char c : w) a += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return a == "no action" ? std::string() : a;
  }

  // REFERENCES parent [(cols)] [ON DELETE|UPDATE action] [MATCH x] [[NOT] DEFERRABLE ...]
  size_t references(size_t i, size_t end, ForeignKey& fk) const {
    ++i;  // REFERENCES
    fk.ref_table = name_at(i++);
    if (i < end && t_[i].is_punct('(')) {
      fk.ref_columns = names(i);
      i = matching(i) + 1;
    }
    while (i < end) {
      if (t_[i].is_word("on") && i + 1 < end) {
        bool del = at(i + 1).is_word("delete");
        if (!del && !at(i + 1).is_word("update")) break;
        i += 2;
        std::vector<std::string> words{at(i).value};
        if (at(i).is_word("set") || at(i).is_word("no")) words.push_back(at(++i).value);
        ++i;
        (del ? fk.on_delete : fk.on_update) = action(words);
      } else if (t_[i].is_word("match")) {
        i += 2;
      } else if (t_[i].is_word("not") && i + 1 < end && t_[i + 1].is_word("deferrable")) {
        fk.deferrable.clear();
        i += 2;
      } else if (t_[i].is_word("deferrable")) {
        fk.deferrable = "immediate";
        ++i;
      } else if (t_[i].is_word("deferred") && !fk.deferrable.empty()) {
        fk.deferrable = "deferred";
        ++i;
      } else if (t_[i].is_word("initially") || t_[i].is_word("immediate") ||
                 t_[i].is_word("deferred")) {
        ++i;
      } else {
        break;
      }
    }
    return i;
  }

  void table_constraint(Range r) {
    size_t i = r.begin;
    std::string name;
    if (t_[i].is_word("constraint")) {
      name = name_at(i + 1);
      i += 2;
    }
    const SqlToken& kw = at(i);
    if (kw.is_word("primary")) {
      while (i < r.end && !t_[i].is_punct('(')) ++i;
      out_.primary_key_name = name;
      out_.primary_key_columns = names(i);
    } else if (kw.is_word("unique")) {
      while (i < r.end && !t_[i].is_punct('(')) ++i;
      out_.uniques.push_back({name, names(i)});
    } else if (kw.is_word("check")) {
      size_t next = 0;
      out_.checks.push_back({name, group_text(i + 1, next)});
    } else if (kw.is_word("foreign")) {
      while (i < r.end && !t_[i].is_punct('(')) ++i;
      ForeignKey fk;
      fk.name = name;
      fk.columns = names(i);
      i = matching(i) + 1;
      if (i >= r.end || !t_[i].is_word("references")) fail("FOREIGN KEY without REFERENCES");
      references(i, r.end, fk);
      out_.foreign_keys.push_back(std::move(fk));
    } else {
      fail("unknown table constraint '" + kw.value + "'");
    }
  }

  void column_def(Range r) {
    std::string column = name_at(r.begin);
    out_.columns.push_back(column);
    std::string pending;  // CONSTRAINT name, waiting for the constraint it names
    size_t i = r.begin + 1;
    while (i < r.end) {
      const SqlToken& t = t_[i];
      if (t.is_punct('(')) {
        i = matching(i) + 1;  // type arguments, DEFAULT (expr)
      } else if (t.is_word("as") && i + 1 < r.end && t_[i + 1].is_punct('(')) {
        Generated g;
        size_t next = 0;
        g.expression = group_text(i + 1, next);
        g.stored = next < r.end && t_[next].is_word("stored");
        out_.generated[column] = std::move(g);
        pending.clear();
        i = next;
      } else if (t.is_word("collate") && i + 1 < r.end) {
        out_.collations[column] = name_at(i + 1);
        pending.clear();
        i += 2;
      } else if (t.is_word("constraint")) {
        pending = name_at(i + 1);
        i += 2;
      } else if (t.is_word("primary")) {
        out_.primary_key_name = pending;
        out_.primary_key_columns = {column};
        pending.clear();
        ++i;
      } else if (t.is_word("autoincrement")) {
        out_.autoincrement_column = column;
        ++i;
      } else if (t.is_word("unique")) {
        out_.uniques.push_back({pending, {column}});
        pending.clear();
        ++i;
      } else if (t.is_word("check")) {
        size_t next = 0;
        out_.checks.push_back({pending, group_text(i + 1, next)});
        pending.clear();
        i = next;
      } else if (t.is_word("references")) {
        ForeignKey fk;
        fk.name = pending;
        fk.columns = {column};
        pending.clear();
        i = references(i, r.end, fk);
        out_.foreign_keys.push_back(std::move(fk));
      } else {
        if (t.is_word("not") || t.is_word("null") || t.is_word("default") || t.is_word("generated"))
          pending.clear();
        ++i;
      }
    }
  }
};

}  // namespace

ParsedTable parse_create_table(std::string_view sql) {
  return Parser(sql).table();
}

std::vector<std::string> parse_create_index(std::string_view sql) {
  return Parser(sql).index();
}

std::string parse_index_where(std::string_view sql) {
  return Parser(sql).index_where();
}

}  // namespace migrate::sqlite
