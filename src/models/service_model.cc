#include "models/service_model.h"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace awsmcp::models {
namespace {

std::vector<std::string> StringOrList(const json& v) {
  std::vector<std::string> out;
  if (v.is_string()) out.push_back(v.get<std::string>());
  if (v.is_array()) {
    for (const auto& e : v) {
      if (e.is_string()) out.push_back(e.get<std::string>());
    }
  }
  return out;
}

std::string Str(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Levenshtein distance, bounded inputs (operation names are short).
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::string NormalizeOperationName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    if (c == '-' || c == '_') continue;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

Result<std::shared_ptr<const ServiceModel>> ServiceModel::Parse(std::string cli_name, std::string_view service_json,
                                                                 std::string_view paginators_json) {
  auto model = std::make_shared<ServiceModel>();
  json doc = json::parse(service_json, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("metadata") || !doc.contains("operations") || !doc.contains("shapes")) {
    return Fail(Status::InvalidArgument("model for " + cli_name + " is not a botocore service-2 document"));
  }
  const json& meta = doc["metadata"];
  ServiceMetadata& m = model->metadata_;
  m.cli_name = std::move(cli_name);
  m.service_id = Str(meta, "serviceId");
  m.endpoint_prefix = Str(meta, "endpointPrefix");
  m.signing_name = Str(meta, "signingName");
  if (m.signing_name.empty()) m.signing_name = m.endpoint_prefix;
  m.protocol = Str(meta, "protocol");
  m.protocols = StringOrList(meta.value("protocols", json()));
  if (m.protocols.empty()) m.protocols.push_back(m.protocol);
  m.json_version = Str(meta, "jsonVersion");
  m.target_prefix = Str(meta, "targetPrefix");
  m.api_version = Str(meta, "apiVersion");
  m.global_endpoint = Str(meta, "globalEndpoint");
  m.query_compatible = meta.contains("awsQueryCompatible");
  m.signature_version = Str(meta, "signatureVersion");

  for (const auto& [name, op] : doc["operations"].items()) {
    Operation o;
    o.name = name;
    if (op.contains("input")) {
      o.input_shape = Str(op["input"], "shape");
      o.input_xml_name = Str(op["input"], "locationName");
      if (op["input"].contains("xmlNamespace")) o.input_xml_namespace = op["input"]["xmlNamespace"];
    }
    if (op.contains("output")) {
      o.output_shape = Str(op["output"], "shape");
      o.result_wrapper = Str(op["output"], "resultWrapper");
    }
    o.documentation = Str(op, "documentation");
    if (op.contains("http")) {
      o.http_method = Str(op["http"], "method");
      o.request_uri = Str(op["http"], "requestUri");
    }
    if (op.contains("endpoint") && op["endpoint"].is_object()) o.host_prefix = Str(op["endpoint"], "hostPrefix");
    o.checksum_required = op.value("httpChecksumRequired", false) ||
                          (op.contains("httpChecksum") && op["httpChecksum"].is_object() &&
                           op["httpChecksum"].value("requestChecksumRequired", false));
    o.readonly_trait = op.value("readonly", false);
    if (op.contains("auth") && op["auth"].is_array() && op["auth"].size() == 1 && op["auth"][0] == "smithy.api#noAuth") {
      o.unsigned_request = true;
    }
    model->operations_.push_back(std::move(o));
  }
  std::sort(model->operations_.begin(), model->operations_.end(),
            [](const Operation& a, const Operation& b) { return a.name < b.name; });
  for (const auto& op : model->operations_) model->normalized_names_.push_back(NormalizeOperationName(op.name));
  model->shapes_ = std::move(doc["shapes"]);
  for (auto& op : model->operations_) {
    op.event_stream = model->HasEventStream(op.input_shape) || model->HasEventStream(op.output_shape);
  }

  if (!paginators_json.empty()) {
    json pag = json::parse(paginators_json, nullptr, false);
    if (pag.is_object() && pag.contains("pagination") && pag["pagination"].is_object()) {
      for (const auto& [name, p] : pag["pagination"].items()) {
        Paginator out;
        out.input_tokens = StringOrList(p.value("input_token", json()));
        out.output_tokens = StringOrList(p.value("output_token", json()));
        out.result_keys = StringOrList(p.value("result_key", json()));
        out.non_aggregate_keys = StringOrList(p.value("non_aggregate_keys", json()));
        out.limit_key = Str(p, "limit_key");
        out.more_results = Str(p, "more_results");
        model->paginators_.emplace_back(name, std::move(out));
      }
      std::sort(model->paginators_.begin(), model->paginators_.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
    }
  }
  return std::shared_ptr<const ServiceModel>(std::move(model));
}

const Operation* ServiceModel::FindOperation(std::string_view name) const {
  std::string want = NormalizeOperationName(name);
  for (size_t i = 0; i < operations_.size(); ++i) {
    if (normalized_names_[i] == want) return &operations_[i];
  }
  return nullptr;
}

const json* ServiceModel::FindShape(std::string_view name) const {
  auto it = shapes_.find(std::string(name));
  return it == shapes_.end() ? nullptr : &*it;
}

bool ServiceModel::HasEventStream(const std::string& shape_name) const {
  const json* shape = FindShape(shape_name);
  if (shape == nullptr || !shape->contains("members") || !(*shape)["members"].is_object()) return false;
  for (const auto& [name, ref] : (*shape)["members"].items()) {
    const json* member = ref.is_object() ? FindShape(ref.value("shape", "")) : nullptr;
    if (member != nullptr && member->value("eventstream", false)) return true;
  }
  return false;
}

const Paginator* ServiceModel::FindPaginator(std::string_view operation) const {
  auto it = std::lower_bound(paginators_.begin(), paginators_.end(), operation,
                             [](const auto& p, std::string_view n) { return p.first < n; });
  return it != paginators_.end() && it->first == operation ? &it->second : nullptr;
}

std::vector<std::string> ServiceModel::SuggestOperations(std::string_view name, size_t limit) const {
  std::string want = NormalizeOperationName(name);
  std::vector<std::tuple<size_t, size_t, std::string>> scored;  // (score, raw distance, name)
  for (size_t i = 0; i < operations_.size(); ++i) {
    const Operation& op = operations_[i];
    const std::string& norm = normalized_names_[i];
    size_t raw = EditDistance(want, norm);
    // A substring match is as good as a near spelling; ties go to the closer spelling.
    size_t d = !want.empty() && norm.find(want) != std::string::npos ? std::min<size_t>(raw, 1) : raw;
    scored.emplace_back(d, raw, op.name);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  size_t cutoff = std::max<size_t>(3, want.size() / 2);
  for (const auto& [d, raw, n] : scored) {
    if (out.size() >= limit || d > cutoff) break;
    out.push_back(n);
  }
  return out;
}

}  // namespace awsmcp::models
