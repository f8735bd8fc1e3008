// Any bytes as a .jsonl file through read_articles, keep-going and strict:
// every record either becomes an article or is skipped with a message naming
// the file and its line; strict stops at the first bad one. The JSONL reader
// has no entry point below read_articles, so the bytes go through a file.
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <unistd.h>

#include "fuzz_check.hpp"
#include "text/article_reader.hpp"
#include "text/dates.hpp"
#include "text/utf8.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

using namespace newsgraph;
using fuzz::check;

namespace {

std::string& dir() {
  static std::string path;
  return path;
}
std::string input() { return dir() + "/in.jsonl"; }

void remove_dir() {
  ::unlink(input().c_str());
  ::rmdir(dir().c_str());
}

// Records as the reader counts them: lines that are not blank, after a BOM on
// the first line and a CR at the end of each.
std::size_t records(std::string_view raw) {
  std::size_t n = 0;
  bool first = true;
  for (std::string_view line : split(raw, '\n')) {
    if (first && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    first = false;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!trim(line).empty()) ++n;
  }
  return n;
}

bool clean(const std::string& s) { return !find_text_fault(s); }

void check_article(const Article& a, std::set<std::string>& ids) {
  check(!trim(a.id).empty(), "an article has an id");
  check(ids.insert(a.id).second, "ids are unique");
  check(a.text.find_first_not_of(" \t\n") != std::string::npos, "an article has text");
  check(clean(a.text), "article text is valid UTF-8 without NUL");
  check(a.original_offset.size() == a.text.size() + 1, "the article keeps its offsets");
  check(a.date.empty() || is_iso_date(a.date), "a date is a calendar date or unknown");
  check(a.origin.rfind(input() + ":", 0) == 0, "the origin names file and line");
}

void read(std::string_view raw, bool strict) {
  ReadOptions options;
  options.strict = strict;
  ReadReport report;
  std::set<std::string> ids;
  try {
    read_articles(
        {input()}, options, [&](Article&& a) { check_article(a, ids); }, report);
  } catch (const InputError& e) {
    check(std::string(e.what()).find(input()) != std::string::npos, "an error names the file");
    check(report.read == 0 || strict, "keep-going fails only when no article could be read");
    return;
  }
  check(report.read >= 1, "success means at least one article");
  check(!strict || report.skipped == 0, "strict never skips");
  check(report.read + report.skipped == records(raw), "every record is read or skipped");
  check(report.problems.size() == report.skipped, "every skip has its message");
  for (const std::string& p : report.problems) {
    check(p.rfind(input() + ":", 0) == 0, "a skip names the file and line");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  char pattern[] = "/tmp/newsgraph-jsonl-fuzz-XXXXXX";
  if (::mkdtemp(pattern) == nullptr) std::abort();
  dir() = pattern;
  std::atexit(remove_dir);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw = fuzz::bytes(data, size);
  std::FILE* f = std::fopen(input().c_str(), "wb");
  check(f != nullptr, "the temp file can be written");
  check(std::fwrite(raw.data(), 1, raw.size(), f) == raw.size() && std::fclose(f) == 0,
        "the temp file is written");
  read(raw, false);
  read(raw, true);
  return 0;
}
