#pragma once
// The gazetteer of well-known political leaders (data/leaders.tsv): heads of
// state and government, foreign ministers, UN Secretaries-General. It tells
// the extractor that a name is a person and which state a leader named
// without one serves. Looked up once per person mention, never per token.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsgraph {

struct LeaderInfo {
  std::string state;     // iso3; empty for none (UN Secretaries-General)
  std::string wikidata;  // "Q76" or empty
  std::string name;      // canonical full name
  std::vector<std::string> variants;
  std::vector<std::string> roles;  // lowercase, most prominent first
};

// What the gazetteer says about one mention: every entry that fits it.
struct LeaderMatch {
  std::string state;       // iso3 when every entry that fits has this one state
  bool stateless = false;  // every entry that fits serves no state
  std::string role;        // first role, when every entry that fits agrees on it
  std::string wikidata;    // when every entry that fits is the same known item
};

class LeaderGazetteer {
 public:
  // Throws InputError naming path:line for a malformed row; known_state says
  // whether an iso3 code is a state of the lexicon.
  static LeaderGazetteer load(const std::string& path,
                              const std::function<bool(const std::string&)>& known_state);

  // A full name of two or more words ("Abdelaziz Bouteflika"). title (may be
  // empty) is the title the text gives it; entries holding that role are
  // preferred when there are any.
  std::optional<LeaderMatch> full_name(std::string_view name, std::string_view title) const;
  // A surname or one-word short form with a title ("President Bush"): only
  // entries that held that role count; nullopt when none did.
  std::optional<LeaderMatch> titled_surname(std::string_view surname, std::string_view title) const;

  const std::vector<LeaderInfo>& entries() const { return entries_; }

 private:
  void index(std::uint32_t id);
  LeaderMatch summarise(const std::vector<std::uint32_t>& ids) const;

  std::vector<LeaderInfo> entries_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_full_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_surname_;
};

// Comparison key of a name: folded letters of its words without the Arabic
// article ("al-Assad" == "Assad", "el-Sisi" == "al-Sisi").
std::string leader_key(std::string_view name);

}  // namespace newsgraph
