#pragma once
// Statements: quoted text with its speaker, found from the speech verb and
// actor next to the quote, or carried over from the previous sentence's
// speaker ("he added", "the statement said").
#include <optional>
#include <vector>

#include "extract/analysis.hpp"
#include "extract/dates.hpp"

namespace newsgraph::extract {

struct QuoteSpan {
  Span content;           // the words between the quote marks
  std::size_t open = 0;   // byte offset of the opening mark, or content.begin when missing
  std::size_t close = 0;  // byte offset of the closing mark, or content.end when missing
  bool has_open = false;
  bool has_close = false;
};

// Pairs quote marks within paragraphs; a closing mark with no opening one
// quotes from the paragraph start.
std::vector<QuoteSpan> find_quote_spans(std::string_view text);

// The last attributed quote's speaker and sentence: a long quote without
// attribution soon after continues it. Kept from one window of sentences to
// the next, as it would be across the whole article.
struct LastSpeaker {
  std::optional<ActorRef> actor;
  std::size_t sentence = 0;  // index in the article
};

// The statements of `quotes` (in order, each inside ctx.sentences; the dates
// of every sentence found).
void find_statements(const ArticleContext& ctx, const std::vector<QuoteSpan>& quotes, LastSpeaker& last,
                     std::vector<StatementFact>& out);

// Reported speech in sentences without quote marks: "X said (on Tuesday)
// that CLAUSE" or "X told reporters that CLAUSE" gives a statement with
// direct = false and the clause as its words. A clause that obliges an actor
// ("that Y must ...") also gives a demand on Y (see find_obligation).
void find_reported_speech(const ArticleContext& ctx, std::vector<StatementFact>& out,
                          std::vector<IncidentFact>& demands);

}  // namespace newsgraph::extract
