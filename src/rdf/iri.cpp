#include "rdf/iri.hpp"

#include <array>
#include <stdexcept>

#include "rdf/terms.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace newsgraph::rdf {
namespace {

bool is_scheme_char(char c) {
  return is_ascii_alpha(c) || is_ascii_digit(c) || c == '+' || c == '-' || c == '.';
}

// Length of the scheme before ':', or 0 when there is none.
std::size_t scheme_length(std::string_view iri) {
  if (iri.empty() || !is_ascii_alpha(iri[0])) return 0;
  std::size_t i = 1;
  while (i < iri.size() && is_scheme_char(iri[i])) ++i;
  return i < iri.size() && iri[i] == ':' ? i : 0;
}

bool is_hex(char c) { return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Characters IRIREF (Turtle, N-Triples) forbids, plus DEL.
constexpr bool is_forbidden_ascii(unsigned char c) {
  if (c <= 0x20 || c == 0x7F) return true;
  switch (c) {
    case '<':
    case '>':
    case '"':
    case '{':
    case '}':
    case '|':
    case '\\':
    case '^':
    case '`': return true;
    default: return false;
  }
}

// Per byte: true for the ASCII bytes an IRI may hold as they are, false for
// the forbidden ones, '%' and non-ASCII (which need a closer look). Every
// triple written goes through is_valid_iri(), so its common path is a lookup.
constexpr auto kPlainIriByte = [] {
  std::array<bool, 256> table{};
  for (unsigned c = 0; c < 0x80; ++c)
    table[c] = !is_forbidden_ascii(static_cast<unsigned char>(c)) && c != '%';
  return table;
}();

bool is_kind_char(char c) { return is_ascii_alpha(c) || is_ascii_digit(c) || c == '-' || c == '_'; }

}  // namespace

bool is_valid_iri(std::string_view iri) {
  if (scheme_length(iri) == 0) return false;
  for (std::size_t i = 0; i < iri.size();) {
    const auto c = static_cast<unsigned char>(iri[i]);
    if (kPlainIriByte[c]) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      // C1 controls (U+0080..U+009F) are not IRI characters either.
      const std::size_t n = utf8_sequence_length(iri.substr(i), 0xA0);
      if (n == 0) return false;
      i += n;
      continue;
    }
    if (is_forbidden_ascii(c)) return false;
    if (c == '%' && (i + 2 >= iri.size() || !is_hex(iri[i + 1]) || !is_hex(iri[i + 2]))) {
      return false;
    }
    ++i;
  }
  return true;
}

IriMinter::IriMinter(std::string base) : base_(std::move(base)) {
  if (!is_valid_iri(base_)) {
    throw UsageError("invalid base IRI '" + base_ + "': expected an absolute IRI such as " +
                     std::string(kDefaultResourceBase));
  }
  if (base_.back() != '/' && base_.back() != '#') {
    throw UsageError("invalid base IRI '" + base_ + "': it must end in '/' or '#'");
  }
}

std::string IriMinter::mint(std::string_view kind, std::string_view name) const {
  if (kind.empty()) throw std::invalid_argument("IriMinter::mint: empty kind");
  for (const char c : kind) {
    if (!is_kind_char(c)) {
      throw std::invalid_argument("IriMinter::mint: kind '" + std::string(kind) +
                                  "' is not a plain path segment");
    }
  }
  std::string iri;
  const std::string slug = slugify(name);
  iri.reserve(base_.size() + kind.size() + 1 + slug.size());
  iri.append(base_).append(kind).append("/").append(slug);
  return iri;
}

}  // namespace newsgraph::rdf
