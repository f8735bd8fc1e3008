#pragma once
// The plain structs passed between pipeline stages:
//   text/    -> Article
//   extract/ -> ArticleFacts (what one article says)
//   resolve/ -> KnowledgeGraph (what all articles say, merged, with sources)
//   emit/    -> triples into an rdf::TripleSink
// No behaviour here: stages own the logic, these only carry data.
#include <cstddef>
#include <string>
#include <vector>

#include "model/offset_map.hpp"

namespace newsgraph {

// Half-open byte range [begin, end) into Article::text.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// One input article. `text` is the normalised UTF-8 body (typographic quotes,
// dashes and apostrophes folded to ASCII, CRLF to LF); every Span indexes it.
struct Article {
  std::string id;         // stable: file name without extension, or the JSONL "id"
  std::string origin;     // where it came from (path, "path:line" for JSONL, "-"), for messages
  std::string title;      // first line of a .txt article when it looks like a title, or JSONL "title"
  std::string date;       // ISO yyyy-mm-dd; empty when unknown
  std::string publisher;  // JSONL "source" or a byline's outlet; may be empty
  std::string author;     // from a "By NAME" byline; may be empty
  std::string url;
  std::string text;
  // original_offset[i] is the byte offset in the raw input of text[i]
  // (size text.size() + 1), so evidence can point into the file as given.
  OffsetMap original_offset;
};

struct Sentence {
  Span span;  // into Article::text
};

enum class ActorKind { State, Person, Organisation };

// A reference to an actor inside one article's facts: a State by its ISO
// 3166-1 alpha-3 code, a Person or Organisation by index into that
// ArticleFacts' persons / organisations.
struct ActorRef {
  ActorKind kind = ActorKind::State;
  std::string iso3;       // for State
  std::size_t index = 0;  // for Person / Organisation
  friend bool operator==(const ActorRef&, const ActorRef&) = default;
};

// Where a fact was read: sentence index and the byte span of the evidence.
struct Evidence {
  std::size_t sentence = 0;
  Span span;
};

struct PersonFact {
  std::string name;                   // fullest form seen, e.g. "Kim Hong-kyun"
  std::vector<std::string> variants;  // other spellings seen in this article
  std::string role;                   // e.g. "Vice Foreign Minister"; may be empty
  std::string state;                  // ISO alpha-3 of the State represented; may be empty
  std::string organisation;           // e.g. "NATO" when the role is within one; may be empty
  std::string wikidata;               // "Q76" when the leaders gazetteer knows who this is; may be empty
  std::vector<Span> mentions;
};

struct OrganisationFact {
  std::string name;                   // e.g. "United Nations"
  std::vector<std::string> variants;  // "U.N.", "UN"
  std::string code;                   // event-data code when known: "IGO", "NGO", or a state's alpha-3
  std::string state;                  // ISO alpha-3 when it is an organ of one state; may be empty
  std::vector<Span> mentions;
};

struct AgreementFact {
  std::string kind;                      // head noun: "pact", "treaty", "accord", "agreement"
  std::string label;                     // e.g. "mutual defense pact"
  std::vector<std::string> parties;      // ISO alpha-3
  std::vector<std::size_t> signatories;  // indexes into ArticleFacts::persons
  std::string date;                      // ISO date of signing; empty when unknown
  std::string place;                     // e.g. "Pyongyang"; may be empty
  std::vector<Evidence> evidence;
};

// A date as read: the resolved ISO date (empty when it could not be resolved
// without guessing) and the words it came from ("Friday", "June 9").
struct DateClaim {
  std::string iso;
  std::string text;
};

struct IncidentFact {
  std::string kind;     // class local name, e.g. "Summons", "BorderCrossing"
  std::string plover;   // PLOVER category, e.g. "DISAPPROVE"
  std::string trigger;  // the words that triggered it, e.g. "summoned"
  std::vector<ActorRef> agents;
  std::vector<ActorRef> targets;
  long about = -1;  // index into ArticleFacts::agreements, -1 = none
  DateClaim date;
  std::string place;
  Evidence evidence;
};

struct StatementFact {
  ActorRef speaker;
  bool has_speaker = false;
  std::string quote;   // the quoted or reported words, normalised text
  bool direct = true;  // false for reported speech
  DateClaim date;
  Evidence evidence;
};

// Everything one article says.
struct ArticleFacts {
  Article article;
  std::vector<Sentence> sentences;
  std::vector<std::string> states;  // ISO alpha-3 of every State mentioned, sorted, unique
  std::vector<PersonFact> persons;
  std::vector<OrganisationFact> organisations;
  std::vector<AgreementFact> agreements;
  std::vector<IncidentFact> incidents;
  std::vector<StatementFact> statements;
};

// ---------------------------------------------------------------------------
// The merged graph: one node per real-world thing, each fact with its sources.
// `key` fields are content-derived canonical keys; emit/ mints IRIs from them,
// so separate runs over separate shards agree on identity.

// One source's claim about a value (a date, a count) that sources may disagree on.
struct SourcedValue {
  std::string value;
  std::vector<std::string> articles;  // article ids that claim it
};

struct SourceRef {
  std::string article;  // article id
  Evidence evidence;
};

struct StateNode {
  std::string iso3;  // key
  std::string name;  // English short name from ISO 3166
  std::vector<std::string> alt_names;
  std::string wikidata;  // e.g. "Q884"; may be empty
};

struct PersonNode {
  std::string key;  // folded canonical name
  std::string name;
  std::vector<std::string> alt_names;
  std::vector<std::string> roles;
  std::vector<std::string> states;         // ISO alpha-3 represented
  std::vector<std::string> organisations;  // organisation keys
  std::vector<std::string> wikidata;       // items articles identified; linked only when there is one
  std::vector<std::string> articles;       // where mentioned
};

struct OrganisationNode {
  std::string key;
  std::string name;
  std::vector<std::string> alt_names;
  std::string code;
  std::string state;
  std::vector<std::string> articles;
};

// A node reference in the merged graph.
struct NodeRef {
  ActorKind kind = ActorKind::State;
  std::string key;  // iso3 for states, person/organisation key otherwise
  friend bool operator==(const NodeRef&, const NodeRef&) = default;
  friend bool operator<(const NodeRef& a, const NodeRef& b) {
    return a.kind != b.kind ? a.kind < b.kind : a.key < b.key;
  }
};

struct AgreementNode {
  std::string key;
  std::string label;
  std::string kind;
  std::vector<std::string> parties;      // ISO alpha-3
  std::vector<std::string> signatories;  // person keys
  std::vector<SourcedValue> dates;       // more than one value = a conflict
  std::vector<SourcedValue> places;
  std::vector<SourceRef> sources;
};

struct IncidentNode {
  std::string key;
  std::string kind;
  std::string plover;
  std::string label;
  std::vector<NodeRef> agents;
  std::vector<NodeRef> targets;
  std::string about;                // agreement key; may be empty
  std::vector<SourcedValue> dates;  // more than one value = a conflict
  std::vector<std::string> date_texts;
  std::vector<SourcedValue> places;
  std::vector<SourceRef> sources;
};

struct StatementNode {
  std::string key;
  NodeRef speaker;
  bool has_speaker = false;
  std::string quote;
  bool direct = true;
  std::vector<SourcedValue> dates;
  std::vector<SourceRef> sources;
};

// Metadata of an article plus the sentence texts that evidence points to.
struct ArticleNode {
  Article meta;  // text kept for evidence sentences
  std::vector<Sentence> sentences;
};

struct KnowledgeGraph {
  std::vector<ArticleNode> articles;
  std::vector<StateNode> states;
  std::vector<PersonNode> persons;
  std::vector<OrganisationNode> organisations;
  std::vector<AgreementNode> agreements;
  std::vector<IncidentNode> incidents;
  std::vector<StatementNode> statements;
};

}  // namespace newsgraph
