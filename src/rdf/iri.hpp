#pragma once
// IRIs: a check that a string is an absolute IRI any RDF parser accepts, and
// the minter that turns (kind, name) into the stable resource IRIs the graph
// uses, so separate runs over separate inputs agree on identity.
#include <string>
#include <string_view>

namespace newsgraph::rdf {

inline constexpr std::string_view kDefaultResourceBase = "https://w3id.org/newsgraph/resource/";

// RFC 3987, loosely: a scheme (ALPHA *(ALPHA / DIGIT / "+" / "-" / ".")) and
// ':', then no spaces, controls or <>"{}|\^`, '%' only as %XX, and non-ASCII
// only as well-formed UTF-8 of U+00A0 or above.
bool is_valid_iri(std::string_view iri);

class IriMinter {
 public:
  // Throws UsageError unless `base` is a valid absolute IRI ending in '/' or '#'.
  explicit IriMinter(std::string base = std::string(kDefaultResourceBase));

  // base + kind + "/" + slugify(name), e.g. ".../person/kim-jong-un".
  // `kind` is ours, not the input's: letters, digits, '-' or '_'
  // (std::invalid_argument otherwise).
  std::string mint(std::string_view kind, std::string_view name) const;

  const std::string& base() const { return base_; }

 private:
  std::string base_;
};

}  // namespace newsgraph::rdf
