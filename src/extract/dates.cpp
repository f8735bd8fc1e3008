#include "extract/dates.hpp"

#include <cstdio>
#include <utility>

#include "text/dates.hpp"
#include "util/strings.hpp"

namespace newsgraph::extract {

long days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  return iso_date(y, m, d);
}

long iso_to_days(const std::string& iso) {
  if (!is_iso_date(iso)) return -1;
  return days_from_civil(std::stoi(iso.substr(0, 4)), std::stoi(iso.substr(5, 2)),
                         std::stoi(iso.substr(8, 2)));
}

int weekday_of_days(long days) {
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}  // 1970-01-01 was a Thursday

std::string weekday_on_or_before(const std::string& reference_iso, int weekday) {
  const long ref = iso_to_days(reference_iso);
  if (ref < 0) return {};
  const int back = (weekday_of_days(ref) - weekday + 7) % 7;
  return civil_from_days(ref - back);
}

std::string weekday_nearest(const std::string& reference_iso, int weekday) {
  const long ref = iso_to_days(reference_iso);
  if (ref < 0) return {};
  const int back = (weekday_of_days(ref) - weekday + 7) % 7;  // 0..6 days back
  return civil_from_days(back <= 3 ? ref - back : ref + (7 - back));
}

std::string weekday_on_or_after(const std::string& reference_iso, int weekday) {
  const long ref = iso_to_days(reference_iso);
  if (ref < 0) return {};
  return civil_from_days(ref + (weekday - weekday_of_days(ref) + 7) % 7);
}

namespace {

std::string shifted(const std::string& iso, long delta) {
  const long d = iso_to_days(iso);
  return d < 0 ? std::string() : civil_from_days(d + delta);
}

}  // namespace

// "will visit ... on Saturday", "next Friday": the weekday lies ahead.
bool future_tense(const ArticleContext& ctx, const SentenceView& s, std::size_t weekday) {
  if (weekday > 0 && s.tokens[weekday - 1].lower == "next") return true;
  if (weekday > 0 && s.tokens[weekday - 1].lower == "last") return false;
  for (std::size_t k = weekday; k-- > 0 && weekday - k <= 12;) {
    const auto& w = s.tokens[k].lower;
    if (w == "will" || w == "shall" || w == "'ll") return true;
    if (ctx.lex.in_class(WordClass::speech_verb, s.tokens[k]) || w == "." || w == ";") break;
  }
  return false;
}

std::vector<DateMention> find_dates(const ArticleContext& ctx, const SentenceView& s) {
  std::vector<DateMention> out;
  const std::string& ref = ctx.article.date;
  const std::string_view text(ctx.article.text);
  const auto sentence = text.substr(s.span.begin, s.span.end - s.span.begin);
  for (const auto& m : find_absolute_dates(sentence)) {
    DateMention dm;
    const std::size_t begin = s.span.begin + m.span.begin;
    while (dm.token + 1 < s.tokens.size() && s.tokens[dm.token].end <= begin) ++dm.token;
    dm.claim.text = std::string(sentence.substr(m.span.begin, m.span.end - m.span.begin));
    int year = m.year;
    if (year == 0 && is_iso_date(ref)) year = std::stoi(ref.substr(0, 4));
    if (year != 0 && m.day != 0) dm.claim.iso = iso_date(year, m.month, m.day);
    out.push_back(dm);
  }
  for (std::size_t i = 0; i < s.tokens.size(); ++i) {
    const Token& t = s.tokens[i];
    if (!t.is_word) continue;
    // Weekdays inside an absolute date ("Fri, June 22, 2024") belong to it.
    bool inside = false;
    for (const auto& dm : out) {
      if (dm.token <= i && i < dm.token + 4 && !dm.claim.iso.empty()) inside = true;
    }
    if (inside) continue;
    // Full weekday names only: "Sun" or "Sat" are too often something else.
    const int wd = t.capitalised && t.lower.size() >= 6 && t.lower.ends_with("day")
                       ? weekday_number(token_text(text, t))
                       : -1;
    const bool weekday = wd >= 1 && wd <= 7;
    // Most words are no date: the mention (with its strings) is made only for one.
    if (!weekday && t.lower != "today" && t.lower != "tonight" && t.lower != "yesterday") continue;
    DateMention dm;
    dm.token = i;
    if (weekday) {
      dm.claim.text = std::string(token_text(text, t));
      dm.claim.iso =
          future_tense(ctx, s, i) ? weekday_on_or_after(ref, wd - 1) : weekday_on_or_before(ref, wd - 1);
    } else if (t.lower == "today" || t.lower == "tonight") {
      dm.claim.text = t.lower;
      dm.claim.iso = ref;
    } else {  // "yesterday"
      dm.claim.text = t.lower;
      dm.claim.iso = shifted(ref, -1);
    }
    out.push_back(std::move(dm));
  }
  return out;
}

}  // namespace newsgraph::extract
