#pragma once
// Errors that reach the user: bad input (exit 1) and bad usage (exit 2).
// Library code throws these; only cli/ maps them to exit codes. Never let one
// cross a C callback: trampolines catch and turn them into a status.
#include <cstddef>
#include <stdexcept>
#include <string>

namespace newsgraph {

// Where in an input something went wrong. line/column are 1-based, 0 = unknown.
struct Location {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
  std::size_t byte_offset = 0;  // 0-based; meaningful when has_offset
  bool has_offset = false;
};

// "file:line:column: message" (parts omitted when unknown).
std::string format_location(const Location& where);

// Bad input or I/O failure: exit code 1.
class InputError : public std::runtime_error {
 public:
  InputError(Location where, const std::string& message);
  explicit InputError(const std::string& message);
  const Location& where() const noexcept { return where_; }

 private:
  Location where_;
};

// Bad command-line usage: exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace newsgraph
