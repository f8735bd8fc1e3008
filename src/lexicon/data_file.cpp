#include "lexicon/data_file.hpp"

#include <fstream>
#include <sstream>

#include "util/error.hpp"
#include "util/strings.hpp"

namespace newsgraph {

std::string read_data_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(Location{path}, "cannot read data file (is the package installed?)");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void for_each_row(const std::string& path,
                  const std::function<void(const std::vector<std::string_view>&, std::size_t)>& row) {
  const std::string text = read_data_file(path);
  std::size_t line_no = 0;
  for (auto line : split(text, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty() || line.front() == '#') continue;
    row(split(line, '\t'), line_no);
  }
}

std::vector<std::string> list_of(std::string_view field) {
  std::vector<std::string> out;
  for (auto part : split(field, '|')) {
    const auto t = trim(part);
    if (!t.empty() && t != "-") out.emplace_back(t);
  }
  return out;
}

void require_columns(const std::vector<std::string_view>& f, std::size_t n, const std::string& path,
                     std::size_t line) {
  if (f.size() < n) {
    throw InputError(Location{path, line}, "expected " + std::to_string(n) +
                                               " tab-separated columns, found " + std::to_string(f.size()));
  }
}

}  // namespace newsgraph
