// read_articles: walks the inputs, reads JSONL records and plain files, and
// applies the error policy (fatal, skip and record, or strict).
#include "text/article_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <new>
#include <optional>
#include <set>
#include <sys/stat.h>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "text/dates.hpp"
#include "text/file_bytes.hpp"
#include "text/json_record.hpp"
#include "text/utf8.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace newsgraph {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr std::string_view kStdin = "-";

bool has_extension(const std::string& path, std::string_view ext) {
  return path.size() > ext.size() &&
         ascii_lower(std::string_view(path).substr(path.size() - ext.size())) == ext;
}

bool is_jsonl(const std::string& path) { return has_extension(path, ".jsonl"); }
bool is_article_file(const std::string& path) { return is_jsonl(path) || has_extension(path, ".txt"); }

InputError cannot_read(const std::string& path, int err) {
  return InputError(Location{path}, std::string("cannot read: ") + std::strerror(err));
}

// ---------------------------------------------------------------------------
// Directories: every *.txt and *.jsonl below, sorted by path. A directory is
// entered once by (device, inode), so symlink loops end.

std::string join(const std::string& dir, const std::string& name) {
  return !dir.empty() && dir.back() == '/' ? dir + name : dir + "/" + name;
}

class DirectoryWalk {
 public:
  explicit DirectoryWalk(std::vector<InputError>& problems) : problems_(problems) {}

  std::vector<std::string> files(const std::string& root) {
    enter(root);
    std::sort(files_.begin(), files_.end());
    return std::move(files_);
  }

 private:
  bool first_visit(const std::string& dir) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) return false;
    return visited_.emplace(st.st_dev, st.st_ino).second;
  }

  void enter(const std::string& dir) {
    if (!first_visit(dir)) return;
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) return problems_.push_back(cannot_read(dir, ec.value()));
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (!name.empty() && name[0] != '.') visit(join(dir, name), it->status(ec));
    }
    if (ec) problems_.push_back(cannot_read(dir, ec.value()));
  }

  void visit(const std::string& path, const fs::file_status& status) {
    if (fs::is_directory(status)) return enter(path);
    // Regular files, and broken links with an article's name: reading those reports why.
    if ((fs::is_regular_file(status) || !fs::exists(status)) && is_article_file(path)) files_.push_back(path);
  }

  std::vector<InputError>& problems_;
  std::set<std::pair<dev_t, ino_t>> visited_;
  std::vector<std::string> files_;
};

// ---------------------------------------------------------------------------
// JSONL records.

// One record's place: "file:line" with the byte offset of the line in the file.
struct RecordPlace {
  std::string file;
  std::size_t line = 0;
  std::size_t offset = 0;
  std::string origin() const { return file + ":" + std::to_string(line); }
  Location at() const { return Location{file, line}; }
  // The byte `column_offset` into the line, located by line, column and file offset.
  Location at_byte(std::string_view line_text, std::size_t column_offset) const {
    Location where = locate_offset(line_text, column_offset, file);
    where.line = line;
    where.byte_offset += offset;
    return where;
  }
};

// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax
// error ..." -> "syntax error ...": the place is ours to give.
std::string parse_error_reason(const Json::parse_error& e) {
  const std::string what = e.what();
  const auto column = what.find("column ");
  const auto colon = what.find(": ", column == std::string::npos ? 0 : column);
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

// The general parser, for lines FlatJsonRecord leaves to it.
Json parse_record(std::string_view line, const RecordPlace& place) {
  try {
    return Json::parse(line.begin(), line.end());
  } catch (const Json::parse_error& e) {
    // e.byte counts from 1 and may point one past the end ("unexpected end of input").
    const std::size_t at = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, line.size());
    throw InputError(place.at_byte(line, at), "not valid JSON: " + parse_error_reason(e));
  } catch (const Json::exception& e) {
    // Valid syntax the parser cannot hold, e.g. a number too large for a
    // double ("1e99999"): out_of_range, which has no byte position.
    throw InputError(place.at(), std::string("not usable JSON: ") + e.what());
  }
}

// The string field `name`: "" when absent or null; throws when of another type
// or, for required fields, absent or empty.
std::string string_field(const Json& record, const char* name, bool required, const RecordPlace& place) {
  const auto it = record.find(name);
  if (it == record.end() || it->is_null()) {
    if (required) throw InputError(place.at(), std::string("missing \"") + name + "\"");
    return {};
  }
  if (!it->is_string()) {
    throw InputError(place.at(), std::string("\"") + name + "\" must be a string, not " + it->type_name());
  }
  std::string value = it->get<std::string>();
  if (required && trim(value).empty()) throw InputError(place.at(), std::string("\"") + name + "\" is empty");
  return value;
}

// The same for a record read by the fast path (whose values are all strings).
std::string string_field(const FlatJsonRecord& record, const char* name, bool required,
                         const RecordPlace& place) {
  const std::string* value = record.find(name);
  if (value == nullptr) {
    if (required) throw InputError(place.at(), std::string("missing \"") + name + "\"");
    return {};
  }
  if (required && trim(*value).empty())
    throw InputError(place.at(), std::string("\"") + name + "\" is empty");
  return *value;
}

// "2024-06-22", also with a time after it ("2024-06-22T10:00:00Z"); "" stays unknown.
std::string record_date(const std::string& value, const RecordPlace& place) {
  if (value.empty()) return {};
  const std::string day = value.substr(0, 10);
  const bool time_follows = value.size() == 10 || value[10] == 'T' || value[10] == ' ';
  if (!time_follows || !is_iso_date(day)) {
    throw InputError(place.at(),
                     "invalid \"date\" \"" + value + "\": expected a calendar date as yyyy-mm-dd");
  }
  return day;
}

// A title or outlet folded like article text (quotes, dashes, spaces) on one
// line, so it reads the same as one taken from a plain article's header.
std::string metadata_text(const std::string& value, const std::string& origin) {
  if (value.find('\0') != std::string::npos) return {};
  std::string text = normalise_text(value, origin).text;
  std::replace(text.begin(), text.end(), '\n', ' ');
  return std::string(trim(text));
}

// `Record`: a FlatJsonRecord or a JSON object.
template <typename Record>
Article record_article(const Record& record, const RecordPlace& place) {
  Article article;
  article.id = string_field(record, "id", true, place);
  const std::string text = string_field(record, "text", true, place);
  if (text.find('\0') != std::string::npos) throw InputError(place.at(), "\"text\" contains a NUL character");
  article.origin = place.origin();
  article.title = metadata_text(string_field(record, "title", false, place), article.origin);
  article.date = record_date(string_field(record, "date", false, place), place);
  article.publisher = metadata_text(string_field(record, "source", false, place), article.origin);
  article.url = std::string(trim(string_field(record, "url", false, place)));
  NormalisedText normalised = normalise_text(text, article.origin);
  article.text = std::move(normalised.text);
  article.original_offset = std::move(normalised.original_offset);
  return article;
}

Article parse_jsonl_article(std::string_view line, const RecordPlace& place) {
  if (const auto fault = find_text_fault(line))
    throw InputError(place.at_byte(line, fault->offset), fault->reason);
  if (const auto flat = FlatJsonRecord::parse(line)) return record_article(*flat, place);
  const Json record = parse_record(line, place);
  if (!record.is_object())
    throw InputError(place.at(), std::string("not a JSON object but ") + record.type_name());
  return record_article(record, place);
}

// ---------------------------------------------------------------------------

class Reader {
 public:
  Reader(const ReadOptions& options, const std::function<void(Article&&)>& on_article, ReadReport& report)
      : options_(options), on_article_(on_article), report_(report) {}

  void read_input(const std::string& input) {
    if (input == kStdin) return read_stdin();
    struct stat st {};
    if (input.empty() || ::stat(input.c_str(), &st) != 0)
      throw cannot_read(input, input.empty() ? ENOENT : errno);
    if (S_ISDIR(st.st_mode)) return read_directory(input);
    read_file(input, true);
  }

 private:
  // A bad article or file where others may be good: recorded, or thrown when strict.
  void skip(const InputError& e) {
    if (options_.strict) throw e;
    report_.problems.emplace_back(e.what());
    ++report_.skipped;
  }

  void read_stdin() {
    const FileBytes bytes = FileBytes::standard_input();
    const std::string_view raw = bytes.view();
    const auto first = raw.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first != std::string_view::npos && raw[first] == '{')
      return read_jsonl(raw, std::string(kStdin), true);
    Article article = parse_plain_article(raw, "stdin", std::string(kStdin));
    check_article(article, Location{article.origin});
    deliver(std::move(article));
  }

  void read_directory(const std::string& dir) {
    std::vector<InputError> walk_problems;
    const std::vector<std::string> files = DirectoryWalk(walk_problems).files(dir);
    for (const InputError& e : walk_problems) skip(e);
    if (files.empty())
      throw InputError(Location{dir}, "no articles: no .txt or .jsonl files in this directory");
    for (const std::string& file : files) read_file(file, false);
  }

  // `named`: the file was given as an input itself, not found in a directory.
  void read_file(const std::string& path, bool named) {
    std::optional<FileBytes> bytes;
    try {
      bytes.emplace(FileBytes::open(path));
    } catch (const InputError& e) {
      if (named) throw;
      return skip(e);
    }
    if (is_jsonl(path)) return read_jsonl(bytes->view(), path, named);
    std::optional<Article> article;
    try {
      article = parse_plain_article(bytes->view(), fs::path(path).stem().string(), path);
      check_article(*article, Location{path});
    } catch (const InputError& e) {
      if (named) throw;
      return skip(e);
    } catch (const std::bad_alloc&) {
      const InputError e(Location{path}, "out of memory normalising this article (" +
                                             std::to_string(bytes->view().size()) + " bytes)");
      if (named) throw e;
      return skip(e);
    }
    deliver(std::move(*article));
  }

  void read_jsonl(std::string_view raw, const std::string& file, bool named) {
    RecordPlace place{file, 0, 0};
    std::size_t records = 0;
    for (std::size_t begin = 0; begin < raw.size();) {
      const std::size_t end = std::min(raw.find('\n', begin), raw.size());
      std::string_view line = raw.substr(begin, end - begin);
      place = RecordPlace{file, place.line + 1, begin};
      begin = end + 1;
      if (place.line == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") {  // a BOM
        line.remove_prefix(3);
        place.offset += 3;
      }
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (trim(line).empty()) continue;
      ++records;
      std::optional<Article> article;
      try {
        article = parse_jsonl_article(line, place);
        check_article(*article, place.at());
      } catch (const InputError& e) {
        skip(e);
        continue;
      }
      deliver(std::move(*article));
    }
    if (records == 0) {
      const InputError empty(Location{file}, "no articles: the JSONL file has no records");
      if (named) throw empty;
      skip(empty);
    }
  }

  // Rejects an empty text or an id already read; remembers the id.
  void check_article(const Article& article, const Location& where) {
    if (trim(article.text).empty()) throw InputError(where, "empty article: no text");
    const auto [it, fresh] = first_origin_.emplace(article.id, article.origin);
    if (!fresh) {
      throw InputError(where, "duplicate id \"" + article.id + "\" (first read from " + it->second + ")");
    }
  }

  void deliver(Article&& article) {
    if (!options_.date_override.empty()) article.date = options_.date_override;
    ++report_.read;
    on_article_(std::move(article));
  }

  const ReadOptions& options_;
  const std::function<void(Article&&)>& on_article_;
  ReadReport& report_;
  std::unordered_map<std::string, std::string> first_origin_;  // id -> where it was first read
};

std::string joined(const std::vector<std::string>& inputs) {
  std::string out;
  for (const std::string& input : inputs) out += (out.empty() ? "" : ", ") + input;
  return out.empty() ? "(no inputs)" : out;
}

}  // namespace

void read_articles(const std::vector<std::string>& inputs, const ReadOptions& options,
                   const std::function<void(Article&&)>& on_article, ReadReport& report) {
  if (!options.date_override.empty() && !is_iso_date(options.date_override)) {
    throw UsageError("--date: \"" + options.date_override + "\" is not a calendar date as yyyy-mm-dd");
  }
  Reader reader(options, on_article, report);
  for (const std::string& input : inputs) reader.read_input(input);
  if (report.read == 0) {
    std::string message = "no articles read from " + joined(inputs);
    if (report.skipped > 0)
      message += " (" + std::to_string(report.skipped) + " skipped; first: " + report.problems.front() + ")";
    throw InputError(message);
  }
}

}  // namespace newsgraph
