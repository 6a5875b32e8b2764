#pragma once
// How an upgrade or downgrade reports its steps. On a terminal (stderr), one
// line "[ 12/500] abc123 add email" rewritten in place; to a pipe or a file,
// or with -v (whose SQL lines would break it), the log line of each step as
// Alembic prints it; with -q nothing.
#include <cstddef>
#include <string>

#include "cli/context.hpp"
#include "core/graph/graph.hpp"

namespace migrate::cli {

class StepReporter {
 public:
  StepReporter(const Globals& g, std::size_t total);
  // Ends an open progress line, so what follows (an error) starts on its own.
  ~StepReporter();
  StepReporter(const StepReporter&) = delete;
  StepReporter& operator=(const StepReporter&) = delete;

  // `log_line` is the plain form ("Running upgrade a -> b, message").
  void step(const Step& step, const std::string& log_line);
  // Ends the progress line before other output.
  void finish();

 private:
  bool in_place_ = false;
  std::size_t total_ = 0;
  std::size_t done_ = 0;
  std::size_t shown_width_ = 0;  // of the line on screen, to blank what a shorter one leaves
};

// "[ 12/500] abc123 add email", cut to `columns` - 1 characters (code points)
// so the terminal never wraps it, which would defeat the carriage return.
std::string progress_line(std::size_t index, std::size_t total, const std::string& id,
                          const std::string& message, std::size_t columns);

}  // namespace migrate::cli
