#include "aws/paginator.h"

#include "base/json_depth.h"
#include "base/base64.h"
#include "aws/crypto.h"

namespace awsmcp::aws {

using nlohmann::json;
using models::Paginator;

namespace {

// An ordered token: botocore json.dumps() a dict in insertion order.
using Token = std::vector<std::pair<std::string, json>>;

std::string EncodeToken(const Token& token) {
  // Python's json.dumps layout: {"k": v, "k2": v2}, ASCII-only escapes.
  std::string s = "{";
  for (size_t i = 0; i < token.size(); ++i) {
    if (i) s += ", ";
    s += json(token[i].first).dump(-1, ' ', true) + ": " + token[i].second.dump(-1, ' ', true);
  }
  s += "}";
  return Base64Encode(s);
}

std::expected<std::pair<Token, size_t>, CallError> DecodeToken(const std::string& text, const Paginator& p) {
  auto bad = [] {
    return std::unexpected(CallError::Local(kInvalidToken, "starting_token is not a token this server returned",
                                            "Pass the NextToken of a previous result unchanged, with the same params."));
  };
  if (text.size() > 64 * 1024) return bad();
  auto raw = Base64Decode(text);
  if (!raw) return bad();
  json doc = ParseJsonBounded(*raw);
  if (!doc.is_object()) return bad();
  Token token;
  size_t skip = 0;
  for (const auto& name : p.input_tokens) {
    if (!doc.contains(name)) return bad();
    token.emplace_back(name, doc[name]);
  }
  if (doc.contains("boto_truncate_amount")) {
    if (!doc["boto_truncate_amount"].is_number_unsigned()) return bad();
    skip = doc["boto_truncate_amount"].get<size_t>();
  }
  if (doc.size() != token.size() + (doc.contains("boto_truncate_amount") ? 1 : 0)) return bad();
  return std::make_pair(std::move(token), skip);
}

Token NextToken(const json& page, const Paginator& p) {
  Token next;
  if (!p.more_results.empty()) {
    const json* more = FindPath(page, p.more_results);
    if (more == nullptr || !more->is_boolean() || !more->get<bool>()) return next;
  }
  for (size_t i = 0; i < p.output_tokens.size() && i < p.input_tokens.size(); ++i) {
    const json* v = FindPath(page, p.output_tokens[i]);
    bool empty = v == nullptr || v->is_null() || (v->is_string() && v->get_ref<const std::string&>().empty());
    next.emplace_back(p.input_tokens[i], empty ? json() : *v);
  }
  return next;
}

bool AllNull(const Token& t) {
  for (const auto& [k, v] : t) {
    if (!v.is_null()) return false;
  }
  return true;
}

}  // namespace

const json* FindPath(const json& root, const std::string& path) {
  const json* cur = &root;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!cur->is_object()) return nullptr;
    auto it = cur->find(part);
    if (it == cur->end()) return nullptr;
    cur = &*it;
    if (dot == std::string::npos) return cur;
    start = dot + 1;
  }
}

void SetPath(json& root, const std::string& path, json value) {
  json* cur = &root;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!cur->is_object()) *cur = json::object();
    if (dot == std::string::npos) {
      (*cur)[part] = std::move(value);
      return;
    }
    cur = &(*cur)[part];
    start = dot + 1;
  }
}

std::expected<json, CallError> CallPaginated(AwsClient& client, const std::string& service,
                                             const std::string& operation, const json& params,
                                             const PaginateOptions& options, const CallOptions& call,
                                             PaginateInfo* info) {
  auto resolved = client.Resolve(service, operation);
  if (!resolved) return std::unexpected(resolved.error());
  const Paginator* p = resolved->model->FindPaginator(resolved->op->name);
  if (p == nullptr || p->result_keys.empty() || p->input_tokens.empty()) {
    return std::unexpected(CallError::Local(kValidationError, service + " " + resolved->op->name +
                                                                  " does not paginate; omit max_items"));
  }
  Token next;
  for (const auto& name : p->input_tokens) next.emplace_back(name, json());
  size_t starting_skip = 0;
  if (!options.starting_token.empty()) {
    auto decoded = DecodeToken(options.starting_token, *p);
    if (!decoded) return std::unexpected(decoded.error());
    next = std::move(decoded->first);
    starting_skip = decoded->second;
  }
  json request = params.is_object() ? params : json::object();
  for (const auto& [k, v] : next) {
    if (!v.is_null()) request[k] = v;
  }

  const std::string& primary = p->result_keys[0];
  json full = json::object();
  size_t total = 0;
  size_t bytes = 0;
  bool cut_for_size = false;
  std::optional<Token> resume;
  for (size_t pages = 0;; ++pages) {
    if (pages >= options.max_pages) {
      resume = next;
      break;
    }
    // A cached page would answer even after a cancel: stop between pages.
    if (call.cancel.cancelled()) return std::unexpected(CallError::FromStatus(Status::Cancelled()));
    auto page_or = client.Call(service, resolved->op->name, request, call);
    if (!page_or) return std::unexpected(page_or.error());
    json& page = *page_or;
    if (pages == 0) {
      if (!options.starting_token.empty()) {
        // Resume inside a page: drop what the previous result already returned.
        json* data = const_cast<json*>(FindPath(page, primary));
        if (data != nullptr && data->is_array()) {
          size_t n = std::min(starting_skip, data->size());
          data->erase(data->begin(), data->begin() + static_cast<std::ptrdiff_t>(n));
        }
        for (size_t i = 1; i < p->result_keys.size(); ++i) {
          const json* v = FindPath(page, p->result_keys[i]);
          if (v != nullptr && v->is_array()) SetPath(page, p->result_keys[i], json::array());
        }
      }
      for (const auto& key : p->non_aggregate_keys) {
        const json* v = FindPath(page, key);
        SetPath(full, key, v ? *v : json());
      }
    } else {
      starting_skip = 0;
    }
    const json* items = FindPath(page, primary);
    size_t count = items != nullptr && items->is_array() ? items->size() : 0;
    // The byte budget cuts like max_items does, at a whole item (at least one
    // item overall, so a continuation always makes progress).
    size_t byte_limit = count;
    if (options.max_bytes > 0) {
      for (size_t i = 0; i < count; ++i) {
        bytes += (*items)[i].dump(-1, ' ', false, json::error_handler_t::replace).size() + 1;
        if (bytes > options.max_bytes && (total + i) > 0) {
          byte_limit = i;
          cut_for_size = true;
          break;
        }
      }
    }
    bool stop = false;
    if (total + count > options.max_items || byte_limit < count) {
      size_t keep = std::min(options.max_items - total, byte_limit);
      json truncated = json::array();
      for (size_t i = 0; i < keep; ++i) truncated.push_back((*items)[i]);
      SetPath(page, primary, std::move(truncated));
      Token token = next;
      token.emplace_back("boto_truncate_amount", keep + starting_skip);
      resume = std::move(token);
      stop = true;
    }
    for (const auto& key : p->result_keys) {
      const json* v = FindPath(page, key);
      if (v == nullptr || v->is_null()) continue;
      json* existing = const_cast<json*>(FindPath(full, key));
      if (existing == nullptr || existing->is_null()) {
        SetPath(full, key, *v);
      } else if (existing->is_array() && v->is_array()) {
        existing->insert(existing->end(), v->begin(), v->end());
      } else if (existing->is_number_integer() && v->is_number_integer()) {
        *existing = existing->get<int64_t>() + v->get<int64_t>();
      } else if (existing->is_number() && v->is_number()) {
        *existing = existing->get<double>() + v->get<double>();
      } else if (existing->is_string() && v->is_string()) {
        *existing = existing->get<std::string>() + v->get<std::string>();
      }
    }
    const size_t so_far = std::min(total + count, options.max_items);
    if (options.on_page) options.on_page(pages + 1, so_far);
    if (call.observe) {
      CallEvent e;
      e.kind = CallEvent::Kind::kPage;
      e.service = service;
      e.operation = resolved->op->name;
      e.region = call.region;
      e.pages = pages + 1;
      e.items = so_far;
      call.observe(e);
    }
    if (stop) {
      total += std::min(count, std::min(options.max_items - total, byte_limit));
      break;
    }
    total += count;
    Token following = NextToken(page, *p);
    if (AllNull(following)) break;
    if (total == options.max_items) {
      resume = following;
      break;
    }
    if (following == next) {
      return std::unexpected(CallError::Local(kInvalidResponse, "AWS returned the same next token twice"));
    }
    next = std::move(following);
    for (const auto& [k, v] : next) {
      if (v.is_null()) request.erase(k); else request[k] = v;
    }
  }
  if (resume) full["NextToken"] = EncodeToken(*resume);
  if (info != nullptr) *info = PaginateInfo{total, cut_for_size, primary};
  return full;
}

}  // namespace awsmcp::aws
