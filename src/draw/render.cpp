#include "draw/render.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "util/error.hpp"
#include "util/strings.hpp"

extern char** environ;

namespace newsgraph::draw {

namespace {

using FilePtr = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

// An anonymous temporary file (removed when closed) holding `text`, rewound.
FilePtr temp_file_with(const std::string& text) {
  FilePtr f(std::tmpfile(), &std::fclose);
  if (!f) throw InputError(std::string("cannot create a temporary file: ") + std::strerror(errno));
  if (std::fwrite(text.data(), 1, text.size(), f.get()) != text.size() || std::fflush(f.get()) != 0) {
    throw InputError(std::string("cannot write a temporary file: ") + std::strerror(errno));
  }
  std::rewind(f.get());
  return f;
}

std::string read_all(std::FILE* f) {
  std::rewind(f);
  std::string text;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
  return text;
}

class FileActions {
 public:
  FileActions() {
    if (posix_spawn_file_actions_init(&actions_) != 0) throw InputError("cannot prepare a child process");
  }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  void dup(int from, int to) {
    if (posix_spawn_file_actions_adddup2(&actions_, from, to) != 0)
      throw InputError("cannot prepare a child process");
  }
  const posix_spawn_file_actions_t* get() const { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_{};
};

// Waits for `pid`; its exit status, or 128 + the signal that ended it.
int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw InputError(std::string("cannot wait for dot: ") + std::strerror(errno));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

std::string format_for_path(const std::string& path) {
  const auto dot = path.find_last_of('.');
  if (dot == std::string::npos || path.find('/', dot) != std::string::npos) return {};
  const std::string ext = ascii_lower(path.substr(dot + 1));
  if (ext == "dot" || ext == "gv") return "dot";
  if (ext == "svg" || ext == "png" || ext == "pdf") return ext;
  return {};
}

void render_dot(const std::string& dot, const std::string& format, std::FILE* out) {
  // Files, not pipes, for the child's input and error output: nothing can
  // block, and an early exit of dot cannot raise SIGPIPE here.
  const FilePtr input = temp_file_with(dot);
  const FilePtr errors(std::tmpfile(), &std::fclose);
  if (!errors || std::fflush(out) != 0)
    throw InputError(std::string("cannot run dot: ") + std::strerror(errno));
  FileActions actions;
  actions.dup(::fileno(input.get()), STDIN_FILENO);
  actions.dup(::fileno(out), STDOUT_FILENO);
  actions.dup(::fileno(errors.get()), STDERR_FILENO);
  const std::string type = "-T" + format;
  char* argv[] = {const_cast<char*>("dot"), const_cast<char*>(type.c_str()), nullptr};
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, "dot", actions.get(), nullptr, argv, environ);
  if (spawned == ENOENT) {
    throw InputError("cannot draw " + format +
                     ": Graphviz's dot is not installed (Debian package graphviz); "
                     "write .dot instead");
  }
  if (spawned != 0) throw InputError(std::string("cannot run dot: ") + std::strerror(spawned));
  const int status = wait_for(pid);
  if (status != 0) {
    std::string said = read_all(errors.get());
    while (!said.empty() && (said.back() == '\n' || said.back() == '\r')) said.pop_back();
    throw InputError("dot -T" + format + " failed (exit " + std::to_string(status) + ")" +
                     (said.empty() ? std::string() : ": " + said));
  }
  // dot wrote through the shared descriptor: move our stream's position past it.
  if (std::fseek(out, 0, SEEK_END) != 0 && errno != ESPIPE) {
    throw InputError(std::string("cannot write the picture: ") + std::strerror(errno));
  }
}

}  // namespace newsgraph::draw
