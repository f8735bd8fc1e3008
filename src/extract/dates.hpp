#pragma once
// Date expressions in a sentence, resolved against the article's date:
// absolute dates, weekdays ("on Friday" = the most recent Friday on or
// before the article date), "today", "yesterday". Unresolvable ones keep
// their words and an empty ISO date; nothing is guessed.
#include <string>
#include <vector>

#include "extract/analysis.hpp"

namespace newsgraph::extract {

std::vector<DateMention> find_dates(const ArticleContext& ctx, const SentenceView& s);

// Day arithmetic on ISO dates.
long days_from_civil(int y, int m, int d);
std::string civil_from_days(long days);
long iso_to_days(const std::string& iso);  // -1 when not an ISO date
int weekday_of_days(long days);            // 0 = Monday .. 6 = Sunday
// The most recent date with that weekday on or before the reference.
std::string weekday_on_or_before(const std::string& reference_iso, int weekday);
// The date with that weekday nearest to the reference (at most three days away; the past wins a tie).
std::string weekday_nearest(const std::string& reference_iso, int weekday);
// The next date with that weekday on or after the reference.
std::string weekday_on_or_after(const std::string& reference_iso, int weekday);

}  // namespace newsgraph::extract
