#pragma once
// The resolve stage: what many articles say, merged into one graph. Persons
// are one node across spelling variants, an incident reported by four
// articles is one node with four sources, and where sources disagree (a
// date) every claim is kept with its sources.
#include <vector>

#include "lexicon/lexicon.hpp"
#include "model/model.hpp"

namespace newsgraph {

// Undated articles get their weekdays resolved through dated reports of the
// same incidents (see anchor_undated_articles) before merging. The incidents,
// most of the work, are merged on up to `jobs` threads (a range of groups
// each, put together in order): the same graph for any `jobs`.
KnowledgeGraph merge_articles(std::vector<ArticleFacts> articles, const Lexicon& lexicon, unsigned jobs = 1);

// Content-derived identity of an incident's actors: a person counts as the
// State they represent, when known, so "Seoul summoned" and "Vice Foreign
// Minister Kim summoned" are the same summons.
std::string actor_identity(const ArticleFacts& facts, const ActorRef& actor);

}  // namespace newsgraph
