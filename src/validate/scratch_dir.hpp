#pragma once
// A private temporary directory for the files handed to and from a helper
// process; removed with everything in it when the owner goes away.
#include <string>

namespace newsgraph::validate {

class ScratchDir {
 public:
  ScratchDir();  // under $TMPDIR (or /tmp); throws InputError when it cannot
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::string& path() const noexcept { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// The whole content of a file; throws InputError when it cannot be read.
std::string read_text_file(const std::string& path);

}  // namespace newsgraph::validate
