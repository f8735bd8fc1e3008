#pragma once
// Absolute dates written in English news text ("June 22, 2024", "22 June 2024",
// "Fri, June 22, 2024", "2024-06-22", "Sept. 5", "June 2024"). Relative dates
// ("Friday", "last week") need an article date and belong to extract/.
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace newsgraph {

struct DateMatch {
  Span span;      // into the searched text; includes a leading weekday ("Fri, June 22, 2024")
  int year = 0;   // 0 = not stated
  int month = 0;  // 1..12
  int day = 0;    // 0 = not stated ("June 2024")
};

// Every absolute date in `text`, left to right, none overlapping. Days are
// checked against the month (and the year when stated: no "February 30").
std::vector<DateMatch> find_absolute_dates(std::string_view text);

// "2024-06-22", or "" unless (year, month, day) is a real calendar date.
std::string iso_date(int year, int month, int day);

// Exactly "yyyy-mm-dd" naming a real calendar date (leap years included).
bool is_iso_date(std::string_view s);

// 1..12 for an English month name or abbreviation ("June", "Jun", "Jun.",
// "Sept.", "JUNE"), 0 otherwise. Lowercase words are not months ("may").
int month_number(std::string_view word);

// 1 (Monday) ..7 for an English weekday name or abbreviation ("Friday",
// "Fri", "Fri."), 0 otherwise; capitalised as for month_number.
int weekday_number(std::string_view word);

// Days in a month; February of year 0 (unknown) has 29.
int days_in_month(int year, int month);

}  // namespace newsgraph
