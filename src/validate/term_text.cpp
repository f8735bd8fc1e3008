#include "validate/term_text.hpp"

#include "emit/vocab.hpp"
#include "rdf/terms.hpp"
#include "util/strings.hpp"
#include "validate/shacl_report.hpp"

namespace newsgraph::validate {
namespace {

// A local name that reads back unambiguously as a Turtle prefixed name.
bool is_simple_local_name(std::string_view local) {
  if (local.empty() || !is_ascii_alpha(local.front())) return false;
  for (const char c : local) {
    if (!is_ascii_alpha(c) && !is_ascii_digit(c) && c != '_' && c != '-') return false;
  }
  return true;
}

}  // namespace

const std::vector<rdf::Prefix>& report_prefixes() {
  namespace v = vocab;
  static const std::vector<rdf::Prefix> prefixes = {
      {"sh", kShacl},
      {"ng", std::string(v::kOntology)},
      {"plover", "https://w3id.org/newsgraph/plover#"},
      {"rdf", std::string(v::kRdf)},
      {"rdfs", std::string(v::kRdfs)},
      {"xsd", std::string(v::kXsd)},
      {"owl", std::string(v::kOwl)},
      {"skos", std::string(v::kSkos)},
      {"prov", std::string(v::kProv)},
      {"dcterms", std::string(v::kDcterms)},
      {"schema", std::string(v::kSchema)},
      {"sem", std::string(v::kSem)},
  };
  return prefixes;
}

std::string iri_text(std::string_view iri) {
  for (const auto& p : report_prefixes()) {
    if (iri.starts_with(p.iri) && is_simple_local_name(iri.substr(p.iri.size()))) {
      return p.name + ":" + std::string(iri.substr(p.iri.size()));
    }
  }
  return "<" + std::string(iri) + ">";
}

std::string term_text(const rdf::Term& term) {
  switch (term.kind) {
    case rdf::TermKind::Iri: return iri_text(term.value);
    case rdf::TermKind::Blank: return "_:" + term.value;
    case rdf::TermKind::Literal:
      if (!term.language.empty()) return rdf::quoted_string(term.value) + "@" + term.language;
      if (!term.datatype.empty() && term.datatype != std::string(vocab::kXsd) + "string") {
        return rdf::quoted_string(term.value) + "^^" + iri_text(term.datatype);
      }
      return rdf::quoted_string(term.value);
  }
  return term.value;
}

}  // namespace newsgraph::validate
