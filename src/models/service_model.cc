#include "models/service_model.h"

#include "base/closest_names.h"
#include "models/json_members.h"

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

Result<std::shared_ptr<const ServiceModel>> ServiceModel::Parse(std::string cli_name, std::string service_json,
                                                                 std::string_view paginators_json) {
  auto model = std::make_shared<ServiceModel>();
  model->text_ = std::move(service_json);
  const Status not_a_model =
      Status::InvalidArgument("model for " + cli_name + " is not a botocore service-2 document");
  auto top = JsonMembers(model->text_);
  if (!top) return Fail(not_a_model);
  json doc = json::object();
  std::string_view shapes_text;
  for (const auto& [key, raw] : *top) {
    if (key == "shapes") shapes_text = raw;
    if (key == "metadata" || key == "operations") doc[key] = json::parse(raw, nullptr, /*allow_exceptions=*/false);
  }
  auto shapes = JsonMembers(shapes_text);
  if (!doc["metadata"].is_object() || !doc["operations"].is_object() || !shapes) return Fail(not_a_model);
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
    if (auto s = op.find("staticContextParams"); s != op.end() && s->is_object()) {
      for (const auto& [param, spec] : s->items()) {
        if (spec.is_object() && spec.contains("value")) o.static_context_params[param] = spec["value"];
      }
    }
    if (op.contains("auth") && op["auth"].is_array() && op["auth"].size() == 1 && op["auth"][0] == "smithy.api#noAuth") {
      o.unsigned_request = true;
    }
    model->operations_.push_back(std::move(o));
  }
  std::sort(model->operations_.begin(), model->operations_.end(),
            [](const Operation& a, const Operation& b) { return a.name < b.name; });
  for (const auto& op : model->operations_) model->normalized_names_.push_back(NormalizeOperationName(op.name));
  std::sort(shapes->begin(), shapes->end());
  model->shapes_ = std::make_unique<ShapeSlot[]>(shapes->size());
  for (size_t i = 0; i < shapes->size(); ++i) {
    model->shape_names_.push_back(std::move((*shapes)[i].first));
    model->shapes_[i].raw = (*shapes)[i].second;
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
  auto it = std::lower_bound(shape_names_.begin(), shape_names_.end(), name);
  if (it == shape_names_.end() || *it != name) return nullptr;
  ShapeSlot& slot = shapes_[it - shape_names_.begin()];
  std::call_once(slot.parsed, [&slot] { slot.value = json::parse(slot.raw, nullptr, /*allow_exceptions=*/false); });
  return slot.value.is_discarded() ? nullptr : &slot.value;
}

bool ServiceModel::UsesEventStream(const Operation& op) const {
  return HasEventStream(op.input_shape) || HasEventStream(op.output_shape);
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
  std::vector<std::string> names;
  names.reserve(operations_.size());
  for (const Operation& op : operations_) names.push_back(op.name);
  return ClosestNames(name, names, limit, NormalizeOperationName);
}

}  // namespace awsmcp::models
