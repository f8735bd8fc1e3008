#include "rdf/syntax.hpp"

#include <filesystem>

#include "util/strings.hpp"

namespace newsgraph::rdf {

std::optional<RdfSyntax> parse_syntax(std::string_view name) {
  const std::string lower = ascii_lower(name);
  if (lower == "turtle" || lower == "ttl") return RdfSyntax::Turtle;
  if (lower == "ntriples" || lower == "nt") return RdfSyntax::NTriples;
  if (lower == "nquads" || lower == "nq") return RdfSyntax::NQuads;
  if (lower == "trig") return RdfSyntax::TriG;
  return std::nullopt;
}

RdfSyntax syntax_for_path(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  if (extension.empty()) return RdfSyntax::Turtle;
  extension.erase(0, 1);  // the leading '.'
  if (ascii_lower(extension) == "turtle") return RdfSyntax::Turtle;
  return parse_syntax(extension).value_or(RdfSyntax::Turtle);
}

std::string_view syntax_name(RdfSyntax syntax) {
  switch (syntax) {
    case RdfSyntax::Turtle: return "turtle";
    case RdfSyntax::NTriples: return "ntriples";
    case RdfSyntax::NQuads: return "nquads";
    case RdfSyntax::TriG: return "trig";
  }
  return "turtle";
}

bool syntax_has_graphs(RdfSyntax syntax) { return syntax == RdfSyntax::NQuads || syntax == RdfSyntax::TriG; }

}  // namespace newsgraph::rdf
