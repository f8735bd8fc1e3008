#include "query/node_bridge.hpp"

#include <cstring>

namespace newsgraph::query {

namespace {

const char* chars(const uint8_t* s) { return reinterpret_cast<const char*>(s); }
const uint8_t* bytes(const char* s) { return reinterpret_cast<const uint8_t*>(s); }

// A copy in Rasqal's allocator: Rasqal constructors take ownership of strings.
unsigned char* rasqal_copy(const char* s, std::size_t length) {
  auto* out = static_cast<unsigned char*>(rasqal_alloc_memory(length + 1));
  if (out == nullptr) return nullptr;
  std::memcpy(out, s, length);
  out[length] = '\0';
  return out;
}

std::string lexical_form(rasqal_literal* literal) {
  const unsigned char* s = literal->string != nullptr ? literal->string : rasqal_literal_as_string(literal);
  return s != nullptr ? chars(s) : std::string();
}

}  // namespace

rasqal_literal* NodeBridge::to_rasqal(const SordNode* node) {
  auto cached = literals_.find(node);
  if (cached != literals_.end()) return rasqal_new_literal_from_literal(cached->second);

  raptor_world* raptor = rasqal_world_get_raptor(rasqal_);
  size_t length = 0;
  const char* text = chars(sord_node_get_string_counted(node, &length));
  rasqal_literal* literal = nullptr;
  switch (sord_node_get_type(node)) {
    case SORD_URI:
      literal = rasqal_new_uri_literal(
          rasqal_,
          raptor_new_uri_from_counted_string(raptor, reinterpret_cast<const unsigned char*>(text), length));
      break;
    case SORD_BLANK:
      literal = rasqal_new_simple_literal(rasqal_, RASQAL_LITERAL_BLANK, rasqal_copy(text, length));
      break;
    case SORD_LITERAL: {
      const char* lang = sord_node_get_language(node);
      char* lang_copy = lang != nullptr && *lang != '\0'
                            ? reinterpret_cast<char*>(rasqal_copy(lang, std::strlen(lang)))
                            : nullptr;
      const SordNode* datatype = sord_node_get_datatype(node);
      raptor_uri* datatype_uri =
          datatype != nullptr ? raptor_new_uri(raptor, sord_node_get_string(datatype)) : nullptr;
      literal =
          rasqal_new_string_literal(rasqal_, rasqal_copy(text, length), lang_copy, datatype_uri, nullptr);
      break;
    }
  }
  if (literal == nullptr) return nullptr;
  literals_.emplace(node, literal);
  from_store_.emplace(literal, node);
  return rasqal_new_literal_from_literal(literal);
}

const SordNode* NodeBridge::to_sord(rasqal_literal* literal) {
  auto known = from_store_.find(literal);
  if (known != from_store_.end()) return known->second;

  const rasqal_literal_type type = rasqal_literal_get_rdf_term_type(literal);
  std::string key;
  if (type == RASQAL_LITERAL_URI) {
    key = "U" + std::string(chars(raptor_uri_as_string(literal->value.uri)));
  } else if (type == RASQAL_LITERAL_BLANK) {
    key = "B" + lexical_form(literal);
  } else if (type == RASQAL_LITERAL_STRING) {
    raptor_uri* datatype = rasqal_literal_datatype(literal);
    key = "L" + lexical_form(literal) + '\x01' + (literal->language != nullptr ? literal->language : "") +
          '\x01' + (datatype != nullptr ? chars(raptor_uri_as_string(datatype)) : "");
  } else {
    return nullptr;  // variables, patterns: not terms
  }
  auto cached = by_content_.find(key);
  if (cached != by_content_.end()) return cached->second;
  SordNode* node = make_sord(literal);
  if (node != nullptr) by_content_.emplace(std::move(key), node);
  return node;
}

SordNode* NodeBridge::make_sord(rasqal_literal* literal) {
  switch (rasqal_literal_get_rdf_term_type(literal)) {
    case RASQAL_LITERAL_URI: return sord_new_uri(sord_, raptor_uri_as_string(literal->value.uri));
    case RASQAL_LITERAL_BLANK: return sord_new_blank(sord_, bytes(lexical_form(literal).c_str()));
    case RASQAL_LITERAL_STRING: {
      raptor_uri* datatype_uri = rasqal_literal_datatype(literal);
      SordNode* datatype =
          datatype_uri != nullptr ? sord_new_uri(sord_, raptor_uri_as_string(datatype_uri)) : nullptr;
      SordNode* node =
          sord_new_literal(sord_, datatype, bytes(lexical_form(literal).c_str()), literal->language);
      if (datatype != nullptr) sord_node_free(sord_, datatype);
      return node;
    }
    default: return nullptr;
  }
}

void NodeBridge::clear() {
  for (auto& [node, literal] : literals_) rasqal_free_literal(literal);
  for (auto& [key, node] : by_content_) sord_node_free(sord_, node);
  literals_.clear();
  from_store_.clear();
  by_content_.clear();
}

rdf::Term term_of(const SordNode* node) {
  const std::string text = chars(sord_node_get_string(node));
  switch (sord_node_get_type(node)) {
    case SORD_URI: return rdf::Term::iri(text);
    case SORD_BLANK: return rdf::Term::blank(text);
    case SORD_LITERAL: break;
  }
  rdf::Term term = rdf::Term::literal(text);
  if (const char* lang = sord_node_get_language(node)) term.language = lang;
  if (const SordNode* datatype = sord_node_get_datatype(node))
    term.datatype = chars(sord_node_get_string(datatype));
  return term;
}

rdf::Term term_of(rasqal_literal* literal) {
  switch (rasqal_literal_get_rdf_term_type(literal)) {
    case RASQAL_LITERAL_URI: return rdf::Term::iri(chars(raptor_uri_as_string(literal->value.uri)));
    case RASQAL_LITERAL_BLANK: return rdf::Term::blank(lexical_form(literal));
    default: break;
  }
  rdf::Term term = rdf::Term::literal(lexical_form(literal));
  if (literal->language != nullptr) term.language = literal->language;
  raptor_uri* datatype = rasqal_literal_datatype(literal);
  if (datatype != nullptr && term.language.empty()) term.datatype = chars(raptor_uri_as_string(datatype));
  // RDF 1.1: "x" and "x"^^xsd:string are one term; report the simple form.
  if (term.datatype == "http://www.w3.org/2001/XMLSchema#string") term.datatype.clear();
  return term;
}

rdf::Term term_of(const raptor_term* term) {
  switch (term->type) {
    case RAPTOR_TERM_TYPE_URI: return rdf::Term::iri(chars(raptor_uri_as_string(term->value.uri)));
    case RAPTOR_TERM_TYPE_BLANK: return rdf::Term::blank(chars(term->value.blank.string));
    case RAPTOR_TERM_TYPE_LITERAL: {
      rdf::Term out = rdf::Term::literal(chars(term->value.literal.string));
      if (term->value.literal.language != nullptr) out.language = chars(term->value.literal.language);
      if (term->value.literal.datatype != nullptr) {
        out.datatype = chars(raptor_uri_as_string(term->value.literal.datatype));
      }
      return out;
    }
    case RAPTOR_TERM_TYPE_UNKNOWN: break;
  }
  return rdf::Term::literal("");
}

}  // namespace newsgraph::query
