#include "text/json_record.hpp"
#include "util/strings.hpp"

#include <array>
#include <cstdint>

namespace newsgraph {

namespace {

// Per byte: true where a string's body goes on as it is, false for the
// closing quote, a backslash and the control characters JSON refuses raw.
constexpr auto kPlainStringByte = [] {
  std::array<bool, 256> table{};
  for (unsigned c = 0x20; c < 256; ++c) table[c] = c != '"' && c != '\\';
  return table;
}();

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\r')) ++pos_;
  }
  bool at_end() const { return pos_ == text_.size(); }
  // Consumes `c` when it comes next.
  bool take(char c) {
    if (pos_ >= text_.size() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  bool take_word(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  // A string whose opening quote was taken, decoded into `out`; false on
  // anything the general parser would refuse (or that we leave to it).
  bool string(std::string& out) {
    out.clear();
    while (pos_ < text_.size()) {
      const std::size_t start = pos_;
      while (pos_ < text_.size() && kPlainStringByte[static_cast<unsigned char>(text_[pos_])]) ++pos_;
      out.append(text_.substr(start, pos_ - start));
      if (pos_ == text_.size()) return false;
      const char c = text_[pos_++];
      if (c == '"') return true;
      if (c != '\\' || !escape(out)) return false;  // a raw control character, or a bad escape
    }
    return false;
  }

 private:
  bool escape(std::string& out) {
    if (pos_ >= text_.size()) return false;
    switch (text_[pos_++]) {
      case '"': out += '"'; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': return unicode_escape(out);
      default: return false;
    }
  }

  // \uXXXX, a surrogate pair as two of them; a lone surrogate is refused.
  bool unicode_escape(std::string& out) {
    std::uint32_t cp = 0;
    if (!hex4(cp)) return false;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      std::uint32_t low = 0;
      if (!take_word("\\u") || !hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(out, cp);
    return true;
  }

  bool hex4(std::uint32_t& value) {
    if (text_.size() - pos_ < 4) return false;
    for (int i = 0; i < 4; ++i) {
      const char c = text_[pos_++];
      const int digit = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                               : -1;
      if (digit < 0) return false;
      value = value * 16 + static_cast<std::uint32_t>(digit);
    }
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<FlatJsonRecord> FlatJsonRecord::parse(std::string_view line) {
  Scanner in(line);
  FlatJsonRecord record;
  in.skip_space();
  if (!in.take('{')) return std::nullopt;
  in.skip_space();
  if (!in.take('}')) {
    do {
      in.skip_space();
      std::string key;
      if (!in.take('"') || !in.string(key) || record.has(key)) return std::nullopt;
      in.skip_space();
      if (!in.take(':')) return std::nullopt;
      in.skip_space();
      std::optional<std::string> value;
      if (in.take('"')) {
        if (!in.string(value.emplace())) return std::nullopt;
      } else if (!in.take_word("null")) {
        return std::nullopt;  // another type: the general parser's
      }
      record.fields_.emplace_back(std::move(key), std::move(value));
      in.skip_space();
    } while (in.take(','));
    if (!in.take('}')) return std::nullopt;
  }
  in.skip_space();
  if (!in.at_end()) return std::nullopt;
  return record;
}

bool FlatJsonRecord::has(std::string_view key) const {
  for (const auto& field : fields_) {
    if (field.first == key) return true;
  }
  return false;
}

const std::string* FlatJsonRecord::find(std::string_view key) const {
  for (const auto& [name, value] : fields_) {
    if (name == key) return value ? &*value : nullptr;
  }
  return nullptr;
}

}  // namespace newsgraph
