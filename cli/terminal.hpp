#pragma once
// What the output stream allows: colour only on a terminal and only when
// NO_COLOR is unset or empty (https://no-color.org); lines rewritten in place
// only on a terminal. Pipes and files get plain text, no escape bytes.
#include <cstddef>
#include <string>

namespace migrate::cli {

bool is_terminal(int fd);
bool colour_allowed(int fd);
// Columns of the terminal on `fd`; 80 when it does not say.
std::size_t terminal_columns(int fd);

// ANSI SGR codes, e.g. "1;31" for bold red.
std::string paint(const std::string& text, const char* sgr, bool colour);

}  // namespace migrate::cli
