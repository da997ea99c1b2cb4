// Credentials from the machine the server runs on: the ECS/EKS container
// endpoint, EC2 instance metadata (IMDSv2), and a web identity token
// exchanged with STS (EKS IRSA). Each is NotFound when its variables are not
// set, so the chain moves on.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "aws/credentials.h"
#include "aws/http.h"
#include "base/env.h"

namespace awsmcp::aws {

// AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (on 169.254.170.2) or
// AWS_CONTAINER_CREDENTIALS_FULL_URI (loopback, the ECS/EKS link-local
// addresses, or https), with AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE or
// AWS_CONTAINER_AUTHORIZATION_TOKEN sent as Authorization.
class ContainerProvider final : public CredentialsProvider {
 public:
  ContainerProvider(Env* env, HttpClient* http) : env_(env), http_(http) {}
  Result<Credentials> Get() override;
  std::string Name() const override { return "container"; }

 private:
  Env* const env_;
  HttpClient* const http_;
};

// EC2 instance metadata with an IMDSv2 session token. The endpoint is
// AWS_EC2_METADATA_SERVICE_ENDPOINT (default http://169.254.169.254);
// AWS_EC2_METADATA_DISABLED=true turns it off.
class InstanceMetadataProvider final : public CredentialsProvider {
 public:
  InstanceMetadataProvider(Env* env, HttpClient* http) : env_(env), http_(http) {}
  Result<Credentials> Get() override;
  std::string Name() const override { return "ec2-instance-metadata"; }

 private:
  Env* const env_;
  HttpClient* const http_;
};

// Exchanges a role and a web identity token file for credentials, e.g. with
// sts AssumeRoleWithWebIdentity. The exchange is injected so this file does not
// depend on the STS client.
using WebIdentityExchange = std::function<Result<Credentials>(const std::string& role_arn,
                                                              const std::string& session_name,
                                                              const std::string& token)>;

// AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN (+ AWS_ROLE_SESSION_NAME), or the
// same given explicitly from a profile's web_identity_token_file/role_arn.
class WebIdentityProvider final : public CredentialsProvider {
 public:
  WebIdentityProvider(Env* env, WebIdentityExchange exchange, std::string token_file = "", std::string role_arn = "",
                      std::string session_name = "")
      : env_(env), exchange_(std::move(exchange)), token_file_(std::move(token_file)),
        role_arn_(std::move(role_arn)), session_name_(std::move(session_name)) {}
  Result<Credentials> Get() override;
  std::string Name() const override { return "web-identity"; }

 private:
  Env* const env_;
  WebIdentityExchange exchange_;
  std::string token_file_, role_arn_, session_name_;
};

}  // namespace awsmcp::aws
