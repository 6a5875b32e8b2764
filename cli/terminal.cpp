#include "cli/terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>

namespace migrate::cli {

bool is_terminal(int fd) {
  return isatty(fd) == 1;
}

bool colour_allowed(int fd) {
  const char* no_color = std::getenv("NO_COLOR");
  return is_terminal(fd) && (no_color == nullptr || *no_color == '\0');
}

std::size_t terminal_columns(int fd) {
  winsize size{};
  if (ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

std::string paint(const std::string& text, const char* sgr, bool colour) {
  if (!colour) return text;
  return "\x1b[" + std::string(sgr) + "m" + text + "\x1b[0m";
}

}  // namespace migrate::cli
