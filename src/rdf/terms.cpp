#include "rdf/terms.hpp"

#include "rdf/iri.hpp"

namespace newsgraph::rdf {
namespace {

constexpr std::string_view kRdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

struct CodePoint {
  char32_t value = 0;
  std::size_t length = 0;  // 0 = malformed
};

CodePoint decode_utf8(std::string_view s) {
  if (s.empty()) return {};
  const auto lead = static_cast<unsigned char>(s[0]);
  if (lead < 0x80) return {lead, 1};
  std::size_t length = 0;
  char32_t value = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    value = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    value = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    value = lead & 0x07;
  } else
    return {};
  if (s.size() < length) return {};
  for (std::size_t i = 1; i < length; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) return {};
    value = (value << 6) | (c & 0x3F);
  }
  static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (value < kMinimum[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return {};
  }
  return {value, length};
}

bool in(char32_t c, char32_t low, char32_t high) { return c >= low && c <= high; }

// Turtle PN_CHARS_BASE.
bool is_pn_chars_base(char32_t c) {
  return in(c, 'A', 'Z') || in(c, 'a', 'z') || in(c, 0xC0, 0xD6) || in(c, 0xD8, 0xF6) || in(c, 0xF8, 0x2FF) ||
         in(c, 0x370, 0x37D) || in(c, 0x37F, 0x1FFF) || in(c, 0x200C, 0x200D) || in(c, 0x2070, 0x218F) ||
         in(c, 0x2C00, 0x2FEF) || in(c, 0x3001, 0xD7FF) || in(c, 0xF900, 0xFDCF) || in(c, 0xFDF0, 0xFFFD) ||
         in(c, 0x10000, 0xEFFFF);
}
bool is_pn_chars_u(char32_t c) { return is_pn_chars_base(c) || c == '_'; }
// Turtle PN_CHARS.
bool is_pn_chars(char32_t c) {
  return is_pn_chars_u(c) || c == '-' || in(c, '0', '9') || c == 0xB7 || in(c, 0x300, 0x36F) ||
         in(c, 0x203F, 0x2040);
}

// The shape BLANK_NODE_LABEL and PN_PREFIX share: a first character allowed
// by `first`, then PN_CHARS or '.', not ending in '.'.
template <typename FirstRule>
bool is_dotted_name(std::string_view s, FirstRule first) {
  if (s.empty()) return false;
  bool first_char = true;
  char32_t last = 0;
  for (std::size_t i = 0; i < s.size();) {
    const CodePoint c = decode_utf8(s.substr(i));
    if (c.length == 0) return false;
    if (first_char ? !first(c.value) : !(is_pn_chars(c.value) || c.value == '.')) return false;
    first_char = false;
    last = c.value;
    i += c.length;
  }
  return last != '.';
}

std::string quoted(std::string_view s) {
  constexpr std::size_t kShown = 60;
  std::string out = "'";
  out.append(s.substr(0, kShown));
  if (s.size() > kShown) out.append("...");
  return out + "'";
}

std::string literal_problem(const Term& term) {
  if (!is_valid_utf8(term.value)) return "literal " + quoted(term.value) + " is not valid UTF-8";
  if (!term.language.empty()) {
    if (!is_valid_language_tag(term.language)) return "invalid language tag " + quoted(term.language);
    if (!term.datatype.empty() && term.datatype != kRdfLangString) {
      return "literal " + quoted(term.value) + " has both a language tag and a datatype";
    }
  } else if (!term.datatype.empty() && !is_valid_iri(term.datatype)) {
    return "invalid datatype IRI " + quoted(term.datatype);
  }
  return {};
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view s, char32_t min_code_point) {
  const CodePoint c = decode_utf8(s);
  return c.length != 0 && c.value >= min_code_point ? c.length : 0;
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }  // the common case, fast
    const std::size_t n = utf8_sequence_length(s.substr(i));
    if (n == 0) return false;
    i += n;
  }
  return true;
}

bool is_valid_blank_label(std::string_view label) {
  return is_dotted_name(label, [](char32_t c) { return is_pn_chars_u(c) || in(c, '0', '9'); });
}

bool is_valid_language_tag(std::string_view tag) {
  std::size_t part_length = 0;
  bool first_part = true;
  for (const char c : tag) {
    if (c == '-') {
      if (part_length == 0) return false;
      first_part = false;
      part_length = 0;
      continue;
    }
    const bool alpha =
        in(static_cast<unsigned char>(c), 'a', 'z') || in(static_cast<unsigned char>(c), 'A', 'Z');
    const bool digit = in(static_cast<unsigned char>(c), '0', '9');
    if (!(alpha || (digit && !first_part))) return false;
    ++part_length;
  }
  return part_length > 0;
}

bool is_valid_prefix_name(std::string_view name) {
  return name.empty() || is_dotted_name(name, is_pn_chars_base);
}

std::string term_problem(const Term& term) {
  switch (term.kind) {
    case TermKind::Iri:
      return is_valid_iri(term.value) ? std::string() : "not an absolute IRI: " + quoted(term.value);
    case TermKind::Blank:
      return is_valid_blank_label(term.value) ? std::string()
                                              : "invalid blank node label " + quoted(term.value);
    case TermKind::Literal: return literal_problem(term);
  }
  return "unknown term kind";
}

std::string quoted_string(std::string_view value) {
  std::string out = "\"";
  for (const char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + '"';
}

std::string position_problem(const Triple& triple) {
  if (triple.subject.kind == TermKind::Literal) return "a literal cannot be a subject";
  if (triple.predicate.kind != TermKind::Iri) return "a predicate must be an IRI";
  if (!is_default_graph(triple.graph) && triple.graph.kind == TermKind::Literal) {
    return "a literal cannot name a graph";
  }
  return {};
}

std::string triple_problem(const Triple& triple) {
  std::string problem = position_problem(triple);
  if (problem.empty()) problem = term_problem(triple.subject);
  if (problem.empty()) problem = term_problem(triple.predicate);
  if (problem.empty()) problem = term_problem(triple.object);
  if (problem.empty() && !is_default_graph(triple.graph)) problem = term_problem(triple.graph);
  return problem;
}

}  // namespace newsgraph::rdf
