#pragma once
// A JSONL record of the common shape read without building a JSON tree: one
// object whose values are all strings or null, no key twice. The general
// parser (nlohmann-json) built a tree of every record, a tenth of reading.
//
// Anything else (numbers, arrays, nested objects, a key twice, a byte that
// is not JSON) gives nullopt, and the caller reads the line with the general
// parser, which also says where an error is. So the fast path decides
// nothing about errors: a line it takes is one the general parser reads to
// the same strings.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsgraph {

class FlatJsonRecord {
 public:
  // The record in `line` (valid UTF-8, no newline), or nullopt when it is not
  // of the shape above.
  static std::optional<FlatJsonRecord> parse(std::string_view line);

  // The string value of `key`, escapes decoded; null when the key is absent
  // or its value is null.
  const std::string* find(std::string_view key) const;

 private:
  bool has(std::string_view key) const;

  // In the record's order; an absent value is JSON null.
  std::vector<std::pair<std::string, std::optional<std::string>>> fields_;
};

}  // namespace newsgraph
