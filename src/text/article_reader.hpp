#pragma once
// Inputs (files, directories, JSONL, standard input) -> Article, streamed.
//
// Every article's text is normalised (see utf8.hpp). A plain-text article's
// header lines give its title, author, publisher and date when they are there;
// a JSONL record gives them as fields. Nothing is guessed: a date not written
// in the input stays empty.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace newsgraph {

// One plain-text article. `text` is the whole normalised input (header lines
// included, so spans stay valid); the header (first lines) gives the title,
// "By NAME[, OUTLET]" byline and the first full date. Throws InputError naming
// `origin` on invalid UTF-8, a NUL byte, or an empty article.
Article parse_plain_article(std::string_view raw, std::string id, std::string origin);

struct ReadOptions {
  std::string date_override;  // yyyy-mm-dd replacing every article's date; "" = none
  bool strict = false;        // a bad article inside a directory or JSONL file is fatal
};

struct ReadReport {
  std::size_t read = 0;
  std::size_t skipped = 0;
  std::vector<std::string> problems;  // full messages of what was skipped, in input order
};

// Reads every input in order and hands each article to `on_article`.
//   - a directory: its *.txt and *.jsonl files, recursively, sorted by path
//     (hidden entries skipped; directory symlinks followed once, loops safe);
//   - *.jsonl: one JSON object per line with "id" and "text" (strings) and
//     optional "title", "date" (ISO), "source" (the publisher) and "url";
//   - "-": standard input, JSONL when its first non-space byte is '{', else
//     one plain article with id "stdin";
//   - any other file: one plain article, id = file name without extension.
// Article ids must be unique across all inputs.
// Errors: an unreadable input, a directory without articles, or any problem
// with a plain file named as an input throw InputError. A bad article inside
// a directory or JSONL file is skipped and recorded in `report`, or thrown
// when options.strict. No article at all throws InputError. An invalid
// date_override throws UsageError before anything is read.
void read_articles(const std::vector<std::string>& inputs, const ReadOptions& options,
                   const std::function<void(Article&&)>& on_article, ReadReport& report);

}  // namespace newsgraph
