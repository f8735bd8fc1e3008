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

// Reported speech that puts an obligation on an actor ("X said that Y must
// ...", a modal pattern of data/events.tsv) is a demand by the speakers on Y,
// as event coders code it. `that` is the token index of "that", `speakers`
// the chunks of the speech verb's subject.
void find_obligation(const ArticleContext& ctx, const SentenceView& s, std::size_t that,
                     const std::vector<std::size_t>& speakers, const std::vector<DateMention>& dates,
                     std::vector<IncidentFact>& out);

// The subject actors of a verb at token `trigger`: the nearest actor chunk
// before it in the clause, plus those joined to it by "and" or commas.
std::vector<std::size_t> subject_chunks(const ArticleContext& ctx, const SentenceView& s,
                                        std::size_t trigger);

}  // namespace newsgraph::extract
