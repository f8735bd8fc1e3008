#pragma once
// Running a program from a test as a user runs it: a child process with arguments,
// standard input, a file size limit or a signal, its standard output and error
// captured in files (never pipes we must drain); and a directory under /tmp for
// each test, removed afterwards. Shared by the tests that run the built binary
// (cli, draw, pipeline, push).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <grp.h>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace test_support {

// The whole content of a file, byte for byte ("" when it cannot be read).
inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A fresh directory /tmp/newsgraph-PREFIX-XXXXXX, removed (whatever its
// permissions) at the end.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "test") {
    std::string pattern = "/tmp/newsgraph-" + prefix + "-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error("mkdtemp " + pattern + ": " + std::strerror(errno));
    path_ = pattern;
  }
  ~TempDir() {
    namespace fs = std::filesystem;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(path_, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_directory(ec)) fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string file(const std::string& name) const { return path_ + "/" + name; }
  std::string operator/(const std::string& name) const { return file(name); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct RunOptions {
  std::optional<std::string> stdin_data;      // none: /dev/null
  std::string stdout_path;                    // "": captured in Result::out
  std::optional<rlim_t> file_size_limit;      // RLIMIT_FSIZE in bytes
  std::optional<rlim_t> address_space_limit;  // RLIMIT_AS in bytes, as `ulimit -v`
  bool ignore_sigxfsz = false;                // as a shell's `trap '' XFSZ`
  bool unprivileged = false;                  // as root, run as nobody (permissions apply);
                                              // output files are opened before the switch
  std::chrono::seconds timeout{300};
};

struct Result {
  int code = -1;   // exit code, or -1 when killed by a signal
  int signal = 0;  // the signal that ended it, or 0
  bool timed_out = false;
  std::string out;
  std::string err;
  std::string describe() const {
    std::string d = timed_out ? "timed out"
                    : signal  ? "killed by signal " + std::to_string(signal)
                              : "exit " + std::to_string(code);
    return d + "\n--- stderr:\n" + err.substr(0, 4000);
  }
};

// A started child whose output goes to files in its own capture directory.
class Child {
 public:
  Child(const std::vector<std::string>& argv, const RunOptions& options) : options_(options) {
    out_path_ = options.stdout_path.empty() ? capture_ / "stdout" : options.stdout_path;
    err_path_ = capture_ / "stderr";
    int feed[2] = {-1, -1};
    if (options.stdin_data) REQUIRE(::pipe2(feed, O_CLOEXEC) == 0);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) exec_child(args, feed);  // never returns
    if (options.stdin_data) {
      ::close(feed[0]);
      feed_stdin(feed[1], *options.stdin_data);
    }
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child() {
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  pid_t pid() const { return pid_; }

  Result wait() {
    Result r;
    const auto deadline = std::chrono::steady_clock::now() + options_.timeout;
    int status = 0;
    while (true) {
      const pid_t done = ::waitpid(pid_, &status, WNOHANG);
      if (done == pid_) break;
      if (done < 0 && errno != EINTR) FAIL("waitpid: " << std::strerror(errno));
      if (std::chrono::steady_clock::now() > deadline) {
        r.timed_out = true;
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    reaped_ = true;
    if (!r.timed_out && WIFEXITED(status)) r.code = WEXITSTATUS(status);
    if (!r.timed_out && WIFSIGNALED(status)) r.signal = WTERMSIG(status);
    if (options_.stdout_path.empty()) r.out = slurp(out_path_);
    r.err = slurp(err_path_);
    return r;
  }

 private:
  // Between fork and exec: only async-signal-safe calls.
  [[noreturn]] void exec_child(std::vector<char*>& args, const int feed[2]) {
    const int in = options_.stdin_data ? feed[0] : ::open("/dev/null", O_RDONLY);
    const int out = ::open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    const int err = ::open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (in < 0 || out < 0 || err < 0) ::_exit(125);
    ::dup2(in, STDIN_FILENO);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    ::signal(SIGPIPE, SIG_DFL);
    if (options_.ignore_sigxfsz) ::signal(SIGXFSZ, SIG_IGN);
    if (options_.file_size_limit) {
      const rlimit limit{*options_.file_size_limit, *options_.file_size_limit};
      if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(125);
    }
    if (options_.address_space_limit) {
      const rlimit limit{*options_.address_space_limit, *options_.address_space_limit};
      if (::setrlimit(RLIMIT_AS, &limit) != 0) ::_exit(125);
    }
    if (options_.unprivileged && ::geteuid() == 0) {
      if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(125);
    }
    ::execvp(args[0], args.data());
    static const char msg[] = "test: cannot execute the program\n";
    [[maybe_unused]] const auto n = ::write(STDERR_FILENO, msg, sizeof msg - 1);
    ::_exit(127);
  }

  static void feed_stdin(int fd, const std::string& data) {
    std::size_t done = 0;
    while (done < data.size()) {
      const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // the child stopped reading: its result will say why
      done += static_cast<std::size_t>(n);
    }
    ::close(fd);
  }

  TempDir capture_{"run"};
  RunOptions options_;
  std::string out_path_, err_path_;
  pid_t pid_ = -1;
  bool reaped_ = false;
};

// Runs argv[0] (searched on PATH) to its end.
inline Result run_program(const std::vector<std::string>& argv, const RunOptions& options = {}) {
  // The parent writes to the stdin pipe: a child that exits early must not kill us.
  struct IgnorePipe {
    void (*old)(int) = std::signal(SIGPIPE, SIG_IGN);
    ~IgnorePipe() { std::signal(SIGPIPE, old); }
  } ignore_pipe;
  Child child(argv, options);
  return child.wait();
}

// Runs the newsgraph binary under test with `args`.
inline Result newsgraph(std::vector<std::string> args, const RunOptions& options = {}) {
  args.insert(args.begin(), NEWSGRAPH_TEST_BINARY);
  return run_program(args, options);
}

// Runs a /bin/sh command line (pipes, redirections, `cd DIR && ...`).
inline Result shell(const std::string& command_line, const RunOptions& options = {}) {
  return run_program({"/bin/sh", "-c", command_line}, options);
}

}  // namespace test_support
