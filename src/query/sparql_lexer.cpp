#include "query/sparql_lexer.hpp"

#include <cctype>

#include "util/error.hpp"

namespace newsgraph::query {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_high(char c) { return static_cast<unsigned char>(c) >= 0x80; }
bool is_name_char(char c) { return is_alpha(c) || is_digit(c) || c == '_' || is_high(c); }
bool is_prefix_char(char c) { return is_name_char(c) || c == '-' || c == '.'; }
bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// Characters an IRIREF may not contain (besides controls and space).
bool is_iri_forbidden(char c) {
  return static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '"' || c == '{' || c == '}' || c == '|' ||
         c == '^' || c == '`' || c == '\\';
}

class Lexer {
 public:
  Lexer(std::string_view text, const std::string& source) : text_(text), source_(source) {}

  std::vector<Token> run() {
    std::vector<Token> tokens;
    for (;;) {
      skip_space_and_comments();
      if (pos_ >= text_.size()) break;
      tokens.push_back(next());
    }
    Token end;
    end.offset = text_.size();
    position(end.offset, end.line, end.column);
    tokens.push_back(end);
    return tokens;
  }

 private:
  char peek(std::size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }

  void skip_space_and_comments() {
    while (pos_ < text_.size()) {
      if (is_space(text_[pos_])) {
        ++pos_;
      } else if (text_[pos_] == '#') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else {
        break;
      }
    }
  }

  // Line and column of `offset`, walking forward from the last position asked
  // for (tokens come in order), so tokenizing stays linear.
  void position(std::size_t offset, std::size_t& line, std::size_t& column) {
    if (offset < seen_offset_) {
      seen_offset_ = 0;
      seen_line_ = 1;
      seen_column_ = 1;
    }
    for (; seen_offset_ < offset && seen_offset_ < text_.size(); ++seen_offset_) {
      const char ch = text_[seen_offset_];
      if (ch == '\n') {
        ++seen_line_;
        seen_column_ = 1;
      } else if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) {
        ++seen_column_;
      }
    }
    line = seen_line_;
    column = seen_column_;
  }

  [[noreturn]] void fail(std::size_t at, const std::string& message) {
    Location where{source_, 0, 0};
    position(at, where.line, where.column);
    throw InputError(where, message);
  }

  Token make(TokenKind kind, std::size_t start) {
    Token t;
    t.kind = kind;
    t.text = std::string(text_.substr(start, pos_ - start));
    t.offset = start;
    position(start, t.line, t.column);
    return t;
  }

  Token next() {
    const std::size_t start = pos_;
    const char c = peek();
    if (c == '<' && scan_iri()) return make(TokenKind::Iri, start);
    if (c == '"' || c == '\'') return scan_string(start);
    if (c == '@' && is_alpha(peek(1))) return scan_langtag(start);
    if ((c == '?' || c == '$') && is_name_char(peek(1))) {
      ++pos_;
      while (is_name_char(peek())) ++pos_;
      return make(TokenKind::Variable, start);
    }
    if (c == '_' && peek(1) == ':') {
      pos_ += 2;
      scan_local_name();
      if (pos_ == start + 2) fail(start, "blank node label without a name");
      return make(TokenKind::BlankLabel, start);
    }
    if (is_digit(c) || (c == '.' && is_digit(peek(1)))) return scan_number(start);
    if (c == ':' || is_name_char(c)) return scan_name(start);
    return scan_punct(start);
  }

  // Longest match: '<' starts an IRI only when a '>' closes it first.
  bool scan_iri() {
    std::size_t i = pos_ + 1;
    while (i < text_.size() && text_[i] != '>') {
      if (is_iri_forbidden(text_[i])) return false;
      ++i;
    }
    if (i >= text_.size()) return false;
    pos_ = i + 1;
    return true;
  }

  Token scan_string(std::size_t start) {
    const char quote = peek();
    const bool triple = peek(1) == quote && peek(2) == quote;
    pos_ += triple ? 3 : 1;
    for (;;) {
      if (pos_ >= text_.size()) fail(start, "unterminated string");
      const char ch = text_[pos_];
      if (ch == '\\') {
        pos_ += 2;
        continue;
      }
      if (!triple && (ch == '\n' || ch == '\r')) fail(start, "unterminated string (end of line)");
      if (ch == quote) {
        if (!triple) {
          ++pos_;
          break;
        }
        if (peek(1) == quote && peek(2) == quote) {
          pos_ += 3;
          while (peek() == quote) ++pos_;  // """a"""" ends with a quote inside
          break;
        }
      }
      ++pos_;
    }
    return make(TokenKind::String, start);
  }

  Token scan_langtag(std::size_t start) {
    ++pos_;
    while (is_alpha(peek())) ++pos_;
    while (peek() == '-' && (is_alpha(peek(1)) || is_digit(peek(1)))) {
      ++pos_;
      while (is_alpha(peek()) || is_digit(peek())) ++pos_;
    }
    return make(TokenKind::LangTag, start);
  }

  Token scan_number(std::size_t start) {
    while (is_digit(peek())) ++pos_;
    if (peek() == '.' && is_digit(peek(1))) {
      ++pos_;
      while (is_digit(peek())) ++pos_;
    }
    if ((peek() == 'e' || peek() == 'E') &&
        (is_digit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && is_digit(peek(2))))) {
      pos_ += 2;
      while (is_digit(peek())) ++pos_;
    }
    return make(TokenKind::Number, start);
  }

  // PN_LOCAL: name characters, '-', '.', ':', %HH and \-escapes; never ends in '.'.
  void scan_local_name() {
    for (;;) {
      const char ch = peek();
      if (is_prefix_char(ch) || ch == ':') {
        ++pos_;
      } else if (ch == '%' && is_hex(peek(1)) && is_hex(peek(2))) {
        pos_ += 3;
      } else if (ch == '\\' && peek(1) != '\0') {
        pos_ += 2;
      } else {
        break;
      }
    }
    while (pos_ > 0 && text_[pos_ - 1] == '.') --pos_;
  }

  Token scan_name(std::size_t start) {
    std::size_t i = pos_;
    while (i < text_.size() && is_prefix_char(text_[i])) ++i;
    if (i < text_.size() && text_[i] == ':' && (i == pos_ || text_[i - 1] != '.')) {
      pos_ = i + 1;
      scan_local_name();
      return make(TokenKind::PrefixedName, start);
    }
    if (!is_alpha(peek()) && peek() != '_') fail(start, "unexpected character");
    while (is_alpha(peek()) || is_digit(peek()) || peek() == '_') ++pos_;
    return make(TokenKind::Word, start);
  }

  Token scan_punct(std::size_t start) {
    static constexpr std::string_view kTwo[] = {"^^", "&&", "||", "!=", "<=", ">="};
    for (std::string_view two : kTwo) {
      if (text_.substr(pos_, 2) == two) {
        pos_ += 2;
        return make(TokenKind::Punct, start);
      }
    }
    static constexpr std::string_view kOne = "{}()[].,;*+?/|^!=<>-";
    if (kOne.find(peek()) == std::string_view::npos) {
      fail(start, std::string("unexpected character '") + peek() + "'");
    }
    ++pos_;
    return make(TokenKind::Punct, start);
  }

  std::string_view text_;
  const std::string& source_;
  std::size_t pos_ = 0;
  std::size_t seen_offset_ = 0;
  std::size_t seen_line_ = 1;
  std::size_t seen_column_ = 1;
};

}  // namespace

bool Token::is_word(std::string_view keyword) const {
  if (kind != TokenKind::Word || text.size() != keyword.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(text[i])) !=
        std::toupper(static_cast<unsigned char>(keyword[i]))) {
      return false;
    }
  }
  return true;
}

std::vector<Token> tokenize(std::string_view text, const std::string& source) {
  return Lexer(text, source).run();
}

std::string_view prefix_of(const Token& prefixed_name) {
  const std::string_view text = prefixed_name.text;
  return text.substr(0, text.find(':'));
}

void locate(std::string_view text, std::size_t offset, std::size_t& line, std::size_t& column) {
  line = 1;
  column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
}

}  // namespace newsgraph::query
