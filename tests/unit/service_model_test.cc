// ServiceModel and ModelRegistry. What every shipped model must say (metadata,
// operations, paginators) is recorded from botocore's own reading of the same
// model in tests/data/protocol/models.json (scripts/gen_protocol_vectors.py).
#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "models/model_registry.h"
#include "models/service_model.h"

namespace awsmcp::models {
namespace {

using nlohmann::json;

json LoadModelFacts() {
  std::ifstream in(std::string(AWSMCP_TEST_DATA) + "/protocol/models.json");
  std::stringstream buf;
  buf << in.rdbuf();
  json doc = json::parse(buf.str(), nullptr, false);
  if (!doc.is_object() || !doc.contains("services")) {
    ADD_FAILURE() << "cannot read models.json (regenerate with scripts/gen_protocol_vectors.py)";
    return json::object({{"services", json::object()}});
  }
  return doc;
}

std::shared_ptr<const ServiceModel> Model(const std::string& service) {
  auto m = ModelRegistry::Embedded().Get(service);
  EXPECT_TRUE(m.has_value()) << service << ": " << (m ? "" : m.error().ToString());
  return m ? *m : nullptr;
}

std::vector<std::string> Strings(const json& list) { return list.get<std::vector<std::string>>(); }

TEST(ModelRegistry, ServesExactlyTheShippedServices) {
  json facts = LoadModelFacts();
  std::vector<std::string> want;
  for (const auto& [name, _] : facts["services"].items()) want.push_back(name);
  std::sort(want.begin(), want.end());
  EXPECT_EQ(ModelRegistry::Embedded().ServiceNames(), want);
  EXPECT_EQ(want.size(), 20u);
}

TEST(ModelRegistry, UnknownServiceNamesTheAvailableOnes) {
  auto m = ModelRegistry::Embedded().Get("ec2-typo");
  ASSERT_FALSE(m.has_value());
  EXPECT_EQ(m.error().code(), Code::kNotFound);
  EXPECT_NE(m.error().message().find("ec2-typo"), std::string::npos);
  EXPECT_NE(m.error().message().find("ecs"), std::string::npos);
  EXPECT_NE(m.error().message().find("cloudformation"), std::string::npos);
}

TEST(ModelRegistry, ParsesOnceAndShares) {
  auto a = Model("logs");
  auto b = Model("logs");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a.get(), b.get());
}

TEST(ServiceModel, MetadataMatchesBotocore) {
  json facts = LoadModelFacts();
  for (const auto& [name, f] : facts["services"].items()) {
    auto model = Model(name);
    ASSERT_NE(model, nullptr);
    const ServiceMetadata& m = model->metadata();
    const json& want = f["metadata"];
    EXPECT_EQ(m.cli_name, name);
    EXPECT_EQ(m.service_id, want["service_id"]) << name;
    EXPECT_EQ(m.endpoint_prefix, want["endpoint_prefix"]) << name;
    EXPECT_EQ(m.signing_name, want["signing_name"]) << name;
    EXPECT_EQ(m.protocol, want["protocol"]) << name;
    EXPECT_EQ(m.protocols, Strings(want["protocols"])) << name;
    EXPECT_EQ(m.json_version, want["json_version"]) << name;
    EXPECT_EQ(m.target_prefix, want["target_prefix"]) << name;
    EXPECT_EQ(m.api_version, want["api_version"]) << name;
    EXPECT_EQ(m.global_endpoint, want["global_endpoint"]) << name;
  }
}

TEST(ServiceModel, OperationsMatchBotocoreInEveryNameForm) {
  json facts = LoadModelFacts();
  size_t checked = 0;
  for (const auto& [name, f] : facts["services"].items()) {
    auto model = Model(name);
    ASSERT_NE(model, nullptr);
    EXPECT_EQ(model->operations().size(), f["operations"].size()) << name;
    EXPECT_TRUE(std::is_sorted(model->operations().begin(), model->operations().end(),
                               [](const Operation& a, const Operation& b) { return a.name < b.name; }))
        << name;
    for (const auto& [op_name, want] : f["operations"].items()) {
      ++checked;
      const Operation* op = model->FindOperation(op_name);
      ASSERT_NE(op, nullptr) << name << " " << op_name;
      EXPECT_EQ(op->name, op_name);
      const std::string cli = want["cli"];  // botocore's xform_name(name, '-'), what the AWS CLI shows
      std::string snake = cli;
      std::replace(snake.begin(), snake.end(), '-', '_');
      EXPECT_EQ(model->FindOperation(cli), op) << name << " " << cli;
      EXPECT_EQ(model->FindOperation(snake), op) << name << " " << snake;
      EXPECT_EQ(op->input_shape, want["input"]) << name << " " << op_name;
      EXPECT_EQ(op->output_shape, want["output"]) << name << " " << op_name;
      EXPECT_EQ(op->result_wrapper, want["result_wrapper"]) << name << " " << op_name;
      EXPECT_EQ(op->http_method, want["http_method"]) << name << " " << op_name;
      EXPECT_EQ(op->request_uri, want["request_uri"]) << name << " " << op_name;
      if (!op->input_shape.empty()) {
        EXPECT_NE(model->FindShape(op->input_shape), nullptr) << op->input_shape;
      }
      if (!op->output_shape.empty()) {
        EXPECT_NE(model->FindShape(op->output_shape), nullptr) << op->output_shape;
      }
    }
  }
  EXPECT_GT(checked, 900u);
}

TEST(ServiceModel, FindOperationMisses) {
  auto model = Model("ecs");
  ASSERT_NE(model, nullptr);
  EXPECT_EQ(model->FindOperation("DescribeService"), nullptr);
  EXPECT_EQ(model->FindOperation(""), nullptr);
  EXPECT_EQ(model->FindOperation("describe services"), nullptr);
  EXPECT_NE(model->FindOperation("DESCRIBE-SERVICES"), nullptr);
  EXPECT_EQ(model->FindShape("NoSuchShape"), nullptr);
  ASSERT_NE(model->FindShape("DescribeServicesRequest"), nullptr);
  EXPECT_EQ(model->FindShape("DescribeServicesRequest")->value("type", ""), "structure");
}

TEST(ServiceModel, PaginatorsMatchBotocore) {
  json facts = LoadModelFacts();
  size_t checked = 0;
  for (const auto& [name, f] : facts["services"].items()) {
    auto model = Model(name);
    ASSERT_NE(model, nullptr);
    for (const auto& [op_name, want] : f["paginators"].items()) {
      ++checked;
      const Paginator* p = model->FindPaginator(op_name);
      ASSERT_NE(p, nullptr) << name << " " << op_name;
      EXPECT_EQ(p->input_tokens, Strings(want["input_tokens"])) << name << " " << op_name;
      EXPECT_EQ(p->output_tokens, Strings(want["output_tokens"])) << name << " " << op_name;
      EXPECT_EQ(p->result_keys, Strings(want["result_keys"])) << name << " " << op_name;
      EXPECT_EQ(p->non_aggregate_keys, Strings(want["non_aggregate_keys"])) << name << " " << op_name;
      EXPECT_EQ(p->limit_key, want["limit_key"]) << name << " " << op_name;
      EXPECT_EQ(p->more_results, want["more_results"]) << name << " " << op_name;
    }
    // Operations without a paginator have none.
    for (const auto& op : model->operations()) {
      if (!f["paginators"].contains(op.name)) {
        EXPECT_EQ(model->FindPaginator(op.name), nullptr) << op.name;
      }
    }
  }
  EXPECT_GT(checked, 150u);
  // Paginators are keyed by the API name only.
  auto ecs = Model("ecs");
  ASSERT_NE(ecs, nullptr);
  EXPECT_NE(ecs->FindPaginator("ListClusters"), nullptr);
  EXPECT_EQ(ecs->FindPaginator("list-clusters"), nullptr);
}

TEST(ServiceModel, SuggestsCloseOperationNames) {
  auto ecs = Model("ecs");
  ASSERT_NE(ecs, nullptr);
  // The contract is "close names", not an order among equally close ones: a
  // prefix of several names ("describe-service") ranks them all alike.
  auto contains = [](const std::vector<std::string>& v, const char* name) {
    return std::find(v.begin(), v.end(), name) != v.end();
  };
  auto s = ecs->SuggestOperations("describe-service");
  EXPECT_TRUE(contains(s, "DescribeServices"));
  EXPECT_LE(s.size(), 5u);
  s = ecs->SuggestOperations("lst-clusters");
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s[0], "ListClusters");
  // A fragment finds every operation containing it.
  s = ecs->SuggestOperations("clusters", 10);
  EXPECT_TRUE(contains(s, "DescribeClusters"));
  EXPECT_TRUE(contains(s, "ListClusters"));
  EXPECT_LE(ecs->SuggestOperations("clusters", 1).size(), 1u);
  // Nothing close: no suggestion rather than a random one.
  EXPECT_TRUE(ecs->SuggestOperations("zzzzqqqq").empty());
  auto iam = Model("iam");
  ASSERT_NE(iam, nullptr);
  s = iam->SuggestOperations("list_role");
  EXPECT_TRUE(contains(s, "ListRoles"));
  s = iam->SuggestOperations("GetRol");
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s[0], "GetRole");
}

TEST(ServiceModel, NormalizeOperationName) {
  EXPECT_EQ(NormalizeOperationName("describe-services"), "describeservices");
  EXPECT_EQ(NormalizeOperationName("describe_services"), "describeservices");
  EXPECT_EQ(NormalizeOperationName("DescribeServices"), "describeservices");
  EXPECT_EQ(NormalizeOperationName(""), "");
}

TEST(ServiceModel, ParseRejectsWhatIsNotAModel) {
  for (std::string_view bad : {"", "not json", "[]", "{}", R"({"metadata":{},"operations":{}})"}) {
    auto m = ServiceModel::Parse("x", bad, "");
    ASSERT_FALSE(m.has_value()) << bad;
    EXPECT_EQ(m.error().code(), Code::kInvalidArgument) << bad;
  }
}

TEST(ServiceModel, ParsesAMinimalModel) {
  const char* service = R"({
    "metadata": {"protocol": "json", "jsonVersion": "1.1", "targetPrefix": "Svc_1", "endpointPrefix": "svc",
                 "apiVersion": "2020-01-01", "serviceId": "Svc"},
    "operations": {
      "ListThings": {"name": "ListThings", "http": {"method": "POST", "requestUri": "/"},
                     "input": {"shape": "ListThingsRequest"}, "output": {"shape": "ListThingsResponse"},
                     "readonly": true},
      "Ping": {"name": "Ping"}
    },
    "shapes": {"ListThingsRequest": {"type": "structure", "members": {}},
               "ListThingsResponse": {"type": "structure", "members": {}}}})";
  const char* paginators = R"({"pagination": {"ListThings": {"input_token": "NextToken",
      "output_token": ["NextToken", "Other.Token"], "result_key": "Things"}}})";
  auto m = ServiceModel::Parse("svc", service, paginators);
  ASSERT_TRUE(m.has_value()) << m.error().ToString();
  const ServiceModel& model = **m;
  EXPECT_EQ(model.metadata().signing_name, "svc");  // defaults to the endpoint prefix
  EXPECT_EQ(model.metadata().protocols, std::vector<std::string>{"json"});  // defaults to [protocol]
  ASSERT_EQ(model.operations().size(), 2u);
  const Operation* list = model.FindOperation("list-things");
  ASSERT_NE(list, nullptr);
  EXPECT_TRUE(list->readonly_trait);
  const Operation* ping = model.FindOperation("Ping");
  ASSERT_NE(ping, nullptr);
  EXPECT_EQ(ping->input_shape, "");
  EXPECT_EQ(ping->output_shape, "");
  EXPECT_FALSE(ping->readonly_trait);
  const Paginator* p = model.FindPaginator("ListThings");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->output_tokens, (std::vector<std::string>{"NextToken", "Other.Token"}));
  EXPECT_EQ(p->result_keys, std::vector<std::string>{"Things"});
  EXPECT_EQ(p->limit_key, "");
  // A broken paginators document is ignored, not fatal.
  auto without = ServiceModel::Parse("svc", service, "{broken");
  ASSERT_TRUE(without.has_value());
  EXPECT_EQ((*without)->FindPaginator("ListThings"), nullptr);
}

}  // namespace
}  // namespace awsmcp::models
