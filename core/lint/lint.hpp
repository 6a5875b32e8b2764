#pragma once
// `migrate lint`: revisions checked for what would hurt in production
// (dropped data, changes that fail on existing rows or break running code,
// long locks, graph mistakes). Pure: the caller picks the revisions and the
// dialect; docs/lint.md describes every rule.
#include <map>
#include <string>
#include <vector>

#include "core/graph/graph.hpp"
#include "core/script/script.hpp"

namespace migrate {

enum class Severity { off, warning, error };
const char* to_string(Severity s);
// "off", "warning", "error"; InputError otherwise (`what` names it).
Severity parse_severity(const std::string& text, const SourceMark& at);

struct LintRule {
  const char* code;     // stable: DS101
  const char* dialect;  // "" for every dialect, else the one it concerns
  Severity level;       // by default
  const char* summary;
};
const std::vector<LintRule>& lint_rules();
const LintRule* find_lint_rule(const std::string& code);

struct Finding {
  std::string code;
  Severity severity = Severity::warning;
  std::string revision;
  std::string path;
  int line = 0;
  std::string message;
};

struct LintSettings {
  std::string dialect;                     // "sqlite", "postgresql", "mysql"
  std::map<std::string, Severity> levels;  // migrate.yaml's `lint:`, by code
};

// Lints `revisions` (any order; they are taken in apply order), each against
// the schema its ancestors leave. Graph rules look at the whole graph.
// Findings an op's `lint: ignore CODE: reason` names are dropped; a
// malformed one is an InputError at the op.
std::vector<Finding> lint(const Graph& graph, const std::vector<const Revision*>& revisions,
                          const LintSettings& settings);

}  // namespace migrate
