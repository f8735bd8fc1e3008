#include "extract/extractor.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "extract/agreements.hpp"
#include "extract/analysis.hpp"
#include "extract/dates.hpp"
#include "extract/events.hpp"
#include "extract/quotes.hpp"

namespace newsgraph {

using namespace extract;

Extractor::Extractor(const Lexicon& lexicon) : lex_(lexicon), splitter_(lexicon.abbreviations) {}

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

std::vector<SentenceView> tokenise_sentences(const Lexicon& lex, const Article& a,
                                             const std::vector<Sentence>& sentences,
                                             const std::vector<QuoteSpan>& quotes) {
  std::vector<SentenceView> out;
  out.reserve(sentences.size());
  std::vector<Span> long_quotes;
  for (const auto& q : quotes) {
    if (word_count(a.text, q.content) >= 4) long_quotes.push_back(q.content);
  }
  std::size_t q = 0;
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    SentenceView s;
    s.index = i;
    s.span = sentences[i].span;
    s.tokens = tokenize(a.text, s.span.begin, s.span.end);
    lex.classify(a.text, s.tokens);
    s.in_quote.assign(s.tokens.size(), false);
    // Scare quotes ("briefly crossed") are part of the reporter's sentence:
    // only quotes of several words hide their actors and verbs from it.
    // Quotes and sentences are sorted by position, so one sweep over the
    // whole article marks every token (restarting it per sentence made a
    // long article quadratic in its quotes).
    for (std::size_t k = 0; k < s.tokens.size(); ++k) {
      const auto b = s.tokens[k].begin;
      while (q < long_quotes.size() && long_quotes[q].end <= b) ++q;
      s.in_quote[k] = q < long_quotes.size() && long_quotes[q].begin <= b;
    }
    out.push_back(std::move(s));
  }
  return out;
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
  const auto quotes = find_quote_spans(a.text);

  ArticleContext ctx{lex_, a, tokenise_sentences(lex_, a, facts.sentences, quotes), {}, {}, {}, {}, {}};
  // Two passes: the first learns which states the article is about, so that
  // context aliases ("the North") apply in the second. Only sentences where
  // the first pass refused such an alias can change, so only they are matched again.
  std::vector<std::size_t> again;
  for (auto& s : ctx.sentences) {
    if (match_entities(ctx, s)) again.push_back(s.index);
  }
  for (const auto n : again) match_entities(ctx, ctx.sentences[n]);

  AgreementTable agreements;
  std::vector<std::vector<DateMention>> dates(ctx.sentences.size());
  // NEWSGRAPH_TRACE=1 prints each sentence's actor chunks to stderr: for
  // working on the lexicons and rules.
  static const bool trace = std::getenv("NEWSGRAPH_TRACE") != nullptr;
  for (auto& s : ctx.sentences) {
    find_chunks(ctx, s);
    attach_appositions(ctx, s);
    dates[s.index] = find_dates(ctx, s);
    if (trace) trace_sentence(ctx, s);
    const auto mentions = agreements.scan(ctx, s);
    find_incidents(ctx, s, mentions, dates[s.index], agreements, facts.incidents);
  }
  find_statements(ctx, quotes, dates, facts.statements);
  find_reported_speech(ctx, dates, facts.statements, facts.incidents);
  date_agreements(facts.incidents, ctx.people, agreements.agreements);

  facts.persons = std::move(ctx.people.persons);
  facts.organisations = std::move(ctx.organisations);
  facts.agreements = std::move(agreements.agreements);
  facts.states = ctx.states_seen;
  std::sort(facts.states.begin(), facts.states.end());
  return facts;
}

}  // namespace newsgraph
