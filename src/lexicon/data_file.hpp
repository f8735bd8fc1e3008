#pragma once
// Reading the TSV data files under data/: the format every lexicon shares
// (tab-separated columns, '|'-separated lists, '-' for none, '#' comments).
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace newsgraph {

// The whole file; InputError naming it when it cannot be read.
std::string read_data_file(const std::string& path);

// Calls row(fields, line_number) for each line that is neither blank nor a
// '#' comment; a CR before the newline is dropped.
void for_each_row(const std::string& path,
                  const std::function<void(const std::vector<std::string_view>&, std::size_t)>& row);

// The items of a '|'-separated list, trimmed; "-" and empty items are none.
std::vector<std::string> list_of(std::string_view field);

// InputError at path:line unless the row has at least n columns.
void require_columns(const std::vector<std::string_view>& f, std::size_t n, const std::string& path,
                     std::size_t line);

}  // namespace newsgraph
