#pragma once
// Writing YAML that reads back exactly: revision files are generated, then
// edited by people, then parsed again, so every string is written plain only
// when YAML cannot mistake it for a number, a boolean, null or syntax.
#include <string>
#include <utility>
#include <vector>

namespace migrate::yaml {

// `text` as a scalar that reads back as the same string: plain when safe,
// double-quoted otherwise.
std::string str(const std::string& text);
// Always double-quoted (revision ids: "145589613528" must stay a string to other tools too).
std::string quoted(const std::string& text);
// Multi-line text as a literal block scalar ("|-" then each line indented
// by `indent` spaces) where it reads back exactly; str() otherwise (one
// line, or text a block cannot hold: leading spaces, trailing newlines,
// control characters). For SQL definitions people read and edit.
std::string block(const std::string& text, int indent);
// [a, b, "c,d"]
std::string flow_list(const std::vector<std::string>& items);
// {key: value, ...} from values already rendered.
using Fields = std::vector<std::pair<std::string, std::string>>;
std::string flow_map(const Fields& fields);

}  // namespace migrate::yaml
