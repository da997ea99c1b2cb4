#include "models/model_registry.h"

#include "models/embedded.h"

namespace awsmcp::models {

ModelRegistry& ModelRegistry::Embedded() {
  static ModelRegistry* registry = new ModelRegistry();
  return *registry;
}

ModelRegistry::ModelRegistry() {
  for (const EmbeddedFile* f = kEmbeddedFiles; f->service != nullptr; ++f) {
    std::string_view data(f->data, f->size);
    std::string_view file(f->file);
    if (file == "service-2.json") files_[f->service].service = data;
    if (file == "paginators-1.json") files_[f->service].paginators = data;
  }
}

std::vector<std::string> ModelRegistry::ServiceNames() const {
  std::vector<std::string> out;
  for (const auto& [name, files] : files_) {
    if (!files.service.empty()) out.push_back(name);
  }
  return out;
}

Result<std::shared_ptr<const ServiceModel>> ModelRegistry::Get(const std::string& cli_name) {
  auto it = files_.find(cli_name);
  if (it == files_.end() || it->second.service.empty()) {
    std::string names;
    for (const auto& n : ServiceNames()) names += (names.empty() ? "" : ", ") + n;
    return Fail(Status::NotFound("unknown service '" + cli_name + "'; available: " + names));
  }
  MutexLock lock(mu_);
  auto parsed = parsed_.find(cli_name);
  if (parsed != parsed_.end()) return parsed->second;
  auto model = ServiceModel::Parse(cli_name, it->second.service, it->second.paginators);
  if (!model) return Fail(model.error());
  parsed_[cli_name] = *model;
  return *model;
}

}  // namespace awsmcp::models
