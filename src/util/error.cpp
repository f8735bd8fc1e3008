#include "util/error.hpp"

namespace newsgraph {

std::string format_location(const Location& where) {
  std::string out = where.file;
  if (where.line > 0) {
    out += ':' + std::to_string(where.line);
    if (where.column > 0) out += ':' + std::to_string(where.column);
  }
  if (where.has_offset) out += " (byte " + std::to_string(where.byte_offset) + ")";
  return out;
}

InputError::InputError(Location where, const std::string& message)
    : std::runtime_error(format_location(where) + ": " + message), where_(std::move(where)) {}

InputError::InputError(const std::string& message) : std::runtime_error(message) {}

}  // namespace newsgraph
