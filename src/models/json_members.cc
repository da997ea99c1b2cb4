#include "models/json_members.h"

#include <nlohmann/json.hpp>

namespace awsmcp::models {
namespace {

class Scanner {
 public:
  Scanner(std::string_view text, size_t max_depth) : text_(text), max_depth_(max_depth) {}

  void SkipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' ||
                                   text_[pos_] == '\t')) {
      ++pos_;
    }
  }
  bool Eat(char c) {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  // Past a string whose opening quote is at pos_; false when unterminated.
  bool SkipString() {
    for (++pos_; pos_ < text_.size(); ++pos_) {
      if (text_[pos_] == '\\') {
        ++pos_;
      } else if (text_[pos_] == '"') {
        ++pos_;
        return true;
      }
    }
    return false;
  }
  // Past one value of any kind.
  bool SkipValue() {
    SkipSpace();
    std::string open;  // the brackets not yet closed, innermost last
    size_t depth = 0;
    do {
      if (pos_ >= text_.size()) return false;
      const char c = text_[pos_];
      if (c == '"') {
        if (!SkipString()) return false;
        continue;
      }
      if (c == '{' || c == '[') {
        if (++depth > max_depth_) return false;
        open.push_back(c == '{' ? '}' : ']');
      } else if (c == '}' || c == ']') {
        if (depth == 0 || open.back() != c) return false;
        open.pop_back();
        --depth;
      } else if (depth == 0 && (c == ',' || c == ':')) {
        return false;
      }
      ++pos_;
      // A scalar at the top ends where a delimiter starts.
      if (depth == 0 && c != '}' && c != ']') {
        while (pos_ < text_.size() && !std::string_view(",}] \n\r\t").contains(text_[pos_])) ++pos_;
      }
    } while (depth > 0);
    return true;
  }

  std::string_view text_;
  size_t max_depth_;
  size_t pos_ = 0;
};

}  // namespace

Result<std::vector<std::pair<std::string, std::string_view>>> JsonMembers(std::string_view text, size_t max_depth) {
  Scanner s(text, max_depth);
  const auto malformed = [&] {
    return Fail(Status::InvalidArgument("malformed JSON object near byte " + std::to_string(s.pos_)));
  };
  std::vector<std::pair<std::string, std::string_view>> members;
  if (!s.Eat('{')) return malformed();
  if (s.Eat('}')) return members;
  do {
    s.SkipSpace();
    const size_t key_start = s.pos_;
    if (key_start >= text.size() || text[key_start] != '"' || !s.SkipString()) return malformed();
    std::string_view raw_key = text.substr(key_start, s.pos_ - key_start);
    std::string key(raw_key.substr(1, raw_key.size() - 2));
    if (raw_key.find('\\') != std::string_view::npos) {
      nlohmann::json decoded = nlohmann::json::parse(raw_key, nullptr, /*allow_exceptions=*/false);
      if (!decoded.is_string()) return malformed();
      key = decoded.get<std::string>();
    }
    if (!s.Eat(':')) return malformed();
    s.SkipSpace();
    const size_t value_start = s.pos_;
    if (!s.SkipValue()) return malformed();
    members.emplace_back(std::move(key), text.substr(value_start, s.pos_ - value_start));
  } while (s.Eat(','));
  if (!s.Eat('}')) return malformed();
  s.SkipSpace();
  if (s.pos_ != text.size()) return malformed();
  return members;
}

}  // namespace awsmcp::models
