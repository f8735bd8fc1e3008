#include "query/canned_queries.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "util/error.hpp"
#include "util/paths.hpp"
#include "util/strings.hpp"

namespace newsgraph::query {

namespace {

namespace fs = std::filesystem;

// "param: state text default=KOR  what it filters" -> a CannedParameter.
CannedParameter parse_parameter(std::string_view spec, const Location& where) {
  std::vector<std::string> words;
  std::size_t pos = 0;
  CannedParameter p;
  for (int field = 0; field < 3 && pos < spec.size(); ++field) {
    while (pos < spec.size() && spec[pos] == ' ') ++pos;
    const std::size_t end = std::min(spec.find(' ', pos), spec.size());
    std::string word(spec.substr(pos, end - pos));
    if (field == 0) {
      p.name = word.size() > 1 && (word[0] == '?' || word[0] == '$') ? word.substr(1) : word;
    } else if (field == 1) {
      if (word != "text" && word != "term") throw InputError(where, "parameter kind must be text or term");
      p.text = word == "text";
    } else if (word.rfind("default=", 0) == 0) {
      p.default_value = word.substr(8);
    } else {
      break;  // the description starts here
    }
    pos = end;
  }
  if (p.name.empty()) throw InputError(where, "param: needs a name and a kind");
  p.description = std::string(trim(spec.substr(std::min(pos, spec.size()))));
  return p;
}

}  // namespace

CannedQuery load_canned_query(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(Location{path, 0, 0}, "cannot read the query file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  CannedQuery q;
  q.path = path;
  q.name = fs::path(path).stem().string();
  q.text = buffer.str();

  std::istringstream lines(q.text);
  std::string line;
  std::size_t number = 0;
  while (std::getline(lines, line)) {
    ++number;
    const std::string_view body = trim(line);
    if (body.empty()) continue;
    if (body[0] != '#') break;  // the header is the leading comment block
    const std::string_view comment = trim(body.substr(1));
    const std::size_t colon = comment.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string key = ascii_lower(trim(comment.substr(0, colon)));
    const std::string_view value = trim(comment.substr(colon + 1));
    const Location where{path, number, 0};
    if (key == "question") {
      q.question = std::string(value);
    } else if (key == "param") {
      q.parameters.push_back(parse_parameter(value, where));
    } else if (key == "example") {
      q.examples.emplace_back(value);
    }
  }
  if (q.question.empty()) throw InputError(Location{path, 1, 0}, "no '# question:' line in the header");
  return q;
}

std::vector<CannedQuery> list_canned_queries(const std::string& directory) {
  std::vector<CannedQuery> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(directory, ec)) {
    if (entry.path().extension() == ".rq") out.push_back(load_canned_query(entry.path().string()));
  }
  if (ec) throw InputError(Location{directory, 0, 0}, "cannot list canned queries: " + ec.message());
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

std::string canned_query_directory() { return data_path("queries"); }

std::vector<Parameter> canned_parameters(const CannedQuery& query,
                                         const std::vector<std::pair<std::string, std::string>>& values) {
  for (const auto& [name, value] : values) {
    const bool declared = std::any_of(query.parameters.begin(), query.parameters.end(),
                                      [&name = name](const CannedParameter& p) { return p.name == name; });
    if (!declared) {
      std::string names;
      for (const auto& p : query.parameters) names += (names.empty() ? "" : ", ") + p.name;
      throw UsageError("--bind " + name + ": query '" + query.name + "' has no parameter " + name +
                       (names.empty() ? " (it takes none)" : " (it takes: " + names + ")"));
    }
  }
  std::vector<Parameter> out;
  for (const CannedParameter& p : query.parameters) {
    Parameter bound{p.name, p.default_value, p.text};
    for (const auto& [name, value] : values) {
      if (name == p.name) bound.value = value;
    }
    out.push_back(std::move(bound));
  }
  return out;
}

}  // namespace newsgraph::query

namespace newsgraph::query {

namespace {

std::string read_query_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(Location{path, 0, 0}, "cannot read the query file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::pair<std::string, std::string>> split_binds(const std::vector<std::string>& binds,
                                                             const std::string& command) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& bind : binds) {
    const std::size_t eq = bind.find('=');
    std::string name = bind.substr(0, eq);
    if (!name.empty() && (name[0] == '?' || name[0] == '$')) name.erase(0, 1);
    if (eq == std::string::npos || name.empty())
      throw UsageError(command + ": --bind wants VAR=VALUE, not '" + bind + "'");
    out.emplace_back(name, bind.substr(eq + 1));
  }
  return out;
}

}  // namespace

std::vector<Parameter> plain_parameters(const std::vector<std::string>& binds, const std::string& command) {
  std::vector<Parameter> out;
  for (const auto& [name, value] : split_binds(binds, command)) out.push_back({name, value, false});
  return out;
}

PreparedQuery prepare_query(const std::string& name_or_path, const std::vector<std::string>& binds,
                            const std::string& command) {
  PreparedQuery out;
  const auto values = split_binds(binds, command);
  if (fs::path(name_or_path).has_extension() || name_or_path.find('/') != std::string::npos) {
    out.text = read_query_file(name_or_path);
    out.options.source = name_or_path;
    out.options.parameters = plain_parameters(binds, command);
    return out;
  }
  const std::string dir = canned_query_directory();
  const std::string path = dir + "/" + name_or_path + ".rq";
  if (!fs::exists(path)) {
    std::string names;
    for (const auto& q : list_canned_queries(dir)) names += (names.empty() ? "" : ", ") + q.name;
    throw UsageError(command + ": no canned query '" + name_or_path + "' (there are: " + names + ")");
  }
  const CannedQuery canned = load_canned_query(path);
  out.text = canned.text;
  out.options.source = path;
  out.options.parameters = canned_parameters(canned, values);
  return out;
}

}  // namespace newsgraph::query
