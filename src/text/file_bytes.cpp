#include "text/file_bytes.hpp"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

#include "util/error.hpp"

namespace newsgraph {

namespace {

[[noreturn]] void fail(const std::string& path, int err) {
  throw InputError(Location{path}, std::string("cannot read: ") + std::strerror(err));
}

[[noreturn]] void too_large(const std::string& path, std::uint64_t size) {
  throw InputError(Location{path}, "cannot read: " + std::to_string(size) +
                                       " bytes do not fit in the memory this process may use");
}

// read(2) until end of file; for pipes and files whose size stat cannot tell.
void read_all(int fd, const std::string& path, std::string& out) {
  char chunk[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n == 0) return;
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(path, errno);
    }
    out.append(chunk, static_cast<std::size_t>(n));
  }
}

struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

FileBytes FileBytes::open(const std::string& path) {
  Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) fail(path, errno);
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) fail(path, errno);
  if (S_ISDIR(st.st_mode)) fail(path, EISDIR);
  FileBytes bytes;
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    void* map = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, file.fd, 0);
    if (map != MAP_FAILED) {
      ::madvise(map, static_cast<std::size_t>(st.st_size), MADV_SEQUENTIAL);
      bytes.mapped_ = static_cast<const char*>(map);
      bytes.size_ = static_cast<std::size_t>(st.st_size);
      return bytes;
    }
    // No address space for it (a `ulimit -v` below the file's size): reading
    // it into memory instead could not fit either.
    if (errno == ENOMEM) too_large(path, static_cast<std::uint64_t>(st.st_size));
  }
  read_all(file.fd, path, bytes.buffer_);
  return bytes;
}

FileBytes FileBytes::standard_input() {
  FileBytes bytes;
  read_all(STDIN_FILENO, "<stdin>", bytes.buffer_);
  return bytes;
}

FileBytes::FileBytes(FileBytes&& other) noexcept
    : mapped_(std::exchange(other.mapped_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      buffer_(std::move(other.buffer_)) {}

FileBytes& FileBytes::operator=(FileBytes&& other) noexcept {
  if (this != &other) {
    release();
    mapped_ = std::exchange(other.mapped_, nullptr);
    size_ = std::exchange(other.size_, 0);
    buffer_ = std::move(other.buffer_);
  }
  return *this;
}

FileBytes::~FileBytes() { release(); }

void FileBytes::release() noexcept {
  if (mapped_ != nullptr) ::munmap(const_cast<char*>(mapped_), size_);
  mapped_ = nullptr;
  size_ = 0;
}

}  // namespace newsgraph
