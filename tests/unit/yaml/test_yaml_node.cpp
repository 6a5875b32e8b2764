// core/yaml/yaml_node: the libyaml tree every user file is read through.
#include <doctest/doctest.h>

#include <string>

#include "core/base/error.hpp"
#include "core/yaml/yaml_node.hpp"
#include "core/yaml/yaml_read.hpp"

using namespace migrate;

namespace {

std::string error_of(const std::string& text) {
  try {
    yaml::parse(text, "f.yaml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("yaml_node: kinds, text, order and places") {
  yaml::Node root = yaml::parse("b: 1\na:\n  - x\n  - 'y z'\nc: {k: v}\n", "f.yaml");
  REQUIRE(root.is_map());
  auto entries = root.pairs();
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].first.scalar() == "b");  // file order, not sorted
  CHECK(entries[1].first.scalar() == "a");
  CHECK(entries[0].second.scalar() == "1");
  const yaml::Node& list = entries[1].second;
  REQUIRE(list.is_sequence());
  REQUIRE(list.size() == 2);
  CHECK(list.items()[1].scalar() == "y z");
  CHECK(list.items()[1].mark().line == 3);
  CHECK(list.items()[1].mark().column == 4);
  CHECK(yaml::mark(entries[2].second, "f.yaml").str() == "f.yaml:5:4");
  CHECK(entries[2].second.is_map());
  CHECK(entries[2].second.size() == 1);
  CHECK(list.scalar().empty());  // not a scalar
  CHECK(list.pairs().empty());   // not a map
}

TEST_CASE("yaml_node: null is a plain null word or nothing; quoted it is text") {
  yaml::Node root = yaml::parse(
      "a: ~\nb: null\nc: NULL\nd:\ne: 'null'\nf: \"~\"\ng: !!str null\nh: nul\n", "f.yaml");
  auto e = root.pairs();
  REQUIRE(e.size() == 8);
  for (int i = 0; i < 4; ++i) CHECK(e[i].second.is_null());
  CHECK(e[4].second.is_scalar());
  CHECK(e[4].second.scalar() == "null");
  CHECK(e[5].second.scalar() == "~");
  CHECK(e[6].second.is_scalar());
  CHECK(e[7].second.scalar() == "nul");
}

TEST_CASE("yaml_node: tags tell plain from quoted from explicit") {
  auto e = yaml::parse("a: 1\nb: '1'\nc: |\n  1\nd: !!str 1\n", "f.yaml").pairs();
  CHECK(e[0].second.tag() == "?");
  CHECK(e[1].second.tag() == "!");
  CHECK(e[2].second.tag() == "!");
  CHECK(e[2].second.scalar() == "1\n");
  CHECK(e[3].second.tag() == "tag:yaml.org,2002:str");
}

TEST_CASE("yaml_node: an empty text is null; only the first document counts") {
  CHECK(yaml::parse("", "f.yaml").is_null());
  CHECK(yaml::parse("# only a comment\n", "f.yaml").is_null());
  CHECK_FALSE(yaml::parse("", "f.yaml").mark().known());
  yaml::Node first = yaml::parse("a: 1\n---\nb: [\n", "f.yaml");
  REQUIRE(first.is_map());
  CHECK(first.pairs().at(0).first.scalar() == "a");
}

TEST_CASE("yaml_node: aliases share their anchor's node; an unknown one is an error") {
  auto e = yaml::parse("base: &b {type: integer}\ncopy: *b\n", "f.yaml").pairs();
  REQUIRE(e[1].second.is_map());
  CHECK(e[1].second.pairs().at(0).second.scalar() == "integer");
  std::string err = error_of("a: *nowhere\n");
  CHECK(err.find("f.yaml:1:4: invalid YAML: alias *nowhere") == 0);
}

TEST_CASE("yaml_node: syntax errors name the file, line, column and the construct") {
  std::string err = error_of("tables:\n  users:\n    columns: [a, b\n");
  CHECK(err.find("f.yaml:4:1: invalid YAML: ") == 0);
  CHECK(err.find("line 3") != std::string::npos);
  err = error_of("a: b: c\n");
  CHECK(err.find("f.yaml:1:5: invalid YAML: mapping values are not allowed") == 0);
  err = error_of("a: \"x\x01y\"\n");
  CHECK(err.find("invalid YAML: control characters are not allowed (0x01)") != std::string::npos);
}

TEST_CASE("yaml_read: booleans take yaml-cpp's words, in its three cases") {
  for (const char* t : {"true", "True", "TRUE", "yes", "Yes", "on", "ON", "y", "Y"}) {
    CAPTURE(t);
    CHECK(yaml::boolean(yaml::parse(t, "f.yaml"), "f.yaml", "x"));
  }
  for (const char* f : {"false", "FALSE", "no", "No", "off", "n", "N"}) {
    CAPTURE(f);
    CHECK_FALSE(yaml::boolean(yaml::parse(f, "f.yaml"), "f.yaml", "x"));
  }
  for (const char* bad : {"tRUE", "yES", "1", "0", "truthy", "[true]"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(yaml::boolean(yaml::parse(bad, "f.yaml"), "f.yaml", "x"), InputError);
  }
}
