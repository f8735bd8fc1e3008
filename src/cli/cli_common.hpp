#pragma once
// What several subcommands share: their command-line skeleton (options,
// INPUT... as positional arguments, --help) and loading graphs or articles
// into a store for querying or drawing.
#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "pipeline/pipeline.hpp"
#include "rdf/sord_store.hpp"

namespace newsgraph::cli {

// Parses `args` against `options`, the positional arguments going to
// `positional`. On --help prints `usage`, the options and `exit_codes` to
// standard output and returns nullopt; otherwise the parsed values.
// Throws boost::program_options errors (main() reports them as usage errors).
std::optional<boost::program_options::variables_map> parse_command_line(
    const Args& args, const boost::program_options::options_description& options,
    std::vector<std::string>& positional, const char* usage, const char* exit_codes);

// A graph file (.ttl, .turtle, .nt, .nq, .trig; "-" is Turtle on standard
// input) rather than articles.
bool is_graph_file(const std::string& path);

// A store holding every INPUT: graph files read as they are (straight from
// Serd into Sord), all article inputs built together through build_graph, so
// that one incident in several articles is one node. Problems with skipped
// articles are reported on standard error.
rdf::SordStore load_store(const std::vector<std::string>& inputs, const BuildOptions& build = {});

}  // namespace newsgraph::cli
