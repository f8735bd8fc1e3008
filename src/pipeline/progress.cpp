#include "pipeline/progress.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "util/strings.hpp"

namespace newsgraph {

namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(250);
constexpr double kMegabyte = 1e6;

bool is_article_file(const std::filesystem::path& p) {
  const std::string ext = ascii_lower(p.extension().string());
  return ext == ".txt" || ext == ".jsonl";
}

std::string clock_text(double seconds) {
  const auto s = static_cast<unsigned long long>(std::max(0.0, seconds) + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%llu:%02llu:%02llu", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%llu:%02llu", s / 60, s % 60);
  }
  return buf;
}

}  // namespace

std::string progress_text(std::uint64_t articles, std::uint64_t bytes, std::uint64_t total_bytes,
                          double seconds) {
  const double mb = static_cast<double>(bytes) / kMegabyte;
  const double rate = seconds > 0 ? mb / seconds : 0;
  char buf[160];
  std::snprintf(buf, sizeof buf, "newsgraph: %llu articles, %.1f MB, %.1f MB/s",
                static_cast<unsigned long long>(articles), mb, rate);
  std::string text = buf;
  if (total_bytes > 0 && bytes > 0 && seconds > 0) {
    const double fraction = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(total_bytes));
    const double eta = seconds * (1 - fraction) / fraction;
    std::snprintf(buf, sizeof buf, ", %d%% ETA %s", static_cast<int>(fraction * 100),
                  clock_text(eta).c_str());
    text += buf;
  }
  return text;
}

std::uint64_t input_bytes(const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  std::uint64_t total = 0;
  for (const auto& input : inputs) {
    std::error_code ec;
    if (input == "-") return 0;
    if (fs::is_directory(input, ec)) {
      for (fs::recursive_directory_iterator it(input, fs::directory_options::follow_directory_symlink, ec),
           end;
           !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec) && is_article_file(it->path())) total += it->file_size(ec);
      }
    } else {
      const auto size = fs::file_size(input, ec);
      if (!ec) total += size;
    }
    if (ec) return 0;
  }
  return total;
}

ProgressMeter::ProgressMeter(std::FILE* out, std::uint64_t total_bytes)
    : out_(out), total_bytes_(total_bytes), start_(Clock::now()), last_draw_(start_) {}

ProgressMeter::~ProgressMeter() { clear(); }

void ProgressMeter::article_done(std::uint64_t bytes) {
  ++articles_;
  bytes_ += bytes;
  const auto now = Clock::now();
  if (now - last_draw_ >= kRedrawInterval) draw(now);
}

void ProgressMeter::merging() {
  const double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
  // No ETA: the share of merging in the total is unknown.
  std::fprintf(out_, "\r%s; merging and writing...\033[K",
               progress_text(articles_, bytes_, 0, seconds).c_str());
  std::fflush(out_);
  shown_ = true;
}

void ProgressMeter::draw(Clock::time_point now) {
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  // "\r" back to the start, "\033[K" erases what a longer earlier line left.
  std::fprintf(out_, "\r%s\033[K", progress_text(articles_, bytes_, total_bytes_, seconds).c_str());
  std::fflush(out_);
  shown_ = true;
}

void ProgressMeter::clear() {
  if (!shown_) return;
  std::fputs("\r\033[K", out_);
  std::fflush(out_);
  shown_ = false;
}

}  // namespace newsgraph
