#pragma once
// Output that appears whole or not at all: written to a temporary file in the
// target's directory, flushed, fsynced and renamed over the target on commit().
// Destroyed without commit() (an error, an exception), the temp file is removed
// and any previous output stays intact. A process killed by a signal runs no
// destructors: its handler calls remove_uncommitted_temp_files() (cli/main.cpp).
// A target that is not a regular file (/dev/null, a FIFO) is written in place;
// a symlink keeps pointing where it did, the file it names is replaced.
#include <cstdio>
#include <string>

namespace newsgraph {

class AtomicFile {
 public:
  explicit AtomicFile(std::string target);  // throws InputError when it cannot create the temp file
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::FILE* stream() const noexcept { return file_; }
  const std::string& target() const noexcept { return target_; }
  void commit();  // throws InputError on a write, sync or rename failure

  // Unlinks the temp file of every AtomicFile not yet committed or destroyed.
  // Async-signal-safe (lock-free atomics and unlink only): for the handler of
  // a terminating signal, which then lets the signal end the process.
  static void remove_uncommitted_temp_files() noexcept;

 private:
  void open_in_place();

  std::string target_;       // as given, for messages
  std::string destination_;  // what the temp file is renamed to: target_, or where its symlink points
  std::string temp_;
  bool in_place_ = false;
  std::FILE* file_ = nullptr;
  bool committed_ = false;
};

}  // namespace newsgraph
