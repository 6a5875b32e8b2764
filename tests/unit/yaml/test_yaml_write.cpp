// Text written by yaml::str, yaml::quoted and yaml::block reads back exactly,
// whatever it holds: SQL definitions are multi-line, indented, commented.
#include <doctest/doctest.h>

#include "core/yaml/yaml_node.hpp"
#include "core/yaml/yaml_write.hpp"

using namespace migrate;

namespace {

// `text` written as the value of `key:` (a block scalar indented by 2), read back.
std::string round_trip(const std::string& text, bool as_block) {
  const std::string yaml = "key: " + (as_block ? yaml::block(text, 2) : yaml::str(text)) + "\n";
  CAPTURE(yaml);
  yaml::Node doc = yaml::parse(yaml, "t.yaml");
  REQUIRE(doc.is_map());
  return doc.pairs().front().second.scalar();
}

}  // namespace

TEST_CASE("yaml write: block and quoted text read back exactly") {
  const std::string texts[] = {
      "SELECT 1",
      "SELECT id,\n       name\n  FROM users\n\n WHERE id > 0 -- why",
      "a\tb\n\tindented by a tab\nline with trailing spaces   \nlast",
      "# not a comment\n---\n...\nkey: value\n- item",
      "SELECT 'x' ||\r\n'y'",      // CR: quoted
      "  leading spaces\nsecond",  // a block cannot start so: quoted
      "ends in a newline\n",       // quoted
      "SELECT 'a\xE2\x80\xA8"
      "b'\nFROM t",                   // U+2028: a line break to YAML
      "x\xC2\x85y and \xE2\x80\xA9",  // U+0085, U+2029
      "unicode \xC3\xA9t\xC3\xA9\nstays \xE2\x9C\x93",
  };
  for (const auto& text : texts) {
    CAPTURE(text);
    CHECK(round_trip(text, true) == text);
    CHECK(round_trip(text, false) == text);
  }
  // Multi-line text that a block can hold is written as one.
  CHECK(yaml::block("SELECT 1\nFROM t", 4) == "|-\n    SELECT 1\n    FROM t");
  CHECK(yaml::block("one line", 4) == "one line");
}
