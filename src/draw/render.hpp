#pragma once
// Turning DOT into a picture with Graphviz's `dot`, run as a child process.
#include <cstdio>
#include <string>

namespace newsgraph::draw {

// Output formats by file extension: ".dot"/".gv" (the DOT text itself),
// ".svg", ".png", ".pdf"; empty when the extension is none of these.
std::string format_for_path(const std::string& path);

// Runs `dot -T<format>` on `dot` and writes what it prints to `out`.
// Throws InputError when dot is not installed (naming the Debian package),
// or fails (with what it said on standard error).
void render_dot(const std::string& dot, const std::string& format, std::FILE* out);

}  // namespace newsgraph::draw
