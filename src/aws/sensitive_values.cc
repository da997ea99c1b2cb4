#include "aws/sensitive_values.h"

#include <array>
#include <string_view>

namespace awsmcp::aws {
namespace {

using nlohmann::json;

constexpr int kMaxDepth = 64;

// Output members that hold secrets although the model does not mark them.
struct UnmarkedSecret {
  std::string_view service;
  std::string_view operation;
  std::string_view member;  // a top-level output member
};
constexpr std::array kUnmarked{
    UnmarkedSecret{"ec2", "DescribeInstanceAttribute", "UserData"},  // user data scripts carry passwords
};

bool NamesAnEntry(std::string_view member) {
  return member == "name" || member == "Name" || member == "key" || member == "Key";
}

class Withholder {
 public:
  explicit Withholder(const models::ServiceModel& model) : model_(model) {}

  // `inherited`: inside a sensitive aggregate; `names_entry`: this value is a
  // member that names an entry of it (kept).
  void Walk(const std::string& shape_name, json& value, bool inherited, bool names_entry, int depth) {
    const json* shape = model_.FindShape(shape_name);
    if (shape == nullptr || value.is_null()) return;
    const bool own = shape->value("sensitive", false);
    if (depth > kMaxDepth) {  // never reached by a shaped answer; withhold rather than guess
      Replace(value);
      return;
    }
    const bool sensitive = inherited || own;
    const std::string type = shape->value("type", "");
    if (type == "structure" && value.is_object()) {
      for (const auto& [name, ref] : (*shape)["members"].items()) {
        auto it = value.find(name);
        if (it == value.end()) continue;
        const bool marked = ref.value("sensitive", false);
        Walk(ref.value("shape", ""), *it, sensitive || marked, sensitive && !own && !marked && NamesAnEntry(name),
             depth + 1);
      }
    } else if (type == "list" && value.is_array()) {
      for (auto& v : value) Walk((*shape)["member"].value("shape", ""), v, sensitive, false, depth + 1);
    } else if (type == "map" && value.is_object()) {
      for (auto& [k, v] : value.items()) Walk((*shape)["value"].value("shape", ""), v, sensitive, false, depth + 1);
    } else if (own || (inherited && !names_entry)) {
      Replace(value);
    }
  }

  void Replace(json& value) {
    value = kWithheld;
    ++count_;
  }
  size_t count() const { return count_; }

 private:
  const models::ServiceModel& model_;
  size_t count_ = 0;
};

}  // namespace

size_t WithholdSensitive(const models::ServiceModel& model, const models::Operation& op, json& output) {
  if (op.output_shape.empty() || !output.is_object()) return 0;
  Withholder w(model);
  for (const auto& u : kUnmarked) {
    if (u.service != model.metadata().cli_name || u.operation != op.name) continue;
    auto it = output.find(std::string(u.member));
    const json* shape = model.FindShape(op.output_shape);
    if (it == output.end() || shape == nullptr || !shape->contains("members")) continue;
    auto ref = (*shape)["members"].find(std::string(u.member));
    if (ref != (*shape)["members"].end()) w.Walk(ref->value("shape", ""), *it, true, false, 1);
  }
  w.Walk(op.output_shape, output, false, false, 0);
  return w.count();
}

}  // namespace awsmcp::aws
