// Any bytes as a SPARQL query through our own front end (tokenize, then
// rewrite_query: prefixes, property paths, DESCRIBE, --bind parameters):
// either a clear InputError/UsageError with a position inside the query, or
// a rewritten query whose placeholders all have a path behind them.
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "query/query_rewrite.hpp"
#include "query/sparql_lexer.hpp"
#include "util/error.hpp"

using namespace newsgraph;
using fuzz::check;

namespace {

void check_tokens(std::string_view text, const std::vector<query::Token>& tokens) {
  check(!tokens.empty() && tokens.back().kind == query::TokenKind::End, "tokens end with End");
  std::size_t previous = 0;
  for (const query::Token& t : tokens) {
    check(t.offset <= text.size(), "a token lies inside the query");
    check(t.offset >= previous, "tokens are in order");
    check(t.line >= 1 && t.column >= 1, "a token has a line and column");
    if (t.kind != query::TokenKind::End)
      check(text.substr(t.offset, t.text.size()) == t.text, "a token is its text");
    previous = t.offset;
  }
}

void check_location(std::string_view text, const InputError& e) {
  const Location& where = e.where();
  check(where.file == "fuzz.rq", "the error names the query");
  std::size_t lines = 1;
  for (char c : text) lines += c == '\n' ? 1 : 0;
  check(where.line <= lines + 1, "the error's line is inside the query");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::bytes(data, size);
  try {
    check_tokens(text, query::tokenize(text, "fuzz.rq"));
  } catch (const InputError& e) {
    check_location(text, e);
  }
  const std::vector<query::Parameter> parameters;
  const std::vector<rdf::Prefix> prefixes = {{"ng", "https://w3id.org/newsgraph/ontology#"},
                                             {"rdfs", "http://www.w3.org/2000/01/rdf-schema#"}};
  try {
    const query::RewrittenQuery q = query::rewrite_query(text, parameters, "fuzz.rq", prefixes);
    // A query may spell a placeholder IRI itself: only check ours.
    if (text.find(query::kPathPlaceholder) != std::string_view::npos) return 0;
    for (std::size_t at = 0; (at = q.text.find(query::kPathPlaceholder, at)) != std::string::npos; ++at) {
      const std::size_t n = std::strtoul(q.text.c_str() + at + query::kPathPlaceholder.size(), nullptr, 10);
      check(n < q.paths.size(), "every path placeholder has its path");
    }
  } catch (const InputError& e) {
    check_location(text, e);
  } catch (const UsageError&) {
  }
  return 0;
}
