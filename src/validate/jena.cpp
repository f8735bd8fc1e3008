#include "validate/jena.hpp"

#include <cstdlib>
#include <filesystem>

#include "util/error.hpp"
#include "util/paths.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

namespace newsgraph::validate {
namespace {

std::string env_or_empty(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

std::string find_java() {
  const std::string home = env_or_empty("JAVA_HOME");
  if (!home.empty() && std::filesystem::exists(home + "/bin/java")) return home + "/bin/java";
  return "java";
}

// A child's diagnostics without the Java stack trace: the lines a user can act on.
std::string diagnostics(const std::string& stderr_text) {
  std::string out;
  int kept = 0;
  for (const auto line : split(stderr_text, '\n')) {
    const auto text = trim(line);
    if (text.empty() || text.starts_with("at ") || text.starts_with("...")) continue;
    if (++kept > 8) break;
    out += "\n  ";
    out += text;
  }
  return out;
}

std::string run_classpath_script(const ScratchDir& scratch) {
  const std::string script = data_path("scripts/jena-classpath");
  const std::string out = scratch.file("classpath.out");
  const std::string err = scratch.file("classpath.err");
  const ProcessResult result = run_process({script}, out, err);
  if (result.not_found) {
    throw InputError("cannot run " + script +
                     " to locate Apache Jena (set NEWSGRAPH_HOME to the newsgraph "
                     "source tree, or NEWSGRAPH_JENA_CLASSPATH to Jena's classpath)");
  }
  if (result.exit_code != 0) {
    throw InputError("cannot locate Apache Jena:" + diagnostics(read_text_file(err)) + "\n" +
                     kJenaInstallHint);
  }
  return std::string(trim(read_text_file(out)));
}

}  // namespace

JenaRuntime find_jena(const ScratchDir& scratch) {
  JenaRuntime jena;
  jena.java = find_java();
  jena.classpath = env_or_empty("NEWSGRAPH_JENA_CLASSPATH");
  if (jena.classpath.empty()) jena.classpath = run_classpath_script(scratch);
  if (jena.classpath.empty())
    throw InputError(std::string("no classpath for Apache Jena; ") + kJenaInstallHint);
  return jena;
}

void run_jena_shacl(const JenaRuntime& jena, const std::string& shapes, const std::string& data,
                    const std::string& report_path, const ScratchDir& scratch) {
  const std::string err = scratch.file("shacl.err");
  const ProcessResult result = run_process(
      {jena.java, "-cp", jena.classpath, "shacl.shacl", "validate", "--shapes", shapes, "--data", data},
      report_path, err);
  if (result.not_found) {
    throw InputError("cannot run the Java runtime '" + jena.java + "'; " + kJenaInstallHint);
  }
  if (result.exit_code != 0) {
    const std::string err_text = read_text_file(err);
    std::string message = "the SHACL engine (Apache Jena) failed with exit code " +
                          std::to_string(result.exit_code) + ":" + diagnostics(err_text);
    // A classpath without Jena's jars fails to load the main class.
    if (err_text.find("ClassNotFoundException") != std::string::npos) {
      message += "\n" + std::string(kJenaInstallHint);
    }
    throw InputError(message);
  }
}

}  // namespace newsgraph::validate
