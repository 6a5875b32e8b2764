#pragma once
// What the ops about to run would put before the server that it would
// refuse, silently change, or read as other SQL: found before a statement
// runs, as bad input (exit 2) at the op's file:line. On MySQL a refusal in
// the middle of a revision would leave its earlier statements applied.
#include <string>
#include <vector>

#include "core/dialect/dialect.hpp"
#include "core/graph/graph.hpp"

namespace migrate {

// Every name, string literal and piece of SQL text of the ops the steps run
// (names too long or holding NUL, SQL that would leave its place), and
// index entries that name no column of a table known from `start` and the
// ops before them. `offline`: values become literals, not parameters.
void preflight(const std::vector<Step>& steps, const Schema& start, const Dialect& dialect,
               bool offline);

// The same for a model (schema.yaml), each table's at its own line.
void check_model_names(const Schema& model, const Dialect& dialect);

// One name outside the ops, such as the version table's (`what` says which).
void check_name(const Dialect& dialect, const std::string& name, NameKind kind,
                const std::string& what, const SourceMark& at = {});

}  // namespace migrate
