// What compare sees of a view, trigger or routine on MySQL/MariaDB: the
// model's text and the text the server gives back (inspect_objects.cpp)
// in one spelling. The server rewrites a view's query when it stores it:
// every column `t`.`c` qualified, every select item given an alias
// (`c` AS `c`, count(0) AS `count(*)`), `WHERE active` as `active` <> 0,
// joins in parentheses, keywords lower case. Each rule below undoes one
// such rewrite on both sides, and only where it cannot make two queries
// that mean different things alike: a qualifier goes only where the query
// block reads a single table, an alias only where it repeats its expression.
// What text alone cannot undo stays a difference: SELECT * (stored as the
// column list), a query over several tables whose columns the model leaves
// unqualified. The model then spells them as inspect does.
#include <algorithm>
#include <map>
#include <set>

#include "core/sql/sql_canonical.hpp"
#include "dialects/mysql/compile.hpp"
#include "dialects/mysql/sql_text.hpp"

namespace migrate {
namespace {

using mysql::lex;
using mysql::Tok;
using mysql::TokKind;

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string render_one(const Tok& t) {
  switch (t.kind) {
    case TokKind::word:
    case TokKind::name:
    case TokKind::variable:
      return lower(t.value);
    case TokKind::string: {
      std::string out = "'";
      for (char c : t.value) out += c == '\'' ? std::string("''") : std::string(1, c);
      return out + "'";
    }
    default:
      return t.value;
  }
}

// A token list with deletions and text to add after a token.
struct Text {
  std::vector<Tok> toks;
  std::vector<bool> gone;
  std::vector<std::string> after;
  std::vector<std::string> instead;  // rendered in the token's place
  explicit Text(std::vector<Tok> t)
      : toks(std::move(t)), gone(toks.size(), false), after(toks.size()), instead(toks.size()) {}
  std::string render(size_t b, size_t e) const {
    std::string out;
    for (size_t i = b; i < e; ++i) {
      if (gone[i]) continue;
      out += (out.empty() ? "" : " ") + (instead[i].empty() ? render_one(toks[i]) : instead[i]);
      if (!after[i].empty()) out += " " + after[i];
    }
    return out;
  }
  std::string render() const { return render(0, toks.size()); }
};

Tok word(const char* w) {
  return Tok{TokKind::word, w, 0, 0};
}

bool is_word_in(const Tok& t, std::initializer_list<const char*> words) {
  for (const char* w : words)
    if (t.word(w)) return true;
  return false;
}

// Spellings the server changes anywhere in a query: != is <>, count(*) is
// count(0), MariaDB's length() is octet_length(), INNER and CROSS JOIN are
// JOIN, OUTER goes, AS before an alias is optional, and a cast to char
// gets the connection's character set.
std::vector<Tok> respell(const std::vector<Tok>& in) {
  std::vector<Tok> out;
  for (size_t i = 0; i < in.size(); ++i) {
    const Tok& t = in[i];
    auto next = [&](size_t k) -> const Tok* { return i + k < in.size() ? &in[i + k] : nullptr; };
    if (t.punct('!') && next(1) && next(1)->punct('=')) {
      out.push_back(Tok{TokKind::punct, "<", 0, 0});
      out.push_back(Tok{TokKind::punct, ">", 0, 0});
      ++i;
      continue;
    }
    if (t.word("count") && next(3) && next(1)->punct('(') && next(2)->punct('*') &&
        next(3)->punct(')')) {
      out.push_back(t);
      out.push_back(in[i + 1]);
      out.push_back(Tok{TokKind::number, "0", 0, 0});
      out.push_back(in[i + 3]);
      i += 3;
      continue;
    }
    if (t.word("length") && next(1) && next(1)->punct('(')) {
      out.push_back(word("octet_length"));
      continue;
    }
    if ((t.word("inner") || t.word("cross")) && next(1) && next(1)->word("join")) continue;
    if (t.word("outer") && next(1) && next(1)->word("join")) continue;
    // AS before an alias, ASC after a sort key: both optional.
    if (t.word("as") || t.word("asc")) continue;
    // _utf8'x': VIEWS.VIEW_DEFINITION gives literals without their introducer.
    if (t.kind == TokKind::word && t.value.size() > 1 && t.value[0] == '_' && next(1) &&
        next(1)->kind == TokKind::string && next(1)->begin == t.end)
      continue;
    if (t.word("charset") && next(1) && !out.empty() &&
        (out.back().word("char") ||
         (out.back().punct(')') && out.size() >= 4 && out[out.size() - 4].word("char")))) {
      ++i;
      continue;
    }
    if (t.word("with") && next(2) && next(1)->word("check") && next(2)->word("option")) {
      out.push_back(t);
      out.push_back(word("cascaded"));
      continue;
    }
    out.push_back(t);
  }
  return out;
}

// The index of the parenthesis that closes the one at `open`, or size().
size_t closing(const std::vector<Tok>& t, size_t open) {
  int depth = 0;
  for (size_t i = open; i < t.size(); ++i) {
    if (t[i].punct('(')) ++depth;
    if (t[i].punct(')') && --depth == 0) return i;
  }
  return t.size();
}

bool ends_clause(const Tok& t) {
  return is_word_in(t, {"where", "group", "having", "order", "limit", "window", "union",
                        "procedure", "into", "for", "lock", "join", "left", "right", "natural",
                        "straight_join", "on", "using"}) ||
         t.punct(')') || t.punct(',');
}

// Parentheses the server puts around joins and ON conditions, which group
// nothing a reader could group otherwise: `from ((a join b on(x)) join c
// on(y))` is `from a join b on x join c on y`.
std::vector<Tok> unparenthesize_joins(std::vector<Tok> t) {
  for (bool again = true; again;) {
    again = false;
    for (size_t i = 0; i < t.size(); ++i) {
      if (!t[i].punct('(') || i == 0) continue;
      const size_t close = closing(t, i);
      if (close == t.size()) continue;
      const Tok& before = t[i - 1];
      const bool after_end = close + 1 == t.size() || ends_clause(t[close + 1]);
      bool drop = false;
      if (before.word("on") && after_end) drop = true;
      if ((before.word("from") || before.word("join") || before.punct('(')) && i + 1 < close &&
          !t[i + 1].word("select")) {
        int depth = 0;
        for (size_t k = i + 1; k < close; ++k) {
          if (t[k].punct('(')) ++depth;
          if (t[k].punct(')')) --depth;
          if (depth == 0 && t[k].word("join")) drop = true;
        }
      }
      if (!drop) continue;
      t.erase(t.begin() + static_cast<long>(close));
      t.erase(t.begin() + static_cast<long>(i));
      again = true;
      break;
    }
  }
  return t;
}

// EXISTS (SELECT ...): MariaDB adds LIMIT 1, which changes nothing there.
std::vector<Tok> without_exists_limit(std::vector<Tok> t) {
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    if (!t[i].word("exists") || !t[i + 1].punct('(')) continue;
    const size_t close = closing(t, i + 1);
    if (close == t.size() || close < i + 4) continue;
    if (t[close - 2].word("limit") && t[close - 1].kind == TokKind::number &&
        t[close - 1].value == "1")
      t.erase(t.begin() + static_cast<long>(close) - 2, t.begin() + static_cast<long>(close));
  }
  return t;
}

bool is_operand_end(const Text& x, size_t i) {
  return i >= x.toks.size() || is_word_in(x.toks[i], {"and", "or", "xor"}) ||
         (ends_clause(x.toks[i]) && !x.toks[i].punct(','));
}

class Blocks {
 public:
  explicit Blocks(Text& x) : x_(x) {}

  // The query in [b, e): SELECT blocks joined by UNION (ALL|DISTINCT).
  void query(size_t b, size_t e) {
    size_t start = b;
    int depth = 0;
    for (size_t i = b; i <= e; ++i) {
      if (i < e && x_.toks[i].punct('(')) ++depth;
      if (i < e && x_.toks[i].punct(')')) --depth;
      if (i == e || (depth == 0 && x_.toks[i].word("union"))) {
        block(start, i);
        start = i + 1;
      }
    }
  }

 private:
  Text& x_;
  std::map<std::string, std::string> aliases_;  // of the block's select items: alias -> expression

  // ORDER BY an alias: the server stores the aliased expression instead.
  void order_by_aliases(const std::vector<size_t>& own, const std::vector<int>& depth_of) {
    bool in_order = false;
    for (size_t k = 0; k < own.size(); ++k) {
      const size_t i = own[k];
      const Tok& t = x_.toks[i];
      if (depth_of[k] != 0) continue;
      if (t.word("order") && k + 1 < own.size() && x_.toks[own[k + 1]].word("by")) {
        in_order = true;
        continue;
      }
      if (is_word_in(t, {"limit", "procedure", "into", "for", "lock", "window"})) in_order = false;
      if (!in_order || x_.gone[i] || !t.is_name()) continue;
      const bool alone =
          (k == 0 || x_.toks[own[k - 1]].punct(',') || x_.toks[own[k - 1]].word("by")) &&
          (k + 1 == own.size() || x_.toks[own[k + 1]].punct(',') ||
           is_word_in(x_.toks[own[k + 1]], {"desc", "limit"}));
      auto it = aliases_.find(lower(t.value));
      if (alone && it != aliases_.end()) x_.instead[i] = it->second;
    }
  }

  // One SELECT block in [b, e): its subqueries first, then its own tokens.
  void block(size_t b, size_t e) {
    std::vector<size_t> own;
    std::vector<int> depth_of;
    int depth = 0;
    for (size_t i = b; i < e; ++i) {
      const Tok& t = x_.toks[i];
      if (t.punct('(') && i + 1 < e && x_.toks[i + 1].word("select")) {
        size_t close = std::min(closing(x_.toks, i), e);
        query(i + 1, close);
        own.push_back(i);
        depth_of.push_back(depth);
        i = close;  // the ( and ) belong to this block, what is between to the subquery
        if (close < e) {
          own.push_back(close);
          depth_of.push_back(depth);
        }
        continue;
      }
      if (t.punct(')')) --depth;
      own.push_back(i);
      depth_of.push_back(depth);
      if (t.punct('(')) ++depth;
    }
    // The select list and the FROM clause, at the block's own depth.
    size_t from = own.size(), from_end = own.size();
    for (size_t k = 0; k < own.size(); ++k) {
      if (depth_of[k] != 0) continue;
      const Tok& t = x_.toks[own[k]];
      if (from == own.size() && t.word("from")) {
        from = k;
        continue;
      }
      if (from != own.size() && from_end == own.size() &&
          is_word_in(t, {"where", "group", "having", "order", "limit", "window", "procedure",
                         "into", "for", "lock"}))
        from_end = k;
    }
    std::set<std::string> single = single_table(own, depth_of, from, from_end);
    // FROM a, b: the server writes (a join b).
    for (size_t k = from + 1; k < from_end && k < own.size(); ++k)
      if (depth_of[k] == 0 && x_.toks[own[k]].punct(',')) x_.instead[own[k]] = "join";
    if (!single.empty()) drop_qualifiers(own, single);
    aliases_.clear();
    drop_aliases(own, depth_of, from, single);
    order_by_aliases(own, depth_of);
    drop_not_zero(own);
  }

  // The table and alias of a FROM clause that reads one table, lower case;
  // empty where it reads more (a join, a list, a subquery) or none.
  std::set<std::string> single_table(const std::vector<size_t>& own,
                                     const std::vector<int>& depth_of, size_t from,
                                     size_t from_end) {
    std::vector<const Tok*> src;
    for (size_t k = from + 1; k < from_end && k < own.size(); ++k) {
      const Tok& t = x_.toks[own[k]];
      if (t.punct('(') || t.punct(',') || t.word("join") || t.word("straight_join") ||
          depth_of[k] != 0)
        return {};
      src.push_back(&t);
    }
    // name | db . name, and an alias
    std::set<std::string> out;
    size_t n = src.size();
    size_t at = 0;
    if (n >= 3 && src[1]->punct('.')) at = 2;
    if (at >= n || !src[at]->is_name()) return {};
    out.insert(lower(src[at]->value));
    if (at + 1 < n && src[at + 1]->is_name()) out.insert(lower(src[at + 1]->value));
    if (at + 1 + (at + 1 < n ? 1 : 0) != n) return {};
    return out;
  }

  // `t`.`c` -> c where t is the block's one table (or its alias), and not a
  // function call (db.f()).
  void drop_qualifiers(const std::vector<size_t>& own, const std::set<std::string>& single) {
    for (size_t k = 0; k + 2 < own.size(); ++k) {
      const size_t i = own[k];
      if (own[k + 1] != i + 1 || own[k + 2] != i + 2) continue;
      const Tok& q = x_.toks[i];
      if (!q.is_name() || !x_.toks[i + 1].punct('.') || !x_.toks[i + 2].is_name()) continue;
      if (k > 0 && x_.toks[own[k - 1]].punct('.')) continue;
      if (i + 3 < x_.toks.size() && x_.toks[i + 3].punct('(')) continue;
      if (!single.count(lower(q.value))) continue;
      x_.gone[i] = x_.gone[i + 1] = true;
    }
  }

  // `expr` AS `alias` -> expr where the alias is what the server would have
  // named the item anyway: the column's own name, or the expression's text.
  void drop_aliases(const std::vector<size_t>& own, const std::vector<int>& depth_of, size_t from,
                    const std::set<std::string>& single) {
    size_t k = 0;
    while (k < own.size() && !x_.toks[own[k]].word("select")) ++k;
    ++k;
    while (k < from && is_word_in(x_.toks[own[k]],
                                  {"distinct", "all", "distinctrow", "high_priority",
                                   "straight_join", "sql_small_result", "sql_big_result",
                                   "sql_buffer_result", "sql_no_cache", "sql_calc_found_rows"}))
      ++k;
    size_t item = k;
    for (; k <= from && k <= own.size(); ++k) {
      const bool end =
          k == from || k == own.size() || (depth_of[k] == 0 && x_.toks[own[k]].punct(','));
      if (!end) continue;
      item_alias(own, item, k, single);
      item = k + 1;
    }
  }

  void item_alias(const std::vector<size_t>& own, size_t b, size_t e,
                  const std::set<std::string>& single) {
    std::vector<size_t> live;
    for (size_t k = b; k < e; ++k)
      if (!x_.gone[own[k]]) live.push_back(own[k]);
    if (live.size() < 2) return;
    const Tok& alias = x_.toks[live.back()];
    const Tok& before = x_.toks[live[live.size() - 2]];
    if (!alias.is_name() || before.punct('.')) return;
    if (before.kind == TokKind::punct && !before.punct(')') && !before.punct('*')) return;
    if (before.kind == TokKind::word &&
        is_word_in(before, {"distinct", "interval", "binary", "not", "and", "or"}))
      return;
    // A column is named by its own name, a string by its value, whatever the qualifier.
    const size_t n = live.size() - 1;
    const Tok& last = x_.toks[live[n - 1]];
    const bool column =
        last.is_name() && (n == 1 || ((n == 3 || n == 5) && x_.toks[live[n - 2]].punct('.') &&
                                      (n == 3 || x_.toks[live[1]].punct('.'))));
    if ((column || (n == 1 && last.kind == TokKind::string)) &&
        (column ? lower(last.value) == lower(alias.value) : last.value == alias.value)) {
      x_.gone[live.back()] = true;
      return;
    }
    std::string expr = x_.render(live.front(), live[live.size() - 2] + 1);
    bool ok = true;
    std::vector<Tok> named = respell(lex(alias.value, &ok));
    if (!ok) return;
    Text a(std::move(named));
    for (size_t i = 0; i + 2 < a.toks.size(); ++i)
      if (a.toks[i].is_name() && a.toks[i + 1].punct('.') && a.toks[i + 2].is_name() &&
          single.count(lower(a.toks[i].value)))
        a.gone[i] = a.gone[i + 1] = true;
    if (a.render() == expr)
      x_.gone[live.back()] = true;
    else
      aliases_[lower(alias.value)] = expr;
  }

  // MariaDB's `active` <> 0 for a bare column as a condition, and
  // `active` = 0 for NOT active: the column alone is what the user wrote.
  void drop_not_zero(const std::vector<size_t>& own) {
    auto starts_operand = [&](size_t at) {
      const Tok* p = at == kNone ? nullptr : &x_.toks[at];
      return !p || is_word_in(*p, {"where", "having", "on", "and", "or", "xor", "when"}) ||
             p->punct('(');
    };
    const std::vector<Tok>& t = x_.toks;
    for (size_t i : own) {
      if (x_.gone[i] || !t[i].is_name()) continue;
      if (i + 1 < t.size() && (t[i + 1].punct('.') || t[i + 1].punct('('))) continue;
      // The column: a name, or q . name.
      size_t first = i >= 2 && t[i - 1].punct('.') && !x_.gone[i - 1] ? i - 2 : i;
      const size_t p = before(first);
      if (p != kNone && t[p].word("not")) {
        if (starts_operand(before(p)) && is_operand_end(x_, i + 1)) {
          x_.gone[p] = true;
          x_.after[i] = "= 0";
        }
        continue;
      }
      if (starts_operand(p) && i + 3 < t.size() && t[i + 1].punct('<') && t[i + 2].punct('>') &&
          t[i + 3].kind == TokKind::number && t[i + 3].value == "0" && is_operand_end(x_, i + 4))
        x_.gone[i + 1] = x_.gone[i + 2] = x_.gone[i + 3] = true;
    }
  }

  static constexpr size_t kNone = static_cast<size_t>(-1);
  // The last token before `i` not deleted, or kNone.
  size_t before(size_t i) const {
    while (i-- > 0)
      if (!x_.gone[i]) return i;
    return kNone;
  }
};

std::string view_spelling(const std::string& query) {
  bool ok = true;
  std::vector<Tok> toks = lex(query, &ok);
  if (!ok) return canonical_sql(query, CanonicalSqlOptions{true});
  Text x(without_exists_limit(unparenthesize_joins(respell(toks))));
  Blocks(x).query(0, x.toks.size());
  return x.render();
}

const std::set<std::string> kIntTypes = {"tinyint", "smallint", "mediumint",
                                         "int",     "integer",  "bigint"};

// A routine's characteristics in one order, the defaults (NOT
// DETERMINISTIC, CONTAINS SQL, SQL SECURITY DEFINER, LANGUAGE SQL) left out:
// SHOW CREATE writes them in its own order and only where not default.
// Also: integer display widths go (int(11) is int), DEFINER goes.
std::string routine_spelling(const std::string& statement, bool trigger) {
  bool ok = true;
  std::vector<Tok> toks = lex(mysql::without_definer(statement), &ok);
  if (!ok) return canonical_sql(statement, CanonicalSqlOptions{true});
  std::vector<Tok> t;
  for (size_t i = 0; i < toks.size(); ++i) {
    // FOLLOWS / PRECEDES: the order among a table's triggers, which inspect does not report.
    if (trigger && i + 1 < toks.size() && (toks[i].word("follows") || toks[i].word("precedes")) &&
        toks[i + 1].is_name()) {
      ++i;
      continue;
    }
    t.push_back(toks[i]);
  }
  if (trigger) return Text(t).render();
  // The header: CREATE [AGGREGATE] FUNCTION|PROCEDURE name ( params ) [RETURNS type]
  size_t i = 0;
  while (i < t.size() && !t[i].punct('(')) ++i;
  if (i == t.size()) return Text(t).render();
  size_t close = closing(t, i);
  if (close == t.size()) return Text(t).render();
  std::vector<Tok> head(t.begin(), t.begin() + static_cast<long>(close) + 1);
  size_t k = close + 1;
  if (k < t.size() && t[k].word("returns")) {
    head.push_back(t[k++]);
    while (k < t.size() &&
           !is_word_in(t[k], {"comment", "language", "not", "deterministic", "contains", "no",
                              "reads", "modifies", "sql", "begin", "return"}))
      head.push_back(t[k++]);
  }
  std::vector<Tok> h;
  for (size_t j = 0; j < head.size(); ++j) {
    Tok x = head[j];
    if (x.word("integer")) x.value = "int";
    if (x.word("boolean") || x.word("bool")) x.value = "tinyint";  // SHOW CREATE: tinyint(1)
    if (x.word("character") && j + 1 < head.size() && head[j + 1].word("set")) {
      x.value = "charset";
      ++j;
    }
    h.push_back(x);
    if (x.kind == TokKind::word && kIntTypes.count(lower(x.value)) && j + 3 < head.size() &&
        head[j + 1].punct('(') && head[j + 2].kind == TokKind::number && head[j + 3].punct(')'))
      j += 3;
  }
  bool deterministic = false;
  std::string access, security, comment;
  for (;;) {
    if (k < t.size() && t[k].word("deterministic")) {
      deterministic = true;
      ++k;
    } else if (k + 1 < t.size() && t[k].word("not") && t[k + 1].word("deterministic")) {
      deterministic = false;
      k += 2;
    } else if (k + 1 < t.size() && t[k].word("language") && t[k + 1].word("sql")) {
      k += 2;
    } else if (k + 1 < t.size() && t[k].word("contains") && t[k + 1].word("sql")) {
      access.clear();
      k += 2;
    } else if (k + 1 < t.size() && t[k].word("no") && t[k + 1].word("sql")) {
      access = "no sql";
      k += 2;
    } else if (k + 2 < t.size() && (t[k].word("reads") || t[k].word("modifies")) &&
               t[k + 1].word("sql") && t[k + 2].word("data")) {
      access = lower(t[k].value) + " sql data";
      k += 3;
    } else if (k + 2 < t.size() && t[k].word("sql") && t[k + 1].word("security")) {
      security = t[k + 2].word("invoker") ? "sql security invoker" : "";
      k += 3;
    } else if (k + 1 < t.size() && t[k].word("comment") && t[k + 1].kind == TokKind::string) {
      comment = render_one(t[k + 1]);
      if (t[k + 1].value.empty()) comment.clear();
      k += 2;
    } else {
      break;
    }
  }
  std::string out = Text(h).render();
  if (deterministic) out += " deterministic";
  if (!access.empty()) out += " " + access;
  if (!security.empty()) out += " " + security;
  if (!comment.empty()) out += " comment " + comment;
  std::string body = Text(std::vector<Tok>(t.begin() + static_cast<long>(k), t.end())).render();
  return body.empty() ? out : out + " " + body;
}

}  // namespace

SchemaObject MysqlDialect::normalize_object(const SchemaObject& o) const {
  SchemaObject n = o;
  if (n.definition.empty()) return n;
  switch (n.kind) {
    case ObjectKind::view:
      n.definition = view_spelling(n.definition);
      break;
    case ObjectKind::trigger:
      n.definition = routine_spelling(n.definition, true);
      break;
    case ObjectKind::function:
    case ObjectKind::procedure:
      n.definition = routine_spelling(n.definition, false);
      break;
    default:
      return DiffRules::normalize_object(o);
  }
  return n;
}

}  // namespace migrate
