// OperationIndex: every operation of every embedded service, with the first
// sentence of its documentation, searchable by words. Built at build time
// (operations.tsv in the model pack), so a search opens no model.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "models/model_registry.h"

namespace awsmcp::models {

struct OperationMatch {
  std::string service;    // CLI name: "dynamodb"
  std::string operation;  // API name: "Query"
  std::string doc;        // first sentence
  int terms_matched = 0;  // how many of the query's words it matched
  int score = 0;          // higher is better
};

class OperationIndex {
 public:
  // The index of `registry`'s embedded operations. NotFound when the pack
  // has no index. Services added with --models-dir are not in it.
  static Result<OperationIndex> Load(const ModelRegistry& registry);

  // Up to `limit` operations for `words` (free text), best first: those that
  // match every word, then those that match most. Within each, a word naming
  // the service counts most ("lambda" means the Lambda service), then a word
  // of the operation's name, then one of its documentation. Words are
  // compared case-blind, with a plural "s" dropped. Empty when nothing matches.
  std::vector<OperationMatch> Search(std::string_view words, size_t limit) const;

  size_t size() const { return lines_.size(); }

 private:
  std::string text_;                      // "service\toperation\tdoc\n" lines
  std::string lower_;                     // text_ in lower case, for a quick first filter
  std::vector<std::string_view> lines_;   // into text_

};

// "DescribeDBInstances" -> {"describe", "db", "instance"}; "free text, here" -> {"free", "text", "here"}.
std::vector<std::string> SearchWords(std::string_view text);

}  // namespace awsmcp::models
