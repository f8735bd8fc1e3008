#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

using namespace newsgraph;

TEST_CASE("util: slugify keeps letters and digits and folds the rest", "[util]") {
  CHECK(slugify("Kim Jong Un") == "kim-jong-un");
  CHECK(slugify("Kim Jong-un") == "kim-jong-un");
  CHECK(slugify("  --Hello,  World!! ") == "hello-world");
  CHECK(slugify("Ren\xC3\xA9 M\xC3\xBCller") == "rene-muller");
  CHECK(slugify("O'Brien") == "obrien");
  CHECK(slugify("") == "x");
  CHECK(slugify("\xE9\x87\x91") == "u91d1");   // a CJK character becomes a stable code
  CHECK(slugify("\xFF\xFE") == "udcffudcfe");  // invalid bytes never leak into an IRI
}

TEST_CASE("util: fold_key equates spelling variants of one name", "[util]") {
  CHECK(fold_key("Kim Hong-kyun") == fold_key("Kim Hong Kyun"));
  CHECK(fold_key("Kim Yo-jong") == fold_key("Kim Yo Jong"));
  CHECK(fold_key("Kim Jong Un") != fold_key("Kim Yo Jong"));
}

TEST_CASE("util: trim and split", "[util]") {
  CHECK(trim("  a b \n") == "a b");
  CHECK(trim(" \t ").empty());
  const auto parts = split("a\tb\t\tc", '\t');
  REQUIRE(parts.size() == 4);
  CHECK(parts[2].empty());
  CHECK(parts[3] == "c");
}

TEST_CASE("util: xml_escaped writes the four characters XML text and attributes need as entities", "[util]") {
  CHECK(xml_escaped("") == "");
  CHECK(xml_escaped("a < b && c > \"d\" 'e' caf\xC3\xA9") ==
        "a &lt; b &amp;&amp; c &gt; &quot;d&quot; 'e' caf\xC3\xA9");
}

TEST_CASE("util: error messages name file, line and column", "[util]") {
  const InputError e(Location{"a.jsonl", 3, 7}, "not JSON");
  CHECK(std::string(e.what()) == "a.jsonl:3:7: not JSON");
  Location offset{"x.txt", 2, 0, 41, true};
  CHECK(format_location(offset) == "x.txt:2 (byte 41)");
}

namespace {
std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
std::string temp_dir() {
  char tmpl[] = "/tmp/newsgraph-util-XXXXXX";
  return ::mkdtemp(tmpl);
}
}  // namespace

TEST_CASE("util: AtomicFile replaces the target only on commit", "[util]") {
  const std::string dir = temp_dir();
  const std::string target = dir + "/out.ttl";
  { std::ofstream(target) << "old"; }
  {
    AtomicFile f(target);
    std::fputs("half", f.stream());
    // destroyed without commit: as if an error happened mid-write
  }
  CHECK(slurp(target) == "old");
  {
    AtomicFile f(target);
    std::fputs("new", f.stream());
    f.commit();
  }
  CHECK(slurp(target) == "new");
  std::remove(target.c_str());
  ::rmdir(dir.c_str());
}

// Regression: `-o /dev/null` run as root renamed a temp file over /dev/null,
// leaving a plain file that every later process wrote into.
TEST_CASE("util: AtomicFile writes a device or a FIFO in place, never replacing it", "[util]") {
  {
    AtomicFile f("/dev/null");
    std::fputs("discarded", f.stream());
    f.commit();
  }
  struct stat st {};
  REQUIRE(::stat("/dev/null", &st) == 0);
  CHECK(S_ISCHR(st.st_mode));

  const std::string dir = temp_dir();
  const std::string fifo = dir + "/pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string received;
  std::thread reader([&] { received = slurp(fifo); });
  {
    AtomicFile f(fifo);
    std::fputs("through the pipe", f.stream());
    f.commit();
  }
  reader.join();
  CHECK(received == "through the pipe");
  REQUIRE(::lstat(fifo.c_str(), &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));
  std::remove(fifo.c_str());
  ::rmdir(dir.c_str());
}

TEST_CASE("util: AtomicFile through a symlink replaces the file it points to", "[util]") {
  const std::string dir = temp_dir();
  const std::string file = dir + "/real.ttl";
  const std::string link = dir + "/link.ttl";
  { std::ofstream(file) << "old"; }
  REQUIRE(::symlink("real.ttl", link.c_str()) == 0);
  {
    AtomicFile f(link);
    std::fputs("new", f.stream());
    f.commit();
  }
  struct stat st {};
  REQUIRE(::lstat(link.c_str(), &st) == 0);
  CHECK(S_ISLNK(st.st_mode));
  CHECK(slurp(file) == "new");
  std::remove(link.c_str());
  std::remove(file.c_str());
  ::rmdir(dir.c_str());
}

TEST_CASE("util: AtomicFile reports an unwritable directory", "[util]") {
  CHECK_THROWS_AS(AtomicFile("/nonexistent-dir/out.ttl"), InputError);
}

TEST_CASE("util: run_process reports the exit code, a signal and a missing program", "[util]") {
  const std::string dir = temp_dir();
  const std::string out = dir + "/out";
  const std::string err = dir + "/err";
  CHECK(run_process({"sh", "-c", "echo said; echo warned >&2; exit 3"}, out, err).exit_code == 3);
  CHECK(slurp(out) == "said\n");
  CHECK(slurp(err) == "warned\n");
  CHECK(run_process({"sh", "-c", "kill -TERM $$"}, out, err).exit_code == 128 + 15);
  const ProcessResult missing = run_process({"newsgraph-no-such-program"}, out, err);
  CHECK(missing.not_found);
  CHECK(missing.exit_code == 127);
  CHECK_THROWS_AS(run_process({}, out, err), InputError);
  std::remove(out.c_str());
  std::remove(err.c_str());
  ::rmdir(dir.c_str());
}

TEST_CASE("util: run_process connects the child to descriptors of ours", "[util]") {
  std::FILE* in = std::tmpfile();
  std::FILE* out = std::tmpfile();
  REQUIRE(in != nullptr);
  REQUIRE(out != nullptr);
  std::fputs("from a file\n", in);
  std::fflush(in);
  std::rewind(in);
  ChildStreams streams;
  streams.in = ChildStream::descriptor(::fileno(in));
  streams.out = ChildStream::descriptor(::fileno(out));
  CHECK(run_process({"cat"}, streams).exit_code == 0);
  std::rewind(out);
  char buf[64] = {};
  CHECK(std::string(buf, std::fread(buf, 1, sizeof buf, out)) == "from a file\n");
  // Standard input defaults to /dev/null: the child reads end of file at once.
  CHECK(run_process({"cat"}, ChildStreams{}).exit_code == 0);
  std::fclose(in);
  std::fclose(out);
}

TEST_CASE("util: append_utf8 writes one to four bytes", "[util]") {
  std::string out;
  for (const char32_t c : {U'A', U'\u00E9', U'\u20AC', U'\U0001F600'}) append_utf8(out, c);
  CHECK(out == "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
}
