#include "query/query_rewrite.hpp"

#include <set>

#include "util/error.hpp"

namespace newsgraph::query {

namespace {

// Where a variable occurs decides what a bound parameter turns it into.
enum class VarContext {
  Triple,      // a term of a triple pattern: the term itself
  Projection,  // SELECT ?v: (term AS ?v), so the column stays
  Expression,  // inside an expression or modifier: (term)
  Keep,        // VALUES heads, AS ?v: left alone
};

class Rewriter {
 public:
  Rewriter(std::string_view text, const std::vector<Parameter>& parameters, const std::string& source)
      : text_(text), source_(source), tokens_(tokenize(text, source)), parameters_(parameters) {}

  RewrittenQuery run(const std::vector<rdf::Prefix>& default_prefixes) {
    declare_defaults(default_prefixes);
    prologue();
    form();
    for (const auto& [name, term] : terms_) {
      if (used_.count(name) == 0) {
        throw UsageError("--bind " + name + ": the query has no variable ?" + name);
      }
    }
    if (result_.form == QueryForm::Describe && !describe_vars_ && !result_.describe_all) {
      result_.text.clear();
      result_.pieces.clear();
    }
    return std::move(result_);
  }

 private:
  // --- token access and output -------------------------------------------
  const Token& peek(std::size_t ahead = 0) const {
    const std::size_t i = pos_ + ahead;
    return tokens_[i < tokens_.size() ? i : tokens_.size() - 1];
  }
  bool at_end() const { return peek().kind == TokenKind::End; }

  // Emits `replacement` for tokens [pos_, pos_ + count), keeping the original
  // whitespace and comments before them so lines do not move.
  void emit(std::string_view replacement, std::size_t count = 1) {
    const Token& first = peek();
    result_.text.append(text_.substr(gap_start_, first.offset - gap_start_));
    result_.text.append(replacement);
    result_.pieces.push_back({result_.text.size(), first.line, first.column});
    const Token& last = tokens_[pos_ + count - 1];
    gap_start_ = last.offset + last.text.size();
    pos_ += count;
  }
  void copy() { emit(peek().text); }
  void copy_if_word(std::string_view word) {
    if (peek().is_word(word)) copy();
  }

  [[noreturn]] void fail(const Token& at, const std::string& message) const {
    throw InputError(Location{source_, at.line, at.column}, message);
  }

  void check_supported(const Token& t) const {
    static constexpr std::string_view kUnsupported[] = {"MINUS", "EXISTS"};
    for (std::string_view word : kUnsupported) {
      if (t.is_word(word)) {
        fail(t, std::string(word) +
                    " is not supported by this engine (Rasqal 0.9.33); use OPTIONAL { ... } with "
                    "FILTER(!BOUND(?var)) instead");
      }
    }
    if (t.kind == TokenKind::PrefixedName && prefixes_.find(prefix_of(t)) == prefixes_.end()) {
      fail(t, "unknown prefix '" + std::string(prefix_of(t)) + ":' (no PREFIX declares it)");
    }
  }

  void variable(VarContext context) {
    const Token& t = peek();
    const std::string name = t.text.substr(1);
    const auto bound = terms_.find(name);
    if (bound != terms_.end()) used_.insert(name);
    if (bound == terms_.end() || context == VarContext::Keep) {
      copy();
    } else if (context == VarContext::Triple) {
      emit(bound->second);
    } else if (context == VarContext::Projection) {
      emit("(" + bound->second + " AS ?" + name + ")");
    } else {
      emit("(" + bound->second + ")");
    }
  }

  // Copies one token of an expression, modifier or template.
  void expression_token(VarContext context) {
    check_supported(peek());
    if (peek().kind != TokenKind::Variable) return copy();
    const bool after_as = pos_ > 0 && tokens_[pos_ - 1].is_word("AS");
    variable(after_as ? VarContext::Keep : context);
  }

  // --- query structure ----------------------------------------------------
  // Default prefixes the query does not declare go in front of its text, on
  // its first line, so Rasqal's line numbers stay those of the original.
  void declare_defaults(const std::vector<rdf::Prefix>& defaults) {
    std::set<std::string, std::less<>> declared;
    for (std::size_t i = 0; i + 1 < tokens_.size(); ++i) {
      if (tokens_[i].is_word("PREFIX") && tokens_[i + 1].kind == TokenKind::PrefixedName) {
        declared.insert(std::string(prefix_of(tokens_[i + 1])));
      }
    }
    for (const rdf::Prefix& p : defaults) {
      if (declared.count(p.name) != 0 || prefixes_.count(p.name) != 0) continue;
      prefixes_[p.name] = p.iri;
      result_.text += "PREFIX " + p.name + ": <" + p.iri + "> ";
    }
  }

  void prologue() {
    for (;;) {
      if (peek().is_word("BASE")) {
        copy();
        if (peek().kind == TokenKind::Iri) copy();
      } else if (peek().is_word("PREFIX")) {
        copy();
        const Token& name = peek();
        if (name.kind != TokenKind::PrefixedName || name.text.back() != ':') {
          fail(name, "expected a prefix name like 'ng:' after PREFIX");
        }
        copy();
        if (peek().kind != TokenKind::Iri) fail(peek(), "expected <IRI> after PREFIX " + name.text);
        prefixes_[std::string(prefix_of(name))] = peek().text.substr(1, peek().text.size() - 2);
        copy();
      } else {
        break;
      }
    }
    for (const Parameter& p : parameters_) terms_[p.name] = parameter_term(p, prefixes_);
  }

  void form() {
    const Token& t = peek();
    if (t.is_word("SELECT")) {
      result_.form = QueryForm::Select;
      copy();
      projection();
    } else if (t.is_word("ASK")) {
      result_.form = QueryForm::Ask;
      copy();
    } else if (t.is_word("CONSTRUCT")) {
      result_.form = QueryForm::Construct;
      copy();
      if (peek().is_punct("{")) group();
    } else if (t.is_word("DESCRIBE")) {
      result_.form = QueryForm::Describe;
      describe_targets();
    } else if (t.kind == TokenKind::Word) {
      fail(t, "expected SELECT, ASK, CONSTRUCT or DESCRIBE, found '" + t.text +
                  "' (SPARQL Update is not supported)");
    } else {
      fail(t, "expected SELECT, ASK, CONSTRUCT or DESCRIBE");
    }
    body();
  }

  // Dataset clauses, the WHERE group, then solution modifiers to the end.
  void body() {
    while (peek().is_word("FROM")) {
      copy();
      copy_if_word("NAMED");
      if (!at_end()) expression_token(VarContext::Keep);
    }
    copy_if_word("WHERE");
    if (peek().is_punct("{")) group();
    modifiers(/*until_brace=*/false);
  }

  // SELECT [DISTINCT|REDUCED] (* | ?v | (expr AS ?v))+ up to WHERE, FROM or '{'.
  void projection() {
    copy_if_word("DISTINCT");
    copy_if_word("REDUCED");
    int depth = 0;
    while (!at_end()) {
      const Token& t = peek();
      if (depth == 0 && (t.is_punct("{") || t.is_word("WHERE") || t.is_word("FROM"))) return;
      if (t.is_punct("(")) ++depth;
      if (t.is_punct(")")) --depth;
      expression_token(depth == 0 ? VarContext::Projection : VarContext::Expression);
    }
  }

  // DESCRIBE (* | ?v | iri)+ becomes SELECT DISTINCT (* | ?v+); IRIs are kept aside.
  void describe_targets() {
    emit("SELECT DISTINCT");
    std::size_t targets = 0;
    while (!at_end()) {
      const Token& t = peek();
      if (t.is_punct("{") || t.is_word("WHERE") || t.is_word("FROM") || t.is_word("ORDER") ||
          t.is_word("LIMIT") || t.is_word("OFFSET") || t.is_word("VALUES")) {
        break;
      }
      ++targets;
      if (t.is_punct("*")) {
        result_.describe_all = true;
        copy();
      } else if (t.kind == TokenKind::Variable && terms_.count(t.text.substr(1)) == 0) {
        describe_vars_ = true;
        copy();
      } else if (t.kind == TokenKind::Variable) {
        used_.insert(t.text.substr(1));
        describe_term(terms_.at(t.text.substr(1)), t);
        emit("");
      } else if (t.kind == TokenKind::Iri || t.kind == TokenKind::PrefixedName) {
        check_supported(t);
        result_.describe_iris.push_back(expand_iri(t, prefixes_, source_));
        emit("");
      } else {
        fail(t, "expected a variable or an IRI to DESCRIBE, found '" + t.text + "'");
      }
    }
    if (targets == 0) fail(peek(), "DESCRIBE needs a variable, an IRI or '*'");
  }

  void describe_term(const std::string& term, const Token& at) {
    std::vector<Token> parsed = tokenize(term, source_);
    if (parsed.size() != 2 || (parsed[0].kind != TokenKind::Iri && parsed[0].kind != TokenKind::PrefixedName)) {
      fail(at, "DESCRIBE needs an IRI, but " + at.text + " is bound to " + term);
    }
    result_.describe_iris.push_back(expand_iri(parsed[0], prefixes_, source_));
  }

  // Solution modifiers (GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET, VALUES),
  // up to the end of the query or the '}' closing a subquery.
  void modifiers(bool until_brace) {
    while (!at_end()) {
      if (until_brace && peek().is_punct("}")) return;
      if (peek().is_word("VALUES")) {
        values_block();
      } else if (peek().is_punct("{") || peek().is_punct("}")) {
        copy();  // stray brace: leave it for Rasqal to report
      } else {
        expression_token(VarContext::Expression);
      }
    }
  }

  // '{' ... '}' of a group graph pattern.
  void group() {
    copy();  // '{'
    while (!at_end()) {
      const Token& t = peek();
      check_supported(t);
      if (t.is_punct("}")) return copy();
      if (t.is_punct("{")) {
        group();
      } else if (t.is_punct(".") || t.is_word("OPTIONAL") || t.is_word("UNION")) {
        copy();
      } else if (t.is_word("GRAPH") || t.is_word("SERVICE")) {
        copy();
        copy_if_word("SILENT");
        if (!at_end() && !peek().is_punct("{")) term();
      } else if (t.is_word("FILTER")) {
        copy();
        filter();
      } else if (t.is_word("BIND")) {
        copy();
        parenthesized();
      } else if (t.is_word("VALUES")) {
        values_block();
      } else if (t.is_word("SELECT")) {
        subquery();
      } else if (t.is_word("GROUP") || t.is_word("ORDER") || t.is_word("HAVING") ||
                 t.is_word("LIMIT") || t.is_word("OFFSET")) {
        modifiers(/*until_brace=*/true);
      } else {
        triples_same_subject();
      }
    }
  }

  void subquery() {
    copy();  // SELECT
    projection();
    copy_if_word("WHERE");
    if (peek().is_punct("{")) group();
    modifiers(/*until_brace=*/true);
  }

  void filter() {
    if (peek().kind == TokenKind::Word || peek().kind == TokenKind::Iri ||
        peek().kind == TokenKind::PrefixedName) {
      check_supported(peek());
      copy();  // function name: FILTER regex(...)
    }
    if (peek().is_punct("(")) parenthesized();
  }

  // A balanced '(' ... ')' holding an expression.
  void parenthesized() {
    if (!peek().is_punct("(")) return;
    int depth = 0;
    do {
      if (peek().is_punct("(")) ++depth;
      if (peek().is_punct(")")) --depth;
      expression_token(VarContext::Expression);
    } while (depth > 0 && !at_end());
  }

  // VALUES ?x { ... } or VALUES (?x ?y) { (...) ... }: data, copied as is.
  void values_block() {
    copy();  // VALUES
    while (!at_end() && !peek().is_punct("{")) expression_token(VarContext::Keep);
    int depth = 0;
    do {
      check_supported(peek());
      if (peek().is_punct("{")) ++depth;
      if (peek().is_punct("}")) --depth;
      copy();
    } while (depth > 0 && !at_end());
  }

  // --- triples ------------------------------------------------------------
  void triples_same_subject() {
    const std::size_t before = pos_;
    bool verb_optional = false;
    if (peek().is_punct("[")) {
      verb_optional = !(peek(1).is_punct("]"));
      blank_node_property_list();
    } else if (peek().is_punct("(")) {
      collection();
      verb_optional = true;
    } else {
      term();
    }
    if (starts_verb(peek()) || !verb_optional) {
      if (starts_verb(peek())) property_list();
    }
    if (pos_ == before) copy();  // always make progress; Rasqal reports the error
  }

  static bool starts_verb(const Token& t) {
    return t.kind == TokenKind::Variable || t.kind == TokenKind::Iri ||
           t.kind == TokenKind::PrefixedName || (t.kind == TokenKind::Word && t.text == "a") ||
           t.is_punct("^") || t.is_punct("!") || t.is_punct("(");
  }

  void property_list() {
    for (;;) {
      verb();
      object_list();
      if (!peek().is_punct(";")) return;
      while (peek().is_punct(";")) copy();
      if (!starts_verb(peek())) return;
    }
  }

  void verb() {
    if (peek().kind == TokenKind::Variable) return variable(VarContext::Triple);
    const std::size_t start = pos_;
    std::size_t end = pos_;
    PathExpr path = parse_path(tokens_, end, prefixes_, source_);
    if (path.is_link() && end == start + 1) return copy();  // a plain IRI, 'a' or prefixed name
    const std::string placeholder =
        "<" + std::string(kPathPlaceholder) + std::to_string(result_.paths.size()) + ">";
    result_.paths.push_back(std::move(path));
    emit(placeholder, end - start);
  }

  void object_list() {
    object();
    while (peek().is_punct(",")) {
      copy();
      object();
    }
  }

  void object() {
    if (peek().is_punct("[")) return blank_node_property_list();
    if (peek().is_punct("(")) return collection();
    term();
  }

  void blank_node_property_list() {
    copy();  // '['
    if (!peek().is_punct("]")) property_list();
    if (peek().is_punct("]")) copy();
  }

  void collection() {
    copy();  // '('
    while (!at_end() && !peek().is_punct(")")) {
      const std::size_t before = pos_;
      object();
      if (pos_ == before) copy();
    }
    if (peek().is_punct(")")) copy();
  }

  // A single RDF term, with a literal's @lang or ^^datatype, or a signed number.
  void term() {
    const Token& t = peek();
    check_supported(t);
    if (t.kind == TokenKind::Variable) return variable(VarContext::Triple);
    if ((t.is_punct("+") || t.is_punct("-")) && peek(1).kind == TokenKind::Number) {
      copy();
      return copy();
    }
    if (t.kind == TokenKind::String) {
      copy();
      if (peek().kind == TokenKind::LangTag) return copy();
      if (peek().is_punct("^^")) {
        copy();
        check_supported(peek());
        copy();
      }
      return;
    }
    if (t.kind == TokenKind::Iri || t.kind == TokenKind::PrefixedName || t.kind == TokenKind::BlankLabel ||
        t.kind == TokenKind::Number || t.kind == TokenKind::Word) {
      return copy();
    }
    // Anything else is a syntax error; copy one token so Rasqal reports it.
    if (!t.is_punct("}") && !at_end()) copy();
  }

  std::string_view text_;
  const std::string& source_;
  std::vector<Token> tokens_;
  const std::vector<Parameter>& parameters_;
  std::size_t pos_ = 0;
  std::size_t gap_start_ = 0;
  PrefixMap prefixes_;
  std::map<std::string, std::string> terms_;  // parameter name -> SPARQL term
  std::set<std::string> used_;
  bool describe_vars_ = false;
  RewrittenQuery result_;
};

bool is_single_term(const std::vector<Token>& t, const PrefixMap& prefixes) {
  const std::size_t n = t.size() - 1;  // without End
  if (n == 1) {
    switch (t[0].kind) {
      case TokenKind::Iri:
      case TokenKind::String:
      case TokenKind::Number: return true;
      case TokenKind::PrefixedName: return prefixes.count(std::string(prefix_of(t[0]))) > 0;
      case TokenKind::Word: return t[0].text == "true" || t[0].text == "false";
      default: return false;
    }
  }
  if (n == 2) {
    return (t[0].kind == TokenKind::String && t[1].kind == TokenKind::LangTag) ||
           ((t[0].is_punct("-") || t[0].is_punct("+")) && t[1].kind == TokenKind::Number);
  }
  if (n == 3) {
    return t[0].kind == TokenKind::String && t[1].is_punct("^^") &&
           (t[2].kind == TokenKind::Iri ||
            (t[2].kind == TokenKind::PrefixedName && prefixes.count(std::string(prefix_of(t[2]))) > 0));
  }
  return false;
}

}  // namespace

std::string quote_string(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

std::string parameter_term(const Parameter& parameter, const PrefixMap& prefixes) {
  if (!parameter.text) {
    try {
      const std::vector<Token> tokens = tokenize(parameter.value, "--bind");
      if (is_single_term(tokens, prefixes)) return parameter.value;
    } catch (const InputError&) {
      // not a term: falls through to a string literal
    }
  }
  return quote_string(parameter.value);
}

RewrittenQuery rewrite_query(std::string_view text, const std::vector<Parameter>& parameters,
                             const std::string& source, const std::vector<rdf::Prefix>& default_prefixes) {
  return Rewriter(text, parameters, source).run(default_prefixes);
}

}  // namespace newsgraph::query
