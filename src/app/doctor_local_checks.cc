#include "app/doctor_local_checks.h"

#include "aws/shared_config.h"

namespace awsmcp::app {
namespace {

bool Exists(Env& env, const std::string& path) { return !path.empty() && env.StatFile(path).has_value(); }

std::string FolderOf(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos || slash == 0 ? "/" : path.substr(0, slash);
}

std::string Join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

// One shared file: PASS when present. Absent is FAIL when a variable named
// it (the user meant that file), else WARN: environment keys need no file.
void CheckSharedFile(DoctorContext& ctx, const char* name, const char* variable, const std::string& path) {
  if (Exists(ctx.env, path)) {
    ctx.report.Add({name, CheckStatus::kPass, path, ""});
    return;
  }
  auto named = ctx.env.GetVar(variable);
  if (named && !named->empty()) {
    ctx.report.Add({name, CheckStatus::kFail, std::string(variable) + " names " + path + ", which does not exist",
                    std::string("Point ") + variable + " at an existing file, or unset it."});
    return;
  }
  const std::string folder = FolderOf(path);
  std::string detail = Exists(ctx.env, folder) ? path + " does not exist"
                                               : path + " does not exist (no folder " + folder + ")";
  ctx.report.Add({name, CheckStatus::kWarn, detail,
                  "Not needed with environment keys; otherwise run `aws configure` (or `aws configure sso`)."});
}

void CheckMappingFile(DoctorContext& ctx) {
  const std::string& path = ctx.options.config_path;
  if (path.empty()) {
    ctx.report.Add({"mapping file", CheckStatus::kWarn,
                    std::string("none: no --config, and no ") + "./.cursor/mcp-config.json in the working directory",
                    "Pass --config /absolute/path/mcp-config.json to map the project's resources."});
  } else if (!Exists(ctx.env, path)) {
    ctx.report.Add({"mapping file", CheckStatus::kFail, path + " no longer exists", "Pass --config with its new path."});
  } else {
    ctx.report.Add({"mapping file", CheckStatus::kPass, path, ""});
  }
}

// Where the profile name came from, as the user would recognise it.
std::string ProfileOrigin(DoctorContext& ctx) {
  if (!ctx.options.profile.empty()) return ctx.options.profile_origin;
  for (const char* var : {"AWS_PROFILE", "AWS_DEFAULT_PROFILE"}) {
    auto v = ctx.env.GetVar(var);
    if (v && !v->empty()) return var;
  }
  return "";
}

// What the profile would sign in with, "" when it holds no credentials.
std::string ProfileKind(const aws::SharedConfig& cfg) {
  auto has = [&](const char* key) { return cfg.ConfigValue(key) || cfg.CredentialsValue(key); };
  if (has("role_arn")) return "role";
  if (has("sso_session") || has("sso_start_url")) return "SSO";
  if (has("credential_process")) return "credential_process";
  if (has("web_identity_token_file")) return "web identity";
  if (has("aws_access_key_id")) return "keys";
  return "";
}

std::string MaskKeyId(const std::string& id) {
  if (id.size() <= 8) return "****";
  return id.substr(0, 4) + "..." + id.substr(id.size() - 4);
}

bool EnvKeysSet(Env& env) {
  auto id = env.GetVar("AWS_ACCESS_KEY_ID");
  auto secret = env.GetVar("AWS_SECRET_ACCESS_KEY");
  return id && !id->empty() && secret && !secret->empty();
}

// Which source won and what it shadowed: the README's snippets once passed
// --profile, which silently turned the environment's keys off.
void CheckCredentialSource(DoctorContext& ctx, const aws::Credentials& creds) {
  const std::string profile = aws::ResolveProfileName(ctx.env, ctx.options.profile);
  const std::string origin = ProfileOrigin(ctx);
  auto cfg = ctx.aws.config().Get();
  const std::string kind = cfg ? ProfileKind(**cfg) : "";
  const bool env_keys = EnvKeysSet(ctx.env);
  const std::string profile_text = "profile " + profile + (origin.empty() ? "" : " (" + origin + ")");
  std::vector<std::string> shadowed;
  DoctorCheck check{"credential source", CheckStatus::kPass, creds.source + " won", ""};
  if (!ctx.options.profile.empty() && env_keys) {
    shadowed.push_back("environment keys (AWS_ACCESS_KEY_ID)");
    check.status = CheckStatus::kWarn;
    check.detail += "; AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are ignored because " + profile_text +
                    " was chosen explicitly";
    check.fix = "To use the environment keys, drop " + origin + "; to use the profile, unset the keys.";
  } else if (creds.source == "environment" && !kind.empty()) {
    shadowed.push_back(profile_text + " (" + kind + ")");
    check.detail += "; it shadows " + profile_text + ", which has " + kind;
    if (!origin.empty()) {
      check.status = CheckStatus::kWarn;
      check.fix = "To use the profile, unset AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass --profile " +
                  profile + ".";
    }
  } else {
    check.detail += "; nothing shadowed";
  }
  ctx.report.SetFact("credentials", {{"source", creds.source}, {"shadowed", shadowed},
                                     {"profile", profile}, {"profile_origin", origin.empty() ? "default" : origin}});
  ctx.report.Add(std::move(check));
}

std::string RegionFix(const std::string& source, const std::string& want) {
  if (source == "AWS_REGION" || source == "AWS_DEFAULT_REGION") return "export " + source + "=" + want;
  if (source.rfind("profile ", 0) == 0) return "Set `region = " + want + "` in the " + source + " section of the config file.";
  if (source.rfind("config file ", 0) == 0) return "Set project.aws.region to \"" + want + "\" in " + source.substr(12) + ".";
  return "Pass --region " + want + ".";
}

}  // namespace

bool DoctorContext::ShouldSkip() {
  if (skip_reason.empty() && deadline.passed()) {
    skip_reason = "the " + std::to_string(deadline.limit().count() / 1000) + " s deadline passed (--deadline)";
  }
  return !skip_reason.empty();
}

void CheckFiles(DoctorContext& ctx) {
  aws::SharedConfigPaths paths = aws::DefaultSharedConfigPaths(ctx.env);
  CheckSharedFile(ctx, "config file", "AWS_CONFIG_FILE", paths.config);
  CheckSharedFile(ctx, "credentials file", "AWS_SHARED_CREDENTIALS_FILE", paths.credentials);
  if (!ctx.aws.config_status().ok()) {
    ctx.report.Add({"config files parse", CheckStatus::kFail, ctx.aws.config_status().message(),
                    "Fix the file and line named above."});
  }
  CheckMappingFile(ctx);
}

void CheckProfile(DoctorContext& ctx) {
  const std::string profile = aws::ResolveProfileName(ctx.env, ctx.options.profile);
  const std::string origin = ProfileOrigin(ctx);
  ctx.report.SetFact("profile", {{"name", profile}, {"origin", origin.empty() ? "default" : origin}});
  if (origin.empty()) return;  // the implicit default may be absent
  auto cfg = ctx.aws.config().Get();
  if (!cfg) {
    ctx.report.Add({"profile", CheckStatus::kSkip, "skipped: the config files do not parse", ""});
    return;
  }
  if ((*cfg)->ProfileExists()) {
    ctx.report.Add({"profile", CheckStatus::kPass, "profile " + profile + " (from " + origin + ") found", ""});
    return;
  }
  aws::SharedConfigPaths paths = aws::DefaultSharedConfigPaths(ctx.env);
  ctx.report.Add({"profile", CheckStatus::kFail,
                  "profile " + profile + " (from " + origin + ") is in neither " + paths.config + " nor " +
                      paths.credentials,
                  "Create it with `aws configure --profile " + profile + "`, or fix " + origin + "."});
}

std::optional<aws::Credentials> CheckCredentials(DoctorContext& ctx) {
  auto creds = ctx.aws.credentials().Get();
  if (!creds) {
    std::string fix = "See README: Signing in.";
    if (!ctx.options.profile.empty() && EnvKeysSet(ctx.env)) {
      // The chain's own advice (set AWS_ACCESS_KEY_ID) would name keys that are already set.
      fix = "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set, but ignored because profile " +
            ctx.options.profile + " was chosen explicitly (" + ctx.options.profile_origin + "): drop " +
            ctx.options.profile_origin + " to use them.";
    }
    ctx.report.Add({"credentials", CheckStatus::kFail, creds.error().message(), fix});
    return std::nullopt;
  }
  ctx.report.Add({"credentials", CheckStatus::kPass,
                  creds->source + ", key " + MaskKeyId(creds->access_key_id) +
                      (creds->session_token.empty() ? "" : ", temporary"),
                  ""});
  CheckCredentialSource(ctx, *creds);
  return *creds;
}

bool CheckRegion(DoctorContext& ctx) {
  const aws::ResolvedRegion& region = ctx.aws.region();
  ctx.report.SetFact("region", {{"name", region.region}, {"source", region.source}});
  if (!ctx.aws.region_status().ok()) {
    ctx.report.Add({"region", CheckStatus::kFail, ctx.aws.region_status().message(),
                    "Set a valid region: --region us-east-1."});
    return false;
  }
  if (region.region.empty()) {
    ctx.report.Add({"region", CheckStatus::kFail, "no region configured",
                    "Pass --region, set AWS_REGION, or add `region = us-east-1` to the profile in ~/.aws/config."});
    return false;
  }
  if (!ctx.regions.Contains(region.region)) {
    std::vector<std::string> close = ctx.regions.Closest(region.region);
    std::string detail = region.region + " (from " + region.source + ") is not an AWS region";
    detail += close.empty() ? "" : "; did you mean " + Join(close, " or ") + "?";
    ctx.report.Add({"region", CheckStatus::kFail, detail,
                    RegionFix(region.source, close.empty() ? "us-east-1" : close.front())});
    return false;
  }
  ctx.report.Add({"region", CheckStatus::kPass, region.region + " (from " + region.source + ")", ""});
  return true;
}

}  // namespace awsmcp::app
