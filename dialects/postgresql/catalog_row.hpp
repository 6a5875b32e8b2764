#pragma once
// Reading the text columns of a catalog query's rows: what inspect and
// stored_objects share.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/dialect/dialect.hpp"

namespace migrate::postgresql {

inline const std::string& text(const Row& r, size_t i) {
  static const std::string empty;
  return std::holds_alternative<std::string>(r[i]) ? std::get<std::string>(r[i]) : empty;
}

inline std::optional<std::string> opt_text(const Row& r, size_t i) {
  if (is_null(r[i])) return std::nullopt;
  return std::get<std::string>(r[i]);
}

// A json array of strings (json_agg of names); null: none.
inline std::vector<std::string> json_names(const Row& r, size_t i) {
  std::vector<std::string> out;
  if (is_null(r[i])) return out;
  for (const auto& v : nlohmann::json::parse(text(r, i))) out.push_back(v.get<std::string>());
  return out;
}

// [[is_expression, text, indoption, opclass], ...]: an expression key is
// told by the catalog (attnum 0), never guessed from its text. indoption
// bit 1 is DESC, bit 2 NULLS FIRST; the operator class is null when it is
// the type's default, bare when it is in pg_catalog or the current schema
// (an extension's, as the model names it).
inline std::vector<IndexKey> json_keys(const Row& r, size_t i) {
  std::vector<IndexKey> out;
  if (is_null(r[i])) return out;
  for (const auto& v : nlohmann::json::parse(text(r, i))) {
    std::string key = v.at(1).get<std::string>();
    IndexKey k =
        v.at(0).get<bool>() ? IndexKey::of_expression(std::move(key)) : IndexKey(std::move(key));
    const int option = v.at(2).is_number() ? v.at(2).get<int>() : 0;
    k.descending = (option & 1) != 0;
    const bool nulls_first = (option & 2) != 0;
    // Only what differs from the order's own default (ASC NULLS LAST, DESC NULLS FIRST).
    if (nulls_first != k.descending) k.nulls = nulls_first ? "first" : "last";
    if (v.at(3).is_string()) k.opclass = v.at(3).get<std::string>();
    out.push_back(std::move(k));
  }
  return out;
}

// The select list of an index's keys and predicate, for pg_index `i`
// (ordered by position; INCLUDE columns left out).
inline const char* kIndexKeysSql =
    "(SELECT json_agg(json_build_array(k.num = 0, CASE WHEN k.num = 0 "
    "THEN pg_get_indexdef(i.indexrelid, k.ord::int, true) "
    "ELSE att.attname::text END, i.indoption[k.ord - 1], "
    "(SELECT CASE WHEN NOT opc.opcdefault THEN CASE WHEN opc.opcnamespace IN ("
    "'pg_catalog'::regnamespace, current_schema()::regnamespace) THEN '' ELSE "
    "opc.opcnamespace::regnamespace::text || '.' END "
    "|| opc.opcname END FROM pg_opclass opc WHERE opc.oid = i.indclass[k.ord - 1])) "
    "ORDER BY k.ord) FROM "
    "unnest(i.indkey::int2[]) WITH ORDINALITY "
    "k(num, ord) LEFT JOIN pg_attribute att ON att.attrelid = "
    "i.indrelid AND att.attnum = k.num "
    "WHERE k.ord <= i.indnkeyatts), "
    "pg_get_expr(i.indpred, i.indrelid, true)";

}  // namespace migrate::postgresql
