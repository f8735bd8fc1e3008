#include <catch2/catch.hpp>

#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "text/article_reader.hpp"
#include "text/dates.hpp"
#include "text/json_record.hpp"
#include "text/sentences.hpp"
#include "text/utf8.hpp"
#include "util/error.hpp"
#include "util/paths.hpp"

using namespace newsgraph;

namespace {

// A directory under /tmp for one test, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/newsgraph-text-XXXXXX";
    path_ = ::mkdtemp(pattern);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `content` to path()/relative (creating directories) and returns the full path.
  std::string write(const std::string& relative, const std::string& content) const {
    const std::filesystem::path full = std::filesystem::path(path_) / relative;
    std::filesystem::create_directories(full.parent_path());
    std::ofstream(full, std::ios::binary) << content;
    return full.string();
  }
  std::string path(const std::string& relative = "") const {
    return relative.empty() ? path_ : path_ + "/" + relative;
  }

 private:
  std::string path_;
};

std::string normalised(std::string_view raw) { return normalise_text(raw, "t.txt").text; }

// The InputError `f` throws (fails the test when it throws nothing).
template <typename F>
InputError input_error(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e;
  }
  FAIL("expected an InputError");
  return InputError("unreachable");
}

std::vector<std::string> sentence_texts(const SentenceSplitter& splitter, std::string_view text) {
  std::vector<std::string> out;
  for (const Sentence& s : splitter.split(text))
    out.emplace_back(text.substr(s.span.begin, s.span.end - s.span.begin));
  return out;
}

const SentenceSplitter& splitter() {
  static const SentenceSplitter s = SentenceSplitter::from_file(data_path("data/abbreviations.txt"));
  return s;
}

struct Collected {
  std::vector<Article> articles;
  ReadReport report;
};

Collected read_all(const std::vector<std::string>& inputs, ReadOptions options = {}) {
  Collected c;
  read_articles(
      inputs, options, [&](Article&& a) { c.articles.push_back(std::move(a)); }, c.report);
  return c;
}

std::vector<std::string> ids(const Collected& c) {
  std::vector<std::string> out;
  for (const Article& a : c.articles) out.push_back(a.id);
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------
// utf8

TEST_CASE("text: normalise folds typographic quotes, ellipses and Unicode spaces", "[text]") {
  CHECK(normalised("\xE2\x80\x9CYes,\xE2\x80\x9D she said") == "\"Yes,\" she said");
  CHECK(normalised("\xE2\x80\x9E"
                   "ja\xE2\x80\x9F \xC2\xAB"
                   "oui\xC2\xBB 5\xE2\x80\xB3") == "\"ja\" \"oui\" 5\"");
  CHECK(normalised(
            "the mayor\xE2\x80\x99s \xE2\x80\x98plan\xE2\x80\x99 \xE2\x80\x9Ax\xE2\x80\x9B 3\xE2\x80\xB2") ==
        "the mayor's 'plan' 'x' 3'");
  CHECK(normalised("wait\xE2\x80\xA6 what") == "wait... what");
  CHECK(normalised("10\xC2\xA0km at 9\xE2\x80\xAF"
                   "am,\xE2\x80\x89"
                   "then\xE3\x80\x80go") == "10 km at 9 am, then go");
}

TEST_CASE("text: normalise joins en dashes and spaces em dashes once each side", "[text]") {
  CHECK(normalised("pages 10\xE2\x80\x93"
                   "12 and 3\xE2\x80\x92"
                   "4") == "pages 10-12 and 3-4");
  CHECK(normalised("ready \xE2\x80\x93 or not") == "ready - or not");
  CHECK(normalised("ready\xE2\x80\x94or not") == "ready - or not");
  CHECK(normalised("ready  \xE2\x80\x94   or not") == "ready - or not");
  CHECK(normalised("ready\xC2\xA0\xE2\x80\x95\xC2\xA0or not") == "ready - or not");
  CHECK(normalised("end\xE2\x80\x94\nnext") == "end -\nnext");
  CHECK(normalised("\xE2\x80\x94quoted") == "- quoted");
  CHECK(normalised("long\xE2\x80\x94\xE2\x80\x94pause") == "long - pause");
  CHECK(normalised("one \xE2\x80\x93two") == "one - two");
}

TEST_CASE("text: normalise drops invisible characters and keeps other scripts", "[text]") {
  CHECK(normalised("co\xC2\xADop\xE2\x80\x8B"
                   "e\xE2\x81\xA0r\xEF\xBB\xBF"
                   "ate") == "cooperate");
  const std::string kept =
      "Caf\xC3\xA9 \xE6\x9D\xB1\xE4\xBA\xAC \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD9\x85\xE2\x80\x8C\xD9\x8A";
  CHECK(normalised(kept) == kept);  // accents, CJK, Hebrew, ZWNJ in Persian script
}

TEST_CASE("text: normalise strips a BOM and turns CRLF and lone CR into LF", "[text]") {
  const NormalisedText n = normalise_text("\xEF\xBB\xBFone\r\ntwo\rthree\n", "t.txt");
  CHECK(n.text == "one\ntwo\nthree\n");
  REQUIRE(n.original_offset.size() == n.text.size() + 1);
  CHECK(n.original_offset[0] == 3);   // 'o' after the BOM
  CHECK(n.original_offset[3] == 6);   // the '\r' of "\r\n"
  CHECK(n.original_offset[4] == 8);   // 't' of "two"
  CHECK(n.original_offset[7] == 11);  // the lone '\r'
  CHECK(n.original_offset.back() == 18);
}

TEST_CASE("text: normalise maps every output byte to its raw byte", "[text]") {
  // "a\u201Cb\u201D \u00E9\u2014c": quotes shrink 3 -> 1, é is kept, the em dash grows spaces.
  const std::string raw =
      "a\xE2\x80\x9C"
      "b\xE2\x80\x9D \xC3\xA9\xE2\x80\x94"
      "c";
  const NormalisedText n = normalise_text(raw, "t.txt");
  CHECK(n.text == "a\"b\" \xC3\xA9 - c");
  const std::vector<std::size_t> expected{0, 1, 4, 5, 8, 9, 10, 11, 11, 11, 14, 15};
  CHECK(n.original_offset.to_vector() == expected);
}

TEST_CASE("text: the offset map of a text copied as it is holds one run, not a number a byte", "[text]") {
  // It was a vector of 8 bytes per byte of text: 4 GB for an article of 500 MB.
  std::string raw;
  for (int i = 0; i < 1000; ++i) raw += "Seoul summoned the ambassador on Friday.\n";
  const NormalisedText plain = normalise_text(raw, "t.txt");
  CHECK(plain.original_offset.size() == raw.size() + 1);
  CHECK(plain.original_offset.runs() == 1);
  CHECK(plain.original_offset[raw.size() / 2] == raw.size() / 2);
  // Each CRLF shortens the text by a byte: a run per line, and one for the end.
  std::string crlf;
  for (int i = 0; i < 1000; ++i) crlf += "Seoul summoned the ambassador on Friday.\r\n";
  const NormalisedText folded = normalise_text(crlf, "t.txt");
  CHECK(folded.text == raw);
  CHECK(folded.original_offset.runs() == 1001);
  CHECK(folded.original_offset[raw.size() - 1] == crlf.size() - 2);  // the last '\n' is the CR
  CHECK(folded.original_offset.back() == crlf.size());
}

TEST_CASE("text: invalid UTF-8 is reported with line, column and byte offset", "[text]") {
  const std::string raw = "first line\nsecond \xC3\xA9t\xC3\xA9 \xC0\xAF here\n";
  const InputError e = input_error([&] { normalise_text(raw, "bad.txt"); });
  CHECK(e.where().file == "bad.txt");
  CHECK(e.where().line == 2);
  CHECK(e.where().column == 12);  // characters: "second été " is 11 of them, 13 bytes
  CHECK(e.where().has_offset);
  CHECK(e.where().byte_offset == 24);
  const std::string message = e.what();
  CHECK(message.find("bad.txt:2:12 (byte 24)") == 0);
  CHECK(message.find("overlong") != std::string::npos);
  CHECK(message.find("0xC0") != std::string::npos);
}

TEST_CASE("text: each kind of ill-formed UTF-8 is rejected at its first byte", "[text]") {
  struct Case {
    std::string raw;
    std::size_t offset;
    const char* reason;
  };
  const std::vector<Case> cases{
      {"ab\xE0\x80\xAF", 2, "overlong"},      // 3-byte overlong '/'
      {"ab\xF0\x80\x80\xAF", 2, "overlong"},  // 4-byte overlong
      {"ab\xED\xA0\x80z", 2, "surrogate"},    // U+D800
      {"ab\xF4\x90\x80\x80", 2, "U+10FFFF"},  // above the last code point
      {"ab\xE2\x80", 2, "truncated"},         // cut at the end
      {"ab\xE2\x80z", 2, "truncated"},        // cut by an ASCII byte
      {"ab\x80z", 2, "continuation"},         // stray continuation byte
      {"ab\xFFz", 2, "never occurs"},
  };
  for (const Case& c : cases) {
    INFO(c.reason);
    const InputError e = input_error([&] { normalise_text(c.raw, "x.txt"); });
    CHECK(e.where().byte_offset == c.offset);
    CHECK(std::string(e.what()).find(c.reason) != std::string::npos);
    REQUIRE(find_text_fault(c.raw).has_value());
    CHECK(find_text_fault(c.raw)->offset == c.offset);
  }
  CHECK_FALSE(find_text_fault("plain \xF0\x9F\x98\x80 text").has_value());
}

TEST_CASE("text: a NUL byte is rejected as a binary file", "[text]") {
  const std::string raw("ok\nab\0cd", 8);
  const InputError e = input_error([&] { normalise_text(raw, "img.txt"); });
  CHECK(e.where().line == 2);
  CHECK(e.where().column == 3);
  CHECK(e.where().byte_offset == 5);
  CHECK(std::string(e.what()).find("binary") != std::string::npos);
}

// ---------------------------------------------------------------------------
// sentences

TEST_CASE("text: sentences end at terminal punctuation before a capital", "[text]") {
  CHECK(sentence_texts(splitter(), "The vote passed. Critics objected! Why now? 12 members left.") ==
        std::vector<std::string>{"The vote passed.", "Critics objected!", "Why now?", "12 members left."});
  CHECK(sentence_texts(splitter(), "It rained. then it stopped.") ==
        std::vector<std::string>{"It rained. then it stopped."});
}

TEST_CASE("text: abbreviations and initials do not end sentences", "[text]") {
  CHECK(sentence_texts(splitter(), "The U.S. Navy sent Gen. Ortiz and Dr. Lee to talks. They agreed.") ==
        std::vector<std::string>{"The U.S. Navy sent Gen. Ortiz and Dr. Lee to talks.", "They agreed."});
  CHECK(sentence_texts(splitter(), "A speech by Mary T. Barnes drew crowds. It ran long.") ==
        std::vector<std::string>{"A speech by Mary T. Barnes drew crowds.", "It ran long."});
  CHECK(sentence_texts(splitter(), "Talks began Sept. 4 in the U.K. Capital cities watched.") ==
        std::vector<std::string>{"Talks began Sept. 4 in the U.K. Capital cities watched."});
  CHECK(sentence_texts(splitter(), "Fruit, nuts, etc. Were sold. E.g. Apples.") ==
        std::vector<std::string>{"Fruit, nuts, etc. Were sold.", "E.g. Apples."});
}

TEST_CASE("text: a.m. and p.m. end a sentence unless a weekday follows", "[text]") {
  CHECK(sentence_texts(splitter(), "The crews met at 10 a.m. Tuesday near the dam. Work resumed.") ==
        std::vector<std::string>{"The crews met at 10 a.m. Tuesday near the dam.", "Work resumed."});
  CHECK(sentence_texts(splitter(), "The shop closed at 9 p.m. The owners left.") ==
        std::vector<std::string>{"The shop closed at 9 p.m.", "The owners left."});
  CHECK(sentence_texts(splitter(), "Polls open at 7 a.m. GMT on the day.") ==
        std::vector<std::string>{"Polls open at 7 a.m. GMT on the day."});
}

TEST_CASE("text: numbers, prices and URLs keep their periods", "[text]") {
  CHECK(sentence_texts(splitter(), "The fence is 3.5 miles long and cost $40.2M in all. Nobody paid.") ==
        std::vector<std::string>{"The fence is 3.5 miles long and cost $40.2M in all.", "Nobody paid."});
  CHECK(sentence_texts(splitter(), "See https://example.org/Report.Final for details.") ==
        std::vector<std::string>{"See https://example.org/Report.Final for details."});
}

TEST_CASE("text: a period glued to the next sentence splits between words", "[text]") {
  CHECK(sentence_texts(splitter(), "He spoke to the council.The members voted.") ==
        std::vector<std::string>{"He spoke to the council.", "The members voted."});
  CHECK(sentence_texts(splitter(), "He told Harbor Times.Rain fell later.") ==
        std::vector<std::string>{"He told Harbor Times.", "Rain fell later."});
  CHECK(sentence_texts(splitter(), "Met Mrs.Tanaka in the U.S.A.Then left.") ==
        std::vector<std::string>{"Met Mrs.Tanaka in the U.S.A.Then left."});
}

TEST_CASE("text: closing quotes stay with the sentence they end", "[text]") {
  CHECK(sentence_texts(splitter(), "She called it \"a grave error.\" Aides disagreed.") ==
        std::vector<std::string>{"She called it \"a grave error.\"", "Aides disagreed."});
  CHECK(sentence_texts(splitter(), "\"Stop now!\" he shouted. \"We will not.\"") ==
        std::vector<std::string>{"\"Stop now!\" he shouted.", "\"We will not.\""});
  CHECK(sentence_texts(splitter(), "(The vote was close.) Counting went on.") ==
        std::vector<std::string>{"(The vote was close.)", "Counting went on."});
}

TEST_CASE("text: line breaks and blank lines end sentences, never empty ones", "[text]") {
  const std::string text =
      "  A headline without a stop\n\nFirst paragraph here.  Second one\n \n\nLast line.  \n";
  const auto spans = splitter().split(text);
  CHECK(sentence_texts(splitter(), text) == std::vector<std::string>{"A headline without a stop",
                                                                     "First paragraph here.", "Second one",
                                                                     "Last line."});
  for (const Sentence& s : spans) CHECK(s.span.begin < s.span.end);
  CHECK(splitter().split("").empty());
  CHECK(splitter().split(" \n\n \t\n").empty());
}

TEST_CASE("text: the splitter takes its abbreviations from the list it is given", "[text]") {
  const SentenceSplitter bare({});
  CHECK(sentence_texts(bare, "Ask Gen. Ortiz.") == std::vector<std::string>{"Ask Gen.", "Ortiz."});
  const SentenceSplitter custom({"Gen.", "hr. time"});
  CHECK(sentence_texts(custom, "Ask Gen. Ortiz.") == std::vector<std::string>{"Ask Gen. Ortiz."});
  CHECK(sentence_texts(custom, "Wait 1 hr. Then go.") == std::vector<std::string>{"Wait 1 hr.", "Then go."});
  CHECK_THROWS_AS(SentenceSplitter({"x. size"}), UsageError);
  CHECK_THROWS_AS(SentenceSplitter::from_file("/nonexistent/abbreviations.txt"), InputError);
}

// ---------------------------------------------------------------------------
// dates

TEST_CASE("text: absolute dates in their common written forms", "[text]") {
  struct Case {
    std::string text;
    std::string matched;
    int year, month, day;
  };
  const std::vector<Case> cases{
      {"on March 3, 2021 at", "March 3, 2021", 2021, 3, 3},
      {"on March 3 2021 at", "March 3 2021", 2021, 3, 3},
      {"on 3 March 2021 at", "3 March 2021", 2021, 3, 3},
      {"on 3rd March, 2021.", "3rd March, 2021", 2021, 3, 3},
      {"Posted Wed, March 3, 2021", "Wed, March 3, 2021", 2021, 3, 3},
      {"Posted Wednesday March 3, 2021", "Wednesday March 3, 2021", 2021, 3, 3},
      {"stamp 2021-03-03T09:00Z", "2021-03-03", 2021, 3, 3},
      {"since March 3.", "March 3", 0, 3, 3},
      {"in March 2021,", "March 2021", 2021, 3, 0},
      {"by Sept. 14, 2019", "Sept. 14, 2019", 2019, 9, 14},
      {"by Oct 1", "Oct 1", 0, 10, 1},
      {"UPDATED MARCH 3, 2021", "MARCH 3, 2021", 2021, 3, 3},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const auto found = find_absolute_dates(c.text);
    REQUIRE(found.size() == 1);
    CHECK(c.text.substr(found[0].span.begin, found[0].span.end - found[0].span.begin) == c.matched);
    CHECK(found[0].year == c.year);
    CHECK(found[0].month == c.month);
    CHECK(found[0].day == c.day);
  }
}

TEST_CASE("text: things that are not dates are not found", "[text]") {
  for (const char* text : {"February 30, 2021", "March 32", "2021-02-29", "may 5", "Mayor 5", "March 3:15 pm",
                           "12.5 March", "2021-13-01", "the March", "20210303"}) {
    INFO(text);
    CHECK(find_absolute_dates(text).empty());
  }
  CHECK(find_absolute_dates("February 29, 2024")[0].day == 29);
  const auto two = find_absolute_dates("from June 1 to July 4, 2020");
  REQUIRE(two.size() == 2);
  CHECK(two[0].year == 0);
  CHECK(two[1].year == 2020);
  // A count after the day is not a year.
  const auto count = find_absolute_dates("On May 2, 1000 people");
  REQUIRE(count.size() == 1);
  CHECK(count[0].year == 0);
}

TEST_CASE("text: ISO dates are real calendar dates", "[text]") {
  CHECK(iso_date(2024, 2, 29) == "2024-02-29");
  CHECK(iso_date(2023, 2, 29).empty());
  CHECK(iso_date(2024, 6, 0).empty());
  CHECK(is_iso_date("2000-02-29"));
  CHECK_FALSE(is_iso_date("1900-02-29"));
  CHECK_FALSE(is_iso_date("2024-6-1"));
  CHECK_FALSE(is_iso_date("2024-06-31"));
  CHECK_FALSE(is_iso_date("2024-06-01x"));
  CHECK(month_number("Sept.") == 9);
  CHECK(month_number("march") == 0);
  CHECK(weekday_number("Thurs") == 4);
}

// ---------------------------------------------------------------------------
// plain articles

TEST_CASE("text: a plain article's headline, byline and dateline", "[text]") {
  const std::string raw =
      "Harbor Council Approves New Sea Wall\n\nBy Ana Ruiz and Tom Bell, Coastal Herald\n\n"
      "Posted 08:15 GMT Tue,\xC2\xA0March 4, 2025\n\nThe council voted on Monday. Work starts in May.\n";
  const Article a = parse_plain_article(raw, "wall", "in/wall.txt");
  CHECK(a.id == "wall");
  CHECK(a.origin == "in/wall.txt");
  CHECK(a.title == "Harbor Council Approves New Sea Wall");
  CHECK(a.author == "Ana Ruiz and Tom Bell");
  CHECK(a.publisher == "Coastal Herald");
  CHECK(a.date == "2025-03-04");
  CHECK(a.text.find("Harbor Council") == 0);  // the header stays in the text
  CHECK(a.original_offset.size() == a.text.size() + 1);
}

TEST_CASE("text: a wire dateline opening the first paragraph dates the article", "[text]") {
  const Article a = parse_plain_article(
      "Harbour strike ends\nROTTERDAM, October 2, 2023 (Agency) \xE2\x80\x94 Dock workers returned on "
      "Monday.\n",
      "dock", "dock.txt");
  CHECK(a.date == "2023-10-02");
  CHECK(a.title == "Harbour strike ends");
  // A date far into the sentence, or one without a year, is no dateline.
  CHECK(parse_plain_article("Talks resume\nThe talks - set for June 3, 2022 - resumed.\n", "t", "t.txt")
            .date.empty());
  CHECK(parse_plain_article("Talks resume\nOSLO, June 3 (Agency) - The talks resumed.\n", "t", "t.txt")
            .date.empty());
}

TEST_CASE("text: a byline first and a date with an empty byline after it", "[text]") {
  const Article a = parse_plain_article(
      "By Lena Vogt, Staff Writer\n\nApril 9, 2023 by Comments Off\n\n"
      "The river rose overnight and the bridge was shut.\n",
      "river", "river.txt");
  CHECK(a.author == "Lena Vogt");
  CHECK(a.publisher.empty());  // a job title is not an outlet
  CHECK(a.date == "2023-04-09");
  CHECK(a.title.empty());
}

TEST_CASE("text: body text gives no title and no guessed date", "[text]") {
  const Article a = parse_plain_article(
      "Officials said on Friday that the port would reopen.\nBy Monday the ships had left, June 3, 2022 "
      "reports said.\n",
      "port", "port.txt");
  CHECK(a.title.empty());
  CHECK(a.author.empty());
  CHECK(a.date.empty());
  const Article b =
      parse_plain_article("A short headline\nthat wraps onto a lowercase body line\n", "b", "b.txt");
  CHECK(b.title == "A short headline");
  CHECK(b.date.empty());
}

TEST_CASE("text: an empty plain article is an error", "[text]") {
  const InputError e = input_error([] { parse_plain_article(" \n\xC2\xA0\r\n", "e", "empty.txt"); });
  CHECK(std::string(e.what()).find("empty.txt: empty article") == 0);
}

// ---------------------------------------------------------------------------
// read_articles

TEST_CASE("text: a directory is read recursively in path order", "[text]") {
  TempDir dir;
  dir.write("b.txt", "Second story text.\n");
  dir.write("a/z.txt", "First story text.\n");
  dir.write("c.jsonl", "{\"id\":\"j1\",\"text\":\"Third.\"}\n\n{\"id\":\"j2\",\"text\":\"Fourth.\"}\n");
  dir.write("notes.md", "ignored");
  dir.write(".hidden.txt", "ignored");
  std::filesystem::create_directory_symlink(dir.path(), dir.path("a/loop"));
  const Collected c = read_all({dir.path()});
  CHECK(ids(c) == std::vector<std::string>{"z", "b", "j1", "j2"});
  CHECK(c.report.read == 4);
  CHECK(c.report.skipped == 0);
  CHECK(c.articles[2].origin == dir.path("c.jsonl") + ":1");
  CHECK(c.articles[3].origin == dir.path("c.jsonl") + ":3");
}

TEST_CASE("text: a directory without articles is an error", "[text]") {
  TempDir dir;
  dir.write("readme.md", "nothing here");
  const InputError e = input_error([&] { read_all({dir.path()}); });
  CHECK(std::string(e.what()).find("no articles") != std::string::npos);
  CHECK(e.where().file == dir.path());
}

TEST_CASE("text: JSONL fields become article fields", "[text]") {
  TempDir dir;
  const std::string file =
      dir.write("feed.jsonl",
                "{\"id\":\"s1\",\"text\":\"\xE2\x80\x9C"
                "Calm,\xE2\x80\x9D he said.\",\"title\":\" Calm\xE2\x80\x99s \","
                "\"date\":\"2022-11-05T10:00:00Z\",\"source\":\"Daily Ledger\",\"url\":\"https://x.test/1\","
                "\"lang\":\"en\"}\r\n");
  const Collected c = read_all({file});
  REQUIRE(c.articles.size() == 1);
  const Article& a = c.articles[0];
  CHECK(a.id == "s1");
  CHECK(a.text == "\"Calm,\" he said.");
  CHECK(a.title == "Calm's");  // folded like the text
  CHECK(a.date == "2022-11-05");
  CHECK(a.publisher == "Daily Ledger");
  CHECK(a.url == "https://x.test/1");
  CHECK(a.origin == file + ":1");
  CHECK(a.original_offset.size() == a.text.size() + 1);
}

TEST_CASE("text: the fast JSONL path reads flat string records and leaves the rest to the parser", "[text]") {
  const auto record = FlatJsonRecord::parse(
      " { \"id\" : \"a\\\"b\\\\c\\/d\" ,\"text\":\"x\\n\\t\\r\\b\\fy\", \"url\": null,"
      "\"t\":\"caf\\u00e9 \\u20AC \\ud83d\\ude00 \xC3\xA9\",\"z\":\"\\u0000\"}\t");
  REQUIRE(record.has_value());
  CHECK(*record->find("id") == "a\"b\\c/d");
  CHECK(*record->find("text") == "x\n\t\r\b\fy");
  CHECK(*record->find("t") == "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xC3\xA9");  // a surrogate pair
  CHECK(*record->find("z") == std::string(1, '\0'));
  CHECK(record->find("url") == nullptr);  // null
  CHECK(record->find("title") == nullptr);
  CHECK(FlatJsonRecord::parse("{}").has_value());
  for (const char* other : {
           "[1,2]",
           "\"s\"",
           "{\"id\":7}",
           "{\"a\":[]}",
           "{\"a\":{}}",
           "{\"a\":true}",
           "{\"a\":\"x\",\"a\":\"y\"}",  // a key twice: the parser's rule
           "{\"a\":\"x\"",
           "{\"a\":\"x\"} x",
           "{\"a\":\"x\",}",
           "{\"a\" \"x\"}",
           "{\"a\":nul}",
           "{\"a\":\"x\ty\"}",           // a raw control character
           "{\"a\":\"\\q\"}",            // an unknown escape
           "{\"a\":\"\\u12\"}",          // a short one
           "{\"a\":\"\\ud83d\"}",        // a lone high surrogate
           "{\"a\":\"\\ud83dx\"}",       // ... followed by something else
           "{\"a\":\"\\ude00\"}",        // a lone low surrogate
           "\xEF\xBB\xBF{\"a\":\"x\"}",  // a BOM
       }) {
    INFO(other);
    CHECK_FALSE(FlatJsonRecord::parse(other).has_value());
  }
}

TEST_CASE("text: JSONL escapes read the same on the fast path and the parser's", "[text]") {
  TempDir dir;
  // The second record has a number, so the general parser reads it.
  const std::string body = "Caf\\u00e9 \\ud83d\\ude00 said \\\"no\\\".\\nNext line.";
  const std::string file = dir.write("esc.jsonl", "{\"id\":\"f\",\"text\":\"" + body + "\"}\n" +
                                                      "{\"id\":\"g\",\"n\":1,\"text\":\"" + body + "\"}\n");
  const Collected c = read_all({file});
  REQUIRE(c.articles.size() == 2);
  CHECK(c.articles[0].text == "Caf\xC3\xA9 \xF0\x9F\x98\x80 said \"no\".\nNext line.");
  CHECK(c.articles[0].text == c.articles[1].text);
  CHECK(c.articles[0].original_offset == c.articles[1].original_offset);
}

TEST_CASE("text: each bad JSONL line is reported with its line number", "[text]") {
  TempDir dir;
  const std::string file =
      dir.write("bad.jsonl",
                "{\"id\":\"ok1\",\"text\":\"Fine.\"}\n"                     // 1
                "{\"id\":\"x\",\"text\":\"Broken\"\n"                       // 2 not JSON
                "[1,2]\n"                                                   // 3 not an object
                "{\"id\":\"y\"}\n"                                          // 4 no text
                "{\"text\":\"No id.\"}\n"                                   // 5 no id
                "{\"id\":7,\"text\":\"Number id.\"}\n"                      // 6 wrong type
                "{\"id\":\"ok1\",\"text\":\"Again.\"}\n"                    // 7 duplicate
                "{\"id\":\"d\",\"text\":\"T.\",\"date\":\"2023-02-30\"}\n"  // 8 bad date
                "{\"id\":\"e\",\"text\":\"  \"}\n"                          // 9 empty
                "{\"id\":\"u\",\"text\":\"caf\xC3\"}\n"                     // 10 bad UTF-8
                "{\"id\":\"n\",\"text\":\"a\\u0000b\"}\n"                   // 11 NUL
                "{\"id\":\"big\",\"text\":\"T.\",\"n\":1e99999}\n"          // 12 overflow (fuzz find)
                "{\"id\":\"ok2\",\"text\":\"Also fine.\"}\n");              // 13
  const Collected c = read_all({file});
  CHECK(ids(c) == std::vector<std::string>{"ok1", "ok2"});
  CHECK(c.report.read == 2);
  CHECK(c.report.skipped == 11);
  REQUIRE(c.report.problems.size() == 11);
  const std::vector<std::string> expected{
      file + ":2:26 (byte 53): not valid JSON: syntax error",  // at the end of the line
      file + ":3: not a JSON object",
      file + ":4: missing \"text\"",
      file + ":5: missing \"id\"",
      file + ":6: \"id\" must be a string",
      file + ":7: duplicate id \"ok1\"",
      file + ":8: invalid \"date\"",
      file + ":9: \"text\" is empty",
      file + ":10:",
      file + ":11: \"text\" contains a NUL",
      file + ":12: not usable JSON: ",
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO(c.report.problems[i]);
    CHECK(c.report.problems[i].find(expected[i]) == 0);
  }
  CHECK(c.report.problems[8].find("invalid UTF-8") != std::string::npos);
}

TEST_CASE("text: strict mode stops at the first bad article", "[text]") {
  TempDir dir;
  const std::string file = dir.write("s.jsonl", "{\"id\":\"a\",\"text\":\"Fine.\"}\n{\"id\":\"b\"}\n");
  ReadOptions strict;
  strict.strict = true;
  const InputError e = input_error([&] { read_all({file}, strict); });
  CHECK(e.where().line == 2);
  CHECK(std::string(e.what()).find("missing \"text\"") != std::string::npos);
}

TEST_CASE("text: a bad file in a directory is skipped, a named one is fatal", "[text]") {
  TempDir dir;
  dir.write("good.txt", "A good story.\n");
  const std::string bad = dir.write("bad.txt", std::string("bin\0ary", 7));
  std::filesystem::create_symlink(dir.path("gone"), dir.path("link.txt"));
  const Collected c = read_all({dir.path() + "/"});
  CHECK(ids(c) == std::vector<std::string>{"good"});
  REQUIRE(c.report.problems.size() == 2);
  CHECK(c.report.skipped == 2);
  CHECK(c.report.problems[0].find(bad + ":1:4 (byte 3): NUL byte") == 0);
  CHECK(c.report.problems[1].find(dir.path("link.txt") + ": cannot read") == 0);

  const InputError e = input_error([&] { read_all({bad, dir.path("good.txt")}); });
  CHECK(e.where().file == bad);
  ReadOptions strict;
  strict.strict = true;
  CHECK_THROWS_AS(read_all({dir.path()}, strict), InputError);
}

TEST_CASE("text: ids are unique across inputs", "[text]") {
  TempDir dir;
  const std::string plain = dir.write("one/story.txt", "Text one.\n");
  const std::string other = dir.write("two/story.txt", "Text two.\n");
  const InputError e = input_error([&] { read_all({plain, other}); });
  CHECK(std::string(e.what()).find("duplicate id \"story\"") != std::string::npos);
  // Inside a directory the second one is skipped and recorded.
  const Collected c = read_all({dir.path()});
  CHECK(c.report.read == 1);
  CHECK(c.report.skipped == 1);
}

TEST_CASE("text: missing inputs and no articles at all are errors", "[text]") {
  TempDir dir;
  const InputError missing = input_error([&] { read_all({dir.path("absent.txt")}); });
  CHECK(std::string(missing.what()).find("absent.txt: cannot read") != std::string::npos);
  const std::string all_bad = dir.write("bad.jsonl", "{\"id\":\"a\"}\n");
  const InputError none = input_error([&] { read_all({all_bad}); });
  CHECK(std::string(none.what()).find("no articles read from " + all_bad) == 0);
  const std::string empty = dir.write("empty.jsonl", "\n \n");
  CHECK_THROWS_AS(read_all({empty}), InputError);
}

TEST_CASE("text: the date override must be an ISO date and replaces every date", "[text]") {
  TempDir dir;
  const std::string file = dir.write("d.jsonl", "{\"id\":\"a\",\"text\":\"T.\",\"date\":\"2020-01-01\"}\n");
  const std::string plain = dir.write("p.txt", "No date here.\n");
  ReadOptions options;
  options.date_override = "2021-07-09";
  const Collected c = read_all({file, plain}, options);
  REQUIRE(c.articles.size() == 2);
  CHECK(c.articles[0].date == "2021-07-09");
  CHECK(c.articles[1].date == "2021-07-09");
  for (const char* bad : {"2021-7-9", "2021-02-30", "yesterday"}) {
    options.date_override = bad;
    CHECK_THROWS_AS(read_all({file}, options), UsageError);
  }
}

TEST_CASE("text: lines of a megabyte and more are read", "[text]") {
  TempDir dir;
  const std::string body(1500000, 'w');
  const std::string file = dir.write("big.jsonl", "{\"id\":\"big\",\"text\":\"" + body + ".\"}\n");
  const Collected c = read_all({file});
  REQUIRE(c.articles.size() == 1);
  CHECK(c.articles[0].text.size() == body.size() + 1);
}

TEST_CASE("text: standard input is JSONL when it starts with a brace", "[text]") {
  TempDir dir;
  auto read_stdin_from = [&](const std::string& content) {
    const std::string file = dir.write("stdin.data", content);
    const int saved = ::dup(STDIN_FILENO);
    const int fd = ::open(file.c_str(), O_RDONLY);
    ::dup2(fd, STDIN_FILENO);
    ::close(fd);
    Collected c;
    try {
      c = read_all({"-"});
    } catch (...) {
      ::dup2(saved, STDIN_FILENO);
      ::close(saved);
      throw;
    }
    ::dup2(saved, STDIN_FILENO);
    ::close(saved);
    return c;
  };
  const Collected jsonl = read_stdin_from("  {\"id\":\"k\",\"text\":\"From a pipe.\"}\n");
  REQUIRE(jsonl.articles.size() == 1);
  CHECK(jsonl.articles[0].id == "k");
  CHECK(jsonl.articles[0].origin == "-:1");
  const Collected plain = read_stdin_from("Quake Shakes Coastal Town\n\nThe ground moved.\n");
  REQUIRE(plain.articles.size() == 1);
  CHECK(plain.articles[0].id == "stdin");
  CHECK(plain.articles[0].origin == "-");
  CHECK(plain.articles[0].title == "Quake Shakes Coastal Town");
}
