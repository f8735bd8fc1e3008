// newsgraph build: articles in, RDF out. (Being assembled; see issue 3.)
#include "cli/commands.hpp"
#include "util/error.hpp"

namespace newsgraph::cli {
int run_build(const Args&) { throw UsageError("build: not assembled yet"); }
}  // namespace newsgraph::cli
