#include "extract/events.hpp"

#include <algorithm>
#include <cstdlib>

#include "util/strings.hpp"

namespace newsgraph::extract {

namespace {

constexpr std::size_t kObjectWindow = 8;
constexpr std::size_t kSubjectWindow = 30;
constexpr std::size_t kTargetWindow = 15;

bool usable(const Chunk& c) { return c.resolved && !c.absorbed; }

bool clause_break(const Token& t) { return t.lower == ";" || t.lower == "\""; }

bool object_follows(const SentenceView& s, std::size_t from, const EventPattern& p, std::size_t& object_end) {
  if (p.object.empty()) {
    object_end = from;
    return true;
  }
  for (std::size_t k = from; k < std::min(s.tokens.size(), from + kObjectWindow); ++k) {
    if (std::find(p.object.begin(), p.object.end(), s.tokens[k].lower) != p.object.end()) {
      object_end = k + 1;
      return true;
    }
    if (s.tokens[k].lower == "." || s.tokens[k].lower == ";") break;
  }
  return false;
}

// "The agreement ... was signed": in the passive the object comes first.
bool object_precedes(const SentenceView& s, std::size_t trigger, const EventPattern& p) {
  for (std::size_t k = trigger; k-- > 0 && trigger - k <= kObjectWindow;) {
    if (std::find(p.object.begin(), p.object.end(), s.tokens[k].lower) != p.object.end()) return true;
  }
  return false;
}

bool context_present(const SentenceView& s, const EventPattern& p) {
  if (p.context.empty()) return true;
  return std::any_of(s.tokens.begin(), s.tokens.end(), [&](const Token& t) {
    return std::find(p.context.begin(), p.context.end(), t.lower) != p.context.end();
  });
}

bool in_chunk(const SentenceView& s, std::size_t k) {
  return std::any_of(s.chunks.begin(), s.chunks.end(),
                     [&](const Chunk& c) { return c.first <= k && k < c.last; });
}

// "after border clash", "in cross-border raid": a plain lowercase word between
// a preposition and the trigger modifies it, so the trigger is a noun
// (headlines drop the article). A subject there ("after troops clashed",
// "before the two clashed") is an actor phrase or a number, not a modifier;
// "by rebels demanding ..." is a participle, and "a panel of experts examined"
// a past tense: neither is a noun. After a determiner ("on a state
// visit") the noun reading would lose the agent the verb reading finds.
bool noun_compound(const ArticleContext& ctx, const SentenceView& s, std::size_t i) {
  if (i < 2) return false;
  const Token& mod = s.tokens[i - 1];
  const Token& before = s.tokens[i - 2];
  const bool opens_phrase = ctx.lex.in_class(WordClass::preposition, before) && before.lower != "to";
  const std::string_view head = s.tokens[i].lower;
  return opens_phrase && !head.ends_with("ing") && !head.ends_with("ed") && mod.is_word && !mod.capitalised &&
         !mod.has_digit && !mod.lower.ends_with("ly") && !ctx.lex.in_class(WordClass::partitive, mod) &&
         !ctx.lex.in_class(WordClass::aux_verb, mod) &&
         !ctx.lex.in_class(WordClass::plural_state_noun, mod) && !in_chunk(s, i - 1);
}

// A verb trigger used as a noun ("the attack", "his visit") is not a verb;
// nor is one right after a preposition ("after clashes", "weeks of protests",
// "into alleged crimes"), except an infinitive or a gerund ("to protest",
// "by attacking").
bool noun_position(const ArticleContext& ctx, const SentenceView& s, std::size_t i) {
  if (i == 0) return false;
  const Token& prev = s.tokens[i - 1];
  const bool after_preposition = ctx.lex.in_class(WordClass::preposition, prev) && prev.lower != "to" &&
                                 !s.tokens[i].lower.ends_with("ing");
  return after_preposition || ctx.lex.in_class(WordClass::determiner, prev) ||
         ctx.lex.in_class(WordClass::possessive_pronoun, prev) || prev.lower == "'s" ||
         noun_compound(ctx, s, i);
}

// "has not accepted", "did not attack", "will never agree": "not" or "never"
// before the verb, with only auxiliaries between.
bool negated(const ArticleContext& ctx, const SentenceView& s, std::size_t trigger) {
  for (std::size_t k = trigger; k-- > 0 && trigger - k <= 3;) {
    const auto& w = s.tokens[k].lower;
    if (w == "not" || w == "never" || w == "n't") return true;
    if (!ctx.lex.in_class(WordClass::aux_verb, s.tokens[k])) return false;
  }
  return false;
}

// The acts PLOVER counts as cooperation; refusing one is a rejection (CAMEO 12x).
bool cooperative(std::string_view plover) {
  return plover == "AGREE" || plover == "CONSULT" || plover == "SUPPORT" || plover == "COOPERATE" ||
         plover == "AID" || plover == "CONCEDE" || plover == "RETREAT";
}

// "urged Y to withdraw", "refused to meet", "threatened to impose sanctions":
// the infinitive is what was asked, refused or threatened, coded by the verb
// that governs it, not an act of its own. (A pledge keeps its infinitive:
// "willing to forgive" is coded by what is promised.)
bool governs_infinitive(std::string_view plover) {
  return plover == "DEMAND" || plover == "REJECT" || plover == "THREATEN";
}

bool passive(const SentenceView& s, std::size_t trigger) {
  if (trigger == 0) return false;
  const auto& prev = s.tokens[trigger - 1].lower;
  const std::string_view prev2 = trigger >= 2 ? std::string_view(s.tokens[trigger - 2].lower) : "";
  auto be = [](std::string_view w) {
    return w == "was" || w == "were" || w == "been" || w == "be" || w == "is" || w == "are" || w == "being";
  };
  return be(prev) ||
         (be(prev2) && s.tokens[trigger - 1].is_word && s.tokens[trigger - 1].lower.ends_with("ly"));
}

// The first actor after `from`; `skip` are actors passed over ("Israel
// strengthened its forces in Lebanon": its own forces are not the target).
const Chunk* chunk_after(const SentenceView& s, std::size_t from, std::size_t window,
                         const std::vector<std::string>& prepositions = {},
                         const std::vector<ActorRef>& skip = {}) {
  for (const auto& c : s.chunks) {
    if (c.first < from || !usable(c) || c.in_quote) continue;
    if (std::find(skip.begin(), skip.end(), c.actor) != skip.end() && c.first < from + window) continue;
    if (!prepositions.empty()) {
      // "into northern Syria": the preposition may stand a word or two before the actor.
      bool found = false;
      for (std::size_t k = c.first; k-- > 0 && c.first - k <= 3 && k >= from;) {
        found = found ||
                std::find(prepositions.begin(), prepositions.end(), s.tokens[k].lower) != prepositions.end();
      }
      if (!found) continue;
    }
    if (c.first >= from + window) break;
    bool blocked = false;
    for (std::size_t k = from; k < c.first; ++k) blocked = blocked || clause_break(s.tokens[k]);
    if (!blocked) return &c;
    break;
  }
  return nullptr;
}

// "A camp for refugees was attacked", "the home of the mayor was shelled": a
// subject that is no actor but is modified by one ("of"/"for", right before
// the auxiliaries) makes that one the target of the passive verb.
const Chunk* passive_patient(const ArticleContext& ctx, const SentenceView& s, std::size_t trigger) {
  for (std::size_t n = s.chunks.size(); n-- > 0;) {
    const Chunk& c = s.chunks[n];
    if (c.last > trigger) continue;
    if (!usable(c) || c.in_quote || (c.preposition != "of" && c.preposition != "for")) return nullptr;
    for (std::size_t k = c.last; k < trigger; ++k) {
      if (!ctx.lex.in_class(WordClass::aux_verb, s.tokens[k]) && !s.tokens[k].lower.ends_with("ly"))
        return nullptr;
    }
    return &c;
  }
  return nullptr;
}

// "will withdraw", "would not hesitate to strike": a modal of the future right
// before the verb (adverbs and "not" may stand between).
bool intent_before(const ArticleContext& ctx, const SentenceView& s, std::size_t trigger) {
  for (std::size_t k = trigger; k-- > 0 && trigger - k <= 3;) {
    const auto& w = s.tokens[k].lower;
    if (w == "will" || w == "would" || w == "shall" || w == "'ll") return true;
    if (!(w == "not" || w == "also" || w == "soon" || w.ends_with("ly") || w == "be")) return false;
  }
  (void)ctx;
  return false;
}

// Who did what a noun names: "Russia's attack" / "the Russian attack" (the
// actor right before it), or "launched an attack" (the subject of a light
// verb just before it). "In case of an attack" names no one.
std::vector<std::size_t> noun_agents(const ArticleContext& ctx, const SentenceView& s, std::size_t noun) {
  for (std::size_t n = 0; n < s.chunks.size(); ++n) {
    const Chunk& c = s.chunks[n];
    if (!usable(c) || c.last > noun || noun - c.last > 2) continue;
    bool adjacent = true;
    for (std::size_t k = c.last; k < noun; ++k)
      adjacent = adjacent && (s.tokens[k].lower == "'s" || !s.tokens[k].capitalised);
    if (adjacent &&
        (c.possessive || c.last == noun || (c.last + 1 == noun && s.tokens[c.last].lower == "'s")))
      return {n};
  }
  for (std::size_t k = noun; k-- > 0 && noun - k <= 4;) {
    if (ctx.lex.in_class(WordClass::light_verb, s.tokens[k])) return subject_chunks(ctx, s, k);
  }
  // "X repeated its demand", "Y renewed their threat": the possessive points
  // back at the subject of the clause.
  if (noun > 0 && ctx.lex.in_class(WordClass::possessive_pronoun, s.tokens[noun - 1]))
    return subject_chunks(ctx, s, noun - 1);
  return {};
}

struct Candidate {
  std::size_t first = 0;
  std::size_t len = 0;
  const EventPattern* pattern = nullptr;
  std::size_t object_end = 0;
};

std::optional<Candidate> trigger_at(const ArticleContext& ctx, const SentenceView& s, std::size_t i) {
  const std::vector<std::uint32_t>* payloads = nullptr;
  const auto len = ctx.lex.event_triggers.longest(
      s.tokens, i, [](const Token& t) { return t.word; }, &payloads);
  if (len == 0 || payloads == nullptr) return std::nullopt;
  // A capitalised trigger mid-sentence is part of a name ("Security Council").
  if (s.tokens[i].capitalised && i > 0 && s.tokens[i - 1].lower != "\"") return std::nullopt;
  const bool as_noun = noun_position(ctx, s, i);
  std::optional<Candidate> best;
  for (auto id : *payloads) {
    const auto& p = ctx.lex.events[id];
    if (p.pos == TriggerPos::Verb && as_noun) continue;
    if (p.pos == TriggerPos::Noun && !as_noun &&
        !(i > 0 && ctx.lex.in_class(WordClass::preposition, s.tokens[i - 1])) &&
        !(i + 1 < s.tokens.size() && (s.tokens[i + 1].lower == "by" || s.tokens[i + 1].lower == "of"))) {
      continue;
    }
    std::size_t object_end = i + len;
    const bool object_ok =
        object_follows(s, i + len, p, object_end) || (passive(s, i) && object_precedes(s, i, p));
    if (!object_ok || !context_present(s, p)) continue;
    if (!best || p.priority > best->pattern->priority) best = Candidate{i, len, &p, object_end};
  }
  return best;
}

std::vector<ActorRef> refs(const SentenceView& s, const std::vector<std::size_t>& chunks) {
  std::vector<ActorRef> out;
  auto put = [&](const ActorRef& a) {
    if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
  };
  for (auto n : chunks) {
    put(s.chunks[n].actor);
    for (const auto& a : s.chunks[n].also) put(a);
  }
  return out;
}

std::optional<std::size_t> nearest_agreement(const std::vector<AgreementMention>& ag, std::size_t from) {
  std::optional<std::size_t> best;
  std::size_t best_dist = 0;
  for (const auto& m : ag) {
    const std::size_t dist = m.first >= from ? m.first - from : (from - m.first) * 2;  // prefer after
    if (!best || dist < best_dist) {
      best = m.agreement;
      best_dist = dist;
    }
  }
  return best;
}

DateClaim nearest_date(const std::vector<DateMention>& dates, std::size_t trigger) {
  const DateMention* best = nullptr;
  for (const auto& d : dates) {
    const auto dist = [&](const DateMention& m) {
      return std::labs(static_cast<long>(m.token) - static_cast<long>(trigger));
    };
    if (best == nullptr || dist(d) < dist(*best)) best = &d;
  }
  return best == nullptr ? DateClaim{} : best->claim;
}

}  // namespace

namespace {

// Relative-clause asides (", who was seeing Kim for the second time,") whose
// actors are not the subject of the main verb.
std::vector<bool> aside_mask(const ArticleContext& ctx, const SentenceView& s, std::size_t trigger) {
  std::vector<bool> aside(s.tokens.size(), false);
  // Only the subject window matters: bounded work per verb, even in a
  // pathological thousand-clause sentence.
  const std::size_t from = trigger > kSubjectWindow ? trigger - kSubjectWindow : 0;
  for (std::size_t k = from; k + 1 < trigger; ++k) {
    if (s.tokens[k].lower != "," || !ctx.lex.in_class(WordClass::relative_pronoun, s.tokens[k + 1])) continue;
    std::size_t e = k + 1;
    while (e < trigger && s.tokens[e].lower != ",") aside[e++] = true;
    if (e == trigger) std::fill(aside.begin() + k + 1, aside.begin() + e, false);  // the verb is inside it
  }
  return aside;
}

}  // namespace

namespace {

bool phrase_at(const SentenceView& s, std::size_t at, const std::vector<std::string>& words) {
  if (words.empty() || at + words.size() > s.tokens.size()) return false;
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (s.tokens[at + k].lower != words[k]) return false;
  }
  return true;
}

// The modal pattern right after the clause subject ending at token `at`,
// allowing one adverb between ("Y also must", "Y must").
// Sets `trigger` to its first token and `end` past its last.
const EventPattern* obligation_at(const ArticleContext& ctx, const SentenceView& s, std::size_t at,
                                  std::size_t& trigger, std::size_t& end) {
  for (std::size_t skip = 0; skip < 2; ++skip) {
    for (const auto& [words, index] : ctx.lex.modal_triggers) {
      if (!phrase_at(s, at + skip, words)) continue;
      trigger = at + skip;
      end = trigger + words.size();
      return &ctx.lex.events[index];
    }
    if (at >= s.tokens.size() || !s.tokens[at].lower.ends_with("ly")) break;
  }
  return nullptr;
}

// "Police arrested students", "the government banned the opposition": a
// state coerces its own people; a group the text gave no nationality takes the
// state of the agent (CAMEO codes domestic actors with their country).
void domestic_target(ArticleContext& ctx, const IncidentFact& inc) {
  if (inc.agents.empty() || inc.targets.empty() || inc.targets.front().kind != ActorKind::Organisation)
    return;
  const ActorRef& agent = inc.agents.front();
  std::string state;
  if (agent.kind == ActorKind::State) state = agent.iso3;
  if (agent.kind == ActorKind::Person) state = ctx.people.persons[agent.index].state;
  const std::size_t g = inc.targets.front().index;
  OrganisationFact& group = ctx.organisations[g];
  if (state.empty() || !group.state.empty() || !group.code.empty() ||
      !ctx.organisation_keys[g].starts_with("group:"))
    return;
  group.state = state;
  group.code = state;
}

// ", President X said", ", the foreign ministry said": the source of the
// report after a comma is not the one the verb acts on.
bool attribution(const ArticleContext& ctx, const SentenceView& s, const Chunk& c) {
  return c.first > 0 && s.tokens[c.first - 1].lower == "," && c.last < s.tokens.size() &&
         ctx.lex.in_class(WordClass::speech_verb, s.tokens[c.last]);
}

// "Bolivia's foreign minister rejected the accusation and said La Paz would
// respond": a person does not act on the state they represent.
bool own_state(const ArticleContext& ctx, const std::vector<ActorRef>& agents, const ActorRef& target) {
  if (target.kind != ActorKind::State) return false;
  return std::any_of(agents.begin(), agents.end(), [&](const ActorRef& a) {
    return a.kind == ActorKind::Person && ctx.people.persons[a.index].state == target.iso3;
  });
}

}  // namespace

void find_obligation(const ArticleContext& ctx, const SentenceView& s, std::size_t that,
                     const std::vector<std::size_t>& speakers, const std::vector<DateMention>& dates,
                     std::vector<IncidentFact>& out) {
  // The clause's subject: "that China", "that the US" (the chunk may hold "that").
  std::size_t n = 0;
  while (n < s.chunks.size() && s.chunks[n].last <= that + 1) ++n;
  if (n == s.chunks.size() || s.chunks[n].first > that + 2) return;
  const Chunk* subject = &s.chunks[n];
  if (!usable(*subject) || subject->possessive || subject->in_quote) return;
  std::size_t trigger = 0, end = 0;
  const EventPattern* p = obligation_at(ctx, s, subject->last, trigger, end);
  if (p == nullptr) return;
  // "Y must be reviewed": Y is acted on, not asked to act.
  if (end + 1 < s.tokens.size() && s.tokens[end].lower == "be" &&
      (s.tokens[end + 1].lower.ends_with("ed") || s.tokens[end + 1].lower.ends_with("en")))
    return;
  IncidentFact inc;
  inc.kind = p->kind;
  inc.plover = p->plover;
  inc.agents = refs(s, speakers);
  inc.targets = refs(s, {n});
  // "X said it must ...": an obligation on oneself is no demand.
  for (const auto& a : inc.agents) {
    if (std::find(inc.targets.begin(), inc.targets.end(), a) != inc.targets.end()) return;
  }
  inc.trigger = s.tokens[trigger].lower;
  inc.date = nearest_date(dates, trigger);
  inc.evidence = Evidence{s.index, s.span};
  out.push_back(std::move(inc));
}

std::vector<std::size_t> subject_chunks(const ArticleContext& ctx, const SentenceView& s,
                                        std::size_t trigger) {
  std::vector<std::size_t> out;
  std::optional<std::size_t> head;
  const auto aside = aside_mask(ctx, s, trigger);
  for (std::size_t n = s.chunks.size(); n-- > 0;) {
    const Chunk& c = s.chunks[n];
    if (c.last > trigger || aside[c.first]) continue;
    if (c.type == ChunkType::Unknown && !c.after_preposition && c.in_quote == s.in_quote[trigger]) break;
    if (trigger - c.last > kSubjectWindow) break;
    bool blocked = false;
    for (std::size_t k = c.last; k < trigger; ++k) blocked = blocked || s.tokens[k].lower == ";";
    if (blocked) break;
    // "with X saying ...": the object of "with" is the subject of an -ing verb.
    const bool with_ing = c.preposition == "with" && s.tokens[trigger].lower.ends_with("ing");
    if (!usable(c) || (c.after_preposition && !with_ing) || c.in_quote != s.in_quote[trigger] || c.possessive)
      continue;
    (void)ctx;
    head = n;
    break;
  }
  if (!head) return out;
  out.push_back(*head);
  // Conjoined subjects: "Jordan and Britain", "Kim Jong-un, the leader of North Korea, and Vladimir Putin".
  // A comma joins only inside a list that ends in "and" ("A, B and C"); a comma
  // right before the subject ends a clause ("After X crossed, its forces ...").
  std::size_t current = *head;
  bool in_list = false;
  while (true) {
    const Chunk& c = s.chunks[current];
    if (c.first == 0) break;
    const auto& before = s.tokens[c.first - 1].lower;
    if (before != "and" && (before != "," || !in_list)) break;
    in_list = true;
    std::optional<std::size_t> prev;
    for (std::size_t n = current; n-- > 0;) {
      const Chunk& p = s.chunks[n];
      if (p.absorbed || p.after_preposition) continue;
      if (usable(p) && !p.in_quote && c.first - p.last <= 12) prev = n;
      break;
    }
    if (!prev) break;
    out.push_back(*prev);
    current = *prev;
  }
  (void)ctx;
  return out;
}

void find_incidents(ArticleContext& ctx, const SentenceView& s,
                    const std::vector<AgreementMention>& agreements, const std::vector<DateMention>& dates,
                    AgreementTable& table, std::vector<IncidentFact>& out) {
  std::vector<bool> consumed(s.tokens.size(), false);
  std::optional<std::vector<ActorRef>> last_agents;  // of the previous incident in this sentence
  std::vector<ActorRef> last_targets;
  std::size_t last_trigger = 0;
  std::string_view last_plover;
  for (std::size_t i = 0; i < s.tokens.size(); ++i) {
    if (consumed[i] || s.in_quote[i]) continue;
    const auto cand = trigger_at(ctx, s, i);
    if (!cand) continue;
    const EventPattern& p = *cand->pattern;
    for (std::size_t k = i; k < cand->object_end; ++k) consumed[k] = true;

    // "Iran summoned X to protest ...", "Venezuela expelled X, accusing ...": an
    // infinitive or participle clause shares the subject of the verb before it.
    const bool dependent = i > 0 && (s.tokens[i - 1].lower == "to" ||
                                     (s.tokens[i - 1].lower == "," && s.tokens[i].lower.ends_with("ing")));
    bool shares_subject = dependent && last_agents && last_trigger < i;
    if (shares_subject && s.tokens[i - 1].lower == "to" && i - last_trigger <= kTargetWindow &&
        governs_infinitive(last_plover))
      continue;
    // "X denied the report and accused Y": a verb after "and" with no subject
    // of its own shares the subject of the verb before it.
    const bool after_and = p.pos == TriggerPos::Verb && i > 0 && s.tokens[i - 1].lower == "and" &&
                           last_agents && last_trigger < i;

    std::vector<std::size_t> agents;
    const Chunk* target = nullptr;
    const bool by_after = cand->object_end < s.tokens.size() && s.tokens[cand->object_end].lower == "by";
    if ((p.pos == TriggerPos::Verb && passive(s, i) && by_after) || (p.target_by && by_after)) {
      if (const Chunk* a = chunk_after(s, cand->object_end + 1, 4))
        agents.push_back(static_cast<std::size_t>(a - s.chunks.data()));
      if (p.pos == TriggerPos::Verb) {
        const auto subj = subject_chunks(ctx, s, i);
        target = subj.empty() ? passive_patient(ctx, s, i) : &s.chunks[subj.front()];
      }
    } else {
      agents = p.pos == TriggerPos::Noun ? noun_agents(ctx, s, i) : subject_chunks(ctx, s, i);
      if (agents.empty() && after_and) shares_subject = true;
      // From the trigger, not the object word: "expelled two Saudi diplomats" targets Saudi Arabia.
      if (!p.target_none)
        target = chunk_after(s, i + cand->len, kTargetWindow, p.target_prepositions,
                             shares_subject ? *last_agents : refs(s, agents));
    }
    const auto agreement = nearest_agreement(agreements, i);
    const bool signing = p.kind == "Signing" || p.kind == "AgreementReached";
    std::vector<ActorRef> party_agents;
    if (agents.empty() && signing && agreement) {
      // "The pact between A and B was signed": its parties signed it.
      for (const auto& party : table.agreements[*agreement].parties)
        party_agents.push_back(ActorRef{ActorKind::State, party, 0});
    }
    if (shares_subject) {
      agents.clear();
      party_agents = *last_agents;
    }
    if (target != nullptr && attribution(ctx, s, *target)) target = nullptr;
    if (agents.empty() && party_agents.empty()) continue;
    if (agents.empty() && party_agents.size() < 2 && !dependent && !shares_subject) continue;
    if (p.target_required && target == nullptr) continue;

    IncidentFact inc;
    inc.kind = p.kind;
    inc.plover = p.plover;
    if (p.pos == TriggerPos::Verb && negated(ctx, s, i)) {
      // "did not accept the proposal" rejects it; "did not attack" and "a
      // policy of not supplying arms" report no act.
      if (!cooperative(p.plover) || s.tokens[i].lower.ends_with("ing")) continue;
      inc.kind = "Rejection";
      inc.plover = "REJECT";
    } else if (!p.future && p.pos == TriggerPos::Verb && intent_before(ctx, s, i)) {
      // "will release", "would boycott": an intent, not the act (CAMEO 03x / 13x).
      const bool hostile = p.plover == "SANCTION" || p.plover == "COERCE" || p.plover == "ASSAULT" ||
                           p.plover == "FIGHT" || p.plover == "MOBILIZE" || p.plover == "PROTEST" ||
                           p.plover == "DISAPPROVE" || p.plover == "REJECT" || p.plover == "DEMAND";
      inc.kind = hostile ? "Threat" : "Pledge";
      inc.plover = hostile ? "THREATEN" : "AGREE";
    }
    inc.trigger = tokens_text(ctx, s, i, i + cand->len);
    inc.agents = agents.empty() ? party_agents : refs(s, agents);
    if (target != nullptr &&
        std::find(inc.agents.begin(), inc.agents.end(), target->actor) == inc.agents.end() &&
        !own_state(ctx, inc.agents, target->actor)) {
      inc.targets.push_back(target->actor);
      for (const auto& a : target->also) {
        if (std::find(inc.agents.begin(), inc.agents.end(), a) == inc.agents.end()) inc.targets.push_back(a);
      }
    }
    // "Y summoned X to protest ...", "Y expelled X, accusing him of ...": the
    // dependent clause is aimed at the main verb's target when it names none.
    if (inc.targets.empty() && shares_subject && dependent) inc.targets = last_targets;
    if (inc.plover == "COERCE") domestic_target(ctx, inc);
    if (auto ag = agreement) {
      inc.about = static_cast<long>(*ag);
      if (signing) {
        for (const auto& a : inc.agents) {
          if (a.kind == ActorKind::State) table.add_party(*ag, a.iso3);
          if (a.kind == ActorKind::Person && !ctx.people.persons[a.index].state.empty()) {
            table.add_party(*ag, ctx.people.persons[a.index].state);
          }
        }
      }
    }
    inc.date = nearest_date(dates, i);
    inc.evidence = Evidence{s.index, s.span};
    last_agents = inc.agents;
    last_targets = inc.targets;
    last_trigger = i;
    last_plover = p.plover;
    out.push_back(std::move(inc));
  }
}

}  // namespace newsgraph::extract
