#pragma once
// A SPARQL 1.1 tokenizer. Rasqal parses and evaluates queries; we tokenize
// them ourselves only to rewrite what Rasqal 0.9.33 lacks (property paths,
// DESCRIBE), to substitute --bind parameters, and to report errors with an
// exact line and column (Rasqal's parser reports the line only).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsgraph::query {

enum class TokenKind {
  Iri,           // <http://...>            text includes the angle brackets
  PrefixedName,  // ng:Person, ng:, :x      text as written
  BlankLabel,    // _:b0
  Variable,      // ?x or $x                text includes the sigil
  String,        // "..." '...' """...""" '''...''' text as written, quotes included
  LangTag,       // @en                     text includes the '@'
  Number,        // 12, 1.5, 1e3            unsigned; a sign is a separate Punct
  Word,          // SELECT, a, true, STR, regex: bare names (keywords, functions)
  Punct,         // { } ( ) [ ] . , ; * + ? / | ^ ! = != < > <= >= && || - ^^
  End,           // after the last token
};

struct Token {
  TokenKind kind = TokenKind::End;
  std::string text;
  std::size_t offset = 0;  // byte offset into the query text
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in characters (UTF-8 code points)

  bool is(TokenKind k, std::string_view t) const { return kind == k && text == t; }
  bool is_punct(std::string_view t) const { return is(TokenKind::Punct, t); }
  // Case-insensitive match of a bare word (SPARQL keywords ignore case).
  bool is_word(std::string_view keyword) const;
};

// Splits `text` into tokens; comments and whitespace are dropped and the list
// always ends with an End token. Throws InputError (file `source`, line,
// column) on an unterminated string or IRI or a character no token starts with.
std::vector<Token> tokenize(std::string_view text, const std::string& source);

// The prefix of a prefixed name token ("ng" for "ng:Person", "" for ":x").
std::string_view prefix_of(const Token& prefixed_name);

// Line and column (1-based, code points) of byte `offset` in `text`.
void locate(std::string_view text, std::size_t offset, std::size_t& line, std::size_t& column);

}  // namespace newsgraph::query
