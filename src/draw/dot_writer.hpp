#pragma once
// A Picture as a Graphviz DOT digraph: actors as nodes (each State a cluster
// holding the Persons who represent it), incidents as edges from agent to
// target labelled with their kind and date and coloured by PLOVER category,
// and a legend of the categories shown. Node and edge ids are the IRIs, and
// each carries its IRI as URL, so an SVG links back to the graph.
// Deterministic: the same Picture gives the same bytes.
#include <string>
#include <string_view>

#include "draw/picture.hpp"

namespace newsgraph::draw {

std::string dot_text(const Picture& picture, std::string_view title = "newsgraph");

// The colour ("#rrggbb") of a PLOVER category; grey for an unknown one.
// Cooperation is drawn in greens (verbal) and blues (material), conflict in
// oranges (verbal) and reds (material), as PLOVER's quad classes group them.
std::string_view plover_colour(std::string_view category);

// `s` as a DOT quoted string, quotes included.
std::string dot_quoted(std::string_view s);

}  // namespace newsgraph::draw
