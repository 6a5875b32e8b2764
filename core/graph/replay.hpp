#pragma once
// The schema a set of revisions builds, from their upgrade ops alone: what
// offline mode stands on (there is no database to read) and what lint judges
// each revision against.
#include <string>
#include <vector>

#include "core/graph/graph.hpp"
#include "core/schema/schema.hpp"

namespace migrate {

// Plays `r`'s upgrade ops on `schema`. An op on what raw SQL made cannot be
// followed and is skipped: compile or the rule that needs it reports it.
// `rules`: how the database matches names (SQLite: USERS is users).
void replay_revision(Schema& schema, const Revision& r, const NameRules& rules = {});

// The schema after every revision up to `heads`, in apply order.
Schema replay(const Graph& graph, const std::vector<std::string>& heads,
              const NameRules& rules = {});

}  // namespace migrate
