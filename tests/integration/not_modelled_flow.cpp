#include "not_modelled_flow.hpp"

#include <algorithm>

namespace itest {
namespace {

// The model as inspect wrote it, and a project on `url` whose database
// stands at base (no revisions), so that check compares at once.
Result adopt(Project& p, const std::string& url, const std::string& extra = "") {
  p.init_url(url, extra);
  Result inspected = p.run({"inspect"});
  REQUIRE(inspected.code == 0);
  p.write("schema.yaml", inspected.out);
  return inspected;
}

}  // namespace

void flow_not_modelled(const NotModelledCase& c) {
  Project p;
  Result inspected = adopt(p, c.url);
  CHECK(contains(inspected.err, "warning: not modelled, so left out of this schema.yaml"));
  CHECK(contains(inspected.out, "# Not modelled, so not in this file: "));
  for (const auto& e : c.expected) {
    INFO("expected: " << e);
    CHECK(contains(inspected.err, e));
    CHECK(contains(inspected.out, e));
  }

  // The model inspect wrote matches the tables, and check says what it did not see.
  Result check = p.run({"check"});
  CHECK(check.code == 0);
  CHECK(contains(check.out, "No differences in what migrate models"));
  CHECK_FALSE(contains(check.out, "No differences: "));
  CHECK(contains(check.err, "warning: not compared"));
  for (const auto& e : c.expected) {
    INFO("expected: " << e);
    CHECK(contains(check.err, e));
  }
  Result json = p.run({"--format", "json", "check"});
  CHECK(json.code == 0);
  CHECK(contains(json.out, "\"not_compared\": ["));
  CHECK(contains(json.out, "\"kind\": \"" + c.json_kind + "\""));

  Result diff = p.run({"diff"});
  CHECK(diff.code == 0);
  CHECK(contains(diff.err, "warning: not compared"));

  Result rev = p.run({"revision", "--autogenerate", "-m", "baseline", "--rev-id", "r1"});
  CHECK(rev.code == 0);
  CHECK(contains(rev.err, "warning: not compared"));

  // The globs of migrate.yaml apply to every kind.
  Project q;
  Result filtered = adopt(q, c.url, "exclude_tables: [\"" + c.exclude_table + "\"]\n");
  for (const auto& g : c.gone_when_excluded) {
    INFO("gone when " << c.exclude_table << " is excluded: " << g);
    CHECK_FALSE(contains(filtered.err, g));
  }
  for (const auto& e : c.expected)
    if (std::find(c.gone_when_excluded.begin(), c.gone_when_excluded.end(), e) ==
        c.gone_when_excluded.end()) {
      INFO("still reported: " << e);
      CHECK(contains(filtered.err, e));
    }
}

void flow_nothing_unmodelled(const std::string& url) {
  Project p;
  Result inspected = adopt(p, url);
  CHECK_FALSE(contains(inspected.err, "not modelled"));
  CHECK_FALSE(contains(inspected.out, "# Not modelled"));
  Result check = p.run({"check"});
  CHECK(check.code == 0);
  CHECK(contains(check.out, "No differences: the database matches the model."));
  CHECK_FALSE(contains(check.err, "not compared"));
}

}  // namespace itest
