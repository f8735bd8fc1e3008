#include "cli/cli_common.hpp"

#include <filesystem>
#include <iostream>

#include "rdf/reader.hpp"
#include "util/strings.hpp"

namespace po = boost::program_options;

namespace newsgraph::cli {

std::optional<po::variables_map> parse_command_line(const Args& args, const po::options_description& options,
                                                    std::vector<std::string>& positional, const char* usage,
                                                    const char* exit_codes) {
  po::options_description hidden;
  hidden.add_options()("input", po::value(&positional));
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description pos;
  pos.add("input", -1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << usage << options << exit_codes;
    return std::nullopt;
  }
  return vm;
}

bool is_graph_file(const std::string& path) {
  if (path == "-") return true;
  const std::string ext = ascii_lower(std::filesystem::path(path).extension().string());
  return ext == ".ttl" || ext == ".turtle" || ext == ".nt" || ext == ".nq" || ext == ".trig";
}

rdf::SordStore load_store(const std::vector<std::string>& inputs, const BuildOptions& build) {
  rdf::SordStore store;
  std::vector<std::string> articles;
  for (const auto& input : inputs) {
    if (is_graph_file(input)) {
      rdf::read_rdf_file(input, input == "-" ? std::optional(rdf::RdfSyntax::Turtle) : std::nullopt, store);
    } else {
      articles.push_back(input);
    }
  }
  if (!articles.empty()) {
    rdf::SordInserterSink sink(store);
    const BuildSummary summary = build_graph(articles, build, sink);
    for (const auto& problem : summary.report.problems)
      std::cerr << "newsgraph: skipped: " << problem << '\n';
  }
  return store;
}

}  // namespace newsgraph::cli
