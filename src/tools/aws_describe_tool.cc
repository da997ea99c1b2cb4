#include "tools/aws_describe_tool.h"

#include <cctype>
#include <memory>
#include <mutex>

#include "aws/access_policy.h"
#include "tools/arguments.h"
#include "tools/aws_call_tool.h"
#include "models/operation_index.h"

namespace awsmcp::tools {

using nlohmann::json;

namespace {

constexpr int kMaxMemberDepth = 3;
constexpr size_t kServicesPerPage = 100;
constexpr size_t kSearchResults = 12;

const char* AccessName(aws::AccessKind k) {
  switch (k) {
    case aws::AccessKind::kRead: return "read";
    case aws::AccessKind::kSecretRead: return "secret-read";
    case aws::AccessKind::kWrite: return "write";
  }
  return "write";
}

bool Allowed(const aws::AccessPolicyOptions& o, aws::AccessKind k) {
  return k == aws::AccessKind::kRead || (k == aws::AccessKind::kWrite && o.allow_write) ||
         (k == aws::AccessKind::kSecretRead && o.allow_secret_reads);
}

// Type of a shape as a compact string, with nested structure members when shallow.
json DescribeShape(const models::ServiceModel& model, const std::string& shape_name, int depth);

json DescribeMembers(const models::ServiceModel& model, const json& shape, int depth) {
  json out = json::array();
  std::vector<std::string> required;
  if (shape.contains("required")) required = shape["required"].get<std::vector<std::string>>();
  for (const auto& [name, ref] : shape["members"].items()) {
    json m = DescribeShape(model, ref.value("shape", ""), depth + 1);
    m["name"] = name;
    if (std::find(required.begin(), required.end(), name) != required.end()) m["required"] = true;
    if (ref.contains("documentation")) m["doc"] = ref["documentation"];
    out.push_back(std::move(m));
  }
  return out;
}

json DescribeShape(const models::ServiceModel& model, const std::string& shape_name, int depth) {
  const json* shape = model.FindShape(shape_name);
  if (shape == nullptr) return {{"type", "unknown"}};
  const std::string type = shape->value("type", "");
  json d = {{"type", type}};
  if (type == "list") {
    json member = DescribeShape(model, (*shape)["member"].value("shape", ""), depth);
    d["type"] = "list<" + member["type"].get<std::string>() + ">";
    if (member.contains("enum")) d["enum"] = member["enum"];
    if (member.contains("members")) d["members"] = member["members"];
  } else if (type == "map") {
    json val = DescribeShape(model, (*shape)["value"].value("shape", ""), depth);
    d["type"] = "map<string," + val["type"].get<std::string>() + ">";
  } else if (type == "structure" && depth < kMaxMemberDepth) {
    d["members"] = DescribeMembers(model, *shape, depth);
  }
  if (shape->contains("enum")) d["enum"] = (*shape)["enum"];
  if (type == "timestamp") d["type"] = "timestamp (ISO-8601 or epoch seconds)";
  for (const char* k : {"min", "max"}) {
    if (shape->contains(k)) d[k] = (*shape)[k];
  }
  return d;
}

// A page of the service names: 424 of them would cost a model 5 KB at once.
mcp::ToolResult ListServices(aws::AwsClient& client, size_t page) {
  const auto names = client.models().ServiceNames();
  const size_t pages = (names.size() + kServicesPerPage - 1) / kServicesPerPage;
  if (page == 0 || page > pages) {
    return ErrorResult(aws::CallError::Local(aws::kValidationError, "page must be 1 to " + std::to_string(pages)),
                       "", "", "");
  }
  json services = json::array();
  for (size_t i = (page - 1) * kServicesPerPage; i < std::min(names.size(), page * kServicesPerPage); ++i) {
    services.push_back(names[i]);
  }
  json out = {{"services", services}, {"total", names.size()}, {"page", page}, {"pages", pages}};
  std::string next = "aws_describe {service} lists a service's actions; aws_describe {search: \"words\"} finds "
                     "actions across every service";
  if (page < pages) next = "aws_describe {page: " + std::to_string(page + 1) + "} for more services; " + next;
  out["next"] = next;
  mcp::ToolResult r;
  r.structured = std::move(out);
  return r;
}

mcp::ToolResult Search(aws::AwsClient& client, const models::OperationIndex& index, const std::string& words) {
  json matches = json::array();
  for (const auto& m : index.Search(words, kSearchResults)) {
    json row = {{"service", m.service}, {"action", m.operation}};
    auto model = client.models().Get(m.service);
    const models::Operation* op = model ? (*model)->FindOperation(m.operation) : nullptr;
    if (op != nullptr) {
      const aws::Classification c = aws::Classify(**model, *op);
      row["access"] = AccessName(c.kind);
      if (!c.billing.empty()) row["billing"] = c.billing;
    }
    if (!m.doc.empty()) row["doc"] = m.doc;
    matches.push_back(std::move(row));
  }
  json out = {{"search", words}, {"matches", matches}, {"searched", index.size()}};
  out["next"] = matches.empty() ? "no action matched; try other words, or aws_describe {} to list services"
                                : "aws_describe {service, action} gives an action's input members";
  mcp::ToolResult r;
  r.structured = std::move(out);
  return r;
}

mcp::ToolResult ListActions(aws::AwsClient& client, const models::ServiceModel& model) {
  const auto& access = client.options().access;
  json allowed = json::array();
  json refused = json::object();
  for (const auto& op : model.operations()) {
    aws::AccessKind kind = aws::ClassifyOperation(model, op);
    if (Allowed(access, kind)) {
      allowed.push_back(op.name);
    } else {
      refused[AccessName(kind)].push_back(op.name);
    }
  }
  json out = {{"service", model.metadata().cli_name}, {"actions", allowed}};
  if (!refused.empty()) {
    out["notAllowed"] = {{"write", refused.value("write", json::array()).size()},
                         {"secretRead", refused.value("secret-read", json::array())}};
  }
  mcp::ToolResult r;
  r.structured = std::move(out);
  return r;
}

mcp::ToolResult DescribeAction(aws::AwsClient& client, const models::ServiceModel& model,
                               const models::Operation& op) {
  const aws::Classification c = aws::Classify(model, op);
  json out = {{"service", model.metadata().cli_name},
              {"action", op.name},
              {"cli", CliName(op.name)},
              {"access", AccessName(c.kind)},
              {"allowed", Allowed(client.options().access, c.kind)}};
  if (!c.billing.empty()) out["billing"] = c.billing;
  if (!op.documentation.empty()) out["doc"] = op.documentation;
  json input = json::array();
  if (const json* shape = model.FindShape(op.input_shape); shape != nullptr) input = DescribeMembers(model, *shape, 0);
  out["input"] = std::move(input);
  if (const models::Paginator* p = model.FindPaginator(op.name)) {
    out["paginated"] = {{"resultKeys", p->result_keys}, {"inputToken", p->input_tokens}};
  }
  mcp::ToolResult r;
  r.structured = std::move(out);
  return r;
}

}  // namespace

std::string CliName(const std::string& api) {
  std::string out;
  for (size_t i = 0; i < api.size(); ++i) {
    char c = api[i];
    bool upper = std::isupper(static_cast<unsigned char>(c));
    if (upper && i > 0) {
      bool prev_lower = std::islower(static_cast<unsigned char>(api[i - 1])) ||
                        std::isdigit(static_cast<unsigned char>(api[i - 1]));
      bool next_lower = i + 1 < api.size() && std::islower(static_cast<unsigned char>(api[i + 1]));
      bool prev_upper = std::isupper(static_cast<unsigned char>(api[i - 1]));
      if (prev_lower || (prev_upper && next_lower)) out.push_back('-');
    }
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

mcp::Tool MakeAwsDescribeTool(aws::AwsClient* client) {
  mcp::Tool tool;
  tool.name = "aws_describe";
  tool.title = "Describe AWS services and actions";
  tool.description =
      "What aws_call can do: {search: \"words\"} finds actions in every AWS service; {} lists services; "
      "{service} its allowed actions; {service, action} the input members with types, required flags and enums.";
  tool.input_schema = json::parse(R"json({
    "type": "object",
    "properties": {
      "service": {"type": "string", "description": "CLI service name (ecs, s3, dynamodb, ...); omit to list the services"},
      "action": {"type": "string", "description": "with service: DescribeServices or describe-services; omit to list the actions"},
      "search": {"type": "string", "description": "alone: what you want to do, e.g. 'list lambda functions'"},
      "page": {"type": "integer", "minimum": 1, "description": "page of the service list (100 a page)"}
    },
    "additionalProperties": false
  })json");
  tool.annotations = {.read_only = true, .destructive = false, .idempotent = true, .open_world = false};
  // Loaded on the first search, then shared by every session.
  struct SearchState {
    std::once_flag once;
    Result<models::OperationIndex> index = Fail(Status::NotFound("not loaded"));
  };
  auto state = std::make_shared<SearchState>();
  tool.handler = [client, state](const json& args, mcp::ToolContext&) -> mcp::ToolResult {
    ArgReader in(args);
    std::string service = in.String("service", false, 64);
    std::string action = in.String("action", false, 128);
    std::string search = in.String("search", false, 200);
    const int64_t page = in.Int("page", 1, 1000).value_or(1);
    in.RejectOthers({"service", "action", "search", "page"});
    if (in.ok() && !search.empty() && (!service.empty() || !action.empty())) {
      return ErrorResult(aws::CallError::Local(aws::kValidationError, "give 'search' alone, without service or action"),
                         service, action, "");
    }
    if (in.ok() && !search.empty()) {
      std::call_once(state->once, [&] { state->index = models::OperationIndex::Load(client->models()); });
      if (!state->index) return ErrorResult(aws::CallError::Local(aws::kValidationError, state->index.error().message()), "", "", "");
      return Search(*client, *state->index, search);
    }
    if (in.ok() && service.empty() && !action.empty()) {
      return ErrorResult(aws::CallError::Local(aws::kValidationError, "'action' needs 'service'"), service, action, "");
    }
    if (!in.ok()) return ErrorResult(in.error(), service, action, "");
    if (service.empty()) return ListServices(*client, static_cast<size_t>(page));
    auto model = client->models().Get(service);
    if (!model) return ErrorResult(aws::CallError::Local(aws::kUnknownService, model.error().message()), service, action, "");
    if (action.empty()) return ListActions(*client, **model);
    const models::Operation* op = (*model)->FindOperation(action);
    if (op == nullptr) {
      std::string msg = "unknown action '" + action + "' for " + service;
      auto near = (*model)->SuggestOperations(action);
      if (!near.empty()) {
        msg += "; did you mean: ";
        for (size_t i = 0; i < near.size(); ++i) msg += (i ? ", " : "") + near[i];
      }
      return ErrorResult(aws::CallError::Local(aws::kUnknownAction, msg), service, action, "");
    }
    return DescribeAction(*client, **model, *op);
  };
  return tool;
}

}  // namespace awsmcp::tools
