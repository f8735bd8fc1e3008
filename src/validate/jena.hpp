#pragma once
// Apache Jena's SHACL engine, run as a separate JVM process (Debian's
// libapache-jena-java): where to find it, and one validation run.
#include <string>

#include "validate/scratch_dir.hpp"

namespace newsgraph::validate {

// What a user needs to install when Jena or Java is missing.
inline constexpr const char* kJenaInstallHint =
    "install the Debian packages default-jre-headless and libapache-jena-java "
    "(scripts/install-deps installs everything newsgraph needs)";

struct JenaRuntime {
  std::string java;       // the java launcher: $JAVA_HOME/bin/java, else "java" on PATH
  std::string classpath;  // $NEWSGRAPH_JENA_CLASSPATH, else what scripts/jena-classpath prints
};

// Locates java and the Jena classpath (running scripts/jena-classpath from
// data_root(), which also prepares Jena's Xerces resources once per user).
// Throws InputError with kJenaInstallHint when either is missing.
JenaRuntime find_jena(const ScratchDir& scratch);

// `shacl validate --shapes SHAPES --data DATA`, its Turtle report written to
// `report_path`. Throws InputError when the engine fails (its own message
// quoted) or cannot be started.
void run_jena_shacl(const JenaRuntime& jena, const std::string& shapes, const std::string& data,
                    const std::string& report_path, const ScratchDir& scratch);

}  // namespace newsgraph::validate
