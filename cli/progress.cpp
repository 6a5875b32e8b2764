#include "cli/progress.hpp"

#include <fmt/core.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>

#include "cli/terminal.hpp"

namespace migrate::cli {
namespace {

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string cut(const std::string& s, std::size_t max_points) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && points++ == max_points)
      return s.substr(0, i);
  }
  return s;
}

}  // namespace

std::string progress_line(std::size_t index, std::size_t total, const std::string& id,
                          const std::string& message, std::size_t columns) {
  const int width = static_cast<int>(std::to_string(total).size());
  std::string line = fmt::format("[{:>{}}/{}] {}", index, width, total, id);
  // The first line of a message is what fits a progress line.
  if (!message.empty()) line += " " + message.substr(0, message.find('\n'));
  return cut(line, columns > 1 ? columns - 1 : 1);
}

StepReporter::StepReporter(const Globals& g, std::size_t total)
    : in_place_(!g.verbose && !g.quiet && is_terminal(STDERR_FILENO)), total_(total) {}

StepReporter::~StepReporter() {
  finish();
}

void StepReporter::step(const Step& step, const std::string& log_line) {
  ++done_;
  if (!in_place_) {
    spdlog::info("{}", log_line);
    return;
  }
  std::string line = progress_line(done_, total_, step.revision->id, step.revision->message,
                                   terminal_columns(STDERR_FILENO));
  const std::size_t width = code_points(line);
  // Blanks, not an erase-line escape: the line is plain text whatever NO_COLOR says.
  if (width < shown_width_) line += std::string(shown_width_ - width, ' ');
  shown_width_ = width;
  std::fputs(("\r" + line).c_str(), stderr);
  std::fflush(stderr);
}

void StepReporter::finish() {
  if (shown_width_ == 0) return;
  std::fputs("\n", stderr);
  std::fflush(stderr);
  shown_width_ = 0;
}

}  // namespace migrate::cli
