#include "table_path_flow.hpp"

namespace itest {

void walk_a_to_b(const Project& p, const std::string& want_url, const Catalog& catalog,
                 const std::vector<std::string>& catalog_a,
                 const std::vector<std::string>& catalog_b,
                 const std::function<void()>& after_upgrade) {
  auto inspected = p.run({"inspect", "--url", want_url});
  REQUIRE_MESSAGE(inspected.code == 0, inspected.err);
  INFO("model (B inspected):\n" << inspected.out);
  p.write("schema.yaml", inspected.out);
  auto before = p.run({"check"});
  if (catalog_a != catalog_b)
    CHECK_MESSAGE(before.code == 1, "check says A matches B: " << before.out << before.err);
  auto rev = p.run({"revision", "--autogenerate", "-m", "to b", "--rev-id", "r1"});
  REQUIRE_MESSAGE(rev.code == 0, rev.err);
  INFO("revision:\n" << p.read("migrations/versions/r1_to_b.yaml"));
  auto up = p.run({"upgrade", "head"});
  REQUIRE_MESSAGE(up.code == 0, up.err);
  CHECK(catalog() == catalog_b);
  if (after_upgrade) after_upgrade();
  auto check = p.run({"check"});
  CHECK_MESSAGE(check.code == 0, check.out << check.err);
  auto down = p.run({"downgrade", "base"});
  REQUIRE_MESSAGE(down.code == 0, down.err);
  CHECK(catalog() == catalog_a);
}

}  // namespace itest
