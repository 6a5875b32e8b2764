#pragma once
// Every failure the user can see is one of these: the exit code travels with
// the message so the CLI never has to guess which SPEC §7 code applies.
#include <stdexcept>
#include <string>

namespace migrate {

enum class ExitCode : int { ok = 0, check_failed = 1, bad_input = 2, database = 3 };

// Where in a user's file something was found. line/column are 1-based; 0 means unknown.
struct SourceMark {
  std::string file;
  int line = 0;
  int column = 0;
  std::string str() const;  // "file:line:column" (omits what is unknown)
};

class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

// Bad input: usage, configuration, model or revision files, targets (exit 2).
class InputError : public Error {
 public:
  explicit InputError(const std::string& message) : Error(ExitCode::bad_input, message) {}
  InputError(const SourceMark& at, const std::string& message)
      : Error(ExitCode::bad_input, at.str() + ": " + message) {}
};

// Connection, SQL or lock failures (exit 3).
class DatabaseError : public Error {
 public:
  explicit DatabaseError(const std::string& message) : Error(ExitCode::database, message) {}
};

}  // namespace migrate
