#include "extract/extractor.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <string_view>

#include "extract/agreements.hpp"
#include "extract/analysis.hpp"
#include "extract/dates.hpp"
#include "extract/events.hpp"
#include "extract/quotes.hpp"

namespace newsgraph {

using namespace extract;

Extractor::Extractor(const Lexicon& lexicon, std::size_t window_bytes)
    : lex_(lexicon), splitter_(lexicon.abbreviations), window_bytes_(window_bytes) {}

namespace {

std::size_t word_count(const std::string& text, Span span) {
  std::size_t n = 0;
  bool in_word = false;
  for (std::size_t i = span.begin; i < span.end; ++i) {
    const bool w = text[i] != ' ' && text[i] != '\n';
    n += (w && !in_word) ? 1 : 0;
    in_word = w;
  }
  return n;
}

// Sentences [first, last) of an article, extracted together, and the bytes
// [begin, end) whose quote marks belong to them.
struct Window {
  std::size_t first = 0, last = 0;
  std::size_t begin = 0, end = 0;
};

// Sentence k ends a paragraph: a line break lies between it and the next.
bool ends_paragraph(std::string_view text, const std::vector<Sentence>& sentences, std::size_t k) {
  if (k + 1 >= sentences.size()) return true;
  const auto gap = text.substr(sentences[k].span.end, sentences[k + 1].span.begin - sentences[k].span.end);
  return gap.find('\n') != std::string_view::npos;
}

// Cuts the sentences into windows of at most `max_bytes` (a longer sentence
// is a window of its own), at the last paragraph end that fits, else at the
// last sentence that fits. Quotes never cross a line break (find_quote_spans),
// so a window starting after one sees the same quotes as the whole article;
// a paragraph longer than a window is the one place where a quote can be cut.
std::vector<Window> sentence_windows(std::string_view text, const std::vector<Sentence>& sentences,
                                     std::size_t max_bytes) {
  std::vector<Window> out;
  std::size_t first = 0, begin = 0;
  while (first < sentences.size()) {
    std::size_t last = first + 1, paragraph = 0;
    for (std::size_t k = first; k < sentences.size() && sentences[k].span.end - begin <= max_bytes; ++k) {
      last = k + 1;
      if (ends_paragraph(text, sentences, k)) paragraph = k + 1;
    }
    if (last < sentences.size() && paragraph > first) last = paragraph;
    std::size_t end = text.size();
    if (last < sentences.size()) {
      const auto from = sentences[last - 1].span.end;
      const auto line = text.substr(from, sentences[last].span.begin - from).rfind('\n');
      end = line == std::string_view::npos ? sentences[last].span.begin : from + line + 1;
    }
    out.push_back(Window{first, last, begin, end});
    first = last;
    begin = end;
  }
  return out;
}

// The quotes of a window's bytes, with offsets into the article.
std::vector<QuoteSpan> window_quotes(std::string_view text, const Window& w) {
  auto quotes = find_quote_spans(text.substr(w.begin, w.end - w.begin));
  for (auto& q : quotes) {
    q.content.begin += w.begin;
    q.content.end += w.begin;
    q.open += w.begin;
    q.close += w.begin;
  }
  return quotes;
}

std::vector<SentenceView> tokenise_sentences(const Lexicon& lex, const Article& a,
                                             const std::vector<Sentence>& sentences, const Window& w,
                                             const std::vector<QuoteSpan>& quotes) {
  std::vector<SentenceView> out;
  out.reserve(w.last - w.first);
  std::vector<Span> long_quotes;
  for (const auto& q : quotes) {
    if (word_count(a.text, q.content) >= 4) long_quotes.push_back(q.content);
  }
  std::size_t q = 0;
  for (std::size_t i = w.first; i < w.last; ++i) {
    SentenceView s;
    s.index = i;
    s.span = sentences[i].span;
    s.tokens = tokenize(a.text, s.span.begin, s.span.end);
    lex.classify(a.text, s.tokens);
    s.in_quote.assign(s.tokens.size(), false);
    // Scare quotes ("briefly crossed") are part of the reporter's sentence:
    // only quotes of several words hide their actors and verbs from it.
    // Quotes and sentences are sorted by position, so one sweep over the
    // window marks every token (restarting it per sentence made a long
    // article quadratic in its quotes).
    for (std::size_t k = 0; k < s.tokens.size(); ++k) {
      const auto b = s.tokens[k].begin;
      while (q < long_quotes.size() && long_quotes[q].end <= b) ++q;
      s.in_quote[k] = q < long_quotes.size() && long_quotes[q].begin <= b;
    }
    out.push_back(std::move(s));
  }
  return out;
}

// Matches the entities of the window's sentences. Alone, an article is read
// twice: the first pass learns which states it is about, so that context
// aliases ("the North") apply in the second; only sentences where the first
// refused such an alias can change, so only they are matched again. When
// `states_known` (learn_states ran over the whole article), the one match of
// each sentence is that second look: a sentence without a refusal matches the
// same with more states known, and one with a refusal sees exactly the states
// the second pass would (the first pass's and those the sentences before it
// added).
void match_window(ArticleContext& ctx, bool states_known) {
  std::vector<std::size_t> again;
  for (std::size_t n = 0; n < ctx.sentences.size(); ++n) {
    if (match_entities(ctx, ctx.sentences[n]) && !states_known) again.push_back(n);
  }
  for (const auto n : again) match_entities(ctx, ctx.sentences[n]);
}

// The first pass of match_window over every window of a long article: only
// the states it names are kept.
void learn_states(ArticleContext& ctx, const std::vector<Sentence>& sentences,
                  const std::vector<Window>& windows) {
  for (const auto& w : windows) {
    ctx.sentences =
        tokenise_sentences(ctx.lex, ctx.article, sentences, w, window_quotes(ctx.article.text, w));
    for (auto& s : ctx.sentences) match_entities(ctx, s);
  }
  ctx.sentences.clear();
}

// Agreements signed in an incident take its date and its persons as signatories.
void date_agreements(const std::vector<IncidentFact>& incidents, const PersonTable& people,
                     std::vector<AgreementFact>& agreements) {
  for (const auto& inc : incidents) {
    if (inc.about < 0 || (inc.kind != "Signing" && inc.kind != "AgreementReached")) continue;
    auto& a = agreements[static_cast<std::size_t>(inc.about)];
    if (a.date.empty()) a.date = inc.date.iso;
    for (const auto& ag : inc.agents) {
      if (ag.kind == ActorKind::Person &&
          std::find(a.signatories.begin(), a.signatories.end(), ag.index) == a.signatories.end()) {
        a.signatories.push_back(ag.index);
      }
    }
    (void)people;
  }
}

void trace_sentence(const ArticleContext& ctx, const SentenceView& s) {
  static const char* types[] = {"none", "person", "state", "org", "group", "roleref", "pronoun", "unknown"};
  std::cerr << "[" << s.index << "] " << ctx.article.text.substr(s.span.begin, s.span.end - s.span.begin)
            << '\n';
  for (const auto& c : s.chunks) {
    std::cerr << "    " << types[static_cast<int>(c.type)] << (c.resolved ? "" : "?")
              << (c.absorbed ? " absorbed" : "") << (c.after_preposition ? " after:" + c.preposition : "")
              << " {" << tokens_text(ctx, s, c.first, c.last) << "} state=" << c.state << " role=" << c.role
              << '\n';
  }
}

}  // namespace

ArticleFacts Extractor::extract(Article article) const {
  ArticleFacts facts;
  facts.article = std::move(article);
  const Article& a = facts.article;
  facts.sentences = splitter_.split(a.text);
  const auto windows = sentence_windows(a.text, facts.sentences, window_bytes_);

  ArticleContext ctx{lex_, a, {}, {}, {}, {}, {}, {}};
  const bool states_known = windows.size() > 1;
  if (states_known) learn_states(ctx, facts.sentences, windows);
  AgreementTable agreements;
  LastSpeaker speaker;
  // Reported speech and the demands in it come after every quote and
  // incident of the article, as when it was one window.
  std::vector<StatementFact> reported;
  std::vector<IncidentFact> demands;
  // NEWSGRAPH_TRACE=1 prints each sentence's actor chunks to stderr: for
  // working on the lexicons and rules.
  static const bool trace = std::getenv("NEWSGRAPH_TRACE") != nullptr;
  for (const auto& w : windows) {
    const auto quotes = window_quotes(a.text, w);
    ctx.sentences = tokenise_sentences(lex_, a, facts.sentences, w, quotes);
    match_window(ctx, states_known);
    for (auto& s : ctx.sentences) {
      find_chunks(ctx, s);
      attach_appositions(ctx, s);
      s.dates = find_dates(ctx, s);
      if (trace) trace_sentence(ctx, s);
      const auto mentions = agreements.scan(ctx, s);
      find_incidents(ctx, s, mentions, s.dates, agreements, facts.incidents);
    }
    find_statements(ctx, quotes, speaker, facts.statements);
    find_reported_speech(ctx, reported, demands);
  }
  ctx.sentences.clear();
  std::move(reported.begin(), reported.end(), std::back_inserter(facts.statements));
  std::move(demands.begin(), demands.end(), std::back_inserter(facts.incidents));
  date_agreements(facts.incidents, ctx.people, agreements.agreements);

  facts.persons = std::move(ctx.people.persons);
  facts.organisations = std::move(ctx.organisations);
  facts.agreements = std::move(agreements.agreements);
  facts.states = ctx.states_seen;
  std::sort(facts.states.begin(), facts.states.end());
  return facts;
}

}  // namespace newsgraph
