// Thin entry point: pick the subcommand, run it, map errors to exit codes,
// and make sure what went to stdout really got there.
#include <boost/program_options/errors.hpp>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "cli/commands.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"

namespace newsgraph::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"build", "extract a knowledge graph from news articles and write it as RDF", run_build},
#ifndef NEWSGRAPH_CORE_ONLY
      {"validate", "check graphs against the newsgraph SHACL shapes", run_validate},
      {"query", "answer a SPARQL query or a canned question over graphs or articles", run_query},
      {"queries", "list the canned queries with their questions and parameters", run_queries},
      {"draw", "draw actors and the incidents between them with Graphviz (DOT, SVG, PNG)", run_draw},
      {"push", "store graphs or articles in a triple store (SPARQL Graph Store Protocol)", run_push},
#endif
  };
  return table;
}

namespace {

void print_usage(std::ostream& out) {
  out << "newsgraph " << NEWSGRAPH_VERSION << ": who did what to whom, from the news, as RDF\n\n"
      << "usage: newsgraph COMMAND [OPTIONS] [ARGS]\n"
      << "       newsgraph COMMAND --help\n\ncommands:\n";
  for (const auto& c : commands()) {
    out << "  " << c.name << std::string(12 - std::strlen(c.name), ' ') << c.summary << '\n';
  }
  out << "\nexit codes: 0 success, 1 bad input or I/O failure, 2 bad usage\n";
}

int dispatch(int argc, char** argv) {
  if (argc < 2) {
    print_usage(std::cerr);
    return 2;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(std::cout);
    return 0;
  }
  if (name == "--version") {
    std::cout << "newsgraph " << NEWSGRAPH_VERSION << '\n';
    return 0;
  }
  for (const auto& c : commands()) {
    if (name == c.name) return c.run(Args(argv + 2, argv + argc));
  }
  throw UsageError("unknown command '" + name + "' (see 'newsgraph --help')");
}

// Killed mid-run (Ctrl-C, kill, a closed terminal), no destructor runs: remove
// the half-written temp files here, then let the signal end the process as
// it would have (SA_RESETHAND restored the default action on entry).
extern "C" void remove_temp_files_and_die(int signal_number) {
  AtomicFile::remove_uncommitted_temp_files();
  std::raise(signal_number);
}

void handle_signals() {
  struct sigaction action {};
  action.sa_handler = remove_temp_files_and_die;
  action.sa_flags = SA_RESETHAND;
  sigemptyset(&action.sa_mask);
  for (const int s : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(s, &action, nullptr);
  // Over a file size limit (ulimit -f), a write then fails with EFBIG and is
  // reported like any other write error, instead of SIGXFSZ killing us.
  std::signal(SIGXFSZ, SIG_IGN);
}

// Output to stdout that fails late (a full disk, a closed pipe) must not exit 0.
int check_stdout(int code) {
  std::cout.flush();
  if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0 || !std::cout) {
    std::cerr << "newsgraph: error: cannot write to standard output\n";
    return code == 0 ? 1 : code;
  }
  return code;
}

}  // namespace
}  // namespace newsgraph::cli

int main(int argc, char** argv) {
  using namespace newsgraph;
  int code = 0;
  cli::handle_signals();
  try {
    code = cli::dispatch(argc, argv);
  } catch (const UsageError& e) {
    std::cerr << "newsgraph: usage error: " << e.what() << '\n';
    code = 2;
  } catch (const boost::program_options::error& e) {
    std::cerr << "newsgraph: usage error: " << e.what() << " (see --help)\n";
    code = 2;
  } catch (const InputError& e) {
    std::cerr << "newsgraph: error: " << e.what() << '\n';
    code = 1;
  } catch (const std::bad_alloc&) {
    std::cerr << "newsgraph: error: out of memory\n";
    code = 1;
  } catch (const std::exception& e) {
    std::cerr << "newsgraph: internal error: " << e.what() << '\n';
    code = 1;
  }
  return cli::check_stdout(code);
}
