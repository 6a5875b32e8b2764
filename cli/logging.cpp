#include "cli/logging.hpp"

#include <spdlog/sinks/ansicolor_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <iostream>

#include "cli/terminal.hpp"

namespace migrate::cli {

void setup_logging(const Globals& g) {
  // spdlog's automatic mode looks at the terminal only, not at NO_COLOR.
  const bool colour = colour_allowed(STDERR_FILENO);
  auto sink = std::make_shared<spdlog::sinks::ansicolor_stderr_sink_mt>(
      colour ? spdlog::color_mode::always : spdlog::color_mode::never);
  // Only what needs attention stands out; SQL under -v is dimmed.
  sink->set_color(spdlog::level::trace, sink->dark);
  sink->set_color(spdlog::level::debug, sink->dark);
  sink->set_color(spdlog::level::info, "");
  sink->set_color(spdlog::level::warn, sink->yellow_bold);
  sink->set_color(spdlog::level::err, sink->red_bold);
  sink->set_color(spdlog::level::critical, sink->red_bold);
  auto logger = std::make_shared<spdlog::logger>("migrate", sink);
  logger->set_pattern("%^%v%$");
  spdlog::set_default_logger(logger);
  spdlog::set_level(g.quiet     ? spdlog::level::err
                    : g.verbose ? spdlog::level::debug
                                : spdlog::level::info);
}

void print_error(const std::string& message) {
  std::cerr << paint("error:", "1;31", colour_allowed(STDERR_FILENO)) << " " << message << "\n";
}

}  // namespace migrate::cli
