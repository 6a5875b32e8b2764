#pragma once
// The applied-history table as commands that write use it: opened with who
// runs migrate, and checked before anything runs (interrupted steps, edited
// or deleted revisions).
#include <string>
#include <vector>

#include "core/runner/history.hpp"
#include "project/workspace.hpp"

namespace migrate::project {

History open_history(Database& db, const Config& cfg);

// Throws DatabaseError (exit 3) naming a step that was killed outside a
// transaction and what to do, then Error with exit 1 listing applied
// revisions whose file changed or went. `verb` names the refused command.
void guard_history(History& history, const Graph& graph, const std::vector<std::string>& heads,
                   const std::string& verb);

}  // namespace migrate::project
