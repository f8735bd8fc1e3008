#include "text/dates.hpp"

#include <array>
#include <cstdio>

namespace newsgraph {

namespace {

// English calendar words: part of reading English dates, like the digits.
struct CalendarWord {
  std::string_view name;
  int number;
};

constexpr std::array<CalendarWord, 12> kMonths{{{"january", 1},
                                                {"february", 2},
                                                {"march", 3},
                                                {"april", 4},
                                                {"may", 5},
                                                {"june", 6},
                                                {"july", 7},
                                                {"august", 8},
                                                {"september", 9},
                                                {"october", 10},
                                                {"november", 11},
                                                {"december", 12}}};
// Abbreviations may carry a period ("Sept."); full names never do ("in June.").
constexpr std::array<CalendarWord, 12> kMonthAbbreviations{{{"jan", 1},
                                                            {"feb", 2},
                                                            {"mar", 3},
                                                            {"apr", 4},
                                                            {"jun", 6},
                                                            {"jul", 7},
                                                            {"aug", 8},
                                                            {"sep", 9},
                                                            {"sept", 9},
                                                            {"oct", 10},
                                                            {"nov", 11},
                                                            {"dec", 12}}};

constexpr std::array<CalendarWord, 17> kWeekdays{{{"monday", 1},
                                                  {"tuesday", 2},
                                                  {"wednesday", 3},
                                                  {"thursday", 4},
                                                  {"friday", 5},
                                                  {"saturday", 6},
                                                  {"sunday", 7},
                                                  {"mon", 1},
                                                  {"tue", 2},
                                                  {"tues", 2},
                                                  {"wed", 3},
                                                  {"thu", 4},
                                                  {"thur", 4},
                                                  {"thurs", 4},
                                                  {"fri", 5},
                                                  {"sat", 6},
                                                  {"sun", 7}}};

// Local and inline: these run on every byte of every article.
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_letter(char c) { return is_lower(c) || is_upper(c); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_letter(c) || is_digit(c); }

// A calendar word folded to lowercase in a fixed buffer: no allocation, since
// this runs on every capitalised word of every article.
class CalendarKey {
 public:
  // "June", "JUNE" or "Jun." -> "june"; anything else (lowercase, mixed case,
  // too short or too long for a calendar word) -> empty.
  explicit CalendarKey(std::string_view word) {
    if (!word.empty() && word.back() == '.') word.remove_suffix(1);
    if (word.size() < 3 || word.size() > sizeof buffer_ || !is_upper(word[0])) return;
    bool all_lower = true, all_upper = true;
    for (char c : word.substr(1)) {
      all_lower = all_lower && is_lower(c);
      all_upper = all_upper && is_upper(c);
    }
    if (!all_lower && !all_upper) return;
    for (std::size_t i = 0; i < word.size(); ++i) {
      buffer_[i] = is_upper(word[i]) ? static_cast<char>(word[i] - 'A' + 'a') : word[i];
    }
    size_ = word.size();
  }
  std::string_view view() const { return {buffer_, size_}; }
  bool empty() const { return size_ == 0; }

 private:
  char buffer_[9] = {};  // "wednesday" and "september" are the longest
  std::size_t size_ = 0;
};

template <std::size_t N>
int lookup(const std::array<CalendarWord, N>& table, const CalendarKey& key) {
  if (key.empty()) return 0;
  for (const auto& w : table) {
    if (w.name == key.view()) return w.number;
  }
  return 0;
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Years a news date plausibly names; keeps "June 22, 1000 soldiers" from
// reading as the year 1000.
bool plausible_year(int year) { return year >= 1800 && year <= 2199; }

// A left-to-right reader over the text with small, backtrackable steps.
class Cursor {
 public:
  Cursor(std::string_view text, std::size_t pos) : text_(text), pos_(pos) {}
  std::size_t pos() const { return pos_; }
  bool at_end() const { return pos_ >= text_.size(); }
  char peek(std::size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }

  bool skip(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  bool skip_spaces() {
    const std::size_t start = pos_;
    while (peek() == ' ') ++pos_;
    return pos_ > start;
  }
  // Up to max_digits digits, not followed by another digit; -1 when absent.
  int number(std::size_t min_digits, std::size_t max_digits) {
    std::size_t n = 0;
    int value = 0;
    while (n <= max_digits && is_digit(peek(n))) value = value * 10 + (peek(n++) - '0');
    if (n < min_digits || n > max_digits) return -1;
    pos_ += n;
    return value;
  }
  // A run of letters, plus a trailing '.' when `with_period`.
  std::string_view word(bool with_period) {
    const std::size_t start = pos_;
    while (is_letter(peek())) ++pos_;
    if (pos_ > start && with_period && peek() == '.') ++pos_;
    return text_.substr(start, pos_ - start);
  }
  void skip_ordinal_suffix() {
    for (std::string_view s : {"st", "nd", "rd", "th"}) {
      if (text_.substr(pos_, 2) == s && !is_letter(peek(2))) pos_ += 2;
    }
  }
  // The next character does not continue a word or number.
  bool at_boundary() const { return !is_alnum(peek()); }

 private:
  std::string_view text_;
  std::size_t pos_;
};

// A month word at the cursor; the period of "Sept." is taken only after an abbreviation.
int read_month(Cursor& c) {
  Cursor probe = c;
  const CalendarKey key(probe.word(false));
  const int month = lookup(kMonths, key);
  const int abbreviated = lookup(kMonthAbbreviations, key);
  if ((month == 0 && abbreviated == 0) || !probe.at_boundary()) return 0;
  if (abbreviated != 0) probe.skip('.');
  c = probe;
  return month != 0 ? month : abbreviated;
}

// ", 2024" or " 2024" after a day, or " 2024" after a month; 0 when absent.
int read_year(Cursor& c, bool comma_allowed) {
  Cursor probe = c;
  if (comma_allowed) probe.skip(',');
  if (!probe.skip_spaces()) return 0;
  const int year = probe.number(4, 4);
  if (year < 0 || !plausible_year(year) || is_letter(probe.peek())) return 0;
  c = probe;
  return year;
}

// A day number ("22", "22nd") not followed by more of a number or a time ("22:00").
int read_day(Cursor& c) {
  Cursor probe = c;
  const int day = probe.number(1, 2);
  if (day < 1) return 0;
  probe.skip_ordinal_suffix();
  if (!probe.at_boundary() || probe.peek() == ':' || (probe.peek() == '.' && is_digit(probe.peek(1))))
    return 0;
  c = probe;
  return day;
}

bool valid(const DateMatch& m) {
  return m.month >= 1 && m.month <= 12 && (m.day == 0 || m.day <= days_in_month(m.year, m.month));
}

// "June 22, 2024", "June 22 2024", "June 22", "June 2024".
bool month_first(Cursor& c, DateMatch& m) {
  Cursor probe = c;
  m.month = read_month(probe);
  if (m.month == 0) return false;
  Cursor after_month = probe;
  if (probe.skip_spaces() && (m.day = read_day(probe)) > 0) {
    m.year = read_year(probe, true);
  } else {
    probe = after_month;
    m.day = 0;
    m.year = read_year(probe, false);
    if (m.year == 0) return false;
  }
  c = probe;
  return true;
}

// "22 June 2024", "22nd June, 2024", "22 June".
bool day_first(Cursor& c, DateMatch& m) {
  Cursor probe = c;
  m.day = read_day(probe);
  if (m.day == 0 || !probe.skip_spaces()) return false;
  m.month = read_month(probe);
  if (m.month == 0) return false;
  m.year = read_year(probe, true);
  c = probe;
  return true;
}

// "2024-06-22" (a time may follow: "2024-06-22T10:00").
bool iso(Cursor& c, DateMatch& m) {
  Cursor probe = c;
  m.year = probe.number(4, 4);
  if (m.year < 0 || !probe.skip('-')) return false;
  m.month = probe.number(2, 2);
  if (m.month < 0 || !probe.skip('-')) return false;
  m.day = probe.number(2, 2);
  if (m.day < 1 || is_digit(probe.peek()) || m.year < 1) return false;
  c = probe;
  return true;
}

// "Fri, " / "Friday " before a month-first date.
bool weekday_then_month_first(Cursor& c, DateMatch& m) {
  Cursor probe = c;
  if (weekday_number(probe.word(true)) == 0) return false;
  probe.skip(',');
  if (!probe.skip_spaces() || !month_first(probe, m)) return false;
  c = probe;
  return true;
}

bool match_at(std::string_view text, std::size_t i, DateMatch& m) {
  Cursor c(text, i);
  const char first = text[i];
  bool found = false;
  if (is_digit(first)) {
    found = iso(c, m) || day_first(c, m);
  } else if (is_upper(first)) {
    found = weekday_then_month_first(c, m) || month_first(c, m);
  }
  if (!found || !valid(m)) return false;
  m.span = {i, c.pos()};
  return true;
}

}  // namespace

int month_number(std::string_view word) {
  const CalendarKey key(word);
  const int month = lookup(kMonths, key);
  return month != 0 ? month : lookup(kMonthAbbreviations, key);
}

int weekday_number(std::string_view word) { return lookup(kWeekdays, CalendarKey(word)); }

int days_in_month(int year, int month) {
  static constexpr int kDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && year != 0 && !is_leap(year)) return 28;
  return kDays[month - 1];
}

std::string iso_date(int year, int month, int day) {
  if (year < 1 || year > 9999 || day < 1 || day > days_in_month(year, month)) return {};
  char out[40];  // room for any int, so -Wformat-truncation has nothing to say
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", year, month, day);
  return out;
}

bool is_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!is_digit(s[i])) return false;
  }
  auto num = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t k = 0; k < len; ++k) v = v * 10 + (s[at + k] - '0');
    return v;
  };
  return !iso_date(num(0, 4), num(5, 2), num(8, 2)).empty();
}

std::vector<DateMatch> find_absolute_dates(std::string_view text) {
  std::vector<DateMatch> out;
  std::size_t i = 0;
  while (i < text.size()) {
    // "12.5 March" and "1,5 June" hold no date: a number after "digit." or
    // "digit," continues that number.
    const bool continues_number =
        i >= 2 && (text[i - 1] == '.' || text[i - 1] == ',') && is_digit(text[i - 2]);
    const bool word_start = (i == 0 || !is_alnum(text[i - 1])) && !continues_number;
    DateMatch m;
    if (word_start && is_alnum(text[i]) && match_at(text, i, m)) {
      out.push_back(m);
      i = m.span.end;
      continue;
    }
    // Skip the rest of this word or number: a date never starts inside one.
    if (is_alnum(text[i])) {
      while (i < text.size() && is_alnum(text[i])) ++i;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace newsgraph
