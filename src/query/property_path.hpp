#pragma once
// SPARQL 1.1 property paths, which Rasqal 0.9.33 cannot parse. The rewriter
// (query_rewrite) parses each path into a PathExpr and replaces it in the
// query by a placeholder predicate IRI; our triples source (sord_source)
// answers a pattern with that predicate by evaluating the path here, on
// Sord's indexes. Semantics follow the SPARQL 1.1 spec: sequence,
// alternative and inverse keep duplicates (they are joins and unions of
// triple patterns); *, + and ? return each end node once per start node.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <sord/sord.h>

#include "query/deadline.hpp"
#include "query/sparql_lexer.hpp"

namespace newsgraph::query {

struct PathExpr {
  enum class Op { Link, Inverse, Sequence, Alternative, ZeroOrMore, OneOrMore, ZeroOrOne, Negated };
  Op op = Op::Link;
  std::string iri;                       // Link
  std::vector<PathExpr> parts;           // children (one for Inverse and the modifiers)
  std::vector<std::string> not_forward;  // Negated: !(iri|...)
  std::vector<std::string> not_inverse;  // Negated: !(^iri|...)
  bool has_forward = false;              // Negated: the set has forward members
  bool has_inverse = false;              // Negated: the set has inverse members

  bool is_link() const { return op == Op::Link; }
};

// Expands prefixed names: prefix -> namespace IRI.
using PrefixMap = std::map<std::string, std::string, std::less<>>;

// Parses the path that starts at tokens[pos] and advances pos past it.
// Throws InputError with the token's line and column on a malformed path or
// an undeclared prefix.
PathExpr parse_path(const std::vector<Token>& tokens, std::size_t& pos, const PrefixMap& prefixes,
                    const std::string& source);

// The IRI of a prefixed name, or of an <IRI> token (brackets removed).
std::string expand_iri(const Token& token, const PrefixMap& prefixes, const std::string& source);

// The path written back in SPARQL syntax with full IRIs (for messages, tests).
std::string to_sparql(const PathExpr& path);

// A pair of nodes connected by a path; nodes belong to the Sord world.
struct PathMatch {
  const SordNode* start;
  const SordNode* end;
};

// Evaluates paths over one Sord model. Any of start/end may be null (unbound).
class PathEvaluator {
 public:
  PathEvaluator(SordWorld* world, SordModel* model, Deadline& deadline);
  ~PathEvaluator();
  PathEvaluator(const PathEvaluator&) = delete;
  PathEvaluator& operator=(const PathEvaluator&) = delete;

  std::vector<PathMatch> evaluate(const PathExpr& path, const SordNode* start, const SordNode* end);

 private:
  using Nodes = std::vector<const SordNode*>;
  Nodes ends(const PathExpr& path, const SordNode* from);
  Nodes closure(const PathExpr& step, const SordNode* from, bool include_start);
  Nodes negated(const PathExpr& path, const SordNode* from);
  Nodes candidates(const PathExpr& path);
  Nodes all_nodes();
  const SordNode* iri_node(const std::string& iri);

  SordWorld* world_;
  SordModel* model_;
  Deadline& deadline_;
  std::map<std::string, SordNode*, std::less<>> iris_;  // interned predicate nodes we own
};

// inverse(p) matches (a, b) exactly when p matches (b, a).
PathExpr inverse(const PathExpr& path);
// True when the path matches zero-length paths (a node to itself).
bool matches_zero_length(const PathExpr& path);

}  // namespace newsgraph::query
