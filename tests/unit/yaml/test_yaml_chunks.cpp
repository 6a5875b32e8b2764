// Loading a model a table at a time: which layouts are split, and that what
// is loaded (and every error) is the same as from the whole-document parse.
#include <doctest/doctest.h>

#include "core/model/model.hpp"
#include "core/ops/op_equal.hpp"
#include "core/yaml/yaml_chunks.hpp"
#include "tests/unit/yaml_test_util.hpp"

using namespace migrate;
using migrate::test::contains;
using migrate::test::input_error;

TEST_CASE("yaml chunks: the block layout is split into its entries") {
  auto chunks = yaml::split_block_entries(
      "# a model\ntables:   # comment\n  a:\n    columns: []\n\n  # about b\n  b: {x: 1}\n"
      "  c:\n    - deeper\n",
      "tables");
  REQUIRE(chunks);
  REQUIRE(chunks->size() == 3);
  CHECK((*chunks)[0].text == "  a:\n    columns: []\n\n  # about b\n");
  CHECK((*chunks)[0].first_line == 2);
  CHECK((*chunks)[1].text == "  b: {x: 1}\n");
  CHECK((*chunks)[1].first_line == 6);
  CHECK((*chunks)[2].first_line == 7);
}

TEST_CASE("yaml chunks: any other layout is left to the whole-document parse") {
  for (const char* text : {
           "tables: {a: {columns: []}}\n",          // flow style
           "tables:\n  - a\n",                      // a list
           "other: 1\ntables:\n  a: {}\n",          // another top-level key
           "tables:\n  a: {}\ntables:\n  b: {}\n",  // the key twice
           "---\ntables:\n  a: {}\n",               // a document marker
           "tables:\n    a: {}\n  b: {}\n",         // entries at two indents
           "tables:\n  &anchor a: {}\n",            // an anchor on a key
           "tables:\n\ta: {}\n",                    // a tab
           "  a: {}\n",                             // no `tables:` line
           "tablesx:\n  a: {}\n",
       }) {
    CAPTURE(text);
    CHECK(!yaml::split_block_entries(text, "tables"));
  }
}

TEST_CASE("model in chunks: the same schema and the same errors as in one piece") {
  const std::string block = R"y(tables:
  users:
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: email, type: text, unique: true}
  posts:
    comment: Posts
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: user_id, type: integer, references: users.id}
    indexes:
      - {name: ix_posts_user, columns: [user_id]}
)y";
  // The same model in flow style takes the whole-document path.
  const std::string flow =
      "tables: {users: {columns: [{name: id, type: integer, primary_key: true}, {name: email, "
      "type: text, unique: true}]}, posts: {comment: Posts, columns: [{name: id, type: integer, "
      "primary_key: true}, {name: user_id, type: integer, references: users.id}], indexes: "
      "[{name: ix_posts_user, columns: [user_id]}]}}\n";
  Schema a = load_model_text(block, "m.yaml", {});
  Schema b = load_model_text(flow, "m.yaml", {});
  REQUIRE(a.tables.size() == 2);
  for (size_t i = 0; i < 2; ++i) CHECK(same_table(a.tables[i], b.tables[i]));
  // Marks count lines from the top of the file, not of the piece.
  CHECK(a.table("posts")->mark.str() == "m.yaml:6:3");
  CHECK(a.table("posts")->columns[1].mark.str() == "m.yaml:10:9");

  std::string bad_ref = block;
  bad_ref.replace(bad_ref.find("users.id"), 8, "userz.id");
  CHECK(contains(input_error([&] { load_model_text(bad_ref, "m.yaml", {}); }), "m.yaml:10:"));
  std::string bad_key = block;
  bad_key.replace(bad_key.find("comment"), 7, "remark");
  CHECK(contains(input_error([&] { load_model_text(bad_key, "m.yaml", {}); }), "m.yaml:7:5"));
  std::string twice = block + "  users:\n    columns: [{name: x, type: text}]\n";
  CHECK(contains(input_error([&] { load_model_text(twice, "m.yaml", {}); }),
                 "declared twice: at m.yaml:2:3"));
}
