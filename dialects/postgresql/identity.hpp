#pragma once
// The options of a sequence on PostgreSQL beside their defaults, which depend
// on its type and direction: an identity's sequence (GENERATED ... AS
// IDENTITY (...)) and a sequence of its own read and compare by these, so a
// model that leaves an option out equals a database that holds its default.
#include <string>

#include "core/schema/schema.hpp"

namespace migrate::postgresql {

// The values of an integer type ("smallint", "integer"; else bigint's).
struct IntegerRange {
  long long lo = 0;
  long long hi = 0;
};
IntegerRange integer_range(const std::string& type);

// `s` with each option that equals its default left out, for a sequence of
// `type`: increment 1; min 1 ascending, the type's least descending; max the
// type's greatest ascending, -1 descending; start the min ascending, the max
// descending; cache 1.
SequenceOptions without_defaults(SequenceOptions s, const std::string& type);

// `s` with every numbering option stated, the defaults filled in.
SequenceOptions with_defaults(const SequenceOptions& s, const std::string& type);

// The options stated, as CREATE SEQUENCE and GENERATED ... AS IDENTITY (...)
// write them: "START WITH 100 INCREMENT BY 5 CYCLE"; "" for none.
std::string identity_clauses(const SequenceOptions& s);

}  // namespace migrate::postgresql
