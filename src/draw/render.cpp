#include "draw/render.hpp"

#include <cerrno>
#include <cstring>
#include <memory>

#include "util/error.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

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
  ChildStreams streams;
  streams.in = ChildStream::descriptor(::fileno(input.get()));
  streams.out = ChildStream::descriptor(::fileno(out));
  streams.err = ChildStream::descriptor(::fileno(errors.get()));
  const ProcessResult result = run_process({"dot", "-T" + format}, streams);
  if (result.not_found) {
    throw InputError("cannot draw " + format +
                     ": Graphviz's dot is not installed (Debian package graphviz); "
                     "write .dot instead");
  }
  const int status = result.exit_code;
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
