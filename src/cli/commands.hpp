#pragma once
// Each subcommand is one function taking its own arguments (after the
// subcommand name). It returns the exit code, or throws UsageError (exit 2) /
// InputError (exit 1); main() maps those. One file per subcommand.
#include <string>
#include <vector>

namespace newsgraph::cli {

using Args = std::vector<std::string>;

struct Command {
  const char* name;
  const char* summary;
  int (*run)(const Args& args);
};

int run_build(const Args& args);
int run_validate(const Args& args);
int run_query(const Args& args);
int run_queries(const Args& args);
int run_draw(const Args& args);
int run_push(const Args& args);

// The table main() dispatches on, in the order `newsgraph --help` lists them.
const std::vector<Command>& commands();

}  // namespace newsgraph::cli
