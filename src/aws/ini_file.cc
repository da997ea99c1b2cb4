#include "aws/ini_file.h"

namespace awsmcp::aws {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// "key = value" or "key: value"; false when the line has neither.
bool SplitKeyValue(std::string_view line, std::string* key, std::string* value) {
  size_t eq = line.find_first_of("=:");
  if (eq == std::string_view::npos) return false;
  *key = std::string(Trim(line.substr(0, eq)));
  *value = std::string(Trim(line.substr(eq + 1)));
  return !key->empty();
}

}  // namespace

Result<IniFile> ParseIni(std::string_view text, const std::string& source, const IniLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return Fail(Status::ResourceExhausted(source + " is larger than " + std::to_string(limits.max_bytes) + " bytes"));
  }
  IniFile file;
  IniSection* section = nullptr;
  std::string nested_key;  // key whose indented sub-keys follow, "" when none
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view raw = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    auto where = [&] { return source + ":" + std::to_string(line_no); };
    if (raw.size() > limits.max_line) return Fail(Status::ResourceExhausted(where() + ": line too long"));
    std::string_view line = Trim(raw);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    bool indented = raw[0] == ' ' || raw[0] == '\t';
    if (line[0] == '[') {
      size_t close = line.find(']');
      if (close == std::string_view::npos) return Fail(Status::InvalidArgument(where() + ": unclosed section header"));
      section = &file[std::string(Trim(line.substr(1, close - 1)))];
      nested_key.clear();
      continue;
    }
    if (section == nullptr) return Fail(Status::InvalidArgument(where() + ": a key outside any [section]"));
    std::string key, value;
    if (indented && !nested_key.empty()) {
      if (!SplitKeyValue(line, &key, &value)) {
        return Fail(Status::InvalidArgument(where() + ": expected 'key = value' in the nested block"));
      }
      section->nested[nested_key][key] = value;
      continue;
    }
    if (!SplitKeyValue(line, &key, &value)) {
      if (indented) continue;  // a continuation line of a multi-line value: not used by the SDKs' keys we read
      return Fail(Status::InvalidArgument(where() + ": expected 'key = value'"));
    }
    // No inline comments: botocore's RawConfigParser keeps "x # y" as the value.
    section->values[key] = value;
    nested_key = value.empty() ? key : "";
  }
  return file;
}

}  // namespace awsmcp::aws
