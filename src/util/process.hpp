#pragma once
// Running a helper program (the JVM, Graphviz's dot, a script) to completion with
// its standard streams on files or on descriptors of ours, never on pipes that we
// would have to drain: a chatty child can never block on a full buffer, and a child
// that exits early cannot raise SIGPIPE here.
#include <string>
#include <utility>
#include <vector>

namespace newsgraph {

// Where one of the child's standard streams goes: a file the child opens by path
// (read-only for standard input; created or truncated for the others), or one of
// our descriptors, which the child shares (position included).
struct ChildStream {
  std::string path;
  int fd = -1;  // used instead of `path` when >= 0

  static ChildStream file(std::string path) { return {std::move(path), -1}; }
  static ChildStream descriptor(int fd) { return {{}, fd}; }
};

struct ChildStreams {
  ChildStream in = ChildStream::file("/dev/null");
  ChildStream out = ChildStream::file("/dev/null");
  ChildStream err = ChildStream::file("/dev/null");
};

struct ProcessResult {
  int exit_code = 0;       // the child's exit status; 128 + N when killed by signal N
  bool not_found = false;  // the program could not be executed at all (exit_code is 127)
};

// Runs argv[0] (searched on PATH when it has no '/') with argv and the caller's
// environment, its streams as `streams` says. Waits for it to end.
// Throws InputError when the child cannot be started for another reason.
ProcessResult run_process(const std::vector<std::string>& argv, const ChildStreams& streams);

// The common case: standard input from /dev/null, standard output into
// `stdout_path` and standard error into `stderr_path`.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& stdout_path,
                          const std::string& stderr_path);

}  // namespace newsgraph
