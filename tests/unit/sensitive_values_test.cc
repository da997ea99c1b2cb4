#include "aws/sensitive_values.h"

#include <gtest/gtest.h>

#include "models/model_registry.h"

namespace awsmcp::aws {
namespace {

using nlohmann::json;

const models::Operation& Op(const models::ServiceModel& m, const char* name) { return *m.FindOperation(name); }

TEST(SensitiveValues, EcsEnvironmentValuesGoNamesStay) {
  auto ecs = *models::ModelRegistry::Embedded().Get("ecs");
  json out = {{"taskDefinition",
               {{"family", "web"},
                {"containerDefinitions",
                 {{{"name", "app"}, {"image", "nginx"},
                   {"environment", {{{"name", "DB_PASSWORD"}, {"value", "hunter2"}}, {{"name", "MODE"}, {"value", "x"}}}},
                   {"repositoryCredentials", {{"credentialsParameter", "arn:secret"}}}}}}}}};
  EXPECT_EQ(WithholdSensitive(*ecs, Op(*ecs, "DescribeTaskDefinition"), out), 3u);
  const json& c = out["taskDefinition"]["containerDefinitions"][0];
  EXPECT_EQ(c["environment"].size(), 2u);
  EXPECT_EQ(c["environment"][0]["name"], "DB_PASSWORD");
  EXPECT_EQ(c["environment"][0]["value"], kWithheld);
  EXPECT_EQ(c["repositoryCredentials"]["credentialsParameter"], kWithheld);
  EXPECT_EQ(c["image"], "nginx");
  EXPECT_EQ(out.dump().find("hunter2"), std::string::npos);
}

TEST(SensitiveValues, Ec2UserDataMarkedAndUnmarked) {
  auto ec2 = *models::ModelRegistry::Embedded().Get("ec2");
  json versions = {{"LaunchTemplateVersions", {{{"LaunchTemplateData", {{"UserData", "c2VjcmV0"}, {"ImageId", "ami-1"}}}}}}};
  EXPECT_EQ(WithholdSensitive(*ec2, Op(*ec2, "DescribeLaunchTemplateVersions"), versions), 1u);
  EXPECT_EQ(versions["LaunchTemplateVersions"][0]["LaunchTemplateData"]["ImageId"], "ami-1");
  json attribute = {{"InstanceId", "i-1"}, {"UserData", {{"Value", "c2VjcmV0"}}}};
  EXPECT_EQ(WithholdSensitive(*ec2, Op(*ec2, "DescribeInstanceAttribute"), attribute), 1u);
  EXPECT_EQ(attribute["UserData"]["Value"], kWithheld);
  EXPECT_EQ(attribute["InstanceId"], "i-1");
}

TEST(SensitiveValues, EveryMarkedShapeOfEveryShippedModelIsWithheld) {
  // For each operation, an output built with a value in every member reachable
  // from it: no marked value survives.
  auto& registry = models::ModelRegistry::Embedded();
  size_t checked = 0;
  for (const std::string& service : registry.ServiceNames()) {
    auto model = *registry.Get(service);
    for (const auto& op : model->operations()) {
      if (op.output_shape.empty()) continue;
      // Inside a sensitive aggregate, the members naming an entry stay visible (by design).
      std::function<json(const std::string&, int, bool, bool)> build = [&](const std::string& name, int depth,
                                                                            bool marked, bool names_entry) {
        const json* shape = model->FindShape(name);
        if (shape == nullptr || depth > 6) return json();
        const std::string type = shape->value("type", "");
        const bool own = shape->value("sensitive", false);
        const bool sensitive = marked || own;
        if (type == "structure") {
          json o = json::object();
          for (const auto& [m, ref] : (*shape)["members"].items()) {
            const bool member_marked = ref.value("sensitive", false);
            const bool entry_name = sensitive && !own && !member_marked &&
                                    (m == "name" || m == "Name" || m == "key" || m == "Key");
            json v = build(ref.value("shape", ""), depth + 1, sensitive || member_marked, entry_name);
            if (!v.is_null()) o[m] = v;
          }
          return o;
        }
        if (type == "list") {
          return json::array({build((*shape)["member"].value("shape", ""), depth + 1, sensitive, false)});
        }
        if (type == "map") return json{{"k", build((*shape)["value"].value("shape", ""), depth + 1, sensitive, false)}};
        return json(own || (sensitive && !names_entry) ? "SECRET-VALUE" : "plain");
      };
      json out = build(op.output_shape, 0, false, false);
      WithholdSensitive(*model, op, out);
      EXPECT_EQ(out.dump().find("SECRET-VALUE"), std::string::npos) << service << " " << op.name;
      ++checked;
    }
  }
  EXPECT_GT(checked, 1000u);
}

}  // namespace
}  // namespace awsmcp::aws
