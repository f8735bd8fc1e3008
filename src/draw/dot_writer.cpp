#include "draw/dot_writer.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "util/strings.hpp"

namespace newsgraph::draw {

namespace {

struct CategoryColour {
  std::string_view category;
  std::string_view colour;
};

// PLOVER's eighteen categories by quad class (verbal/material cooperation,
// verbal/material conflict), each class a hue. Presentation only.
constexpr CategoryColour kColours[] = {
    {"AGREE", "#1b7837"},     {"CONSULT", "#4daf4a"},    {"SUPPORT", "#5aae61"},  {"CONCEDE", "#a6d96a"},
    {"COOPERATE", "#2166ac"}, {"AID", "#4393c3"},        {"RETREAT", "#92c5de"},  {"INVESTIGATE", "#8073ac"},
    {"DEMAND", "#fdb863"},    {"DISAPPROVE", "#e08214"}, {"REJECT", "#b35806"},   {"THREATEN", "#d6604d"},
    {"PROTEST", "#f4a582"},   {"MOBILIZE", "#b2182b"},   {"SANCTION", "#9e0142"}, {"COERCE", "#d53e4f"},
    {"ASSAULT", "#67001f"},   {"FIGHT", "#40004b"},
};
constexpr std::string_view kUnknownColour = "#737373";

std::string edge_label(const Incident& inc) {
  std::string label = inc.kind;
  if (inc.dates.empty()) return label;
  label += "\n";
  for (std::size_t i = 0; i < inc.dates.size(); ++i) label += (i == 0 ? "" : " or ") + inc.dates[i];
  return label;
}

std::string tooltip(const Incident& inc) {
  std::string t = inc.label;
  if (!inc.plover.empty()) t += " [" + inc.plover + "]";
  t += ", " + std::to_string(inc.sources) + (inc.sources == 1 ? " source" : " sources");
  if (inc.dates.size() > 1) t += "; sources disagree on the date";
  return t;
}

class DotWriter {
 public:
  explicit DotWriter(const Picture& p) : p_(p) {}

  std::string run(std::string_view title) {
    out_ += "digraph newsgraph {\n";
    out_ += "  graph [label=" + dot_quoted(title) +
            ", labelloc=t, fontname=\"Helvetica\", fontsize=14, rankdir=LR, nodesep=0.35, ranksep=1.1, "
            "charset=\"UTF-8\"];\n";
    out_ += "  node [fontname=\"Helvetica\", fontsize=10];\n";
    out_ += "  edge [fontname=\"Helvetica\", fontsize=9];\n";
    actors();
    incidents();
    legend();
    out_ += "}\n";
    return std::move(out_);
  }

 private:
  void actors() {
    std::map<std::string, std::vector<const Actor*>> members;  // state IRI -> its persons
    for (const auto& a : p_.actors) {
      if (!a.state.empty()) members[a.state].push_back(&a);
    }
    std::size_t cluster = 0;
    for (const auto& a : p_.actors) {
      if (!a.state.empty() && has_actor(a.state)) continue;  // drawn inside its state's cluster
      const auto it = members.find(a.iri);
      if (a.type == ActorType::State && it != members.end()) {
        out_ += "  subgraph cluster_" + std::to_string(++cluster) + " {\n";
        out_ += "    label=" + dot_quoted(a.label) +
                "; style=\"rounded,filled\"; fillcolor=\"#f5f5f5\"; color=\"#bdbdbd\"; fontsize=11;\n";
        node(a, "    ");
        for (const Actor* person : it->second) node(*person, "    ");
        out_ += "  }\n";
      } else {
        node(a, "  ");
      }
    }
  }

  bool has_actor(const std::string& iri) const {
    return std::binary_search(p_.actors.begin(), p_.actors.end(), iri,
                              [](const auto& x, const auto& y) { return iri_of(x) < iri_of(y); });
  }
  static const std::string& iri_of(const Actor& a) { return a.iri; }
  static const std::string& iri_of(const std::string& s) { return s; }

  void node(const Actor& a, const char* indent) {
    std::string attrs;
    switch (a.type) {
      case ActorType::State: attrs = "shape=box, style=\"bold,filled\", fillcolor=\"#ffffff\""; break;
      case ActorType::Person: attrs = "shape=ellipse"; break;
      case ActorType::Organisation: attrs = "shape=hexagon"; break;
      case ActorType::Other: attrs = "shape=ellipse, style=dashed"; break;
    }
    out_ += indent + dot_quoted(a.iri) + " [label=" + dot_quoted(a.label) + ", " + attrs +
            ", URL=" + dot_quoted(a.iri) + ", tooltip=" + dot_quoted(a.label) + "];\n";
  }

  void incidents() {
    for (const auto& inc : p_.incidents) {
      const std::string colour(plover_colour(inc.plover));
      if (!inc.plover.empty()) categories_.insert(inc.plover);
      const std::string attrs = "label=" + dot_quoted(edge_label(inc)) + ", color=\"" + colour +
                                "\", fontcolor=\"" + colour + "\", URL=" + dot_quoted(inc.iri) +
                                ", tooltip=" + dot_quoted(tooltip(inc)) +
                                (inc.dates.size() > 1 ? ", style=dashed" : "");
      if (!inc.agents.empty() && !inc.targets.empty()) {
        for (const auto& a : inc.agents) {
          for (const auto& t : inc.targets)
            out_ += "  " + dot_quoted(a) + " -> " + dot_quoted(t) + " [" + attrs + "];\n";
        }
        continue;
      }
      // One-sided (a border crossing, a missile test): the incident is a small
      // node of its own, linked to the actors it has.
      out_ += "  " + dot_quoted(inc.iri) + " [label=" + dot_quoted(edge_label(inc)) +
              ", shape=note, fontsize=9, color=\"" + colour + "\", fontcolor=\"" + colour +
              "\", URL=" + dot_quoted(inc.iri) + ", tooltip=" + dot_quoted(tooltip(inc)) + "];\n";
      for (const auto& a : inc.agents) {
        out_ += "  " + dot_quoted(a) + " -> " + dot_quoted(inc.iri) + " [color=\"" + colour + "\"];\n";
      }
      for (const auto& t : inc.targets) {
        out_ += "  " + dot_quoted(inc.iri) + " -> " + dot_quoted(t) + " [color=\"" + colour + "\"];\n";
      }
    }
  }

  void legend() {
    if (categories_.empty()) return;
    out_ += "  subgraph cluster_legend {\n    label=\"PLOVER category\"; fontsize=10; color=\"#bdbdbd\";\n";
    out_ += "    legend [shape=plaintext, label=<<table border=\"0\" cellspacing=\"2\">";
    for (const auto& c : categories_) {
      out_ += "<tr><td bgcolor=\"" + std::string(plover_colour(c)) +
              "\" width=\"14\"></td><td align=\"left\">" + xml_escaped(c) + "</td></tr>";
    }
    out_ += "</table>>];\n  }\n";
  }

  const Picture& p_;
  std::set<std::string> categories_;  // shown, for the legend
  std::string out_;
};

}  // namespace

std::string_view plover_colour(std::string_view category) {
  for (const auto& c : kColours) {
    if (c.category == category) return c.colour;
  }
  return kUnknownColour;
}

// DOT's own quoted strings take backslash escapes (and \n for a line break);
// the HTML-like labels above are XML and take xml_escaped instead.
std::string dot_quoted(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string dot_text(const Picture& picture, std::string_view title) { return DotWriter(picture).run(title); }

}  // namespace newsgraph::draw
