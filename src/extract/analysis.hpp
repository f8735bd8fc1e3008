#pragma once
// Internal working state of the extractor for one article: tokens, entity
// matches, actor chunks and the article's person registry. Not part of the
// public API (see extractor.hpp); the stages in this folder share it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "lexicon/lexicon.hpp"
#include "model/model.hpp"

namespace newsgraph::extract {

// One lexicon entity matched in a sentence.
struct EntityMatch {
  std::size_t first = 0;  // token range [first, last)
  std::size_t last = 0;
  const EntityEntry* entry = nullptr;
};

// Unknown: an actor phrase whose actor cannot be named ("several soldiers");
// it still is the subject of its verb, so it stops the search for one.
enum class ChunkType { None, Person, State, Organisation, Group, RoleRef, Pronoun, Unknown };

// An actor phrase: "South Korean Vice Foreign Minister Kim Hong Kyun",
// "Seoul", "South Korea's foreign ministry", "the Russian ambassador", "he".
struct Chunk {
  std::size_t first = 0;  // token range [first, last)
  std::size_t last = 0;
  ChunkType type = ChunkType::None;
  ActorRef actor;              // valid when resolved (Person/State/Organisation/Group)
  std::vector<ActorRef> also;  // further actors of a plural reference ("the two leaders")
  bool resolved = false;
  std::string state;  // iso3 named inside the chunk (demonym, name, possessive)
  std::string role;   // role words inside the chunk, as written
  RoleType role_type = RoleType::Title;
  std::optional<std::uint32_t> organisation;  // lexicon index
  bool possessive = false;                    // followed by "'s"
  bool in_quote = false;
  bool absorbed = false;  // an apposition describing the chunk before it
  bool after_preposition = false;
  std::string preposition;                    // the preposition before it, if any
  std::size_t name_first = 0, name_last = 0;  // token range of a person's name, if any
};

// A date expression of a sentence (extract/dates.hpp finds them).
struct DateMention {
  std::size_t token = 0;  // first token of the expression
  DateClaim claim;
};

struct SentenceView {
  std::size_t index = 0;  // in the article (ArticleFacts::sentences)
  Span span;
  std::vector<Token> tokens;   // offsets into Article::text
  std::vector<bool> in_quote;  // per token
  std::vector<EntityMatch> entities;
  std::vector<int> entity_at;  // per token: index into entities or -1
  std::vector<Chunk> chunks;
  std::vector<DateMention> dates;
};

// The persons of one article, with lookups for later mentions.
class PersonTable {
 public:
  std::vector<PersonFact> persons;

  // Registers a full name (2+ tokens) or returns the existing person whose
  // name folds to the same key; records the mention span.
  std::size_t add_name(const std::string& name, Span mention);
  // A single name token ("Putin", "Kim"): the person whose name contains it,
  // preferring the most recently mentioned; nullopt when unknown.
  std::optional<std::size_t> find_part(const std::string& part) const;
  // Whether a person's name folds to `name`'s key (a spelling variant of it).
  bool has_name(std::string_view name) const;
  // A role reference ("the Russian ambassador"): the most recent person whose
  // role contains role_word and who represents state (if given).
  std::optional<std::size_t> find_role(const std::string& role_word, const std::string& state) const;
  std::optional<std::size_t> most_recent() const;
  // The n most recently mentioned persons, most recent first.
  std::vector<std::size_t> recent(std::size_t n) const;
  void touch(std::size_t person, Span mention);
  void set_role(std::size_t person, const std::string& role, const std::string& state, RoleType type,
                const std::string& organisation);

  // For the leader gazetteer: persons whose state was only inferred from a
  // state named nearby (the gazetteer may correct it), and leaders the
  // gazetteer knows to serve no state (no state is inferred for them).
  std::unordered_set<std::size_t> weak_state;
  std::unordered_set<std::size_t> stateless;

 private:
  std::vector<std::size_t> last_seen_;  // mention counter per person
  std::size_t clock_ = 0;
  // Per person, folded once when added (lookups run for every name mention):
  // the fold_key of the name (its variants fold to the same key) and of each
  // word of the name.
  std::vector<std::string> keys_;
  std::vector<std::vector<std::string>> parts_;
};

// Shared context for one article's extraction.
struct ArticleContext {
  const Lexicon& lex;
  const Article& article;
  std::vector<SentenceView> sentences;  // the window of sentences being extracted (see extractor.hpp)
  PersonTable people;
  std::vector<std::string> states_seen;  // iso3, in order of first mention
  std::vector<OrganisationFact> organisations;
  std::vector<std::string> organisation_keys;  // parallel: lexicon name or group label
  std::optional<ActorRef> last_collective;     // the state/organisation/group that last acted as a subject
};

std::string span_text(const Article& a, std::size_t first_byte, std::size_t end_byte);
std::string tokens_text(const ArticleContext& ctx, const SentenceView& s, std::size_t first,
                        std::size_t last);

// Stages, in the order the extractor runs them.
// Fills s.entities; true when a context alias ("the North") was refused
// because none of its states had been named yet. Matching such a sentence
// again once the article's states are known may find more; any other
// sentence would match the same again.
bool match_entities(ArticleContext& ctx, SentenceView& s);
void find_chunks(ArticleContext& ctx, SentenceView& s);
void attach_appositions(ArticleContext& ctx, SentenceView& s);
std::size_t add_organisation(ArticleContext& ctx, const std::string& key, OrganisationFact fact);
ActorRef organisation_actor(ArticleContext& ctx, const SentenceView& s, const Chunk& c);
void bind_plural_references(ArticleContext& ctx, SentenceView& s);
void resolve_collective_pronouns(ArticleContext& ctx, SentenceView& s);
// The leader gazetteer (extract/leaders.cpp): is this full name a known
// leader; and states and roles for the persons of a sentence that the text
// left without them.
bool known_leader_name(const ArticleContext& ctx, const std::string& name);
void apply_leader_gazetteer(ArticleContext& ctx, const SentenceView& s);

}  // namespace newsgraph::extract
