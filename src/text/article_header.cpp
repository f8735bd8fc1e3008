// parse_plain_article: the header lines of a plain-text article (title,
// byline, date) read from the normalised text.
#include <algorithm>
#include <array>

#include "text/article_reader.hpp"
#include "text/dates.hpp"
#include "text/utf8.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace newsgraph {

namespace {

// The header is at most this many non-empty lines at the top, and ends at the
// first line that reads as body prose.
constexpr std::size_t kHeaderLines = 6;
constexpr std::size_t kMaxHeaderLineBytes = 200;
// A headline not followed by a blank line must be shorter than this.
constexpr std::size_t kMaxHeadlineWords = 15;
constexpr std::size_t kMaxNameWords = 6;
constexpr std::size_t kMaxOutletWords = 8;

struct Line {
  std::string_view text;  // trimmed
  bool blank_after = false;
};

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

std::size_t word_count(std::string_view s) {
  std::size_t n = 0;
  for (std::string_view w : split(s, ' ')) n += w.empty() ? 0 : 1;
  return n;
}

// "... mistake." / "...?"" / "... as follows:": a line that ends like a sentence.
bool ends_like_sentence(std::string_view line) {
  while (!line.empty() && (line.back() == '"' || line.back() == '\'' || line.back() == ')'))
    line.remove_suffix(1);
  if (line.empty()) return false;
  const char c = line.back();
  return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == ',';
}

bool is_body_prose(std::string_view line) {
  return line.size() > kMaxHeaderLineBytes || ends_like_sentence(line);
}

// The first non-empty lines of the text, up to the first line of body prose.
std::vector<Line> header_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t begin = 0;
  while (begin < text.size() && lines.size() < kHeaderLines) {
    const std::size_t newline = std::min(text.find('\n', begin), text.size());
    const std::string_view line = trim(text.substr(begin, newline - begin));
    begin = newline + 1;
    if (line.empty()) {
      if (!lines.empty()) lines.back().blank_after = true;
      continue;
    }
    if (is_body_prose(line)) break;
    lines.push_back({line, false});
  }
  // The line after the last one kept decides its blank_after too.
  if (!lines.empty() && !lines.back().blank_after) {
    const std::size_t next = std::min(text.find('\n', begin), text.size());
    lines.back().blank_after = begin >= text.size() || trim(text.substr(begin, next - begin)).empty();
  }
  return lines;
}

// A word of a person's name: capitalised (or non-ASCII, or a particle such as
// "van", "de", "bin", or "and" between two names), no digits.
bool is_name_word(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kParticles{"and", "&",   "de",  "da", "del", "der",
                                                               "van", "von", "bin", "al", "la",  "le"};
  for (char c : w) {
    if (is_ascii_digit(c)) return false;
  }
  if (is_ascii_upper(w[0]) || static_cast<unsigned char>(w[0]) >= 0x80) return true;
  for (std::string_view p : kParticles) {
    if (w == p) return true;
  }
  return false;
}

bool looks_like_name(std::string_view s, std::size_t max_words) {
  const std::size_t words = word_count(s);
  if (words == 0 || words > max_words || ends_like_sentence(s) || is_lower(s[0])) return false;
  for (std::string_view w : split(s, ' ')) {
    if (!w.empty() && !is_name_word(w)) return false;
  }
  return month_number(s.substr(0, s.find(' '))) == 0 && weekday_number(s.substr(0, s.find(' '))) == 0;
}

// A job title given where an outlet would be ("By Jane Doe, Staff Writer").
bool is_role(std::string_view s) {
  static constexpr std::array<std::string_view, 6> kRoles{"Writer", "Reporter", "Correspondent",
                                                          "Editor", "Staff",    "Contributor"};
  for (std::string_view w : split(s, ' ')) {
    for (std::string_view r : kRoles) {
      if (w == r) return true;
    }
  }
  return false;
}

// "By NAME[, OUTLET]" (also "BY", and "|" or " - " before the outlet).
bool parse_byline(std::string_view line, Article& article) {
  if (line.size() < 4 || !starts_with_icase(line, "by ")) return false;
  std::string_view rest = trim(line.substr(3));
  std::size_t cut = std::min({rest.find(','), rest.find('|'), rest.find(" - ")});
  const std::string_view name = trim(rest.substr(0, cut));
  if (!looks_like_name(name, kMaxNameWords)) return false;
  article.author = std::string(name);
  if (cut == std::string_view::npos) return true;
  rest = rest.substr(cut + (rest[cut] == ' ' ? 3 : 1));
  cut = std::min({rest.find(','), rest.find('|'), rest.find(" - ")});
  const std::string_view outlet = trim(rest.substr(0, cut));
  if (looks_like_name(outlet, kMaxOutletWords) && !is_role(outlet) && find_absolute_dates(outlet).empty()) {
    article.publisher = std::string(outlet);
  }
  return true;
}

// The first date in the line that states year, month and day, as ISO.
std::string full_date(std::string_view line) {
  for (const DateMatch& m : find_absolute_dates(line)) {
    if (m.year != 0 && m.day != 0) return iso_date(m.year, m.month, m.day);
  }
  return {};
}

bool looks_like_headline(const Line& line) {
  const std::string_view t = line.text;
  if (t.size() > kMaxHeaderLineBytes || ends_like_sentence(t) || is_lower(t[0])) return false;
  bool has_letter = false;
  for (char c : t) has_letter = has_letter || is_ascii_alpha(c) || static_cast<unsigned char>(c) >= 0x80;
  return has_letter && (line.blank_after || word_count(t) < kMaxHeadlineWords);
}

// "KUALA LUMPUR, July 29, 2025 (Wire) - Thailand and ...": a wire dateline
// opens the first paragraph of body prose; its date is the article's.
std::string dateline_date(std::string_view text) {
  constexpr std::size_t kMaxDatelineBytes = 80;
  std::size_t begin = 0;
  for (std::size_t n = 0; n < kHeaderLines && begin < text.size(); ++n) {
    const std::size_t newline = std::min(text.find('\n', begin), text.size());
    const std::string_view line = trim(text.substr(begin, newline - begin));
    begin = newline + 1;
    if (!is_body_prose(line)) continue;
    const std::size_t dash = line.find(" - ");
    if (dash == std::string_view::npos || dash > kMaxDatelineBytes) return {};
    return full_date(line.substr(0, dash));
  }
  return {};
}

void read_header(Article& article) {
  bool title_decided = false;
  for (const Line& line : header_lines(article.text)) {
    if (article.author.empty() && parse_byline(line.text, article)) continue;
    if (const std::string date = full_date(line.text); !date.empty()) {
      if (article.date.empty()) article.date = date;
      continue;  // a dateline is not a title
    }
    if (!title_decided) {
      title_decided = true;
      if (looks_like_headline(line)) article.title = std::string(line.text);
    }
  }
  if (article.date.empty()) article.date = dateline_date(article.text);
}

bool is_blank_text(std::string_view s) { return trim(s).empty(); }

}  // namespace

Article parse_plain_article(std::string_view raw, std::string id, std::string origin) {
  NormalisedText normalised = normalise_text(raw, origin);
  if (is_blank_text(normalised.text)) throw InputError(Location{origin}, "empty article: no text");
  Article article;
  article.id = std::move(id);
  article.origin = std::move(origin);
  article.text = std::move(normalised.text);
  article.original_offset = std::move(normalised.original_offset);
  read_header(article);
  return article;
}

}  // namespace newsgraph
