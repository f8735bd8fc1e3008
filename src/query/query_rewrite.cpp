#include "query/query_rewrite.hpp"

#include <algorithm>
#include <cstdint>
#include <set>

#include "rdf/terms.hpp"
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
  // A replacement of several tokens gets the newlines they spanned.
  void emit(std::string_view replacement, std::size_t count = 1) {
    const Token& first = peek();
    const Token& last = tokens_[pos_ + count - 1];
    result_.text.append(text_.substr(gap_start_, first.offset - gap_start_));
    result_.text.append(replacement);
    const std::string_view spanned =
        text_.substr(first.offset, last.offset + last.text.size() - first.offset);
    if (count > 1)
      result_.text.append(static_cast<std::size_t>(std::count(spanned.begin(), spanned.end(), '\n')), '\n');
    result_.pieces.push_back({result_.text.size(), first.line, first.column});
    gap_start_ = last.offset + last.text.size();
    pos_ += count;
  }
  // Never steps past the End token: whatever follows relies on tokens_[pos_].
  void copy() {
    if (!at_end()) emit(peek().text);
  }
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
                    " is supported only at the top level of a SELECT or ASK query's WHERE group, as "
                    "MINUS { ... }, FILTER EXISTS { ... } or FILTER NOT EXISTS { ... } (Rasqal 0.9.33 "
                    "cannot run it elsewhere)");
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
    prologue_end_ = result_.text.size();
    if (t.is_word("SELECT") || t.is_word("ASK")) find_negations();
    if (t.is_word("SELECT")) {
      result_.form = QueryForm::Select;
      if (!plan_aggregation()) {
        if (!negations_.empty() && aggregates_in_rasqal()) {
          fail(tokens_[negations_.begin()->first],
               "MINUS and EXISTS cannot be combined with HAVING or expressions around aggregates here "
               "(Rasqal would aggregate before they filter)");
        }
        copy();
        if (peek().is_word("DISTINCT")) {
          result_.distinct = true;
          emit("");
        }
        projection();
      }
    } else if (t.is_word("ASK")) {
      result_.form = QueryForm::Ask;
      if (negations_.empty()) {
        copy();
      } else {
        result_.ask_rows = true;
        emit("SELECT *");
      }
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
    if (peek().is_punct("{")) {
      if (!result_.aggregation) hoist_trailing_values();  // else the plan joins it (plan.values)
      group();
    }
    modifiers(/*until_brace=*/false);
  }

  // A trailing VALUES (after the WHERE group) joins with the group's result
  // before projection (SPARQL 1.1 18.2.4.3), so without aggregation it can
  // move to the end of the group, where values_text() writes it in a form
  // Rasqal evaluates correctly. (Inside the group a FILTER there would see
  // its variables, which the spec's join after the group hides from it.)
  void hoist_trailing_values() {
    int depth = 0;
    std::size_t i = pos_;
    for (; i < tokens_.size() && tokens_[i].kind != TokenKind::End; ++i) {
      if (tokens_[i].is_punct("{")) ++depth;
      if (tokens_[i].is_punct("}") && --depth == 0) break;
    }
    if (depth != 0) return;
    const std::size_t close = i;
    for (++i; i < tokens_.size() && tokens_[i].kind != TokenKind::End; ++i) {
      if (!tokens_[i].is_word("VALUES")) continue;
      const std::size_t saved = pos_;
      pos_ = i;
      std::size_t count = 0;
      hoisted_text_ = values_text(count);
      hoisted_first_ = i;
      hoisted_count_ = count;
      hoisted_close_ = close;
      pos_ = saved;
      return;
    }
  }

  // SELECT [DISTINCT|REDUCED] (* | ?v | (expr AS ?v))+ up to WHERE, FROM or '{'.
  void projection() {
    copy_if_word("DISTINCT");
    copy_if_word("REDUCED");
    int depth = 0;
    std::vector<std::string> names;
    bool star = false;
    while (!at_end()) {
      const Token& t = peek();
      if (depth == 0 && (t.is_punct("{") || t.is_word("WHERE") || t.is_word("FROM"))) break;
      if (t.kind == TokenKind::Variable && (depth == 0 || (pos_ > 0 && tokens_[pos_ - 1].is_word("AS")))) {
        names.push_back(t.text.substr(1));
      }
      if (depth == 0 && t.is_punct("*")) star = true;
      if (t.is_punct("(")) ++depth;
      if (t.is_punct(")")) --depth;
      expression_token(depth == 0 ? VarContext::Projection : VarContext::Expression);
    }
    if (projected_.empty() && !projection_seen_) {  // the top-level SELECT comes first
      projected_ = std::move(names);
      star_ = star;
      projection_seen_ = true;
      if (!star) result_.text += add_hidden_columns(projected_);
    }
  }

  // DESCRIBE (* | ?v | iri)+ becomes SELECT DISTINCT (* | ?v+); IRIs are kept aside.
  void describe_targets() {
    emit("SELECT");
    result_.distinct = true;
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
    if (parsed.size() != 2 ||
        (parsed[0].kind != TokenKind::Iri && parsed[0].kind != TokenKind::PrefixedName)) {
      fail(at, "DESCRIBE needs an IRI, but " + at.text + " is bound to " + term);
    }
    result_.describe_iris.push_back(expand_iri(parsed[0], prefixes_, source_));
  }

  // Solution modifiers (GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET, VALUES),
  // up to the end of the query or the '}' closing a subquery.
  void modifiers(bool until_brace) {
    if (!until_brace && result_.aggregation) {
      while (!at_end()) emit("");  // the plan orders and slices
      return;
    }
    if (!until_brace && result_.form == QueryForm::Select) take_order_by();
    while (!at_end()) {
      if (until_brace && peek().is_punct("}")) return;
      if (!until_brace && result_.post_processed() && (peek().is_word("LIMIT") || peek().is_word("OFFSET")) &&
          peek(1).kind == TokenKind::Number) {
        const std::size_t n = std::stoul(peek(1).text);
        if (peek().is_word("LIMIT")) {
          result_.limit = n;
        } else {
          result_.offset = n;
        }
        emit("", 2);  // applied after our DISTINCT
        continue;
      }
      if (pos_ == order_first_) {
        emit("", order_end_ - order_first_);
        continue;
      }
      if (peek().is_word("VALUES") && pos_ == hoisted_first_) {
        emit("", hoisted_count_);
      } else if (peek().is_word("VALUES")) {
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
      if (t.is_punct("}")) {
        if (pos_ == hoisted_close_) return emit(hoisted_text_ + " }");
        return copy();
      }
      if (negations_.count(pos_) != 0) {
        negation();
        continue;
      }
      check_supported(t);
      if (t.is_punct("{")) {
        group();
      } else if (t.is_punct(".") || t.is_word("OPTIONAL") || t.is_word("UNION")) {
        copy();
      } else if (t.is_word("GRAPH") || t.is_word("SERVICE")) {
        if (t.is_word("GRAPH")) {
          result_.uses_graph = true;
          const Token& name = peek(1);
          if (name.kind == TokenKind::Iri || name.kind == TokenKind::PrefixedName) {
            check_supported(name);
            result_.graph_iris.push_back(expand_iri(name, prefixes_, source_));
          }
        }
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
        std::size_t count = 0;
        const std::string text = values_text(count);
        emit(text, count);
      } else if (t.is_word("SELECT")) {
        subquery();
      } else if (t.is_word("GROUP") || t.is_word("ORDER") || t.is_word("HAVING") || t.is_word("LIMIT") ||
                 t.is_word("OFFSET")) {
        modifiers(/*until_brace=*/true);
      } else {
        triples_same_subject();
      }
    }
  }

  // --- MINUS and [NOT] EXISTS (see RewrittenQuery::Negation) ----------------
  struct NegationSite {
    RewrittenQuery::Negation::Kind kind;
    std::size_t keywords = 0;  // tokens before the pattern's '{'
    bool parenthesized = false;
  };

  // The negation starting at tokens_[i] (depth 1 of the WHERE group), if any:
  // MINUS {, FILTER [NOT] EXISTS {, FILTER ( [NOT] EXISTS {.
  std::optional<NegationSite> negation_at(std::size_t i) const {
    using Kind = RewrittenQuery::Negation::Kind;
    if (tokens_[i].is_word("MINUS") && tokens_[i + 1].is_punct("{")) return NegationSite{Kind::Minus, 1};
    if (!tokens_[i].is_word("FILTER")) return std::nullopt;
    std::size_t k = i + 1;
    const bool parenthesized = tokens_[k].is_punct("(");
    if (parenthesized) ++k;
    const bool negated = tokens_[k].is_word("NOT");
    if (negated) ++k;
    if (!tokens_[k].is_word("EXISTS") || !tokens_[k + 1].is_punct("{")) return std::nullopt;
    if (parenthesized) {  // only FILTER ( [NOT] EXISTS { ... } ): nothing else in the expression
      std::size_t close = k + 1;
      for (int depth = 0; tokens_[close].kind != TokenKind::End; ++close) {
        if (tokens_[close].is_punct("{")) ++depth;
        if (tokens_[close].is_punct("}") && --depth == 0) break;
      }
      if (tokens_[close].kind == TokenKind::End || !tokens_[close + 1].is_punct(")")) return std::nullopt;
    }
    return NegationSite{negated ? Kind::NotExists : Kind::Exists, k + 1 - i, parenthesized};
  }

  // Finds the negations at the top level of the WHERE group and the
  // variables they share with the rest of the query (parameters excepted).
  void find_negations() {
    std::size_t i = pos_;
    int parens = 0;
    for (; tokens_[i].kind != TokenKind::End; ++i) {
      if (tokens_[i].is_punct("(")) ++parens;
      if (tokens_[i].is_punct(")")) --parens;
      if (parens == 0 && tokens_[i].is_punct("{")) break;
    }
    std::set<std::string> outside;
    std::vector<std::pair<std::size_t, std::set<std::string>>> found;
    int depth = 0;
    for (; tokens_[i].kind != TokenKind::End; ++i) {
      if (depth == 1) {
        if (const auto site = negation_at(i)) {
          std::set<std::string> inside;
          std::size_t k = i + site->keywords;
          for (int d = 0; tokens_[k].kind != TokenKind::End; ++k) {
            if (tokens_[k].kind == TokenKind::Variable) inside.insert(tokens_[k].text.substr(1));
            if (tokens_[k].is_punct("{")) ++d;
            if (tokens_[k].is_punct("}") && --d == 0) break;
          }
          if (tokens_[k].kind == TokenKind::End) break;  // unterminated: Rasqal reports it
          negations_[i] = *site;
          found.emplace_back(i, std::move(inside));
          i = k + (site->parenthesized ? 1 : 0);
          continue;
        }
      }
      if (tokens_[i].is_punct("{")) ++depth;
      if (tokens_[i].is_punct("}") && --depth == 0) break;
      if (tokens_[i].kind == TokenKind::Variable) outside.insert(tokens_[i].text.substr(1));
    }
    for (auto& [index, inside] : found) {
      std::vector<std::string> shared;
      for (const auto& name : inside) {
        if (outside.count(name) != 0 && terms_.count(name) == 0) shared.push_back(name);
      }
      for (const auto& name : shared) {
        if (std::find(shared_.begin(), shared_.end(), name) == shared_.end()) shared_.push_back(name);
      }
      shared_by_.emplace(index, std::move(shared));
    }
  }

  // True when the query groups or aggregates and plan_aggregation left that
  // to Rasqal, which would then group before our negations filter.
  bool aggregates_in_rasqal() const {
    for (std::size_t i = pos_; tokens_[i].kind != TokenKind::End; ++i) {
      const Token& t = tokens_[i];
      if (t.is_word("HAVING") || (t.is_word("GROUP") && tokens_[i + 1].is_word("BY"))) return true;
      if (t.kind == TokenKind::Word && aggregate_function(t.text) && tokens_[i + 1].is_punct("("))
        return true;
    }
    return false;
  }

  // " ?v" for each shared variable `present` lacks, recorded as hidden.
  std::string add_hidden_columns(const std::vector<std::string>& present) {
    std::string text;
    for (const auto& name : shared_) {
      if (std::find(present.begin(), present.end(), name) != present.end()) continue;
      result_.hidden.push_back(name);
      text += " ?" + name;
    }
    return text;
  }

  // Takes the negation at pos_ out of the text (blanked, so that offsets and
  // lines stay) and records it with its pattern as a query of its own.
  void negation() {
    const NegationSite site = negations_.at(pos_);
    const std::size_t index = pos_;
    emit("", site.keywords);
    const std::size_t start = result_.text.size();
    group();
    if (site.parenthesized && peek().is_punct(")")) emit("");
    RewrittenQuery::Negation out;
    out.kind = site.kind;
    out.shared = shared_by_.at(index);
    const std::string pattern = result_.text.substr(start);
    const std::string prologue = result_.text.substr(0, prologue_end_);
    // The pattern stays on its lines, so Rasqal's line numbers for it are right.
    const auto lines = [](const std::string& text) { return std::count(text.begin(), text.end(), '\n'); };
    const auto gap = lines(result_.text.substr(0, start)) - lines(prologue);
    out.text = prologue + " SELECT * WHERE " + std::string(static_cast<std::size_t>(gap), '\n') + pattern;
    result_.negations.push_back(std::move(out));
    for (std::size_t k = start; k < result_.text.size(); ++k) {
      if (result_.text[k] != '\n') result_.text[k] = ' ';
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

  // ORDER BY (?v | ASC(?v) | DESC(?v))+ over projected variables, found
  // anywhere among the top-level modifiers: dropped from the query and
  // recorded for the engine. Left to Rasqal in any other form.
  void take_order_by() {
    std::size_t k = std::min(pos_, tokens_.size() - 1);
    while (tokens_[k].kind != TokenKind::End &&
           !(tokens_[k].is_word("ORDER") && tokens_[k + 1].is_word("BY"))) {
      if (tokens_[k].is_punct("{")) return;  // a VALUES block: keep it simple
      ++k;
    }
    if (tokens_[k].kind == TokenKind::End) return;
    std::vector<OrderKey> keys;
    std::size_t end = k + 2;
    for (;;) {
      std::string name;
      bool descending = false;
      if (tokens_[end].kind == TokenKind::Variable) {
        name = tokens_[end].text.substr(1);
        end += 1;
      } else if ((tokens_[end].is_word("ASC") || tokens_[end].is_word("DESC")) &&
                 tokens_[end + 1].is_punct("(") && tokens_[end + 2].kind == TokenKind::Variable &&
                 tokens_[end + 3].is_punct(")")) {
        name = tokens_[end + 2].text.substr(1);
        descending = tokens_[end].is_word("DESC");
        end += 4;
      } else {
        break;
      }
      const bool projected =
          star_ || std::find(projected_.begin(), projected_.end(), name) != projected_.end();
      if (!projected || terms_.count(name)) return;
      keys.push_back({name, descending});
    }
    if (keys.empty()) return;
    const bool more = tokens_[end].kind != TokenKind::End && !tokens_[end].is_word("LIMIT") &&
                      !tokens_[end].is_word("OFFSET") && !tokens_[end].is_word("VALUES");
    if (more) return;  // an expression key: Rasqal orders
    result_.order = std::move(keys);
    order_first_ = k;
    order_end_ = end;
  }

  // --- aggregation ---------------------------------------------------------
  // Takes over GROUP BY and aggregates when the query has the form we
  // evaluate ourselves (see aggregate.hpp): emits the inner SELECT in place of
  // the projection and records the plan. False (nothing emitted) otherwise.
  bool plan_aggregation() {
    AggregationPlan plan;
    std::size_t i = pos_ + 1;
    if (tokens_[i].is_word("DISTINCT")) {
      plan.distinct = true;
      ++i;
    } else if (tokens_[i].is_word("REDUCED")) {
      ++i;
    }
    std::vector<const Token*> selected;  // plain projected variables
    std::vector<std::string> arguments;  // inner projection items for aggregate arguments
    while (!(tokens_[i].is_word("WHERE") || tokens_[i].is_punct("{") || tokens_[i].is_word("FROM"))) {
      const Token& t = tokens_[i];
      if (t.kind == TokenKind::Variable) {
        selected.push_back(&t);
        plan.output.push_back(t.text.substr(1));
        ++i;
        continue;
      }
      if (!t.is_punct("(") || !parse_aggregate_item(i, plan, arguments)) return false;
    }
    if (plan.aggregates.empty() && !has_top_level_group_by(i)) return false;
    if (!parse_group_modifiers(i, plan)) return false;
    // SPARQL 1.1 (11.4, 18.2.4.1): in an aggregated query only group keys and
    // aggregates may be projected. Rasqal answers such a query anyway, with
    // one value of the group; Jena refuses it, and so do we.
    for (const Token* variable : selected) {
      if (std::find(plan.keys.begin(), plan.keys.end(), variable->text.substr(1)) == plan.keys.end()) {
        fail(*variable, "variable " + variable->text +
                            " is projected but is not a GROUP BY key: group by it, or project an aggregate "
                            "of it such as (SAMPLE(" +
                            variable->text + ") AS ?name)");
      }
    }
    for (const auto& key : plan.order) {
      if (std::find(plan.output.begin(), plan.output.end(), key.column) == plan.output.end()) return false;
    }
    std::string inner = "SELECT";
    for (const auto& key : plan.keys) inner += " ?" + key;
    for (const auto& argument : arguments) inner += " " + argument;
    if (plan.keys.empty() && arguments.empty()) {
      inner += " *";
    } else {
      std::vector<std::string> present = plan.keys;
      for (const auto& argument : arguments) {
        if (argument.size() > 1 && argument[0] == '?') present.push_back(argument.substr(1));
      }
      const bool distinct_rows = std::any_of(plan.aggregates.begin(), plan.aggregates.end(),
                                             [](const AggregateSpec& s) { return s.star && s.distinct; });
      if (distinct_rows) inner += add_pattern_variables(i, present);
      inner += add_hidden_columns(present);
    }
    for (const auto& spec : plan.aggregates) {
      if (!spec.star) used_.insert(spec.column);  // generated names are never parameters
    }
    result_.aggregation = std::move(plan);
    emit(inner, i - pos_);
    return true;
  }

  // ( AGG ( [DISTINCT] (*|expr) [; SEPARATOR = "s"] ) AS ?v ) at tokens_[i].
  bool parse_aggregate_item(std::size_t& i, AggregationPlan& plan, std::vector<std::string>& arguments) {
    const auto function =
        tokens_[i + 1].kind == TokenKind::Word ? aggregate_function(tokens_[i + 1].text) : std::nullopt;
    if (!function || !tokens_[i + 2].is_punct("(")) return false;
    AggregateSpec spec;
    spec.function = *function;
    std::size_t j = i + 3;
    if (tokens_[j].is_word("DISTINCT")) {
      spec.distinct = true;
      ++j;
    }
    std::string expression;
    if (tokens_[j].is_punct("*")) {
      if (spec.function != AggregateSpec::Function::Count) return false;
      spec.star = true;
      ++j;
    } else {
      int depth = 0;
      for (; tokens_[j].kind != TokenKind::End; ++j) {
        const Token& t = tokens_[j];
        if (depth == 0 && (t.is_punct(")") || t.is_punct(";"))) break;
        if (t.is_punct("(")) ++depth;
        if (t.is_punct(")")) --depth;
        if (aggregate_function(t.text) && t.kind == TokenKind::Word) return false;  // nested aggregate
        expression += expression_text(j);
      }
      if (expression.empty()) return false;
    }
    if (tokens_[j].is_punct(";")) {
      if (!tokens_[j + 1].is_word("SEPARATOR") || !tokens_[j + 2].is_punct("=") ||
          tokens_[j + 3].kind != TokenKind::String) {
        return false;
      }
      spec.separator = string_value(tokens_[j + 3].text);
      j += 4;
    }
    if (!tokens_[j].is_punct(")") || !tokens_[j + 1].is_word("AS") ||
        tokens_[j + 2].kind != TokenKind::Variable || !tokens_[j + 3].is_punct(")")) {
      return false;
    }
    spec.name = tokens_[j + 2].text.substr(1);
    if (!spec.star) {
      spec.column = "__ngagg" + std::to_string(plan.aggregates.size());
      arguments.push_back("(" + expression + " AS ?" + spec.column + ")");
    }
    plan.output.push_back(spec.name);
    plan.aggregates.push_back(std::move(spec));
    i = j + 4;
    return true;
  }

  // A token of an aggregate argument, with parameters substituted.
  std::string expression_text(std::size_t j) {
    const Token& t = tokens_[j];
    check_supported(t);
    const bool glued =
        t.kind == TokenKind::LangTag || t.is_punct("^^") || (j > 0 && tokens_[j - 1].is_punct("^^"));
    std::string text = t.text;
    if (t.kind == TokenKind::Variable) {
      const auto bound = terms_.find(t.text.substr(1));
      if (bound != terms_.end()) {
        used_.insert(bound->first);
        text = "(" + bound->second + ")";
      }
    }
    return (glued ? "" : " ") + text;
  }

  static std::string string_value(const std::string& literal) {
    const std::size_t quote =
        literal.size() >= 6 && literal[1] == literal[0] && literal[2] == literal[0] ? 3 : 1;
    const std::string body = literal.substr(quote, literal.size() - 2 * quote);
    std::string out;
    for (std::size_t k = 0; k < body.size(); ++k) {
      if (body[k] == '\\' && k + 1 < body.size()) {
        const char c = body[++k];
        out += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
      } else {
        out += body[k];
      }
    }
    return out;
  }

  // The index of the '}' closing the WHERE group that starts at or after i.
  std::size_t where_group_end(std::size_t i) const {
    while (tokens_[i].kind != TokenKind::End && !tokens_[i].is_punct("{")) ++i;
    int depth = 0;
    for (; tokens_[i].kind != TokenKind::End; ++i) {
      if (tokens_[i].is_punct("{")) ++depth;
      if (tokens_[i].is_punct("}") && --depth == 0) return i;
    }
    return i;
  }

  // COUNT(DISTINCT *) counts distinct solutions of the whole pattern, so the
  // inner SELECT must keep every variable of the WHERE group, not only the
  // keys and arguments: " ?v" for each one not in `present` (then added).
  // A variable not in scope there (inside a subquery, a FILTER) is unbound in
  // every row and changes no count. Parameters are terms, not columns.
  std::string add_pattern_variables(std::size_t i, std::vector<std::string>& present) const {
    std::string text;
    while (tokens_[i].kind != TokenKind::End && !tokens_[i].is_punct("{")) ++i;
    for (const std::size_t end = where_group_end(i); i < end; ++i) {
      if (tokens_[i].kind != TokenKind::Variable) continue;
      std::string name = tokens_[i].text.substr(1);
      if (terms_.count(name) || std::find(present.begin(), present.end(), name) != present.end()) continue;
      text += " ?" + name;
      present.push_back(std::move(name));
    }
    return text;
  }

  bool has_top_level_group_by(std::size_t i) const {
    for (std::size_t k = where_group_end(i); tokens_[k].kind != TokenKind::End; ++k) {
      if (tokens_[k].is_word("GROUP")) return true;
    }
    return false;
  }

  // GROUP BY ?v..., ORDER BY (?v | ASC(?v) | DESC(?v))..., LIMIT, OFFSET, VALUES.
  bool parse_group_modifiers(std::size_t i, AggregationPlan& plan) const {
    std::size_t k = where_group_end(i);
    if (tokens_[k].kind == TokenKind::End) return false;
    for (++k; tokens_[k].kind != TokenKind::End;) {
      const Token& t = tokens_[k];
      if (t.is_word("GROUP") && tokens_[k + 1].is_word("BY")) {
        plan.grouped = true;
        for (k += 2; tokens_[k].kind == TokenKind::Variable; ++k)
          plan.keys.push_back(tokens_[k].text.substr(1));
        if (plan.keys.empty()) return false;
      } else if (t.is_word("ORDER") && tokens_[k + 1].is_word("BY")) {
        for (k += 2;;) {
          if (tokens_[k].kind == TokenKind::Variable) {
            plan.order.push_back({tokens_[k].text.substr(1), false});
            ++k;
          } else if ((tokens_[k].is_word("ASC") || tokens_[k].is_word("DESC")) &&
                     tokens_[k + 1].is_punct("(") && tokens_[k + 2].kind == TokenKind::Variable &&
                     tokens_[k + 3].is_punct(")")) {
            plan.order.push_back({tokens_[k + 2].text.substr(1), tokens_[k].is_word("DESC")});
            k += 4;
          } else {
            break;
          }
        }
      } else if ((t.is_word("LIMIT") || t.is_word("OFFSET")) && tokens_[k + 1].kind == TokenKind::Number) {
        const std::size_t n = std::stoul(tokens_[k + 1].text);
        if (t.is_word("LIMIT")) {
          plan.limit = n;
        } else {
          plan.offset = n;
        }
        k += 2;
      } else if (t.is_word("VALUES")) {
        if (plan.values) return false;
        plan.values.emplace();
        if (!values_data(k, *plan.values)) return false;  // Rasqal's path reports it
      } else {
        return false;  // HAVING, expressions: left to Rasqal
      }
    }
    return true;
  }

  // The VALUES block at tokens_[k] as data for the aggregation plan; k moves
  // past it. False when it is malformed (the Rasqal path then reports it, in
  // the order of the query's other errors).
  bool values_data(std::size_t& k, Solutions& out) const {
    ValuesBlock block;
    try {
      block = values_block(k);
    } catch (const InputError&) {
      return false;
    }
    for (const auto& variable : block.variables) out.variables.push_back(variable.substr(1));
    for (const auto& terms : block.rows) {
      std::vector<Value> row;
      for (std::size_t j : terms) {
        const auto value = data_value(j);
        if (!value) return false;
        row.push_back(*value);
      }
      out.rows.push_back(std::move(row));
    }
    k = block.end;
    return true;
  }

  // One data term of a VALUES block at tokens_[i] as a value (UNDEF:
  // unbound); advances i. Nothing when it is not a data term.
  std::optional<Value> data_value(std::size_t& i) const {
    const Token& t = tokens_[i];
    const std::string xsd = "http://www.w3.org/2001/XMLSchema#";
    std::optional<Value> single;
    if (t.is_word("UNDEF")) single = Value{};
    if (t.is_word("true") || t.is_word("false")) single = rdf::Term::typed(t.text, xsd + "boolean");
    if (t.kind == TokenKind::Iri) single = rdf::Term::iri(t.text.substr(1, t.text.size() - 2));
    if (t.kind == TokenKind::PrefixedName) single = rdf::Term::iri(expand_iri(t, prefixes_, source_));
    if (single) {
      ++i;
      return single;
    }
    std::string sign;
    if ((t.is_punct("+") || t.is_punct("-")) && tokens_[i + 1].kind == TokenKind::Number)
      sign = tokens_[i++].text;
    if (tokens_[i].kind == TokenKind::Number) {
      const std::string text = sign + tokens_[i++].text;
      const char* type = text.find_first_of("eE") != std::string::npos ? "double"
                         : text.find('.') != std::string::npos         ? "decimal"
                                                                       : "integer";
      return rdf::Term::typed(text, xsd + type);
    }
    if (t.kind != TokenKind::String) return std::nullopt;
    rdf::Term term = rdf::Term::literal(string_value(tokens_[i++].text));
    if (tokens_[i].kind == TokenKind::LangTag) {
      term.language = tokens_[i++].text.substr(1);
    } else if (tokens_[i].is_punct("^^")) {
      const Token& type = tokens_[i + 1];
      if (type.kind == TokenKind::Iri) {
        term.datatype = type.text.substr(1, type.text.size() - 2);
      } else if (type.kind == TokenKind::PrefixedName) {
        term.datatype = expand_iri(type, prefixes_, source_);
      } else {
        return std::nullopt;
      }
      i += 2;
      if (term.datatype == xsd + "string") term.datatype.clear();  // one term, as the term table has it
    }
    return term;
  }

  // VALUES with more than one row loses rows and reads past a buffer in
  // Rasqal 0.9.33. The same data as a UNION of BIND groups, one per row, is
  // the same multiset of solutions: { BIND(a AS ?x) } UNION { BIND(b AS ?x) }.
  // Returns that text for the VALUES block at pos_ and its token count
  // (pos_ does not move).
  std::string values_text(std::size_t& count) const {
    const ValuesBlock block = values_block(pos_);
    std::vector<std::string> groups;
    for (const auto& row : block.rows) {
      std::string group = "{";
      for (std::size_t v = 0; v < row.size(); ++v) {
        std::size_t j = row[v];
        const std::string term = data_term(j);
        if (term != "UNDEF") group += " BIND(" + term + " AS " + block.variables[v] + ")";
      }
      groups.push_back(group + " }");
    }
    count = block.end - pos_;
    if (groups.empty()) return "{ FILTER(false) }";
    std::string out = "{ ";
    for (std::size_t g = 0; g < groups.size(); ++g) out += (g ? " UNION " : "") + groups[g];
    return out + " }";
  }

  // A VALUES block whose keyword is at tokens_[i], checked: its variables
  // (with '?'), per row the token index where each data term starts, and
  // the index past its '}'. Malformed: an error with its place.
  struct ValuesBlock {
    std::vector<std::string> variables;
    std::vector<std::vector<std::size_t>> rows;
    std::size_t end = 0;
  };
  ValuesBlock values_block(std::size_t i) const {
    ValuesBlock block;
    ++i;
    bool single = true;
    if (tokens_[i].kind == TokenKind::Variable) {
      block.variables.push_back(tokens_[i++].text);
    } else if (tokens_[i].is_punct("(")) {
      single = false;
      for (++i; tokens_[i].kind == TokenKind::Variable; ++i) block.variables.push_back(tokens_[i].text);
      if (!tokens_[i].is_punct(")")) fail(tokens_[i], "expected ')' after the VALUES variables");
      ++i;
    } else {
      fail(tokens_[i], "expected a variable or '(' after VALUES");
    }
    if (!tokens_[i].is_punct("{")) fail(tokens_[i], "expected '{' to start the VALUES data");
    ++i;
    while (!tokens_[i].is_punct("}")) {
      if (tokens_[i].kind == TokenKind::End) fail(tokens_[i], "unterminated VALUES data");
      std::vector<std::size_t> row;
      const auto next_term = [&] {
        row.push_back(i);
        data_term(i);  // checks the term and moves past it
      };
      if (single) {
        next_term();
      } else {
        if (!tokens_[i].is_punct("(")) fail(tokens_[i], "expected '(' to start a VALUES row");
        for (++i; !tokens_[i].is_punct(")");) {
          if (tokens_[i].kind == TokenKind::End) fail(tokens_[i], "unterminated VALUES row");
          next_term();
        }
        ++i;
      }
      if (row.size() != block.variables.size())
        fail(tokens_[i - 1], "VALUES row has " + std::to_string(row.size()) + " terms for " +
                                 std::to_string(block.variables.size()) + " variables");
      block.rows.push_back(std::move(row));
    }
    block.end = i + 1;
    return block;
  }

  // One data term of a VALUES block starting at tokens_[i]; advances i.
  std::string data_term(std::size_t& i) const {
    const Token& t = tokens_[i];
    check_supported(t);
    if ((t.is_punct("+") || t.is_punct("-")) && tokens_[i + 1].kind == TokenKind::Number) {
      i += 2;
      return t.text + tokens_[i - 1].text;
    }
    if (t.kind == TokenKind::String) {
      std::string out = t.text;
      ++i;
      if (tokens_[i].kind == TokenKind::LangTag) return out + tokens_[i++].text;
      if (tokens_[i].is_punct("^^")) {
        if (tokens_[i + 1].kind != TokenKind::Iri && tokens_[i + 1].kind != TokenKind::PrefixedName)
          fail(tokens_[i + 1], "a datatype IRI must follow ^^");
        out += "^^" + tokens_[i + 1].text;
        i += 2;
      }
      return out;
    }
    if (t.is_word("UNDEF")) {
      ++i;
      return "UNDEF";
    }
    if (t.kind == TokenKind::Iri || t.kind == TokenKind::PrefixedName || t.kind == TokenKind::Number ||
        t.is_word("true") || t.is_word("false")) {
      ++i;
      return t.text;
    }
    fail(t, "expected an RDF term or UNDEF in VALUES data, found '" + t.text + "'");
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
    return t.kind == TokenKind::Variable || t.kind == TokenKind::Iri || t.kind == TokenKind::PrefixedName ||
           (t.kind == TokenKind::Word && t.text == "a") || t.is_punct("^") || t.is_punct("!") ||
           t.is_punct("(");
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
        if (peek().kind != TokenKind::Iri && peek().kind != TokenKind::PrefixedName)
          fail(peek(), "a datatype IRI must follow ^^");
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
  std::vector<std::string> projected_;  // the top-level SELECT's variables
  bool star_ = false;
  bool projection_seen_ = false;
  std::size_t order_first_ = SIZE_MAX;  // a top-level ORDER BY we apply
  std::size_t order_end_ = SIZE_MAX;
  std::string hoisted_text_;              // a trailing VALUES moved into the WHERE group
  std::size_t hoisted_first_ = SIZE_MAX;  // its VALUES token
  std::size_t hoisted_count_ = 0;
  std::size_t hoisted_close_ = SIZE_MAX;           // the '}' it goes before
  std::size_t prologue_end_ = 0;                   // end of the prefixes in result_.text
  std::map<std::size_t, NegationSite> negations_;  // token index -> top-level negation
  std::map<std::size_t, std::vector<std::string>> shared_by_;
  std::vector<std::string> shared_;  // variables any negation shares with the query
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

std::string parameter_term(const Parameter& parameter, const PrefixMap& prefixes) {
  if (!parameter.text) {
    try {
      const std::vector<Token> tokens = tokenize(parameter.value, "--bind");
      if (is_single_term(tokens, prefixes)) return parameter.value;
    } catch (const InputError&) {
      // not a term: falls through to a string literal
    }
  }
  return rdf::quoted_string(parameter.value);
}

RewrittenQuery rewrite_query(std::string_view text, const std::vector<Parameter>& parameters,
                             const std::string& source, const std::vector<rdf::Prefix>& default_prefixes) {
  return Rewriter(text, parameters, source).run(default_prefixes);
}

}  // namespace newsgraph::query
