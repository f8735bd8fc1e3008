#include "util/process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>
#include <unistd.h>

#include "util/error.hpp"

extern char** environ;

namespace newsgraph {
namespace {

// posix_spawn_file_actions_t needs an explicit destroy on every path.
class FileActions {
 public:
  FileActions() { check(posix_spawn_file_actions_init(&actions_), "prepare"); }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;

  void connect(int fd, const ChildStream& stream, int flags) {
    if (stream.fd >= 0) {
      check(posix_spawn_file_actions_adddup2(&actions_, stream.fd, fd), "redirect");
    } else {
      check(posix_spawn_file_actions_addopen(&actions_, fd, stream.path.c_str(), flags, 0644), "redirect");
    }
  }
  const posix_spawn_file_actions_t* get() const { return &actions_; }

 private:
  static void check(int status, const char* what) {
    if (status != 0)
      throw InputError(std::string("cannot ") + what + " a child process: " + std::strerror(status));
  }
  posix_spawn_file_actions_t actions_{};
};

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const ChildStreams& streams) {
  if (argv.empty()) throw InputError("cannot run a child process: no program given");
  FileActions actions;
  actions.connect(STDIN_FILENO, streams.in, O_RDONLY);
  actions.connect(STDOUT_FILENO, streams.out, O_WRONLY | O_CREAT | O_TRUNC);
  actions.connect(STDERR_FILENO, streams.err, O_WRONLY | O_CREAT | O_TRUNC);

  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  pid_t pid = 0;
  const int status = posix_spawnp(&pid, args[0], actions.get(), nullptr, args.data(), environ);
  if (status == ENOENT || status == EACCES || status == ENOEXEC) return {127, true};
  if (status != 0) {
    throw InputError("cannot run " + argv[0] + ": " + std::strerror(status));
  }
  int wait_status = 0;
  while (::waitpid(pid, &wait_status, 0) < 0) {
    if (errno != EINTR) throw InputError("cannot wait for " + argv[0] + ": " + std::strerror(errno));
  }
  if (WIFEXITED(wait_status)) return {WEXITSTATUS(wait_status), false};
  return {128 + WTERMSIG(wait_status), false};
}

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& stdout_path,
                          const std::string& stderr_path) {
  ChildStreams streams;
  streams.out = ChildStream::file(stdout_path);
  streams.err = ChildStream::file(stderr_path);
  return run_process(argv, streams);
}

}  // namespace newsgraph
