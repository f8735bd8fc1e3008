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
// same incidents (see anchor_undated_articles) before merging.
KnowledgeGraph merge_articles(std::vector<ArticleFacts> articles, const Lexicon& lexicon);

// Content-derived identity of an incident's actors: a person counts as the
// State they represent, when known, so "Seoul summoned" and "Vice Foreign
// Minister Kim summoned" are the same summons.
std::string actor_identity(const ArticleFacts& facts, const ActorRef& actor);

}  // namespace newsgraph
