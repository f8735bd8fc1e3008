#include "query/property_path.hpp"

#include <algorithm>
#include <deque>
#include <unordered_set>

#include "query/sord_scan.hpp"
#include "util/error.hpp"

namespace newsgraph::query {

namespace {

constexpr std::string_view kRdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

[[noreturn]] void fail_at(const Token& token, const std::string& source, const std::string& message) {
  throw InputError(Location{source, token.line, token.column}, message);
}

// Recursive descent over the SPARQL 1.1 path grammar (productions [88]-[96]).
class PathParser {
 public:
  PathParser(const std::vector<Token>& tokens, std::size_t& pos, const PrefixMap& prefixes,
             const std::string& source)
      : tokens_(tokens), pos_(pos), prefixes_(prefixes), source_(source) {}

  PathExpr alternative() {
    PathExpr first = sequence();
    if (!peek().is_punct("|")) return first;
    PathExpr alt{PathExpr::Op::Alternative, {}, {std::move(first)}, {}, {}, false, false};
    while (peek().is_punct("|")) {
      ++pos_;
      alt.parts.push_back(sequence());
    }
    return alt;
  }

 private:
  const Token& peek() const { return tokens_[pos_]; }

  PathExpr sequence() {
    PathExpr first = element_or_inverse();
    if (!peek().is_punct("/")) return first;
    PathExpr seq{PathExpr::Op::Sequence, {}, {std::move(first)}, {}, {}, false, false};
    while (peek().is_punct("/")) {
      ++pos_;
      seq.parts.push_back(element_or_inverse());
    }
    return seq;
  }

  PathExpr element_or_inverse() {
    if (peek().is_punct("^")) {
      ++pos_;
      return PathExpr{PathExpr::Op::Inverse, {}, {element()}, {}, {}, false, false};
    }
    return element();
  }

  PathExpr element() {
    PathExpr primary_path = primary();
    const Token& mod = peek();
    PathExpr::Op op;
    if (mod.is_punct("*")) {
      op = PathExpr::Op::ZeroOrMore;
    } else if (mod.is_punct("+")) {
      op = PathExpr::Op::OneOrMore;
    } else if (mod.is_punct("?")) {
      op = PathExpr::Op::ZeroOrOne;
    } else {
      return primary_path;
    }
    ++pos_;
    return PathExpr{op, {}, {std::move(primary_path)}, {}, {}, false, false};
  }

  PathExpr primary() {
    const Token& t = peek();
    if (t.is_punct("(")) {
      ++pos_;
      PathExpr inner = alternative();
      expect(")");
      return inner;
    }
    if (t.is_punct("!")) {
      ++pos_;
      return negated_set();
    }
    return PathExpr{PathExpr::Op::Link, iri(), {}, {}, {}, false, false};
  }

  std::string iri() {
    const Token& t = peek();
    if (t.kind == TokenKind::Word && t.text == "a") {
      ++pos_;
      return std::string(kRdfType);
    }
    if (t.kind != TokenKind::Iri && t.kind != TokenKind::PrefixedName) {
      fail_at(t, source_, "expected an IRI in a property path, found '" + t.text + "'");
    }
    ++pos_;
    return expand_iri(t, prefixes_, source_);
  }

  PathExpr negated_set() {
    PathExpr set{PathExpr::Op::Negated, {}, {}, {}, {}, false, false};
    if (!peek().is_punct("(")) {
      negated_member(set);
      return set;
    }
    ++pos_;
    if (!peek().is_punct(")")) {
      negated_member(set);
      while (peek().is_punct("|")) {
        ++pos_;
        negated_member(set);
      }
    }
    expect(")");
    return set;
  }

  void negated_member(PathExpr& set) {
    if (peek().is_punct("^")) {
      ++pos_;
      set.not_inverse.push_back(iri());
      set.has_inverse = true;
    } else {
      set.not_forward.push_back(iri());
      set.has_forward = true;
    }
  }

  void expect(std::string_view punct) {
    if (!peek().is_punct(punct)) {
      fail_at(peek(), source_, "expected '" + std::string(punct) + "' in a property path");
    }
    ++pos_;
  }

  const std::vector<Token>& tokens_;
  std::size_t& pos_;
  const PrefixMap& prefixes_;
  const std::string& source_;
};

// PN_LOCAL escapes: "\-" stands for "-"; %HH stays as written.
std::string unescape_local(std::string_view local) {
  std::string out;
  for (std::size_t i = 0; i < local.size(); ++i) {
    if (local[i] == '\\' && i + 1 < local.size()) ++i;
    out += local[i];
  }
  return out;
}

void append_unique(std::vector<const SordNode*>& out, std::unordered_set<const SordNode*>& seen,
                   const SordNode* node) {
  if (seen.insert(node).second) out.push_back(node);
}

}  // namespace

PathExpr parse_path(const std::vector<Token>& tokens, std::size_t& pos, const PrefixMap& prefixes,
                    const std::string& source) {
  return PathParser(tokens, pos, prefixes, source).alternative();
}

std::string expand_iri(const Token& token, const PrefixMap& prefixes, const std::string& source) {
  if (token.kind == TokenKind::Iri) return token.text.substr(1, token.text.size() - 2);
  const std::string_view prefix = prefix_of(token);
  const auto found = prefixes.find(prefix);
  if (found == prefixes.end()) {
    fail_at(token, source, "unknown prefix '" + std::string(prefix) + ":' (no PREFIX declares it)");
  }
  return found->second + unescape_local(std::string_view(token.text).substr(prefix.size() + 1));
}

std::string to_sparql(const PathExpr& path) {
  auto join = [&](std::string_view sep) {
    std::string out = "(";
    for (std::size_t i = 0; i < path.parts.size(); ++i) {
      if (i) out += sep;
      out += to_sparql(path.parts[i]);
    }
    return out + ")";
  };
  switch (path.op) {
    case PathExpr::Op::Link: return "<" + path.iri + ">";
    case PathExpr::Op::Inverse: return "^" + to_sparql(path.parts[0]);
    case PathExpr::Op::Sequence: return join("/");
    case PathExpr::Op::Alternative: return join("|");
    case PathExpr::Op::ZeroOrMore: return "(" + to_sparql(path.parts[0]) + ")*";
    case PathExpr::Op::OneOrMore: return "(" + to_sparql(path.parts[0]) + ")+";
    case PathExpr::Op::ZeroOrOne: return "(" + to_sparql(path.parts[0]) + ")?";
    case PathExpr::Op::Negated: {
      std::string out = "!(";
      bool first = true;
      for (const auto& iri : path.not_forward) {
        out += (first ? "<" : "|<") + iri + ">";
        first = false;
      }
      for (const auto& iri : path.not_inverse) {
        out += (first ? "^<" : "|^<") + iri + ">";
        first = false;
      }
      return out + ")";
    }
  }
  return {};
}

PathExpr inverse(const PathExpr& path) {
  PathExpr out = path;
  switch (path.op) {
    case PathExpr::Op::Link: return PathExpr{PathExpr::Op::Inverse, {}, {path}, {}, {}, false, false};
    case PathExpr::Op::Inverse: return path.parts[0];
    case PathExpr::Op::Sequence: std::reverse(out.parts.begin(), out.parts.end()); [[fallthrough]];
    case PathExpr::Op::Alternative:
    case PathExpr::Op::ZeroOrMore:
    case PathExpr::Op::OneOrMore:
    case PathExpr::Op::ZeroOrOne:
      for (auto& part : out.parts) part = inverse(part);
      return out;
    case PathExpr::Op::Negated:
      std::swap(out.not_forward, out.not_inverse);
      std::swap(out.has_forward, out.has_inverse);
      return out;
  }
  return out;
}

bool matches_zero_length(const PathExpr& path) {
  switch (path.op) {
    case PathExpr::Op::ZeroOrMore:
    case PathExpr::Op::ZeroOrOne: return true;
    case PathExpr::Op::Sequence:
      return std::all_of(path.parts.begin(), path.parts.end(), matches_zero_length);
    case PathExpr::Op::Alternative:
      return std::any_of(path.parts.begin(), path.parts.end(), matches_zero_length);
    case PathExpr::Op::Inverse:
    case PathExpr::Op::OneOrMore: return matches_zero_length(path.parts[0]);
    case PathExpr::Op::Link:
    case PathExpr::Op::Negated: return false;
  }
  return false;
}

// ---------------------------------------------------------------------------

PathEvaluator::PathEvaluator(SordWorld* world, SordModel* model, Deadline& deadline)
    : world_(world), model_(model), deadline_(deadline) {}

PathEvaluator::~PathEvaluator() {
  for (auto& entry : iris_) sord_node_free(world_, entry.second);
}

const SordNode* PathEvaluator::iri_node(const std::string& iri) {
  auto found = iris_.find(iri);
  if (found != iris_.end()) return found->second;
  SordNode* node = sord_new_uri(world_, reinterpret_cast<const uint8_t*>(iri.c_str()));
  iris_.emplace(iri, node);
  return node;
}

std::vector<PathMatch> PathEvaluator::evaluate(const PathExpr& path, const SordNode* start,
                                               const SordNode* end) {
  std::vector<PathMatch> out;
  if (start == nullptr && end != nullptr) {
    // Walk backwards from the bound end: inverse(path) from `end`.
    for (const SordNode* s : ends(inverse(path), end)) out.push_back({s, end});
    return out;
  }
  const Nodes starts = start != nullptr ? Nodes{start} : candidates(path);
  for (const SordNode* s : starts) {
    if (deadline_.expired()) break;
    for (const SordNode* e : ends(path, s)) {
      if (end == nullptr || e == end) out.push_back({s, e});
    }
  }
  return out;
}

PathEvaluator::Nodes PathEvaluator::ends(const PathExpr& path, const SordNode* from) {
  Nodes out;
  switch (path.op) {
    case PathExpr::Op::Link: {
      for (SordScan scan(model_, from, iri_node(path.iri), nullptr); !scan.done(); scan.next()) {
        out.push_back(scan.node(SORD_OBJECT));
      }
      return out;
    }
    case PathExpr::Op::Inverse: {
      const PathExpr& inner = path.parts[0];
      if (inner.is_link()) {
        for (SordScan scan(model_, nullptr, iri_node(inner.iri), from); !scan.done(); scan.next()) {
          out.push_back(scan.node(SORD_SUBJECT));
        }
        return out;
      }
      return ends(inverse(inner), from);
    }
    case PathExpr::Op::Sequence: {
      out = {from};
      for (const PathExpr& step : path.parts) {
        Nodes next;
        for (const SordNode* node : out) {
          if (deadline_.expired()) return {};
          Nodes reached = ends(step, node);
          next.insert(next.end(), reached.begin(), reached.end());
        }
        out = std::move(next);
      }
      return out;
    }
    case PathExpr::Op::Alternative: {
      for (const PathExpr& branch : path.parts) {
        Nodes reached = ends(branch, from);
        out.insert(out.end(), reached.begin(), reached.end());
      }
      return out;
    }
    case PathExpr::Op::ZeroOrMore: return closure(path.parts[0], from, true);
    case PathExpr::Op::OneOrMore: return closure(path.parts[0], from, false);
    case PathExpr::Op::ZeroOrOne: {
      std::unordered_set<const SordNode*> seen;
      append_unique(out, seen, from);
      for (const SordNode* node : ends(path.parts[0], from)) append_unique(out, seen, node);
      return out;
    }
    case PathExpr::Op::Negated: return negated(path, from);
  }
  return out;
}

// Breadth-first: every node reachable in one or more steps (and `from` itself
// when include_start), each once, in order of distance.
PathEvaluator::Nodes PathEvaluator::closure(const PathExpr& step, const SordNode* from, bool include_start) {
  Nodes out;
  std::unordered_set<const SordNode*> seen;
  std::deque<const SordNode*> frontier{from};
  std::unordered_set<const SordNode*> expanded{from};
  if (include_start) append_unique(out, seen, from);
  while (!frontier.empty()) {
    if (deadline_.expired()) return {};
    const SordNode* node = frontier.front();
    frontier.pop_front();
    for (const SordNode* next : ends(step, node)) {
      append_unique(out, seen, next);
      if (expanded.insert(next).second) frontier.push_back(next);
    }
  }
  return out;
}

PathEvaluator::Nodes PathEvaluator::negated(const PathExpr& path, const SordNode* from) {
  Nodes out;
  auto excluded = [&](const SordNode* predicate, const std::vector<std::string>& set) {
    const std::string_view p = reinterpret_cast<const char*>(sord_node_get_string(predicate));
    return std::find(set.begin(), set.end(), p) != set.end();
  };
  if (path.has_forward || !path.has_inverse) {
    for (SordScan scan(model_, from, nullptr, nullptr); !scan.done(); scan.next()) {
      if (!excluded(scan.node(SORD_PREDICATE), path.not_forward)) out.push_back(scan.node(SORD_OBJECT));
    }
  }
  if (path.has_inverse) {
    for (SordScan scan(model_, nullptr, nullptr, from); !scan.done(); scan.next()) {
      if (!excluded(scan.node(SORD_PREDICATE), path.not_inverse)) out.push_back(scan.node(SORD_SUBJECT));
    }
  }
  return out;
}

// Start nodes worth trying when neither end is bound.
PathEvaluator::Nodes PathEvaluator::candidates(const PathExpr& path) {
  if (matches_zero_length(path)) return all_nodes();
  Nodes out;
  std::unordered_set<const SordNode*> seen;
  switch (path.op) {
    case PathExpr::Op::Link:
      for (SordScan scan(model_, nullptr, iri_node(path.iri), nullptr); !scan.done(); scan.next()) {
        append_unique(out, seen, scan.node(SORD_SUBJECT));
      }
      return out;
    case PathExpr::Op::Inverse:
      if (path.parts[0].is_link()) {
        const SordNode* p = iri_node(path.parts[0].iri);
        for (SordScan scan(model_, nullptr, p, nullptr); !scan.done(); scan.next()) {
          append_unique(out, seen, scan.node(SORD_OBJECT));
        }
        return out;
      }
      return candidates(inverse(path.parts[0]));
    case PathExpr::Op::Sequence: return candidates(path.parts[0]);
    case PathExpr::Op::OneOrMore: return candidates(path.parts[0]);
    case PathExpr::Op::Alternative:
      for (const PathExpr& branch : path.parts) {
        for (const SordNode* node : candidates(branch)) append_unique(out, seen, node);
      }
      return out;
    default: return all_nodes();
  }
}

PathEvaluator::Nodes PathEvaluator::all_nodes() {
  Nodes out;
  std::unordered_set<const SordNode*> seen;
  for (SordScan scan(model_, nullptr, nullptr, nullptr); !scan.done(); scan.next()) {
    if (deadline_.expired()) break;
    append_unique(out, seen, scan.node(SORD_SUBJECT));
    append_unique(out, seen, scan.node(SORD_OBJECT));
  }
  return out;
}

}  // namespace newsgraph::query
