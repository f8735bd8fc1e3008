#include "util/paths.hpp"

#include <cstdlib>

namespace newsgraph {

namespace {
std::string& override_root() {
  static std::string root;
  return root;
}
}  // namespace

void set_data_root(const std::string& root) { override_root() = root; }

std::string data_root() {
  if (!override_root().empty()) return override_root();
  if (const char* env = std::getenv("NEWSGRAPH_HOME"); env != nullptr && *env != '\0') return env;
  return NEWSGRAPH_SOURCE_ROOT;
}

std::string data_path(const std::string& relative) { return data_root() + "/" + relative; }

}  // namespace newsgraph
