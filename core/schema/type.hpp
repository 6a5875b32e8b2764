#pragma once
// A column type as the user wrote it, split into a base name and its
// arguments so dialects can map portable names and compare can tell
// varchar(100) from varchar(200).
#include <string>
#include <string_view>
#include <vector>

namespace migrate {

struct Type {
  std::string name;               // lower-cased base name: "varchar", "numeric", "jsonb"
  std::vector<std::string> args;  // "100"; "10", "2"; enum labels as written
  std::string suffix;             // text after the closing parenthesis, e.g. "unsigned"

  // Parses "varchar(100)", "numeric(10, 2)", "double precision", "int unsigned".
  // Throws std::invalid_argument with a reason when the text is malformed
  // (empty, unbalanced parentheses, empty argument, wrong arguments for a
  // portable type).
  static Type parse(std::string_view text);

  std::string str() const;  // canonical spelling: "numeric(10,2)"
  bool is_portable() const;

  friend bool operator==(const Type&, const Type&) = default;
};

}  // namespace migrate
