#pragma once
// Where the binary finds its data files (data/, ontology/, queries/): the
// directory given by --data-dir or $NEWSGRAPH_HOME, else the source tree it
// was built from.
#include <string>

namespace newsgraph {

// Sets the root for data_path(); empty restores the default.
void set_data_root(const std::string& root);
// The root directory holding data/, ontology/ and queries/.
std::string data_root();
// data_root() + "/" + relative.
std::string data_path(const std::string& relative);

}  // namespace newsgraph
