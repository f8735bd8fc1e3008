#include "util/atomic_file.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <unistd.h>
#include <sys/stat.h>

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

}  // namespace

AtomicFile::AtomicFile(std::string target) : target_(std::move(target)) {
  temp_ = directory_of(target_) + "/." + base_of(target_) + ".tmp-XXXXXX";
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
}

AtomicFile::~AtomicFile() {
  if (file_ != nullptr) std::fclose(file_);
  if (!committed_) ::unlink(temp_.c_str());
}

void AtomicFile::commit() {
  const bool write_failed = std::fflush(file_) != 0 || std::ferror(file_) != 0;
  const int saved = errno;
  const bool sync_failed = !write_failed && ::fsync(::fileno(file_)) != 0;
  const bool close_failed = std::fclose(file_) != 0;
  file_ = nullptr;
  if (write_failed || sync_failed || close_failed) {
    ::unlink(temp_.c_str());
    throw InputError(Location{target_}, std::string("cannot write output: ") +
                                            std::strerror(write_failed ? saved : errno));
  }
  if (std::rename(temp_.c_str(), target_.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp_.c_str());
    throw InputError(Location{target_}, std::string("cannot rename output into place: ") + std::strerror(err));
  }
  committed_ = true;
}

}  // namespace newsgraph
