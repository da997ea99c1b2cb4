#include "models/operation_index.h"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace awsmcp::models {
namespace {

bool IsUpper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool IsLower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

std::string Fold(std::string word) {
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (word.size() > 3 && word.back() == 's' && word[word.size() - 2] != 's') word.pop_back();
  return word;
}

struct Fields {
  std::string_view service, operation, doc;
};

Fields Split(std::string_view line) {
  Fields f;
  const size_t a = line.find('\t');
  const size_t b = a == std::string_view::npos ? a : line.find('\t', a + 1);
  if (b == std::string_view::npos) return f;
  return {line.substr(0, a), line.substr(a + 1, b - a - 1), line.substr(b + 1)};
}

// How well `word` matches one operation, 0 when not at all.
int WordScore(const std::string& word, const std::vector<std::string>& op_words,
              const std::vector<std::string>& service_words, const std::vector<std::string>& doc_words) {
  int best = 0;
  for (const auto& w : op_words) {
    if (w == word) return 6;
    if (word.size() >= 3 && w.starts_with(word)) best = std::max(best, 3);
  }
  for (const auto& w : service_words) {
    if (w == word) best = std::max(best, 7);
  }
  if (best == 0 && std::find(doc_words.begin(), doc_words.end(), word) != doc_words.end()) best = 1;
  return best;
}

}  // namespace

std::vector<std::string> SearchWords(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(Fold(std::move(cur)));
    cur.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!IsAlnum(c)) {
      flush();
      continue;
    }
    // A new word starts at a capital after a lower-case letter, and at the
    // last capital of a run followed by a lower-case letter ("DBInstances").
    const bool starts = IsUpper(c) && i > 0 &&
                        (IsLower(text[i - 1]) || (IsUpper(text[i - 1]) && i + 1 < text.size() && IsLower(text[i + 1])));
    if (starts) flush();
    cur.push_back(c);
  }
  flush();
  return out;
}

Result<OperationIndex> OperationIndex::Load(const ModelRegistry& registry) {
  auto text = registry.Document("", "operations.tsv");
  if (!text) return Fail(text.error());
  OperationIndex index;
  index.text_ = std::move(*text);
  index.lower_ = index.text_;
  for (char& c : index.lower_) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view all(index.text_);
  for (size_t start = 0; start < all.size();) {
    size_t end = all.find('\n', start);
    if (end == std::string_view::npos) end = all.size();
    if (end > start) index.lines_.push_back(all.substr(start, end - start));
    start = end + 1;
  }
  return index;
}

std::vector<OperationMatch> OperationIndex::Search(std::string_view words, size_t limit) const {
  std::vector<std::string> terms = SearchWords(words);
  // Two words in a row may spell a service: "step functions" is stepfunctions.
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>> spelled;
  for (size_t i = 0; i + 1 < terms.size(); ++i) {
    const auto joined = SearchWords(terms[i] + terms[i + 1]);
    if (joined.size() == 1) spelled.push_back({joined[0], {terms[i], terms[i + 1]}});
  }
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  std::vector<OperationMatch> found;
  if (terms.empty() || terms.size() > 16) return found;
  for (std::string_view line : lines_) {
    // Most lines hold none of the words: find that out without splitting them.
    const std::string_view lower(lower_.data() + (line.data() - text_.data()), line.size());
    if (std::none_of(terms.begin(), terms.end(), [&](const std::string& t) { return lower.contains(t); })) continue;
    const Fields f = Split(line);
    const auto op_words = SearchWords(f.operation);
    const auto service_words = SearchWords(f.service);
    const auto doc_words = SearchWords(f.doc);
    std::vector<std::string> spelling_service;
    for (const auto& [service, pair] : spelled) {
      if (Fold(std::string(f.service)) == service) {
        spelling_service = {pair.first, pair.second};
      }
    }
    OperationMatch m;
    for (const auto& t : terms) {
      const bool names_service = std::find(spelling_service.begin(), spelling_service.end(), t) != spelling_service.end();
      const int s = names_service ? 7 : WordScore(t, op_words, service_words, doc_words);
      m.score += s;
      m.terms_matched += s > 0;
    }
    if (m.terms_matched == 0) continue;
    m.service = f.service;
    m.operation = f.operation;
    m.doc = f.doc;
    found.push_back(std::move(m));
  }
  auto better = [](const OperationMatch& a, const OperationMatch& b) {
    if (a.terms_matched != b.terms_matched) return a.terms_matched > b.terms_matched;
    if (a.score != b.score) return a.score > b.score;
    if (a.operation.size() != b.operation.size()) return a.operation.size() < b.operation.size();
    return std::tie(a.service, a.operation) < std::tie(b.service, b.operation);
  };
  const size_t keep = std::min(limit, found.size());
  std::partial_sort(found.begin(), found.begin() + keep, found.end(), better);
  found.resize(keep);
  return found;
}

}  // namespace awsmcp::models
