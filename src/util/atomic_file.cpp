#include "util/atomic_file.hpp"

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.hpp"

namespace newsgraph {

namespace {

std::string directory_of(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string base_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The temp paths a signal handler must remove. A signal handler may only touch
// lock-free atomics, so this is a fixed table of pointers into live
// AtomicFile::temp_ strings (an AtomicFile never moves). A process writes one
// or two outputs at a time; beyond the table's size a temp file is simply not
// cleaned up on a signal.
std::array<std::atomic<const char*>, 16> pending_temps{};
static_assert(std::atomic<const char*>::is_always_lock_free);

void remember_temp(const char* path) noexcept {
  for (auto& slot : pending_temps) {
    const char* empty = nullptr;
    if (slot.compare_exchange_strong(empty, path)) return;
  }
}

void forget_temp(const char* path) noexcept {
  for (auto& slot : pending_temps) {
    const char* expected = path;
    if (slot.compare_exchange_strong(expected, nullptr)) return;
  }
}

}  // namespace

void AtomicFile::remove_uncommitted_temp_files() noexcept {
  for (auto& slot : pending_temps) {
    if (const char* path = slot.exchange(nullptr)) ::unlink(path);
  }
}

AtomicFile::AtomicFile(std::string target) : target_(std::move(target)), destination_(target_) {
  struct stat st {};
  if (::stat(target_.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    // A device or a pipe (/dev/null, /dev/stdout, a FIFO) has no previous
    // content to keep, and renaming over it would replace it with a plain
    // file: written in place.
    open_in_place();
    return;
  }
  // A symlink stays a symlink: the file it points to is the one replaced.
  if (::lstat(target_.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    if (char* real = ::realpath(target_.c_str(), nullptr)) {
      destination_ = real;
      std::free(real);
    }
  }
  temp_ = directory_of(destination_) + "/." + base_of(destination_) + ".tmp-XXXXXX";
  const int fd = ::mkstemp(temp_.data());
  if (fd < 0) {
    throw InputError(Location{target_}, std::string("cannot create output: ") + std::strerror(errno));
  }
  ::fchmod(fd, 0644);
  file_ = ::fdopen(fd, "wb");
  if (file_ == nullptr) {
    ::close(fd);
    ::unlink(temp_.c_str());
    throw InputError(Location{target_}, std::string("cannot open output: ") + std::strerror(errno));
  }
  remember_temp(temp_.c_str());
}

void AtomicFile::open_in_place() {
  in_place_ = true;
  file_ = std::fopen(target_.c_str(), "wb");
  if (file_ == nullptr) {
    throw InputError(Location{target_}, std::string("cannot open output: ") + std::strerror(errno));
  }
}

AtomicFile::~AtomicFile() {
  if (file_ != nullptr) std::fclose(file_);
  if (in_place_) return;
  if (!committed_) ::unlink(temp_.c_str());
  forget_temp(temp_.c_str());
}

void AtomicFile::commit() {
  errno = 0;
  const bool write_failed = std::fflush(file_) != 0 || std::ferror(file_) != 0;
  // An earlier fwrite may have failed with its errno long overwritten: say EIO, never "Success".
  const int saved = errno != 0 ? errno : EIO;
  // fsync is for files: a device or a pipe may refuse it (EINVAL).
  const bool sync_failed = !write_failed && !in_place_ && ::fsync(::fileno(file_)) != 0;
  const bool close_failed = std::fclose(file_) != 0;
  file_ = nullptr;
  if (write_failed || sync_failed || close_failed) {
    if (!in_place_) ::unlink(temp_.c_str());
    throw InputError(Location{target_},
                     std::string("cannot write output: ") + std::strerror(write_failed ? saved : errno));
  }
  if (in_place_) {
    committed_ = true;
    return;
  }
  if (std::rename(temp_.c_str(), destination_.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp_.c_str());
    throw InputError(Location{target_},
                     std::string("cannot rename output into place: ") + std::strerror(err));
  }
  forget_temp(temp_.c_str());
  committed_ = true;
}

}  // namespace newsgraph
