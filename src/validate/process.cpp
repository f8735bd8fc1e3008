#include "validate/process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>
#include <unistd.h>

#include "util/error.hpp"

extern char** environ;

namespace newsgraph::validate {
namespace {

// posix_spawn_file_actions_t needs an explicit destroy on every path.
class FileActions {
 public:
  FileActions() { check(posix_spawn_file_actions_init(&actions_), "prepare"); }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;

  void open(int fd, const std::string& path, int flags) {
    check(posix_spawn_file_actions_addopen(&actions_, fd, path.c_str(), flags, 0644), "redirect");
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

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& stdout_path,
                          const std::string& stderr_path) {
  FileActions actions;
  actions.open(STDIN_FILENO, "/dev/null", O_RDONLY);
  actions.open(STDOUT_FILENO, stdout_path, O_WRONLY | O_CREAT | O_TRUNC);
  actions.open(STDERR_FILENO, stderr_path, O_WRONLY | O_CREAT | O_TRUNC);

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
  if (WIFEXITED(wait_status)) {
    const int code = WEXITSTATUS(wait_status);
    return {code, false};
  }
  return {128 + WTERMSIG(wait_status), false};
}

}  // namespace newsgraph::validate
