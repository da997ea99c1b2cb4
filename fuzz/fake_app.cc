#include "fake_app.h"

#include <map>

#include "aws/endpoint.h"
#include "tools/aws_call_tool.h"
#include "tools/aws_describe_tool.h"
#include "tools/header_params.h"
#include "tools/inventory_tools.h"
#include "tools/logs_tool.h"
#include "tools/metrics_tool.h"
#include "tools/region_fanout.h"
#include "tools/service_health_tool.h"
#include "tools/workflow_prompts.h"

namespace awsmcp::fuzz {
namespace {

using nlohmann::json;

// JSON-protocol answers by operation. Timestamps are epoch seconds, as AWS sends them.
const std::map<std::string, std::string>& JsonAnswers() {
  static const auto* answers = new std::map<std::string, std::string>{
      {"DescribeServices", R"j({"services":[{"serviceName":"gateway-service","clusterArn":"arn:aws:ecs:us-east-1:123456789012:cluster/prod",
        "status":"ACTIVE","desiredCount":2,"runningCount":1,"pendingCount":1,
        "taskDefinition":"arn:aws:ecs:us-east-1:123456789012:task-definition/gateway:7",
        "loadBalancers":[{"targetGroupArn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/gateway-tg/95296dc6f04e71b9","containerName":"app","containerPort":8080}],
        "deployments":[{"id":"ecs-svc/2","status":"PRIMARY","rolloutState":"IN_PROGRESS","taskDefinition":"arn:aws:ecs:us-east-1:123456789012:task-definition/gateway:7","desiredCount":2,"runningCount":1,"pendingCount":1,"failedTasks":1,"updatedAt":1799999000.5},
                       {"id":"ecs-svc/1","status":"ACTIVE","rolloutState":"COMPLETED","taskDefinition":"arn:aws:ecs:us-east-1:123456789012:task-definition/gateway:6","desiredCount":0,"runningCount":1,"pendingCount":0,"failedTasks":0,"updatedAt":1799990000}],
        "events":[{"id":"e1","createdAt":1799999100,"message":"(service gateway-service) has started 1 tasks."},
                  {"id":"e2","createdAt":1799999000,"message":"(service gateway-service) is unable to consistently start tasks successfully."}]}],"failures":[]})j"},
      {"ListTasks", R"j({"taskArns":["arn:aws:ecs:us-east-1:123456789012:task/prod/0123456789abcdef","arn:aws:ecs:us-east-1:123456789012:task/prod/fedcba9876543210"]})j"},
      {"DescribeTasks", R"j({"tasks":[{"taskArn":"arn:aws:ecs:us-east-1:123456789012:task/prod/0123456789abcdef","lastStatus":"STOPPED",
        "stoppedReason":"Essential container in task exited","stopCode":"EssentialContainerExited","stoppedAt":1799999500,
        "containers":[{"name":"app","exitCode":137,"reason":"OutOfMemoryError: Container killed due to memory usage"},{"name":"sidecar","exitCode":0}]}],"failures":[]})j"},
      {"DescribeTaskDefinition", R"j({"taskDefinition":{"family":"gateway","revision":7,"containerDefinitions":[
        {"name":"app","image":"123456789012.dkr.ecr.us-east-1.amazonaws.com/gateway:v7","logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"/ecs/gateway","awslogs-region":"us-east-1"}}}]}})j"},
      {"ListClusters", R"j({"clusterArns":["arn:aws:ecs:us-east-1:123456789012:cluster/prod"]})j"},
      {"ListServices", R"j({"serviceArns":["arn:aws:ecs:us-east-1:123456789012:service/prod/gateway-service"]})j"},
      {"DescribeClusters", R"j({"clusters":[{"clusterName":"prod","status":"ACTIVE","runningTasksCount":3}],"failures":[]})j"},
      {"FilterLogEvents", R"j({"events":[
        {"logStreamName":"app/app/0123","timestamp":1799999900000,"message":"ERROR 2027-01-15T08:00:00Z request 4711 failed: upstream timeout after 3000 ms (id 0xdeadbeef)\n"},
        {"logStreamName":"app/app/0123","timestamp":1799999910000,"message":"ERROR 2027-01-15T08:00:10Z request 4712 failed: upstream timeout after 3000 ms (id 0xfeedface)\r\n"},
        {"logStreamName":"app/app/0456","timestamp":1799999920000,"message":"java.lang.IllegalStateException: pool exhausted"}],
        "nextToken":"page-2"})j"},
      {"StartQuery", R"j({"queryId":"12ab3456-12ab-123a-789e-1234567890ab"})j"},
      {"GetQueryResults", R"j({"status":"Complete","results":[
        [{"field":"@timestamp","value":"2027-01-15 08:00:00.000"},{"field":"@message","value":"ERROR pool exhausted"},{"field":"@ptr","value":"CmAKJQ"}],
        [{"field":"bin(5m)","value":"2027-01-15 08:00:00.000"},{"field":"count()","value":"12"}]],
        "statistics":{"recordsMatched":2.0,"recordsScanned":120.0,"bytesScanned":4096.0}})j"},
      {"StopQuery", R"j({"success":true})j"},
      {"DescribeLogGroups", R"j({"logGroups":[{"logGroupName":"/ecs/gateway","creationTime":1700000000000,"storedBytes":1024,"retentionInDays":30,
        "arn":"arn:aws:logs:us-east-1:123456789012:log-group:/ecs/gateway:*"},{"logGroupName":"/ecs/gateway-old","creationTime":1600000000000}]})j"},
      {"GetMetricStatistics", R"j({"Label":"CPUUtilization","Datapoints":[{"Timestamp":1799999400,"Average":71.5,"Maximum":99.0,"Unit":"Percent"},
        {"Timestamp":1799999100,"Average":40.25,"Maximum":55.0,"Unit":"Percent"},{"Timestamp":1799999700,"Average":12.0,"Unit":"Percent"}]})j"},
      {"DescribeAlarms", R"j({"MetricAlarms":[{"AlarmName":"gateway-5xx","StateValue":"ALARM","StateReason":"Threshold Crossed: 1 datapoint [12.0] was greater than 5.0",
        "Dimensions":[{"Name":"ServiceName","Value":"gateway-service"},{"Name":"ClusterName","Value":"prod"}]},
        {"AlarmName":"unrelated","StateValue":"ALARM","StateReason":"x","Dimensions":[{"Name":"DBInstanceIdentifier","Value":"other"}]}],"CompositeAlarms":[]})j"},
      {"GetMetricData", R"j({"MetricDataResults":[
        {"Id":"m0","Label":"a","Timestamps":[1799999940,1799999880,1799999820],"Values":[1.5,2.5,0.5],"StatusCode":"Complete"},
        {"Id":"m1","Label":"b","Timestamps":[1799999940],"Values":[100.0],"StatusCode":"PartialData"},
        {"Id":"m2","Label":"c","Timestamps":[],"Values":[],"StatusCode":"Complete"}],"Messages":[]})j"},
      {"ListMetrics", R"j({"Metrics":[{"Namespace":"AWS/ECS","MetricName":"CPUUtilization","Dimensions":[{"Name":"ClusterName","Value":"prod"}]}]})j"},
      {"DescribeRepositories", R"j({"repositories":[
        {"repositoryName":"gateway","repositoryUri":"123456789012.dkr.ecr.us-east-1.amazonaws.com/gateway","imageScanningConfiguration":{"scanOnPush":true},"createdAt":1700000000},
        {"repositoryName":"worker","repositoryUri":"123456789012.dkr.ecr.us-east-1.amazonaws.com/worker"}]})j"},
      {"DescribeImages", R"j({"imageDetails":[
        {"imageDigest":"sha256:0123456789abcdef0123456789abcdef","imageTags":["v7","latest"],"imagePushedAt":1799990000,"imageSizeInBytes":123456789,
         "imageScanStatus":{"status":"COMPLETE"},"imageScanFindingsSummary":{"findingSeverityCounts":{"HIGH":1,"LOW":3}}},
        {"imageDigest":"sha256:fedcba9876543210","imageTags":["v6"],"imagePushedAt":1799000000,"imageSizeInBytes":120000000},
        {"imageDigest":"sha256:00","imagePushedAt":1798000000,"imageSizeInBytes":1}],"nextToken":"page-2"})j"},
      {"ListImages", R"j({"imageIds":[{"imageDigest":"sha256:0123","imageTag":"v7"}]})j"},
      {"DescribeSecret", R"j({"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf","Name":"db-password",
        "LastChangedDate":1799000000,"RotationEnabled":false,"Tags":[{"Key":"team","Value":"core"}]})j"},
      {"ListSecrets", R"j({"SecretList":[{"Name":"db-password","ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf"}]})j"},
      {"GetResources", R"j({"ResourceTagMappingList":[{"ResourceARN":"arn:aws:ecs:us-east-1:123456789012:service/prod/gateway-service","Tags":[{"Key":"app","Value":"gateway"}]}]})j"},
      {"ListRules", R"j({"Rules":[{"Name":"nightly","State":"ENABLED","ScheduleExpression":"cron(0 3 * * ? *)"}]})j"},
  };
  return *answers;
}

// Query-protocol results by operation: the XML inside <OpResult>.
const std::map<std::string, std::string>& QueryResults() {
  static const auto* results = new std::map<std::string, std::string>{
      {"DescribeDBInstances", "<DBInstances><DBInstance><DBInstanceIdentifier>orders-db</DBInstanceIdentifier>"
                              "<DBInstanceStatus>available</DBInstanceStatus><Engine>postgres</Engine><EngineVersion>16.3</EngineVersion>"
                              "<DBInstanceClass>db.t4g.medium</DBInstanceClass><Endpoint><Address>orders-db.abc.us-east-1.rds.amazonaws.com</Address>"
                              "<Port>5432</Port></Endpoint><MultiAZ>true</MultiAZ><AllocatedStorage>100</AllocatedStorage>"
                              "<InstanceCreateTime>2026-01-02T03:04:05.678Z</InstanceCreateTime></DBInstance>"
                              "<DBInstance><DBInstanceIdentifier>reports-db</DBInstanceIdentifier><DBInstanceStatus>creating</DBInstanceStatus>"
                              "<Engine>mysql</Engine><EngineVersion>8.0</EngineVersion><MultiAZ>false</MultiAZ></DBInstance></DBInstances>"},
      {"DescribeEvents", "<Events><Event><SourceIdentifier>orders-db</SourceIdentifier><Date>2027-01-15T07:00:00Z</Date>"
                         "<Message>Finished applying modification to DB instance class</Message></Event>"
                         "<Event><SourceIdentifier>orders-db</SourceIdentifier><Date>2027-01-15T07:30:00Z</Date>"
                         "<Message>DB instance restarted</Message></Event></Events>"},
      {"DescribeCacheClusters", "<CacheClusters><CacheCluster><CacheClusterId>sessions</CacheClusterId>"
                                "<CacheClusterStatus>available</CacheClusterStatus><Engine>redis</Engine><EngineVersion>7.1</EngineVersion>"
                                "<CacheNodeType>cache.t4g.small</CacheNodeType><NumCacheNodes>1</NumCacheNodes>"
                                "<ReplicationGroupId>sessions-rg</ReplicationGroupId><CacheNodes><CacheNode><CacheNodeId>0001</CacheNodeId>"
                                "<Endpoint><Address>sessions.abc.cache.amazonaws.com</Address><Port>6379</Port></Endpoint>"
                                "</CacheNode></CacheNodes></CacheCluster><CacheCluster><CacheClusterId>memc</CacheClusterId>"
                                "<CacheClusterStatus>modifying</CacheClusterStatus><Engine>memcached</Engine>"
                                "<ConfigurationEndpoint><Address>memc.cfg.amazonaws.com</Address><Port>11211</Port></ConfigurationEndpoint>"
                                "</CacheCluster></CacheClusters>"},
      {"DescribeLoadBalancers", "<LoadBalancers><member><LoadBalancerName>gateway-alb</LoadBalancerName>"
                                "<LoadBalancerArn>arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/gateway-alb/50dc6c495c0c9188</LoadBalancerArn>"
                                "<DNSName>gateway-alb-1.us-east-1.elb.amazonaws.com</DNSName><State><Code>active</Code></State>"
                                "<Type>application</Type><CreatedTime>2026-01-02T03:04:05.000Z</CreatedTime></member></LoadBalancers>"},
      {"DescribeTargetHealth", "<TargetHealthDescriptions><member><Target><Id>10.0.1.12</Id><Port>8080</Port></Target>"
                               "<TargetHealth><State>healthy</State></TargetHealth></member><member><Target><Id>10.0.2.7</Id>"
                               "<Port>8080</Port></Target><TargetHealth><State>unhealthy</State><Reason>Target.ResponseCodeMismatch</Reason>"
                               "<Description>Health checks failed with these codes: [502]</Description></TargetHealth></member>"
                               "</TargetHealthDescriptions>"},
      {"DescribeTargetGroups", "<TargetGroups><member><TargetGroupName>gateway-tg</TargetGroupName><Port>8080</Port></member></TargetGroups>"},
      {"GetCallerIdentity", "<UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account>"
                            "<Arn>arn:aws:iam::123456789012:user/fuzz</Arn>"},
      {"ListRoles", "<IsTruncated>false</IsTruncated><Roles><member><RoleName>app</RoleName><RoleId>AROA1</RoleId>"
                    "<Arn>arn:aws:iam::123456789012:role/app</Arn><Path>/</Path><CreateDate>2026-01-02T03:04:05Z</CreateDate>"
                    "<AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%7D</AssumeRolePolicyDocument></member></Roles>"},
      {"DescribeStacks", "<Stacks><member><StackName>app</StackName><StackStatus>UPDATE_COMPLETE</StackStatus>"
                         "<CreationTime>2026-01-02T03:04:05Z</CreationTime></member></Stacks>"},
  };
  return *results;
}

// EC2 answers by operation: the XML inside <OpResponse>.
const std::map<std::string, std::string>& Ec2Answers() {
  static const auto* answers = new std::map<std::string, std::string>{
      {"DescribeRegions", "<regionInfo><item><regionName>us-east-1</regionName><regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint>"
                          "<optInStatus>opt-in-not-required</optInStatus></item><item><regionName>eu-west-1</regionName></item>"
                          "<item><regionName>ap-southeast-2</regionName></item></regionInfo>"},
      {"DescribeInstances", "<reservationSet><item><reservationId>r-1</reservationId><instancesSet><item><instanceId>i-0abc</instanceId>"
                            "<instanceState><code>16</code><name>running</name></instanceState>"
                            "<launchTime>2026-01-02T03:04:05.000Z</launchTime><tagSet><item><key>Name</key><value>web</value></item>"
                            "</tagSet></item></instancesSet></item></reservationSet>"},
      {"DescribeVpcs", "<vpcSet><item><vpcId>vpc-1</vpcId><cidrBlock>10.0.0.0/16</cidrBlock><isDefault>false</isDefault></item></vpcSet>"},
  };
  return *answers;
}

// "Action=DescribeRegions&Version=..." -> "DescribeRegions".
std::string QueryAction(const std::string& body) {
  size_t at = body.starts_with("Action=") ? 0 : body.find("&Action=");
  if (at == std::string::npos) return "";
  at = body.find('=', at) + 1;
  return body.substr(at, body.find('&', at) - at);
}

// GetMetricData answers one result per query asked, as AWS does: the canned
// results' series in turn, under the query's Id.
std::string MetricData(const std::string& request_body, const std::string& canned) {
  json request = json::parse(request_body, nullptr, false);
  json results = json::parse(canned)["MetricDataResults"];
  json out = json::array();
  if (request.is_object() && request.contains("MetricDataQueries") && request["MetricDataQueries"].is_array()) {
    for (const auto& q : request["MetricDataQueries"]) {
      json r = results[out.size() % results.size()];
      r["Id"] = q.is_object() && q.contains("Id") ? q["Id"] : json("m0");
      out.push_back(std::move(r));
    }
  }
  return json{{"MetricDataResults", std::move(out)}, {"Messages", json::array()}}.dump();
}

aws::HttpResponse Answer(int status, std::string body, const char* content_type) {
  aws::HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = {{"content-type", content_type}, {"x-amzn-requestid", "00000000-fuzz-0000-0000-000000000000"}};
  return r;
}

}  // namespace

std::chrono::system_clock::time_point FuzzEnv::Now() { return std::chrono::system_clock::from_time_t(1800000000); }
std::chrono::steady_clock::time_point FuzzEnv::SteadyNow() { return Env::Default()->SteadyNow(); }
uint64_t FuzzEnv::Random() { return Env::Default()->Random(); }
Result<std::string> FuzzEnv::ReadFile(const std::string& path, size_t) { return Fail(Status::NotFound("no file " + path)); }
Result<FileStamp> FuzzEnv::StatFile(const std::string& path) { return Fail(Status::NotFound("no file " + path)); }

Result<aws::Credentials> StaticCredentials::Get() {
  return aws::Credentials{.access_key_id = "AKIDFUZZEXAMPLE",
                          .secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                          .session_token = "",
                          .expiration = std::nullopt,
                          .source = "fuzz-static"};
}

Result<aws::HttpResponse> FakeAwsHttp::Send(const aws::HttpRequest& request, const CancelToken& cancel) {
  if (cancel.cancelled()) return Fail(Status::Cancelled());
  std::string target;
  for (const auto& [name, value] : request.headers) {
    if (name == "X-Amz-Target" || name == "x-amz-target") target = value;
  }
  const bool json_protocol = !target.empty();
  const bool ec2 = request.url.find("://ec2.") != std::string::npos;
  const std::string op = json_protocol ? target.substr(target.find('.') + 1) : QueryAction(request.body);
  auto has = [&](const char* word) {
    return request.body.find(word) != std::string::npos || request.url.find(word) != std::string::npos;
  };
  const char* type = json_protocol ? "application/x-amz-json-1.1" : "text/xml";
  auto error = [&](int status, const std::string& code, const std::string& message) {
    if (json_protocol) {
      return Answer(status, json{{"__type", code}, {"message", message}}.dump(), type);
    }
    if (ec2) {
      return Answer(status, "<Response><Errors><Error><Code>" + code + "</Code><Message>" + message +
                                "</Message></Error></Errors><RequestID>fuzz-1</RequestID></Response>", type);
    }
    return Answer(status, "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message +
                              "</Message></Error><RequestId>fuzz-1</RequestId></ErrorResponse>", type);
  };
  if (has("unreachable")) return Fail(Status::Unavailable("fuzz: connection refused"));
  if (has("notfound")) return error(400, op == "DescribeDBInstances" ? "DBInstanceNotFound" : "ResourceNotFoundException",
                                    "The resource was not found (notfound).");
  if (has("denied")) {
    return error(403, json_protocol ? "AccessDeniedException" : "AccessDenied",
                 "User: arn:aws:iam::123456789012:user/fuzz is not authorized to perform: " + op);
  }
  if (has("throttle")) return error(400, "ThrottlingException", "Rate exceeded");
  if (has("boom")) return error(500, "InternalFailure", "We encountered an internal error. Please try again.");
  if (has("garbage")) return Answer(200, json_protocol ? "{\"events\": [" : "<unclosed", type);

  if (json_protocol) {
    auto it = JsonAnswers().find(op);
    std::string body = it == JsonAnswers().end() ? "{}" : it->second;
    if (op == "GetMetricData") body = MetricData(request.body, body);
    // One more page for a paginated list when the request did not ask for the next one.
    if (has("nextToken")) {
      json doc = json::parse(body);
      doc.erase("nextToken");
      body = doc.dump();
    }
    return Answer(200, std::move(body), type);
  }
  if (ec2) {
    auto it = Ec2Answers().find(op);
    return Answer(200, "<" + op + "Response><requestId>fuzz-1</requestId>" +
                           (it == Ec2Answers().end() ? std::string() : it->second) + "</" + op + "Response>", type);
  }
  auto it = QueryResults().find(op);
  return Answer(200, "<" + op + "Response><" + op + "Result>" + (it == QueryResults().end() ? std::string() : it->second) +
                         "</" + op + "Result><ResponseMetadata><RequestId>fuzz-1</RequestId></ResponseMetadata></" + op +
                         "Response>", type);
}

FakeApp::FakeApp() {
  project_.ecs = {{.cluster = "prod", .services = {"gateway-service", "worker"}}, {.cluster = "staging", .services = {"gateway-service"}}};
  project_.ecr = {"gateway", "worker"};
  project_.secrets = {"db-password"};
  project_.log_groups = {"/ecs/gateway", "/ecs/worker"};
  project_.databases = {"orders-db"};
  project_.caches = {"sessions"};
  project_.load_balancers = {"gateway-alb"};
  project_.alarms = {"gateway-5xx"};

  aws::ClientOptions options;
  options.retry.max_attempts = 1;  // no backoff sleeps
  options.cache.ttl = std::chrono::milliseconds(0);
  options.default_region = "us-east-1";
  options.user_agent = "aws-mcp/fuzz";
  Env* env = &env_;
  client_ = std::make_unique<aws::AwsClient>(
      options, env, &http_, &credentials_, &models::ModelRegistry::Embedded(),
      [env](const aws::EndpointQuery& query) { return aws::ResolveEndpoint(*env, nullptr, query); });
  catalog_ = std::make_unique<tools::ProjectCatalog>(client_.get(), project_);

  // As app/server_app.cc's App: the default profile and "default" are this
  // client; any other profile is refused as --allowed-profiles does.
  aws::AwsClient* client = client_.get();
  const tools::ClientForProfile for_profile =
      [client](const std::string& p) -> std::expected<aws::AwsClient*, aws::CallError> {
    if (p.empty() || p == "default") return client;
    return std::unexpected(aws::CallError::Local(aws::kConfigError, "profile '" + p.substr(0, 64) + "' is not allowed; "
                                                 "allowed: default", "A person can allow it with --allowed-profiles."));
  };
  const tools::RegionLister all_regions = tools::Ec2RegionLister(for_profile);
  const size_t cap = 256 * 1024;
  Executor* const ex = &executor_;
  const tools::AwsCallOptions call_options{.max_result_bytes = cap, .allow_write = false, .allow_secret_reads = false};
  tools_.push_back(tools::WithRegions(tools::MakeAwsCallTool(for_profile, call_options), all_regions, cap, ex));
  tools_.push_back(tools::MakeAwsDescribeTool(client));
  tools_.push_back(tools::MakeServiceHealthTool(for_profile, env, project_, ex));
  tools_.push_back(tools::WithRegions(tools::MakeImagesTool(for_profile, project_, ex), all_regions, cap, ex));
  tools_.push_back(tools::WithRegions(tools::MakeDataStoresTool(for_profile, project_, ex), all_regions, cap, ex));
  tools_.push_back(tools::MakeLogsTool(for_profile, env, project_));
  tools_.push_back(tools::WithRegions(tools::MakeMetricsTool(for_profile, env, project_), all_regions, cap, ex));
  for (auto& tool : tools_) tools::MarkHeaderParams(tool);
  prompts_ = tools::MakeWorkflowPrompts(project_);
}

std::unique_ptr<mcp::McpServer> FakeApp::MakeServer() {
  mcp::ServerOptions server_options;
  server_options.instructions = "Read-only: changes are refused. Access to AWS (fuzzing: canned answers).";
  server_options.read_ttl = std::chrono::seconds(0);
  auto server = std::make_unique<mcp::McpServer>(server_options, &executor_);
  for (const auto& tool : tools_) server->AddTool(tool);
  for (const auto& prompt : prompts_) server->AddPrompt(prompt);
  server->SetResources(catalog_.get());
  server->SetCompleter([this](const nlohmann::json&, const std::string& argument, const std::string& value) {
    return tools::CompleteFromProject(project_, argument, value);
  });
  return server;
}

}  // namespace awsmcp::fuzz
