#include "extract/quotes.hpp"

#include <algorithm>

#include "extract/events.hpp"
#include "util/strings.hpp"

namespace newsgraph::extract {

namespace {

bool space_or_edge(std::string_view t, std::size_t i) {
  return i >= t.size() || t[i] == ' ' || t[i] == '\n' || t[i] == '\t';
}

bool opening_mark(std::string_view t, std::size_t i) {
  const bool before_ok = i == 0 || std::string_view(" \n\t([{-/").find(t[i - 1]) != std::string_view::npos;
  return before_ok && !space_or_edge(t, i + 1);
}

std::size_t paragraph_start(std::string_view t, std::size_t i) {
  const auto nl = t.rfind('\n', i == 0 ? 0 : i - 1);
  return nl == std::string_view::npos || i == 0 ? 0 : nl + 1;
}

Span trimmed(std::string_view t, std::size_t b, std::size_t e) {
  while (b < e && (t[b] == ' ' || t[b] == '\n')) ++b;
  while (e > b && std::string_view(" \n,").find(t[e - 1]) != std::string_view::npos) --e;
  return Span{b, e};
}

}  // namespace

std::vector<QuoteSpan> find_quote_spans(std::string_view t) {
  constexpr std::size_t kNone =
      std::string_view::npos;  // (std::optional trips GCC 12's -Wmaybe-uninitialized at -O2)
  std::vector<QuoteSpan> out;
  std::size_t open = kNone;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\n' && open != kNone) {  // a quote left open runs to the paragraph's end
      out.push_back(QuoteSpan{trimmed(t, open + 1, i), open, i, true, false});
      open = kNone;
    }
    if (t[i] != '"') continue;
    if (open == kNone && opening_mark(t, i)) {
      open = i;
    } else if (open != kNone) {
      out.push_back(QuoteSpan{trimmed(t, open + 1, i), open, i, true, true});
      open = kNone;
    } else {
      const auto start = paragraph_start(t, i);
      out.push_back(QuoteSpan{trimmed(t, start, i), start, i, false, true});
    }
  }
  if (open != kNone) out.push_back(QuoteSpan{trimmed(t, open + 1, t.size()), open, t.size(), true, false});
  out.erase(std::remove_if(out.begin(), out.end(),
                           [](const QuoteSpan& q) { return q.content.end <= q.content.begin; }),
            out.end());
  return out;
}

namespace {

// The first sentence whose span holds `byte` (its end included). Sentences
// are sorted and disjoint, so that is the first one ending at or after it; a
// binary search keeps a long article's many quotes from being quadratic.
const SentenceView* sentence_at(const ArticleContext& ctx, std::size_t byte) {
  const auto it = std::lower_bound(ctx.sentences.begin(), ctx.sentences.end(), byte,
                                   [](const SentenceView& s, std::size_t b) { return s.span.end < b; });
  return it != ctx.sentences.end() && it->span.begin <= byte ? &*it : nullptr;
}

std::size_t first_token_at_or_after(const SentenceView& s, std::size_t byte) {
  std::size_t i = 0;
  while (i < s.tokens.size() && s.tokens[i].begin < byte) ++i;
  return i;
}

const Chunk* chunk_starting(const SentenceView& s, std::size_t token, std::size_t window) {
  for (const auto& c : s.chunks) {
    if (c.first >= token && c.first < token + window && !c.in_quote) return c.resolved ? &c : nullptr;
    if (c.first >= token + window) break;
  }
  return nullptr;
}

// "State" in "State Department" is a name, not the verb.
bool speech(const ArticleContext& ctx, const Token& t) {
  return !t.capitalised && ctx.lex.in_class(WordClass::speech_verb, t);
}

// `"...," X said` / `"...," said X` / `"...," X, a professor at Y, told Z` / `"..." according to X`.
std::optional<ActorRef> speaker_after(const ArticleContext& ctx, const SentenceView& s, std::size_t close) {
  std::size_t i = first_token_at_or_after(s, close + 1);
  if (i < s.tokens.size() && s.tokens[i].lower == ",") ++i;
  if (i >= s.tokens.size()) return std::nullopt;
  if (speech(ctx, s.tokens[i])) {
    if (const Chunk* c = chunk_starting(s, i + 1, 2)) return c->actor;
    return std::nullopt;
  }
  if (i + 1 < s.tokens.size() && s.tokens[i].lower == "according" && s.tokens[i + 1].lower == "to") {
    if (const Chunk* c = chunk_starting(s, i + 2, 2)) return c->actor;
  }
  // X said / X, a professor at Y, told Z: the verb follows the actor or its apposition.
  const Chunk* c = chunk_starting(s, i, 1);
  if (c == nullptr) return std::nullopt;
  std::size_t k = c->last;
  if (k < s.tokens.size() && s.tokens[k].lower == ",") {
    ++k;
    while (k < s.tokens.size() && s.tokens[k].lower != "," && s.tokens[k].lower != "\"") ++k;
    ++k;
  }
  while (k < s.tokens.size() && ctx.lex.in_class(WordClass::aux_verb, s.tokens[k])) ++k;
  if (k < s.tokens.size() && speech(ctx, s.tokens[k])) return c->actor;
  return std::nullopt;
}

// `X said "..."`, `X, ..., labeled the activists "..."`, `with X saying that "..."`.
std::optional<ActorRef> speaker_before(const ArticleContext& ctx, const SentenceView& s, std::size_t open) {
  constexpr std::size_t kWindow = 40;  // a speech verb this far before the quote still introduces it
  const std::size_t end = first_token_at_or_after(s, open);
  std::optional<ActorRef> fallback;
  for (std::size_t k = end; k-- > 0 && end - k <= kWindow;) {
    if (s.in_quote[k] || !speech(ctx, s.tokens[k])) continue;
    const auto subj = subject_chunks(ctx, s, k);
    if (subj.empty()) continue;
    const Chunk& c = s.chunks[subj.front()];
    // "X hinted that they would respond by "..."": the words are X's, not the
    // collective "they" of the reported clause.
    const auto& w = s.tokens[c.first].lower;
    if (c.type == ChunkType::Pronoun && (w == "they" || w == "it" || w == "we")) {
      if (!fallback) fallback = c.actor;
      continue;
    }
    return c.actor;
  }
  return fallback;
}

std::size_t word_count(std::string_view text) {
  std::size_t n = 0;
  bool in_word = false;
  for (char c : text) {
    const bool w = c != ' ' && c != '\n';
    n += (w && !in_word) ? 1 : 0;
    in_word = w;
  }
  return n;
}

}  // namespace

void find_statements(const ArticleContext& ctx, const std::vector<QuoteSpan>& quotes,
                     LastSpeaker& last_speaker, std::vector<StatementFact>& out) {
  const std::string_view text(ctx.article.text);
  for (const auto& q : quotes) {
    const SentenceView* first = sentence_at(ctx, q.content.begin);
    const SentenceView* last = sentence_at(ctx, q.content.end);
    if (first == nullptr || last == nullptr) continue;
    std::optional<ActorRef> speaker;
    if (q.has_close) speaker = speaker_after(ctx, *last, q.close);
    if (!speaker) speaker = speaker_before(ctx, *first, q.has_open ? q.open : q.content.begin);
    const std::string quote(text.substr(q.content.begin, q.content.end - q.content.begin));
    const std::size_t words = word_count(quote);
    // Scare quotes ("aggression") need their own attribution; a long quote with
    // none continues the previous speaker ("he added" in the sentence before).
    if (!speaker && words >= 4 && last_speaker.actor && first->index <= last_speaker.sentence + 2) {
      speaker = last_speaker.actor;
    }
    if (!speaker && words < 6) continue;
    StatementFact st;
    st.quote = quote;
    st.has_speaker = speaker.has_value();
    if (speaker) st.speaker = *speaker;
    st.evidence = Evidence{first->index, q.content};
    if (!last->dates.empty()) st.date = last->dates.front().claim;
    out.push_back(std::move(st));
    if (speaker) last_speaker = LastSpeaker{speaker, last->index};
  }
}

namespace {

// Words that may stand between a speech verb and its "that": "said on
// Tuesday that", "told reporters in Hanoi that" (speech_bridge words, names,
// prepositions, determiners, -ly adverbs).
bool bridge_word(const ArticleContext& ctx, const SentenceView& s, std::size_t k) {
  const Token& t = s.tokens[k];
  return ctx.lex.in_class(WordClass::preposition, t) || ctx.lex.in_class(WordClass::determiner, t) ||
         ctx.lex.in_class(WordClass::speech_bridge, t) || t.capitalised || t.lower == "," ||
         t.lower.ends_with("ly");
}

// "X denied that its troops had crossed and accused Y of ...": a second
// speech verb joined by "and" is the speaker's own, not the reported clause's.
std::size_t reported_clause_end(const ArticleContext& ctx, const SentenceView& s, std::size_t that) {
  for (std::size_t k = that + 2; k + 1 < s.tokens.size(); ++k) {
    if (s.tokens[k].lower == "and" && speech(ctx, s.tokens[k + 1])) return k;
  }
  return s.tokens.size();
}

}  // namespace

void find_reported_speech(const ArticleContext& ctx, std::vector<StatementFact>& out,
                          std::vector<IncidentFact>& demands) {
  constexpr std::size_t kBridge = 6;
  const std::string_view text(ctx.article.text);
  for (const auto& s : ctx.sentences) {
    const bool has_quote =
        std::any_of(s.tokens.begin(), s.tokens.end(), [](const Token& t) { return t.lower == "\""; });
    if (has_quote) continue;
    for (std::size_t k = 0; k < s.tokens.size(); ++k) {
      if (!speech(ctx, s.tokens[k])) continue;
      std::size_t that = k + 1;
      while (that < s.tokens.size() && that <= k + kBridge && s.tokens[that].lower != "that" &&
             bridge_word(ctx, s, that))
        ++that;
      if (that >= s.tokens.size() || s.tokens[that].lower != "that" || that + 3 >= s.tokens.size()) continue;
      const auto subj = subject_chunks(ctx, s, k);
      if (subj.empty()) continue;
      std::size_t last = reported_clause_end(ctx, s, that);
      while (last > that + 1 && !s.tokens[last - 1].is_word) --last;
      StatementFact st;
      st.speaker = s.chunks[subj.front()].actor;
      st.has_speaker = true;
      st.direct = false;
      const Span words{s.tokens[that + 1].begin, s.tokens[last - 1].end};
      st.quote = std::string(text.substr(words.begin, words.end - words.begin));
      st.evidence = Evidence{s.index, words};
      if (!s.dates.empty()) st.date = s.dates.front().claim;
      out.push_back(std::move(st));
      find_obligation(ctx, s, that, subj, s.dates, demands);
      break;  // one reported statement per sentence
    }
  }
}

}  // namespace newsgraph::extract
