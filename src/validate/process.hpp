#pragma once
// Running a helper program (the JVM, a script) to completion with its output
// in files: no pipes, so a chatty child can never block on a full buffer.
#include <string>
#include <vector>

namespace newsgraph::validate {

struct ProcessResult {
  int exit_code = 0;       // the child's exit status; 128 + N when killed by signal N
  bool not_found = false;  // the program could not be executed at all (exit_code is 127)
};

// Runs argv[0] (searched on PATH when it has no '/') with argv, the caller's
// environment, stdin from /dev/null, stdout into `stdout_path` and stderr
// into `stderr_path` (created or truncated). Waits for it to end.
// Throws InputError when the child cannot be started for another reason.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& stdout_path,
                          const std::string& stderr_path);

}  // namespace newsgraph::validate
