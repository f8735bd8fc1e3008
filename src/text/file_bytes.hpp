#pragma once
// The whole content of one input, read at once: regular files are mapped
// (no copy, any size), pipes and standard input are read into a buffer.
#include <cstddef>
#include <string>
#include <string_view>

namespace newsgraph {

class FileBytes {
 public:
  // Throws InputError (with the system's reason) when `path` cannot be read.
  static FileBytes open(const std::string& path);
  // All of standard input, until end of file.
  static FileBytes standard_input();

  FileBytes(FileBytes&& other) noexcept;
  FileBytes& operator=(FileBytes&& other) noexcept;
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;
  ~FileBytes();

  std::string_view view() const noexcept { return mapped_ ? std::string_view(mapped_, size_) : buffer_; }

 private:
  FileBytes() = default;
  void release() noexcept;

  const char* mapped_ = nullptr;  // munmap'ed on destruction
  std::size_t size_ = 0;
  std::string buffer_;
};

}  // namespace newsgraph
