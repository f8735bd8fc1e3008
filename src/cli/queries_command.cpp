// newsgraph queries: list the canned queries, their questions and parameters.
#include <boost/program_options.hpp>
#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "query/canned_queries.hpp"
#include "util/error.hpp"
#include "util/paths.hpp"

namespace po = boost::program_options;

namespace newsgraph::cli {

namespace {

constexpr const char* kUsage =
    "usage: newsgraph queries [--data-dir DIR]\n\n"
    "Lists the canned queries (queries/*.rq): name, question, parameters (give them\n"
    "with 'newsgraph query NAME --bind PARAM=VALUE INPUT...') and an example.\n\n"
    "exit codes: 0 success, 1 a query file is unreadable or malformed, 2 bad usage.\n\n";

}  // namespace

int run_queries(const Args& args) {
  std::string data_dir;
  po::options_description opts("options");
  opts.add_options()("help,h", "show this help")("data-dir", po::value(&data_dir)->value_name("DIR"),
                                                 "where queries/ is (default: the source tree)");
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(opts).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << kUsage << opts;
    return 0;
  }
  if (!data_dir.empty()) set_data_root(data_dir);
  for (const auto& q : query::list_canned_queries(query::canned_query_directory())) {
    std::cout << q.name << "\n  " << q.question << '\n';
    for (const auto& p : q.parameters) {
      std::cout << "  --bind " << p.name << "=" << (p.text ? "TEXT" : "TERM");
      if (!p.description.empty()) std::cout << "  " << p.description;
      std::cout << '\n';
    }
    for (const auto& e : q.examples) std::cout << "  e.g. " << e << '\n';
  }
  return 0;
}

}  // namespace newsgraph::cli
