#pragma once
// The peer-style case shape of issue #24, on any database: the database
// holds A, the user wants B (another database, inspected as the model);
// check must see the difference, autogenerate and upgrade must make the
// catalog B's, check must then find nothing, and downgrade base must give A
// back. Each suite brings its databases and its catalog reader.
#include <functional>
#include <string>
#include <vector>

#include "harness.hpp"

namespace itest {

using Catalog = std::function<std::vector<std::string>()>;

// `p` is a project on A's URL; `want_url` is B's. `after_upgrade` (optional)
// runs with B's shape in place, before check and the downgrade.
void walk_a_to_b(const Project& p, const std::string& want_url, const Catalog& catalog,
                 const std::vector<std::string>& catalog_a,
                 const std::vector<std::string>& catalog_b,
                 const std::function<void()>& after_upgrade = {});

}  // namespace itest
