// Any bytes through normalise_text and parse_plain_article: either a clear
// InputError at the first bad byte, or normalised text that keeps every
// promise of utf8.hpp and article_reader.hpp.
#include <string>

#include "fuzz_check.hpp"
#include "text/article_reader.hpp"
#include "text/dates.hpp"
#include "text/utf8.hpp"
#include "util/error.hpp"

using namespace newsgraph;
using fuzz::check;

namespace {

void check_normalised(std::string_view raw, const NormalisedText& n) {
  check(n.original_offset.size() == n.text.size() + 1, "one original offset per byte, plus the end");
  check(n.original_offset.back() == raw.size(), "the end maps to the end of the input");
  for (std::size_t i = 0; i < n.text.size(); ++i) {
    check(n.original_offset[i] < raw.size(), "every offset points into the input");
    check(i == 0 || n.original_offset[i - 1] <= n.original_offset[i], "offsets never go back");
  }
  check(!find_text_fault(n.text), "normalised text is valid UTF-8 without NUL");
  check(n.text.find('\r') == std::string::npos, "no CR survives normalisation");
  check(n.text.substr(0, 3) != "\xEF\xBB\xBF", "no BOM survives normalisation");
  check(normalise_text(n.text, "again").text == n.text, "normalising twice changes nothing");
}

void check_fault_reported(std::string_view raw, std::size_t fault, const InputError& e) {
  const Location& where = e.where();
  check(where.file == "fuzz.txt", "the error names the input");
  check(where.has_offset && where.byte_offset == fault, "the error gives the first bad byte's offset");
  check(where.line >= 1 && where.column >= 1, "the error gives line and column");
  const Location again = locate_offset(raw, fault, "fuzz.txt");
  check(again.line == where.line && again.column == where.column, "locate_offset is what the error says");
}

bool clean_field(const std::string& s) { return !find_text_fault(s); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw = fuzz::bytes(data, size);
  const auto fault = find_text_fault(raw);
  try {
    const NormalisedText normalised = normalise_text(raw, "fuzz.txt");
    check(!fault, "normalise_text accepts only what find_text_fault accepts");
    check_normalised(raw, normalised);
  } catch (const InputError& e) {
    check(fault.has_value(), "normalise_text rejects only what find_text_fault rejects");
    check_fault_reported(raw, fault->offset, e);
  }
  try {
    const Article a = parse_plain_article(raw, "fuzz", "fuzz.txt");
    check(!fault, "a plain article is never made of invalid text");
    check(a.text.find_first_not_of(" \t\n") != std::string::npos, "an article has text");
    check(a.original_offset.size() == a.text.size() + 1, "the article keeps its offsets");
    check(clean_field(a.title) && clean_field(a.author) && clean_field(a.publisher),
          "header fields are clean text");
    check(a.title.find('\n') == std::string::npos, "a title is one line");
    check(a.date.empty() || is_iso_date(a.date), "a date is a calendar date or unknown");
  } catch (const InputError& e) {
    check(e.where().file == "fuzz.txt", "the error names the input");
  }
  return 0;
}
