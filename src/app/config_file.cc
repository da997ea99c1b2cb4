#include "app/config_file.h"

#include <cctype>

#include <nlohmann/json.hpp>

#include "base/json_depth.h"
#include "tools/arguments.h"

namespace awsmcp::app {
namespace {

using nlohmann::json;

constexpr size_t kMaxConfigBytes = 1u << 20;

// Reads typed values out of a JSON object, remembering the first problem with its path.
class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  bool Object(const json& v, const std::string& path, const std::set<std::string>& keys) {
    if (!v.is_object()) return Error(path, "expected an object");
    for (const auto& [k, _] : v.items()) {
      if (!keys.count(k)) {
        std::string valid;
        for (const auto& key : keys) valid += (valid.empty() ? "" : ", ") + key;
        return Error(path + "." + k, "unknown key; valid keys: " + valid);
      }
    }
    return true;
  }
  bool String(const json& v, const std::string& path, std::string* out) {
    if (!v.is_string() || v.get_ref<const std::string&>().empty()) return Error(path, "expected a non-empty string");
    *out = v.get<std::string>();
    return true;
  }
  bool Strings(const json& v, const std::string& path, std::vector<std::string>* out) {
    if (!v.is_array()) return Error(path, "expected an array of strings");
    out->clear();
    for (size_t i = 0; i < v.size(); ++i) {
      std::string s;
      if (!String(v[i], path + "[" + std::to_string(i) + "]", &s)) return false;
      out->push_back(std::move(s));
    }
    return true;
  }
  bool Bool(const json& v, const std::string& path, bool* out) {
    if (!v.is_boolean()) return Error(path, "expected true or false");
    *out = v.get<bool>();
    return true;
  }
  template <typename T>
  bool Int(const json& v, const std::string& path, int64_t lo, int64_t hi, T* out) {
    if (!v.is_number_integer() || v.get<int64_t>() < lo || v.get<int64_t>() > hi) {
      return Error(path, "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
    }
    *out = static_cast<T>(v.get<int64_t>());
    return true;
  }
  bool Error(const std::string& path, const std::string& what) {
    if (error_.ok()) error_ = Status::InvalidArgument(source_ + ": " + path + ": " + what);
    return false;
  }
  const Status& status() const { return error_; }

 private:
  std::string source_;
  Status error_;
};

bool ReadServices(Reader& r, const json& s, const std::string& path, ProjectResources* p) {
  if (!r.Object(s, path, {"ecs", "ecr", "secrets", "logGroups", "rds", "elasticache", "loadBalancers", "alarms"})) {
    return false;
  }
  if (s.contains("ecs")) {
    const json& ecs = s["ecs"];
    if (!ecs.is_array()) return r.Error(path + ".ecs", "expected an array of {cluster, services}");
    for (size_t i = 0; i < ecs.size(); ++i) {
      std::string at = path + ".ecs[" + std::to_string(i) + "]";
      EcsServiceRef ref;
      if (!r.Object(ecs[i], at, {"cluster", "services"})) return false;
      if (!ecs[i].contains("cluster")) return r.Error(at + ".cluster", "required");
      if (!r.String(ecs[i]["cluster"], at + ".cluster", &ref.cluster)) return false;
      if (ecs[i].contains("services") && !r.Strings(ecs[i]["services"], at + ".services", &ref.services)) return false;
      p->ecs.push_back(std::move(ref));
    }
  }
  const std::pair<const char*, std::vector<std::string>*> lists[] = {
      {"ecr", &p->ecr}, {"secrets", &p->secrets}, {"logGroups", &p->log_groups}, {"rds", &p->databases},
      {"elasticache", &p->caches}, {"loadBalancers", &p->load_balancers}, {"alarms", &p->alarms}};
  for (const auto& [key, out] : lists) {
    if (s.contains(key) && !r.Strings(s[key], path + "." + key, out)) return false;
  }
  return true;
}

// Only a person starting the server may widen what it does: a file found in
// the working directory comes with the repository, and anyone who can commit
// to it could open writes for everyone who opens it. So such a file may only
// narrow; widening needs a flag, or a file named with --config that no one
// else can write.
Status CheckWidening(Env& env, const std::string& path, bool named, const std::set<std::string>& from_flags,
                     bool allows_writes, bool allows_secret_reads) {
  std::string keys;
  if (allows_writes && !from_flags.count("allow-write")) keys = "project.aws.readOnly: false";
  if (allows_secret_reads && !from_flags.count("allow-secret-reads")) {
    keys += std::string(keys.empty() ? "" : " and ") + "project.aws.allowSecretReads: true";
  }
  if (keys.empty()) return Status::Ok();
  if (!named) {
    return Status::PermissionDenied(
        "config " + path + ": " + keys + " would widen what aws-mcp may do, and a file found in the working "
        "directory may only narrow it (it comes with the repository). Start the server with --allow-write or "
        "--allow-secret-reads, or name the file with --config PATH.");
  }
  auto stamp = env.StatFile(path);
  if (!stamp || stamp->writable_by_others) {
    return Status::PermissionDenied("config " + path + ": " + keys + " widens what aws-mcp may do, but others "
                                    "can change the file (group- or world-writable, or owned by another user). "
                                    "Run chmod go-w on it, or give the flags instead.");
  }
  return Status::Ok();
}

// Where a text that did not parse as JSON went wrong, as "LINE:COLUMN: what".
// A SAX pass: it reports the byte offset without building anything or throwing.
class JsonErrorLocator final : public nlohmann::json_sax<json> {
 public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    position_ = position;
    std::string what = e.what();
    auto at = what.find(": ");
    what_ = at == std::string::npos ? what : what.substr(at + 2);
    return false;
  }

  static std::string Locate(const std::string& text) {
    JsonErrorLocator sax;
    json::sax_parse(text, &sax, json::input_format_t::json, true);
    if (sax.position_ == 0) return "nested too deeply";
    size_t line = 1, column = 1;
    for (size_t i = 0; i + 1 < sax.position_ && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    return std::to_string(line) + ":" + std::to_string(column) + ": " + sax.what_;
  }

 private:
  size_t position_ = 0;
  std::string what_;
};

}  // namespace

Status ApplyConfigFile(Env& env, const std::string& path, bool required, const std::set<std::string>& from_flags,
                       AppOptions* o) {
  auto text = env.ReadFile(path, kMaxConfigBytes);
  if (!text) {
    if (!required && text.error().code() == Code::kNotFound) return Status::Ok();
    return Status::InvalidArgument("config " + path + ": " + text.error().message());
  }
  json doc = ParseJsonBounded(*text);
  if (doc.is_discarded()) {
    const std::string where = JsonErrorLocator::Locate(*text);  // "LINE:COLUMN: what", or why it is refused
    const char* sep = std::isdigit(static_cast<unsigned char>(where[0])) ? ":" : ": ";
    return Status::InvalidArgument("config " + path + sep + where + " (not valid JSON)");
  }
  if (!doc.is_object() || !doc.contains("project") || !doc["project"].is_object() ||
      !doc["project"].contains("aws")) {
    return required ? Status::InvalidArgument("config " + path + ": no project.aws section") : Status::Ok();
  }
  const json& aws = doc["project"]["aws"];
  Reader r("config " + path);
  if (!r.Object(aws, "project.aws", {"region", "profile", "allowedProfiles", "cacheTtlSeconds", "maxResultBytes",
                                     "readOnly", "allowSecretReads", "services"})) {
    return r.status();
  }
  AppOptions file = *o;
  bool read_only = !o->allow_write;
  bool ok = true;
  auto has = [&](const char* k) { return ok && aws.contains(k); };
  if (has("region")) ok = r.String(aws["region"], "project.aws.region", &file.region);
  if (ok && !file.region.empty() && !tools::LooksLikeRegion(file.region)) {
    ok = r.Error("project.aws.region", "not a region name like us-east-1");
  }
  if (has("profile")) ok = r.String(aws["profile"], "project.aws.profile", &file.profile);
  if (has("allowedProfiles")) ok = r.Strings(aws["allowedProfiles"], "project.aws.allowedProfiles", &file.allowed_profiles);
  if (has("cacheTtlSeconds")) ok = r.Int(aws["cacheTtlSeconds"], "project.aws.cacheTtlSeconds", 0, 86400, &file.cache_ttl_seconds);
  if (has("maxResultBytes")) {
    ok = r.Int(aws["maxResultBytes"], "project.aws.maxResultBytes", 1024, int64_t{64} << 20, &file.max_result_bytes);
  }
  if (has("readOnly")) ok = r.Bool(aws["readOnly"], "project.aws.readOnly", &read_only);
  if (has("allowSecretReads")) ok = r.Bool(aws["allowSecretReads"], "project.aws.allowSecretReads", &file.allow_secret_reads);
  if (has("services")) ok = ReadServices(r, aws["services"], "project.aws.services", &file.project);
  if (!ok) return r.status();

  Status widening = CheckWidening(env, path, required, from_flags, !read_only, file.allow_secret_reads);
  if (!widening.ok()) return widening;

  auto take = [&](const char* flag, auto& field, const auto& value) {
    if (!from_flags.count(flag)) field = value;
  };
  take("region", o->region, file.region);
  if (!from_flags.count("region") && aws.contains("region")) o->region_origin = "config file " + path;
  take("profile", o->profile, file.profile);
  if (!from_flags.count("profile") && aws.contains("profile")) {
    o->profile_origin = "project.aws.profile in " + path;
  }
  take("allowed-profiles", o->allowed_profiles, file.allowed_profiles);
  take("cache-ttl", o->cache_ttl_seconds, file.cache_ttl_seconds);
  take("max-result-bytes", o->max_result_bytes, file.max_result_bytes);
  take("allow-write", o->allow_write, !read_only);
  take("allow-secret-reads", o->allow_secret_reads, file.allow_secret_reads);
  o->project = file.project;
  o->config_path = path;
  return Status::Ok();
}

}  // namespace awsmcp::app
