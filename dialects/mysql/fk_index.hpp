#pragma once
// MySQL needs an index on a foreign key's columns and creates one of its own
// when none exists, named after the constraint. That index is not in the
// model, so inspect hides it, compile drops it with its foreign key, and an
// index a foreign key leans on is swapped for one of that kind when dropped.
#include <string>
#include <vector>

#include "core/schema/schema.hpp"

namespace migrate::mysql {

// Whether an index, unique constraint or primary key of `t` other than the
// index `except` starts with `columns` (so MySQL can use it for a foreign key).
bool has_index_for(const Table& t, const std::vector<std::string>& columns,
                   const std::string& except = "");

// The name of the index MySQL creates for `fk` when it needs one: the
// constraint's name, or for a key the server named itself (<table>_ibfk_<n>)
// its first column's.
std::string implicit_index_name(const Table& t, const ForeignKey& fk);

// Whether `ix` is the index MySQL made for one of `t`'s foreign keys.
bool is_implicit_fk_index(const Table& t, const Index& ix);

// The foreign keys of `t` that would lose their only index if `index_name` went.
std::vector<const ForeignKey*> keys_needing(const Table& t, const std::string& index_name);

}  // namespace migrate::mysql
