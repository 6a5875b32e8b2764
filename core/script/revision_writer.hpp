#pragma once
// The pieces of a new revision file: its id, its file name (migrate.yaml's
// file_template, Alembic's slug) and the YAML of its graph fields.
#include <ctime>
#include <string>
#include <vector>

namespace migrate {

// A random 12-hex-digit id, as Alembic's.
std::string new_rev_id();
// Alembic's slug: lower case, words joined by "_", cut at a word boundary near 40 characters.
std::string slugify(const std::string& message);
// `pattern` (file_template: {rev} {slug} {year} {month} {day} {hour}
// {minute} {second}) filled in, plus ".yaml"; InputError for an unknown token.
std::string file_name(const std::string& pattern, const std::string& rev, const std::string& slug,
                      const std::tm& t);
// ["a", "b"]: ids stay quoted inside lists too, so "145589613528" reads back as a string.
std::string quoted_list(const std::vector<std::string>& v);

}  // namespace migrate
