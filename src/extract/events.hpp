#pragma once
// Incidents: event triggers from data/events.tsv with their agent (the actor
// before the trigger), target (the first actor after it), the agreement they
// are about and the date said in the same sentence.
#include <vector>

#include "extract/agreements.hpp"
#include "extract/analysis.hpp"
#include "extract/dates.hpp"

namespace newsgraph::extract {

void find_incidents(ArticleContext& ctx, const SentenceView& s,
                    const std::vector<AgreementMention>& agreements, const std::vector<DateMention>& dates,
                    AgreementTable& table, std::vector<IncidentFact>& out);

// The subject actors of a verb at token `trigger`: the nearest actor chunk
// before it in the clause, plus those joined to it by "and" or commas.
std::vector<std::size_t> subject_chunks(const ArticleContext& ctx, const SentenceView& s,
                                        std::size_t trigger);

}  // namespace newsgraph::extract
