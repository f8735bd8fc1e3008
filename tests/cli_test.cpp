// The newsgraph command line, run as a user runs it: a child process with
// arguments, standard input, a file size limit or a signal, checked by its
// exit code, its messages and the files it leaves behind. Every test works in
// its own directory under /tmp, removed afterwards.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <functional>
#include <grp.h>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "support/run.hpp"

namespace fs = std::filesystem;
using namespace test_support;

namespace {

const std::string kBinary = NEWSGRAPH_TEST_BINARY;
const std::string kSourceDir = NEWSGRAPH_TEST_SOURCE_DIR;
const std::string kSamples = kSourceDir + "/samples";
const std::string kGolden = kSourceDir + "/tests/golden/samples.ttl";

// ---------------------------------------------------------------------------
// Files and directories

void spit(const std::string& path, std::string_view bytes) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  REQUIRE(out.good());
}

// The names in a directory (hidden ones included: that is where temp files hide).
std::vector<std::string> listing(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : " ") + n;
  return out.empty() ? "(empty)" : out;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// "12 articles read, 1 skipped" from the summary line, or "no summary".
std::string read_and_skipped(const std::string& err) {
  std::smatch m;
  static const std::regex summary(R"(\d+ articles read, \d+ skipped)");
  return std::regex_search(err, m, summary) ? m.str() : "no summary";
}

// N-Triples lines serdi makes of `file`, after checking it parsed it cleanly.
long serdi_triples(const std::string& file, const std::string& syntax) {
  const Result r = run_program({"serdi", "-i", syntax, "-o", "ntriples", file});
  INFO("serdi -i " << syntax << " " << file << ": " << r.describe());
  REQUIRE(r.code == 0);
  REQUIRE(r.err.empty());
  return static_cast<long>(std::count(r.out.begin(), r.out.end(), '\n'));
}

void require_rapper_accepts(const std::string& file, const std::string& syntax) {
  const Result r = run_program({"rapper", "-q", "-i", syntax, "-c", file});
  INFO("rapper -q -i " << syntax << " -c " << file << ": " << r.describe());
  REQUIRE(r.code == 0);
  REQUIRE(r.err.empty());
}

// Whether every byte sequence in `s` is well-formed UTF-8 (no overlongs,
// surrogates or code points past U+10FFFF).
bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = b < 0x80                ? 1
                    : b >= 0xC2 && b < 0xE0 ? 2
                    : b >= 0xE0 && b < 0xF0 ? 3
                    : b >= 0xF0 && b < 0xF5 ? 4
                                            : 0;
    if (n == 0 || i + n > s.size()) return false;
    unsigned cp = n == 1 ? b : b & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n;
  }
  return true;
}

// A short article in plain text; every call with another `n` is another article.
std::string tiny_article(int n) {
  return "Talks number " + std::to_string(n) +
         "\n\nFrance summoned the German ambassador on Monday over talks number " + std::to_string(n) + ".\n";
}

// The checks every failing build shares: exit 1, a message naming `name`
// (and more), and an output directory exactly as it was before.
void require_clean_failure(const Result& r, const std::string& out_dir,
                           const std::vector<std::string>& before,
                           const std::vector<std::string>& message_parts) {
  INFO(r.describe());
  CHECK(r.code == 1);
  CHECK(contains(r.err, "newsgraph: error: "));
  for (const auto& part : message_parts) CHECK(contains(r.err, part));
  CHECK(joined(listing(out_dir)) == joined(before));
}

// Runs `build INPUT -o OUT/out.ttl` with an empty OUT: it must fail cleanly.
void require_build_fails(const TempDir& dir, const std::string& input,
                         const std::vector<std::string>& message_parts) {
  fs::create_directories(dir / "out");
  const Result r = newsgraph({"build", input, "-o", dir / "out/out.ttl"});
  require_clean_failure(r, dir / "out", {}, message_parts);
}

}  // namespace

// ===========================================================================
// Usage: exit 2 with a message that says what to do (issue 3)

TEST_CASE("cli: no command prints the usage and exits 2", "[cli]") {
  const Result r = newsgraph({});
  INFO(r.describe());
  CHECK(r.code == 2);
  CHECK(contains(r.err, "usage: newsgraph COMMAND"));
  CHECK(contains(r.err, "build"));
}

TEST_CASE("cli: an unknown command exits 2 and names it", "[cli]") {
  const Result r = newsgraph({"frobnicate", "x"});
  INFO(r.describe());
  CHECK(r.code == 2);
  CHECK(contains(r.err, "'frobnicate'"));
  CHECK(contains(r.err, "--help"));
  CHECK(r.out.empty());
}

TEST_CASE("cli: an unknown option exits 2 and names it", "[cli]") {
  const Result r = newsgraph({"build", "--no-such-option", kSamples});
  INFO(r.describe());
  CHECK(r.code == 2);
  CHECK(contains(r.err, "--no-such-option"));
  CHECK(r.out.empty());
}

TEST_CASE("cli: build without an input exits 2", "[cli]") {
  const Result r = newsgraph({"build"});
  INFO(r.describe());
  CHECK(r.code == 2);
  CHECK(contains(r.err, "no INPUT"));
  CHECK(r.out.empty());
}

TEST_CASE("cli: build with an unknown --format exits 2 and lists the formats", "[cli]") {
  TempDir dir;
  const Result r = newsgraph({"build", kSamples, "--format", "rdfxml", "-o", dir / "out.ttl"});
  INFO(r.describe());
  CHECK(r.code == 2);
  CHECK(contains(r.err, "'rdfxml'"));
  for (const char* f : {"turtle", "ntriples", "nquads", "trig"}) CHECK(contains(r.err, f));
  CHECK(listing(dir.path()).empty());
}

TEST_CASE("cli: build with a --date that is not a calendar date exits 2", "[cli]") {
  for (const std::string date : {"2024-13-01", "2023-02-29", "yesterday", "2024-6-1", "2024-06-01T00:00"}) {
    const Result r = newsgraph({"build", kSamples, "--date", date});
    INFO("--date '" << date << "': " << r.describe());
    CHECK(r.code == 2);
    CHECK(contains(r.err, "YYYY-MM-DD"));
    CHECK(r.out.empty());
  }
  const Result leap =
      newsgraph({"build", "-q", kSamples + "/000_445b1c674ea00d29.txt", "--date", "2024-02-29"});
  INFO(leap.describe());
  CHECK(leap.code == 0);
}

TEST_CASE("cli: --help for newsgraph and each of its commands exits 0", "[cli]") {
  const Result top = newsgraph({"--help"});
  INFO(top.describe());
  REQUIRE(top.code == 0);
  // The commands as listed under "commands:", one per line: "  NAME  summary".
  std::vector<std::string> commands;
  std::istringstream lines(top.out.substr(top.out.find("commands:")));
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line) && line.rfind("  ", 0) == 0) {
    std::istringstream words(line);
    std::string name;
    words >> name;
    commands.push_back(name);
  }
  CAPTURE(top.out);
  REQUIRE(std::find(commands.begin(), commands.end(), "build") != commands.end());
  for (const auto& command : commands) {
    for (const char* flag : {"--help", "-h"}) {
      const Result r = newsgraph({command, flag});
      INFO("newsgraph " << command << " " << flag << ": " << r.describe());
      CHECK(r.code == 0);
      CHECK(contains(r.out, "usage: newsgraph " + command));
      CHECK(r.err.empty());
    }
  }
  const Result build = newsgraph({"build", "--help"});
  for (const char* option : {"--output", "--format", "--date", "--strict", "exit codes"}) {
    CHECK(contains(build.out, option));
  }
}

TEST_CASE("cli: --version prints the version and exits 0", "[cli]") {
  const Result r = newsgraph({"--version"});
  INFO(r.describe());
  CHECK(r.code == 0);
  CHECK(r.out == std::string("newsgraph ") + NEWSGRAPH_VERSION + "\n");
}

// ===========================================================================
// Bad input: exit 1, a message naming the file (line, column, byte where they
// apply), and no output file or temp file left behind (issue 3)

TEST_CASE("cli: a missing input file exits 1 naming it", "[cli]") {
  TempDir dir;
  require_build_fails(dir, dir / "no-such-article.txt", {"no-such-article.txt", "No such file or directory"});
}

TEST_CASE("cli: a directory without articles exits 1 naming it", "[cli]") {
  TempDir dir;
  spit(dir / "in/README.md", "not an article\n");
  spit(dir / "in/.hidden.txt", "France summoned the German ambassador.\n");
  require_build_fails(dir, dir / "in", {dir / "in", "no articles"});
}

TEST_CASE("cli: an empty file exits 1 naming it", "[cli]") {
  TempDir dir;
  spit(dir / "empty.txt", "");
  require_build_fails(dir, dir / "empty.txt", {dir / "empty.txt", "empty"});
  spit(dir / "blank.txt", " \n\t\r\n\xEF\xBB\xBF");
  require_build_fails(dir, dir / "blank.txt", {dir / "blank.txt", "empty"});
}

TEST_CASE("cli: invalid UTF-8 exits 1 with line, column and byte offset", "[cli]") {
  TempDir dir;
  // Line 2: 'a', 'é' (2 bytes), then 0xFF: column 3, byte 6 + 1 + 2 = 9.
  spit(dir / "latin1.txt", "Title\na\xC3\xA9\xFF and more\n");
  require_build_fails(dir, dir / "latin1.txt", {dir / "latin1.txt:2:3 (byte 9)", "invalid UTF-8", "0xFF"});
  // A truncated sequence at the very end of the file.
  spit(dir / "cut.txt", "Title\n\nSome text \xE2\x82");
  require_build_fails(dir, dir / "cut.txt", {dir / "cut.txt:3:11 (byte 17)", "invalid UTF-8"});
}

TEST_CASE("cli: a NUL byte exits 1 with its position", "[cli]") {
  TempDir dir;
  spit(dir / "binary.txt", std::string("Title\nab\0cd\n", 12));
  require_build_fails(dir, dir / "binary.txt", {dir / "binary.txt:2:3 (byte 8)", "NUL"});
}

TEST_CASE("cli: a JSONL file whose only line is not JSON exits 1 naming file and line", "[cli]") {
  TempDir dir;
  spit(dir / "bad.jsonl", "{\"id\": \"a\", \"text\": oops}\n");
  require_build_fails(dir, dir / "bad.jsonl", {dir / "bad.jsonl:1:", "not valid JSON"});
}

TEST_CASE("cli: a failed build leaves an existing output file intact", "[cli]") {
  TempDir dir;
  spit(dir / "bad.txt", "Title\n\xC0\xAF\n");
  spit(dir / "out/out.ttl", "old");
  const Result r = newsgraph({"build", dir / "bad.txt", "-o", dir / "out/out.ttl"});
  require_clean_failure(r, dir / "out", {"out.ttl"}, {"bad.txt:2:1", "overlong"});
  CHECK(slurp(dir / "out/out.ttl") == "old");
}

// ===========================================================================
// Keep going: a bad article among good ones is skipped and reported

TEST_CASE("cli: a directory with a good and a bad article skips the bad one", "[cli]") {
  TempDir dir;
  spit(dir / "in/good.txt", tiny_article(1));
  spit(dir / "in/bad.txt", "Title\n\nFrance \xFF summoned the ambassador.\n");
  spit(dir / "out/old.ttl", "old");

  const Result r = newsgraph({"build", dir / "in", "-o", dir / "out/g.ttl"});
  INFO(r.describe());
  CHECK(r.code == 0);
  CHECK(read_and_skipped(r.err) == "1 articles read, 1 skipped");
  CHECK(contains(r.err, "skipped: " + dir / "in/bad.txt:3:8 (byte 14): invalid UTF-8"));
  REQUIRE(fs::exists(dir / "out/g.ttl"));
  CHECK(serdi_triples(dir / "out/g.ttl", "turtle") > 0);
  CHECK(contains(slurp(dir / "out/g.ttl"), "\"good\""));
  CHECK(!contains(slurp(dir / "out/g.ttl"), "\"bad\""));

  SECTION("--strict stops at the bad article: exit 1, nothing written") {
    const Result strict = newsgraph({"build", "--strict", dir / "in", "-o", dir / "out/s.ttl"});
    INFO(strict.describe());
    CHECK(strict.code == 1);
    CHECK(contains(strict.err, dir / "in/bad.txt:3:8"));
    CHECK(joined(listing(dir / "out")) == "g.ttl old.ttl");
  }
}

// ===========================================================================
// The whole output: golden file, determinism, every syntax parses

TEST_CASE("cli: build samples/ matches tests/golden/samples.ttl byte for byte", "[cli]") {
  const std::string hint =
      "The graph built from samples/ is not tests/golden/samples.ttl. If the change is intended, run\n"
      "  make -f Makefile.dev golden\n"
      "then review 'git diff tests/golden/' and commit it with the change.";
  INFO(hint);
  REQUIRE(fs::exists(kGolden));
  TempDir dir;
  const Result r = newsgraph({"build", "-q", kSamples + "/", "-o", dir / "samples.ttl"});
  INFO(r.describe());
  REQUIRE(r.code == 0);
  const std::string actual = slurp(dir / "samples.ttl");
  const std::string expected = slurp(kGolden);
  if (actual != expected) {
    // Point at the first line that differs rather than dumping both graphs.
    std::istringstream a(actual), e(expected);
    std::string la, le;
    std::size_t line = 0;
    while (true) {
      ++line;
      const bool more_a = static_cast<bool>(std::getline(a, la));
      const bool more_e = static_cast<bool>(std::getline(e, le));
      if (!more_a || !more_e || la != le) {
        FAIL("first difference at line " << line << "\n  golden: " << (more_e ? le : "(end of file)")
                                         << "\n  built:  " << (more_a ? la : "(end of file)"));
      }
    }
  }
  SUCCEED("identical to the golden file");
}

TEST_CASE("cli: two runs give byte-identical output, on any number of threads", "[cli]") {
  TempDir dir;
  const Result first = newsgraph({"build", "-q", kSamples, "-o", dir / "1.ttl"});
  const Result second = newsgraph({"build", "-q", kSamples, "-o", dir / "2.ttl"});
  const Result threads = newsgraph({"build", "-q", "-j", "2", kSamples, "-o", dir / "j2.ttl"});
  INFO(first.describe() << second.describe() << threads.describe());
  REQUIRE(first.code == 0);
  REQUIRE(second.code == 0);
  REQUIRE(threads.code == 0);
  const std::string one = slurp(dir / "1.ttl");
  CHECK(one.size() > 1000);
  CHECK(one == slurp(dir / "2.ttl"));
  CHECK(one == slurp(dir / "j2.ttl"));
}

TEST_CASE("cli: all four formats parse with serdi and rapper and hold the same triples", "[cli]") {
  TempDir dir;
  std::vector<long> counts;
  for (const std::string format : {"turtle", "ntriples", "nquads", "trig"}) {
    const std::string out = dir / ("g." + format);
    const Result r = newsgraph({"build", "-q", kSamples, "--format", format, "-o", out});
    INFO(format << ": " << r.describe());
    REQUIRE(r.code == 0);
    counts.push_back(serdi_triples(out, format));
    require_rapper_accepts(out, format);
  }
  CAPTURE(counts);
  CHECK(counts[0] > 100);
  CHECK(std::adjacent_find(counts.begin(), counts.end(), std::not_equal_to<>()) == counts.end());
}

TEST_CASE("cli: the format follows the -o extension", "[cli]") {
  TempDir dir;
  for (const std::string ext : {"nt", "nq", "trig", "ttl"}) {
    const Result r = newsgraph({"build", "-q", kSamples, "-o", dir / ("g." + ext)});
    INFO(ext << ": " << r.describe());
    REQUIRE(r.code == 0);
  }
  const std::string nt = slurp(dir / "g.nt");
  CHECK(nt.rfind("<", 0) == 0);  // N-Triples: no prefixes, a full IRI first
  CHECK(!contains(nt, "@prefix"));
  CHECK(contains(slurp(dir / "g.ttl"), "@prefix"));
  CHECK(serdi_triples(dir / "g.nt", "ntriples") == serdi_triples(dir / "g.ttl", "turtle"));
  CHECK(serdi_triples(dir / "g.nq", "nquads") == serdi_triples(dir / "g.trig", "trig"));
}

// ===========================================================================
// Standard output and standard input

TEST_CASE("cli: without -o the graph goes to standard output", "[cli]") {
  TempDir dir;
  const Result to_file = newsgraph({"build", "-q", kSamples, "-o", dir / "g.ttl"});
  const Result to_stdout = newsgraph({"build", "-q", kSamples});
  INFO(to_file.describe() << to_stdout.describe());
  REQUIRE(to_file.code == 0);
  REQUIRE(to_stdout.code == 0);
  CHECK(!to_stdout.out.empty());
  CHECK(to_stdout.out == slurp(dir / "g.ttl"));
  CHECK(listing(dir.path()) == std::vector<std::string>{"g.ttl"});
}

TEST_CASE("cli: a write error on standard output exits 1", "[cli]") {
  RunOptions full;
  full.stdout_path = "/dev/full";
  const Result r = newsgraph({"build", "-q", kSamples}, full);
  INFO(r.describe());
  CHECK(r.code == 1);
  CHECK(contains(r.err, "standard output"));
}

TEST_CASE("cli: - reads a plain-text article from standard input", "[cli]") {
  RunOptions in;
  in.stdin_data = slurp(kSamples + "/000_445b1c674ea00d29.txt");
  const Result r = newsgraph({"build", "-"}, in);
  INFO(r.describe());
  CHECK(r.code == 0);
  CHECK(read_and_skipped(r.err) == "1 articles read, 0 skipped");
  CHECK(contains(r.out, "\"stdin\""));
  CHECK(contains(r.out, "ng:Article"));
}

TEST_CASE("cli: - reads JSONL from standard input", "[cli]") {
  RunOptions in;
  in.stdin_data =
      "{\"id\": \"first-report\", \"text\": \"France summoned the German ambassador on Monday.\", \"date\": "
      "\"2024-06-03\"}\n"
      "{\"id\": \"second-report\", \"text\": \"Germany recalled its ambassador to France.\"}\n";
  const Result r = newsgraph({"build", "-"}, in);
  INFO(r.describe());
  CHECK(r.code == 0);
  CHECK(read_and_skipped(r.err) == "2 articles read, 0 skipped");
  CHECK(contains(r.out, "\"first-report\""));
  CHECK(contains(r.out, "\"second-report\""));
}

// ===========================================================================
// Robustness: odd but valid input is read, bad records are reported (issue 7)

TEST_CASE("cli: CRLF, lone CR and a BOM give the same graph as LF", "[cli]") {
  TempDir dir;
  const std::string lf = slurp(kSamples + "/001_fb16dfd7be3f0a96.txt");
  std::string crlf, cr;
  for (const char c : lf) {
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    cr += c == '\n' ? '\r' : c;
  }
  spit(dir / "lf/a.txt", lf);
  spit(dir / "crlf/a.txt", crlf);
  spit(dir / "cr/a.txt", cr);
  spit(dir / "bom/a.txt", "\xEF\xBB\xBF" + lf);
  std::string reference;
  for (const std::string variant : {"lf", "crlf", "cr", "bom"}) {
    const Result r = newsgraph({"build", "-q", dir / (variant + "/a.txt")});
    INFO(variant << ": " << r.describe());
    REQUIRE(r.code == 0);
    if (variant == "lf") {
      reference = r.out;
      CHECK(reference.size() > 1000);
    } else {
      CHECK(r.out == reference);
    }
  }
}

TEST_CASE("cli: a 2 MB single line is read", "[cli]") {
  TempDir dir;
  std::string line = "A very long dispatch";
  for (int i = 0; line.size() < (2u << 20); ++i) {
    line +=
        " France summoned the German ambassador on Monday over incident number " + std::to_string(i) + ".";
  }
  spit(dir / "long.txt", line);  // no line break at all
  const Result r = newsgraph({"build", dir / "long.txt", "-o", dir / "g.nt"});
  INFO(r.describe());
  CHECK(r.code == 0);
  CHECK(read_and_skipped(r.err) == "1 articles read, 0 skipped");
  CHECK(serdi_triples(dir / "g.nt", "ntriples") > 0);
}

// AddressSanitizer reserves terabytes of address space: no ulimit -v under it.
#ifndef __SANITIZE_ADDRESS__
TEST_CASE("cli: an input file larger than the address-space limit is refused with its name", "[cli]") {
  TempDir dir;
  // 2 GB, sparse: no disk is used and nothing is read, it cannot even be mapped.
  spit(dir / "in/big.txt", "");
  std::filesystem::resize_file(dir / "in/big.txt", std::uintmax_t{2} << 30);
  spit(dir / "in/small.txt", "France summoned the German ambassador on Monday.\n");
  RunOptions limited;
  limited.address_space_limit = rlim_t{1} << 30;
  SECTION("named as an input: exit 1") {
    const Result r = newsgraph({"build", dir / "in/big.txt", "-o", dir / "g.nt"}, limited);
    INFO(r.describe());
    CHECK(r.code == 1);
    CHECK(contains(r.err, dir / "in/big.txt"));
    CHECK(contains(r.err, "2147483648 bytes do not fit in the memory this process may use"));
  }
  SECTION("in a directory: skipped, the others read") {
    const Result r = newsgraph({"build", dir / "in", "-o", dir / "g.nt"}, limited);
    INFO(r.describe());
    CHECK(r.code == 0);
    CHECK(read_and_skipped(r.err) == "1 articles read, 1 skipped");
    CHECK(contains(r.err, "skipped: " + (dir / "in/big.txt")));
  }
}
#endif

TEST_CASE("cli: deeply nested and unbalanced quotes give a graph in proportion to the text", "[cli]") {
  TempDir dir;
  std::string nested = "Nested quotes\n\n";
  for (int i = 0; i < 1000; ++i) nested += "The minister said \"";
  nested += "enough";
  nested += std::string(1000, '"') + ".\n";
  nested += std::string(3000, '"') + "x" + std::string(3000, '"') + "\n";
  for (int i = 0; i < 1000; ++i) nested += "\"He said \"";
  nested += "\n";
  spit(dir / "quotes.txt", nested);
  RunOptions bounded;
  // 45 kB of text is well under a second of work when it grows linearly
  // with the text (a few seconds under sanitizers); a minute means a blow-up.
  bounded.timeout = std::chrono::seconds(60);
  const Result r = newsgraph({"build", dir / "quotes.txt", "-o", dir / "g.ttl"}, bounded);
  INFO(r.describe());
  CHECK(!r.timed_out);
  REQUIRE(r.code == 0);
  CHECK(serdi_triples(dir / "g.ttl", "turtle") > 0);
  require_rapper_accepts(dir / "g.ttl", "turtle");
  // Output that grows with the square of the input (a long sentence copied
  // into every fact found in it) turns kilobytes of text into gigabytes.
  const auto graph_size = fs::file_size(dir / "g.ttl");
  INFO("input " << nested.size() << " bytes, graph " << graph_size << " bytes");
  CHECK(graph_size < 100 * nested.size());
}

TEST_CASE("cli: right-to-left text and combining characters survive intact", "[cli]") {
  TempDir dir;
  // "José Martínez" with combining acute accents (NFD), Arabic and Hebrew
  // sentences, and the bidi marks RLM/LRM around a word.
  const std::string nfd_name = "Jose\xCC\x81 Marti\xCC\x81nez";
  const std::string text =
      "Talks in Cairo\n\n"
      "Foreign Minister " +
      nfd_name +
      " of Spain met Egyptian officials on Monday.\n"
      "\xD9\x82\xD8\xA7\xD9\x84 \xD8\xA7\xD9\x84\xD9\x88\xD8\xB2\xD9\x8A\xD8\xB1 \xD8\xA5\xD9\x86 "
      "\xD8\xA7\xD9\x84\xD9\x85\xD8\xAD\xD8\xA7\xD8\xAF\xD8\xAB\xD8\xA7\xD8\xAA "
      "\xD8\xA8\xD9\x86\xD8\xA7\xD8\xA1\xD8\xA9.\n"
      "\xE2\x80\x8F\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D\xE2\x80\x8E Spain summoned the Egyptian ambassador.\n" +
      nfd_name +
      " said: \"We are concerned about the situation, \xD8\xA7\xD9\x84\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85.\"\n";
  spit(dir / "rtl.txt", text);
  const Result r = newsgraph({"build", dir / "rtl.txt", "-o", dir / "g.ttl"});
  INFO(r.describe());
  REQUIRE(r.code == 0);
  const std::string graph = slurp(dir / "g.ttl");
  CHECK(valid_utf8(graph));
  CHECK(contains(graph, nfd_name));  // the name exactly as written, marks included
  CHECK(serdi_triples(dir / "g.ttl", "turtle") > 0);
  require_rapper_accepts(dir / "g.ttl", "turtle");
  // IRIs are ASCII slugs: the combining marks fold away like precomposed
  // accents, never as a hex code ("joseu301...").
  CHECK(!contains(graph, "u301"));
}

TEST_CASE("cli: a name written with combining accents is the same person as precomposed", "[cli]") {
  TempDir dir;
  spit(dir / "in/a.txt",
       "Talks\n\nForeign Minister Jos\xC3\xA9 Mart\xC3\xADnez of Spain met Egyptian officials.\n");
  spit(dir / "in/b.txt",
       "Talks\n\nForeign Minister Jose\xCC\x81 Marti\xCC\x81nez of Spain met Egyptian officials.\n");
  const Result r = newsgraph({"build", dir / "in", "-o", dir / "g.nt"});
  INFO(r.describe());
  REQUIRE(r.code == 0);
  const std::string nt = slurp(dir / "g.nt");
  std::size_t persons = 0;
  for (std::size_t at = 0;
       (at = nt.find("<https://w3id.org/newsgraph/ontology#Person> .", at)) != std::string::npos; ++at)
    ++persons;
  CAPTURE(nt.substr(0, 3000));
  CHECK(persons == 1);
}

TEST_CASE("cli: 2000 tiny files in a directory are all read", "[cli]") {
  TempDir dir;
  for (int i = 0; i < 2000; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "in/a%04d.txt", i);
    spit(dir / name, tiny_article(i));
  }
  const Result r = newsgraph({"build", dir / "in", "-o", dir / "g.ttl"});
  INFO(r.describe());
  CHECK(r.code == 0);
  CHECK(read_and_skipped(r.err) == "2000 articles read, 0 skipped");
  CHECK(serdi_triples(dir / "g.ttl", "turtle") > 2000);
}

TEST_CASE("cli: an empty JSONL line is passed over silently", "[cli]") {
  TempDir dir;
  spit(dir / "a.jsonl",
       "{\"id\": \"a\", \"text\": \"France summoned the German ambassador.\"}\n\n   \r\n"
       "{\"id\": \"b\", \"text\": \"Germany recalled its ambassador.\"}\n\n");
  const Result r = newsgraph({"build", dir / "a.jsonl"});
  INFO(r.describe());
  CHECK(r.code == 0);
  CHECK(read_and_skipped(r.err) == "2 articles read, 0 skipped");
  CHECK(!contains(r.err, "skipped:"));
}

TEST_CASE("cli: a duplicate JSONL id skips the second record with its line", "[cli]") {
  TempDir dir;
  spit(dir / "a.jsonl",
       "{\"id\": \"a\", \"text\": \"France summoned the German ambassador.\"}\n"
       "{\"id\": \"b\", \"text\": \"Germany recalled its ambassador.\"}\n"
       "{\"id\": \"a\", \"text\": \"Spain expelled a diplomat.\"}\n");
  const Result r = newsgraph({"build", dir / "a.jsonl", "-o", dir / "g.ttl"});
  INFO(r.describe());
  CHECK(r.code == 0);
  CHECK(read_and_skipped(r.err) == "2 articles read, 1 skipped");
  CHECK(contains(r.err, "skipped: " + dir / "a.jsonl:3: duplicate id \"a\""));
  CHECK(contains(r.err, dir / "a.jsonl:1"));  // where the first one was
  CHECK(!contains(slurp(dir / "g.ttl"), "expelled"));
}

TEST_CASE("cli: distinct article ids give distinct article nodes", "[cli]") {
  TempDir dir;
  // Unique as written, alike once folded into an IRI ("a-b").
  spit(dir / "a.jsonl",
       "{\"id\": \"a b\", \"text\": \"France summoned the German ambassador on Monday.\"}\n"
       "{\"id\": \"A-B\", \"text\": \"Germany summoned the French ambassador on Tuesday.\"}\n"
       "{\"id\": \"a\\u0000b\", \"text\": \"Spain summoned the Italian ambassador on Friday.\"}\n");
  const Result r = newsgraph({"build", dir / "a.jsonl", "-o", dir / "g.nt"});
  INFO(r.describe());
  REQUIRE(r.code == 0);
  CHECK(read_and_skipped(r.err) == "3 articles read, 0 skipped");
  // Each article node carries exactly one identifier.
  std::map<std::string, int> identifiers;
  std::istringstream lines(slurp(dir / "g.nt"));
  for (std::string line; std::getline(lines, line);) {
    if (contains(line, "<http://purl.org/dc/terms/identifier>"))
      ++identifiers[line.substr(0, line.find(' '))];
  }
  CHECK(identifiers.size() == 3);
  for (const auto& [node, count] : identifiers) {
    INFO(node);
    CHECK(count == 1);
  }
}

TEST_CASE("cli: a JSONL record without text or with a field of the wrong type is skipped", "[cli]") {
  TempDir dir;
  spit(dir / "a.jsonl",
       "{\"id\": \"good\", \"text\": \"France summoned the German ambassador.\"}\n"
       "{\"id\": \"no-text\", \"title\": \"Nothing\"}\n"
       "{\"id\": \"number\", \"text\": 42}\n"
       "{\"id\": [\"x\"], \"text\": \"An array for an id.\"}\n"
       "{\"id\": \"bad-date\", \"text\": \"A date that is not one.\", \"date\": \"June\"}\n"
       "[\"not\", \"an\", \"object\"]\n");
  const Result r = newsgraph({"build", dir / "a.jsonl"});
  INFO(r.describe());
  CHECK(r.code == 0);
  CHECK(read_and_skipped(r.err) == "1 articles read, 5 skipped");
  CHECK(contains(r.err, dir / "a.jsonl:2: missing \"text\""));
  CHECK(contains(r.err, dir / "a.jsonl:3: \"text\" must be a string, not number"));
  CHECK(contains(r.err, dir / "a.jsonl:4: \"id\" must be a string, not array"));
  CHECK(contains(r.err, dir / "a.jsonl:5: invalid \"date\""));
  CHECK(contains(r.err, dir / "a.jsonl:6: not a JSON object"));

  SECTION("--strict stops at the first of them") {
    const Result strict = newsgraph({"build", "--strict", dir / "a.jsonl"});
    INFO(strict.describe());
    CHECK(strict.code == 1);
    CHECK(contains(strict.err, dir / "a.jsonl:2: missing \"text\""));
    CHECK(strict.out.empty());
  }
}

TEST_CASE("cli: a malformed SPARQL query exits 1 with its position, never crashes", "[cli]") {
  TempDir dir;
  spit(dir / "g.nt", "<urn:x:a> <urn:x:b> <urn:x:c> .\n");
  // Found by fuzz/query_fuzz: a typed literal cut off after ^^ once read past
  // the end of the tokens.
  for (const std::string query : {"SELECT{''^^", "SELECT * WHERE { ?s ?p 'x'^^", "ASK { ?s ?p \"x\"^^",
                                  "SELECT {", "SELECT * WHERE { ?s ?p ?o } ORDER", "SELECT{''@"}) {
    const Result r = newsgraph({"query", "--sparql", query, dir / "g.nt"});
    INFO("query: " << query << "\n" << r.describe());
    CHECK(r.signal == 0);
    CHECK(r.code == 1);
    CHECK(contains(r.err, "newsgraph: error: --sparql:1"));
  }
}

// ===========================================================================
// Output that is whole or absent, whatever happens while writing it

TEST_CASE("cli: SIGTERM mid-run leaves no partial output and no temp file", "[cli]") {
  TempDir dir;
  // Enough articles that the run lasts well past the moment we kill it.
  std::vector<std::string> samples;
  for (const auto& e : fs::directory_iterator(kSamples)) samples.push_back(slurp(e.path().string()));
  REQUIRE(!samples.empty());
  for (int i = 0; i < 1500; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "in/a%04d.txt", i);
    spit(dir / name, samples[static_cast<std::size_t>(i) % samples.size()]);
  }
  spit(dir / "out/g.ttl", "old");

  Child child({kBinary, "build", dir / "in", "-o", dir / "out/g.ttl"}, RunOptions{});
  // Wait for the temp file: the run has started writing.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool writing = false;
  while (!writing && std::chrono::steady_clock::now() < give_up) {
    writing = listing(dir / "out").size() > 1;
    if (!writing) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  REQUIRE(writing);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  REQUIRE(::kill(child.pid(), SIGTERM) == 0);
  const Result r = child.wait();
  INFO(r.describe());
  CHECK(r.signal == SIGTERM);  // it was still running, and it ended as the signal says
  CHECK(joined(listing(dir / "out")) == "g.ttl");
  CHECK(slurp(dir / "out/g.ttl") == "old");
}

TEST_CASE("cli: a read-only output directory exits 1 with a message", "[cli]") {
  TempDir dir;
  ::chmod(dir.path().c_str(), 0755);  // nobody may enter it, to read the input
  spit(dir / "a.txt", tiny_article(1));
  ::chmod((dir / "a.txt").c_str(), 0644);
  spit(dir / "ro/g.ttl", "old");
  ::chmod((dir / "ro/g.ttl").c_str(), 0644);
  REQUIRE(::chmod((dir / "ro").c_str(), 0555) == 0);
  RunOptions options;
  options.unprivileged = true;  // root writes anywhere: run as nobody
  std::vector<std::string> argv = {kBinary, "build", dir / "a.txt", "-o", dir / "ro/g.ttl"};
  if (::geteuid() == 0) {
    // nobody may not reach the build tree (a clone under /root): run copies of
    // the binary and its data from here.
    fs::create_directories(dir / "home");
    fs::copy(kSourceDir + "/data", dir / "home/data", fs::copy_options::recursive);
    fs::copy_file(kBinary, dir / "newsgraph");
    for (const auto& e : fs::recursive_directory_iterator(dir / "home")) {
      fs::permissions(e.path(), e.is_directory() ? fs::perms(0755) : fs::perms(0644));
    }
    fs::permissions(dir / "home", fs::perms(0755));
    fs::permissions(dir / "newsgraph", fs::perms(0755));
    argv = {dir / "newsgraph", "build", "--data-dir", dir / "home", dir / "a.txt", "-o", dir / "ro/g.ttl"};
  }
  const Result r = run_program(argv, options);
  INFO(r.describe());
  CHECK(r.code == 1);
  CHECK(contains(r.err, dir / "ro/g.ttl"));
  CHECK(contains(r.err, "Permission denied"));
  CHECK(joined(listing(dir / "ro")) == "g.ttl");
  CHECK(slurp(dir / "ro/g.ttl") == "old");
}

TEST_CASE("cli: an output directory that does not exist exits 1 with a message", "[cli]") {
  TempDir dir;
  const Result r = newsgraph({"build", kSamples, "-o", dir / "missing/g.ttl"});
  INFO(r.describe());
  CHECK(r.code == 1);
  CHECK(contains(r.err, dir / "missing/g.ttl"));
  CHECK(contains(r.err, "No such file or directory"));
  CHECK(listing(dir.path()).empty());
}

TEST_CASE("cli: a file size limit that stops the write exits 1 and keeps the old output", "[cli]") {
  TempDir dir;
  spit(dir / "out/g.ttl", "old");
  RunOptions limited;
  limited.file_size_limit = 4096;  // the graph of samples/ is far larger
  SECTION("SIGXFSZ ignored, as by the shell") { limited.ignore_sigxfsz = true; }
  SECTION("SIGXFSZ at its default (it would kill the process)") { limited.ignore_sigxfsz = false; }
  const Result r = newsgraph({"build", kSamples, "-o", dir / "out/g.ttl"}, limited);
  INFO(r.describe());
  CHECK(r.code == 1);
  CHECK(contains(r.err, "File too large"));
  CHECK(contains(r.err, dir / "out/g.ttl"));
  CHECK(joined(listing(dir / "out")) == "g.ttl");
  CHECK(slurp(dir / "out/g.ttl") == "old");
}
