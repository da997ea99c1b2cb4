#include "models/model_registry.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/closest_names.h"
#include "models/embedded.h"

namespace awsmcp::models {
namespace {

namespace fs = std::filesystem;

constexpr const char* kServiceFile = "service-2.json";
// A model file larger than this, compressed or not, is refused: the largest
// botocore model (ec2) is about 5 MB with its full documentation.
constexpr uintmax_t kMaxModelBytes = 64u << 20;

Result<std::string> Inflate(const std::string& gz) {
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return Fail(Status::Internal("zlib: cannot start"));
  std::string out;
  char buf[1 << 16];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
    if (out.size() > kMaxModelBytes) rc = Z_BUF_ERROR;
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) return Fail(Status::InvalidArgument("not a whole gzip file"));
  return out;
}

Result<std::string> ReadDiskFile(const std::string& path) {
  std::error_code ec;
  const uintmax_t size = fs::file_size(path, ec);
  if (ec || size > kMaxModelBytes) return Fail(Status::InvalidArgument("cannot read model file " + path));
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) return Fail(Status::InvalidArgument("cannot read model file " + path));
  if (path.ends_with(".gz")) {
    auto inflated = Inflate(text.str());
    if (!inflated) return Fail(Status::InvalidArgument("model file " + path + ": " + inflated.error().message()));
    return inflated;
  }
  return text.str();
}

// The newest API version folder of a service in botocore's layout
// (DIR/s3/2006-03-01/...), or the service folder itself in aws-mcp's.
fs::path ModelFolder(const fs::path& service_dir) {
  std::error_code ec;
  if (fs::exists(service_dir / kServiceFile, ec) || fs::exists(service_dir / "service-2.json.gz", ec)) {
    return service_dir;
  }
  fs::path newest;
  for (const auto& entry : fs::directory_iterator(service_dir, ec)) {
    if (entry.is_directory(ec) && (newest.empty() || entry.path().filename() > newest.filename())) {
      newest = entry.path();
    }
  }
  return newest;
}

}  // namespace

ModelRegistry& ModelRegistry::Embedded() {
  static ModelRegistry* registry = new ModelRegistry();
  return *registry;
}

ModelRegistry::ModelRegistry() {
  MutexLock lock(mu_);
  for (const EmbeddedFile* f = kEmbeddedFiles; f->service != nullptr; ++f) {
    files_[f->service][f->file] = Source{std::string_view(f->data, f->size), f->raw_size, ""};
  }
}

Status ModelRegistry::AddDirectory(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::InvalidArgument("--models-dir " + dir + " is not a directory");
  std::map<std::string, std::map<std::string, Source>> found;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_directory(ec)) continue;
    const fs::path folder = ModelFolder(entry.path());
    if (folder.empty()) continue;
    std::map<std::string, Source> files;
    for (const auto& file : fs::directory_iterator(folder, ec)) {
      std::string name = file.path().filename().string();
      if (name.ends_with(".gz")) name.resize(name.size() - 3);
      if (name.ends_with(".json")) files[name] = Source{{}, 0, file.path().string()};
    }
    if (files.contains(kServiceFile)) found[entry.path().filename().string()] = std::move(files);
  }
  if (fs::exists(fs::path(dir) / "partitions.json", ec)) {
    found[""]["partitions.json"] = Source{{}, 0, (fs::path(dir) / "partitions.json").string()};
  }
  if (ec || found.empty()) return Status::InvalidArgument("--models-dir " + dir + " holds no service model");
  MutexLock lock(mu_);
  for (auto& [service, files] : found) {
    if (service.empty()) {
      files_[""]["partitions.json"] = files["partitions.json"];
    } else {
      files_[service] = std::move(files);
    }
  }
  return Status::Ok();
}

std::vector<std::string> ModelRegistry::ServiceNames() const {
  MutexLock lock(mu_);
  std::vector<std::string> out;
  for (const auto& [name, files] : files_) {
    if (!name.empty() && files.contains(kServiceFile)) out.push_back(name);
  }
  return out;
}

std::vector<std::string> ModelRegistry::SuggestServices(std::string_view name, size_t limit) const {
  return ClosestNames(name, ServiceNames(), limit);
}

Result<std::string> ModelRegistry::Read(const Source& source) const {
  if (!source.path.empty()) return ReadDiskFile(source.path);
  std::string out(source.raw_size, '\0');
  const size_t n = ZSTD_decompress(out.data(), out.size(), source.frame.data(), source.frame.size());
  if (ZSTD_isError(n) || n != source.raw_size) return Fail(Status::Internal("an embedded model is corrupt"));
  return out;
}

Result<std::string> ModelRegistry::Document(const std::string& cli_name, const std::string& file) const {
  Source source;
  {
    MutexLock lock(mu_);
    auto service = files_.find(cli_name);
    if (service == files_.end() || !service->second.contains(file)) {
      return Fail(Status::NotFound("no " + file + " for service '" + cli_name + "'"));
    }
    source = service->second.at(file);
  }
  return Read(source);
}

Result<std::shared_ptr<const ServiceModel>> ModelRegistry::Get(const std::string& cli_name) {
  {
    MutexLock lock(mu_);
    auto parsed = parsed_.find(cli_name);
    if (parsed != parsed_.end()) return parsed->second;
  }
  auto service = Document(cli_name, kServiceFile);
  if (!service || cli_name.empty()) {
    std::string hint;
    for (const auto& n : SuggestServices(cli_name)) hint += (hint.empty() ? "" : ", ") + n;
    return Fail(Status::NotFound("unknown service '" + cli_name + "'" +
                                 (hint.empty() ? "" : "; did you mean " + hint + "?") +
                                 " aws_describe {} lists every service, and aws_describe {search: \"words\"} "
                                 "finds operations by what they do"));
  }
  auto paginators = Document(cli_name, "paginators-1.json");
  auto model = ServiceModel::Parse(cli_name, *service, paginators ? *paginators : std::string());
  if (!model) return Fail(model.error());
  MutexLock lock(mu_);
  // Two first uses may race; the first parse wins and both get it.
  auto [it, inserted] = parsed_.emplace(cli_name, *model);
  return it->second;
}

}  // namespace awsmcp::models
