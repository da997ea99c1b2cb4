// botocore's own protocol test suites (tests/data/protocol/botocore/, copied
// from boto/botocore tests/unit/protocols as data), run through aws-mcp's
// protocols: every input case must serialize as botocore's expected request,
// every output case must parse to botocore's expected result or error.
// Expectations are botocore's, compared the way botocore's own runner
// (tests/unit/test_protocols.py) compares them, with the differences that
// follow from aws-mcp's conventions stated in Normalize* below. The cases
// botocore itself skips (its ignore list) and the few listed in kSkipped are
// not run; the count of each is printed.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "aws/protocol.h"
#include "aws/uri.h"
#include "base/base64.h"
#include "models/service_model.h"
#include "models/timestamp.h"

namespace awsmcp::aws {
namespace {

using nlohmann::json;

const char* const kProtocols[] = {"ec2", "json", "json_1_0", "json_1_0-query-compatible", "query", "rest-json",
                                  "rest-xml"};

// Cases aws-mcp does not run beyond botocore's own ignore list: (file, id, why).
struct Skip {
  const char* file;
  const char* id;
  const char* why;
};
// None today: every case outside botocore's ignore list passes.
constexpr std::array<Skip, 0> kSkipped{};

json ReadJson(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buf;
  buf << in.rdbuf();
  return json::parse(buf.str(), nullptr, /*allow_exceptions=*/false);
}

std::string DataPath(const std::string& rest) { return std::string(AWSMCP_TEST_DATA) + "/protocol/botocore/" + rest; }

// botocore's ignore list: suites by description (every protocol) and cases by id per protocol file.
struct IgnoreList {
  std::set<std::string> suites;
  std::map<std::string, std::set<std::string>> cases;  // "<file>/<input|output>" -> ids
  std::map<std::string, std::set<std::string>> suites_by_file;

  bool Ignored(const std::string& file, const std::string& kind, const std::string& suite, const std::string& id) const {
    if (suites.contains(suite)) return true;
    auto s = suites_by_file.find(file + "/" + kind);
    if (s != suites_by_file.end() && s->second.contains(suite)) return true;
    auto c = cases.find(file + "/" + kind);
    return c != cases.end() && c->second.contains(id);
  }
};

IgnoreList LoadIgnoreList() {
  IgnoreList out;
  json doc = ReadJson(DataPath("ignore-list.json"));
  for (const char* kind : {"input", "output"}) {
    const json general = doc.value("general", json::object()).value(kind, json::object());
    for (const auto& s : general.value("suites", json::array())) out.suites.insert(s.get<std::string>());
  }
  const json protocols = doc.value("protocols", json::object());
  for (const auto& [proto, kinds] : protocols.items()) {
    for (const auto& [kind, lists] : kinds.items()) {
      for (const auto& c : lists.value("cases", json::array())) out.cases[proto + "/" + kind].insert(c.get<std::string>());
      for (const auto& s : lists.value("suites", json::array())) {
        out.suites_by_file[proto + "/" + kind].insert(s.get<std::string>());
      }
    }
  }
  return out;
}

const char* SkipReason(const std::string& file, const std::string& id) {
  for (const Skip& s : kSkipped) {
    if (file == s.file && id == s.id) return s.why;
  }
  return nullptr;
}

std::shared_ptr<const models::ServiceModel> SuiteModel(const json& suite, const json& c, std::string* op_name) {
  *op_name = c["given"].value("name", std::string("OperationName"));
  json given = c["given"];
  // As botocore's runner: a query output with members is wrapped in <Name>Result.
  if (c.contains("response") && suite["metadata"].value("protocol", "") == "query" && given.contains("output")) {
    const std::string out = given["output"].value("shape", "");
    if (suite["shapes"].contains(out) && !suite["shapes"][out].value("members", json::object()).empty()) {
      given["output"]["resultWrapper"] = *op_name + "Result";
    }
  }
  json doc = {{"metadata", suite["metadata"]}, {"shapes", suite["shapes"]}, {"operations", {{*op_name, given}}}};
  auto m = models::ServiceModel::Parse("suite", doc.dump(), "");
  return m ? *m : nullptr;
}

// ------------------------------------------------------------- comparisons

std::vector<std::string> SplitQuery(const std::string& q) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= q.size() && !q.empty()) {
    size_t amp = q.find('&', start);
    out.push_back(q.substr(start, amp == std::string::npos ? std::string::npos : amp - start));
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  std::sort(out.begin(), out.end());
  return out;
}

// An XML element as text for comparison: attributes sorted, text trimmed,
// children in a stable order by name (so list items keep their order while
// members may come in any: botocore writes them in the params' order, which
// a JSON object does not keep).
std::string CanonicalXml(const pugi::xml_node& node, bool any_order) {
  std::string out = std::string("<") + node.name();
  std::vector<std::string> attrs;
  for (auto a : node.attributes()) attrs.push_back(std::string(a.name()) + "=" + a.value());
  std::sort(attrs.begin(), attrs.end());
  for (const auto& a : attrs) out += " " + a;
  out += ">";
  std::vector<std::pair<std::string, std::string>> kids;
  std::string text;
  for (auto c : node.children()) {
    if (c.type() == pugi::node_element) kids.emplace_back(c.name(), CanonicalXml(c, any_order));
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) text += c.value();
  }
  if (any_order) {
    std::sort(kids.begin(), kids.end());
  } else {
    std::stable_sort(kids.begin(), kids.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  if (kids.empty()) {
    size_t a = text.find_first_not_of(" \t\r\n"), b = text.find_last_not_of(" \t\r\n");
    out += a == std::string::npos ? "" : text.substr(a, b - a + 1);
  }
  for (const auto& k : kids) out += k.second;
  return out + "</" + node.name() + ">";
}

std::string XmlOrText(const std::string& body, bool any_order = false) {
  pugi::xml_document doc;
  if (body.empty() || !doc.load_buffer(body.data(), body.size(), pugi::parse_default | pugi::parse_ws_pcdata)) {
    return body;
  }
  return CanonicalXml(doc.document_element(), any_order);
}

// True when params hold a map of two or more entries somewhere: its XML
// entries then come in key order from aws-mcp (a JSON object's order) and in
// the params' order from botocore.
bool HasLongMap(const models::ServiceModel& model, const std::string& shape_name, const json& v, int depth = 0) {
  const json* shape = model.FindShape(shape_name);
  if (shape == nullptr || depth > 20) return false;
  const std::string type = shape->value("type", "");
  if (type == "map") return v.is_object() && v.size() > 1;
  if (type == "structure" && v.is_object() && shape->contains("members")) {
    for (const auto& [k, x] : v.items()) {
      auto ref = (*shape)["members"].find(k);
      if (ref != (*shape)["members"].end() && HasLongMap(model, ref->value("shape", ""), x, depth + 1)) return true;
    }
  }
  if (type == "list" && v.is_array()) {
    for (const auto& x : v) {
      if (HasLongMap(model, (*shape)["member"].value("shape", ""), x, depth + 1)) return true;
    }
  }
  return false;
}

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const std::string* FindHeader(const HttpRequest& req, const std::string& name) {
  for (const auto& [n, v] : req.headers) {
    if (Lower(n) == Lower(name)) return &v;
  }
  return nullptr;
}

std::string CompareRequest(const std::string& protocol, const json& want, const HttpRequest& got,
                           const std::string& endpoint, const models::ServiceModel& model,
                           const models::Operation& op, const json& params) {
  std::string diff;
  auto url = ParseUrl(got.url);
  if (!url) return "bad URL " + got.url;
  std::string base_path;
  if (auto e = ParseUrl(endpoint); e && e->path != "/") base_path = e->path;
  std::string path = url->path.substr(base_path.size());
  const std::string want_uri = want.value("uri", "");
  const size_t q = want_uri.find('?');
  if (path != want_uri.substr(0, q)) diff += "\n  path " + path + " != " + want_uri.substr(0, q);
  if (SplitQuery(url->query) != SplitQuery(q == std::string::npos ? "" : want_uri.substr(q + 1))) {
    diff += "\n  query " + url->query + " != " + (q == std::string::npos ? "" : want_uri.substr(q + 1));
  }
  if (want.contains("method") && want["method"] != got.method) diff += "\n  method " + got.method;
  if (want.contains("host") && url->HostHeader() != want["host"].get<std::string>()) {
    diff += "\n  host " + url->HostHeader() + " != " + want["host"].get<std::string>();
  }
  if (want.contains("body")) {
    const std::string wb = want["body"].get<std::string>();
    bool same;
    if (protocol == "json" || protocol == "rest-json") {
      json a = json::parse(got.body, nullptr, false), b = json::parse(wb, nullptr, false);
      same = a.is_discarded() || b.is_discarded() ? got.body == wb : a == b;
    } else if (protocol == "rest-xml") {
      same = XmlOrText(got.body) == XmlOrText(wb) ||
             (HasLongMap(model, op.input_shape, params) && XmlOrText(got.body, true) == XmlOrText(wb, true));
    } else {
      same = SplitQuery(got.body) == SplitQuery(wb);  // form fields: in any order (see CanonicalXml)
    }
    if (!same) diff += "\n  body " + got.body + "\n   != " + wb;
  }
  // Header expectations as botocore's runner adjusts them.
  const json* input = model.FindShape(op.input_shape);
  const json want_headers = want.value("headers", json::object());
  for (auto [name, value] : want_headers.items()) {
    std::string v = value.get<std::string>();
    if (Lower(name) == "content-type") {
      if (protocol == "query" || protocol == "ec2") {
        if (v.find("charset=utf-8") == std::string::npos) v += "; charset=utf-8";
      } else if (protocol == "rest-xml" || (protocol == "rest-json" && v != "application/json")) {
        continue;
      }
    }
    bool list_header = false, timestamp_list = false;
    if (input != nullptr && input->contains("members")) {
      for (const auto& [m, ref] : (*input)["members"].items()) {
        const json* s = model.FindShape(ref.value("shape", ""));
        if (ref.value("location", "") == "header" && Lower(ref.value("locationName", m)) == Lower(name) &&
            s != nullptr && s->value("type", "") == "list") {
          list_header = true;
          const json* item = model.FindShape((*s)["member"].value("shape", ""));
          timestamp_list = item != nullptr && item->value("type", "") == "timestamp";
        }
      }
    }
    auto squeeze = [](std::string x) {
      for (size_t at; (at = x.find(", ")) != std::string::npos;) x.erase(at + 1, 1);
      return x;
    };
    if (list_header) v = squeeze(v);
    const std::string* found = FindHeader(got, name);
    std::string cleaned = found != nullptr && timestamp_list ? squeeze(*found) : std::string();
    const std::string* have = timestamp_list && found != nullptr ? &cleaned : found;
    if (have == nullptr) {
      diff += "\n  header " + name + " missing";
    } else if (*have != v) {
      diff += "\n  header " + name + ": " + *have + " != " + v;
    }
  }
  for (const auto& name : want.value("forbidHeaders", json::array())) {
    if (FindHeader(got, name.get<std::string>()) != nullptr) diff += "\n  header " + name.get<std::string>() + " sent";
  }
  return diff;
}

// aws-mcp's output in botocore's test form: timestamps as epoch seconds,
// blobs decoded (botocore's runner decodes them as UTF-8), both of which
// aws-mcp shows as ISO-8601 and base64.
json NormalizeOutput(const models::ServiceModel& model, const std::string& shape_name, const json& v) {
  const json* shape = model.FindShape(shape_name);
  if (shape == nullptr || v.is_null()) return v;
  const std::string type = shape->value("type", "");
  if (type == "structure" && v.is_object() && shape->contains("members")) {
    json out = json::object();
    for (const auto& [k, x] : v.items()) {
      auto ref = (*shape)["members"].find(k);
      out[k] = ref == (*shape)["members"].end() ? x : NormalizeOutput(model, ref->value("shape", ""), x);
    }
    return out;
  }
  if (type == "list" && v.is_array()) {
    json out = json::array();
    for (const auto& x : v) out.push_back(NormalizeOutput(model, (*shape)["member"].value("shape", ""), x));
    return out;
  }
  if (type == "map" && v.is_object()) {
    json out = json::object();
    for (const auto& [k, x] : v.items()) out[k] = NormalizeOutput(model, (*shape)["value"].value("shape", ""), x);
    return out;
  }
  if (type == "timestamp" && v.is_string()) {
    auto t = models::ParseTimestampString(v.get<std::string>());
    if (t) return t->micros == 0 ? json(t->seconds) : json(static_cast<double>(t->seconds) + t->micros / 1e6);
  }
  if (type == "blob" && v.is_string()) {
    auto d = Base64Decode(v.get<std::string>());
    if (d) return *d;
  }
  return v;
}

// A payload blob is the body itself (RestProtocol::ParseOutput), already text.
json NormalizeTopLevel(const models::ServiceModel& model, const models::Operation& op, const json& out) {
  const json* shape = model.FindShape(op.output_shape);
  const std::string payload = shape != nullptr ? shape->value("payload", "") : "";
  json norm = NormalizeOutput(model, op.output_shape, out);
  if (!payload.empty() && out.contains(payload) && out[payload].is_string()) norm[payload] = out[payload];
  return norm;
}

bool SameJson(const json& a, const json& b) {
  if (a.is_number() && b.is_number()) return std::fabs(a.get<double>() - b.get<double>()) < 1e-6;
  if (a.is_object() && b.is_object()) {
    if (a.size() != b.size()) return false;
    for (const auto& [k, v] : a.items()) {
      if (!b.contains(k) || !SameJson(v, b[k])) return false;
    }
    return true;
  }
  if (a.is_array() && b.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!SameJson(a[i], b[i])) return false;
    }
    return true;
  }
  return a == b;
}

struct Tally {
  int run = 0, passed = 0, ignored = 0, skipped = 0;
  std::vector<std::string> failures;
};

std::string CaseLabel(const std::string& file, const json& suite, const json& c) {
  return file + ": " + c.value("id", std::string("?")) + " (" + suite.value("description", std::string()) + ")";
}

std::string RunInput(const std::string& file, const json& suite, const json& c) {
  std::string op_name;
  auto model = SuiteModel(suite, c, &op_name);
  if (model == nullptr) return "model does not parse";
  const models::Operation* op = model->FindOperation(op_name);
  const Protocol* protocol = ProtocolFor(model->metadata().protocol);
  if (op == nullptr || protocol == nullptr) return "no protocol " + model->metadata().protocol;
  const std::string endpoint = suite.value("clientEndpoint", std::string("https://example.com"));
  auto req = protocol->BuildRequest(*model, *op, c["params"], endpoint);
  if (!req) return "BuildRequest failed: " + req.error().ToString();
  return CompareRequest(model->metadata().protocol, c["serialized"], *req, endpoint, *model, *op, c["params"]);
}

HttpResponse SuiteResponse(const json& r, const std::string& protocol) {
  HttpResponse out;
  out.status = r.value("status_code", 200);
  const json headers = r.value("headers", json::object());
  for (const auto& [n, v] : headers.items()) out.headers.emplace_back(Lower(n), v.get<std::string>());
  out.body = r.contains("body") ? r["body"].get<std::string>() : (protocol == "query" ? "<xml/>" : "");
  return out;
}

std::string RunOutput(const std::string& file, const json& suite, const json& c) {
  std::string op_name;
  auto model = SuiteModel(suite, c, &op_name);
  if (model == nullptr) return "model does not parse";
  const models::Operation* op = model->FindOperation(op_name);
  const std::string protocol = model->metadata().protocol;
  const Protocol* p = ProtocolFor(protocol);
  if (op == nullptr || p == nullptr) return "no protocol " + protocol;
  HttpResponse response = SuiteResponse(c["response"], protocol);
  if (c.contains("error")) {
    // aws-mcp reports an error's code and message (its modelled members are not shown).
    AwsError err = p->ParseError(response);
    std::string want_code = c.value("errorCode", std::string());
    std::string code = err.code == "HttpError" + std::to_string(response.status) ? std::to_string(response.status)
                                                                                   : err.code;
    std::string diff;
    if (code != want_code) diff += "\n  code " + err.code + " != " + want_code;
    if (err.message != c.value("errorMessage", std::string())) {
      diff += "\n  message '" + err.message + "' != '" + c.value("errorMessage", std::string()) + "'";
    }
    return diff;
  }
  auto out = p->ParseOutput(*model, *op, response);
  if (!out) return "ParseOutput failed: " + out.error().ToString();
  json got = NormalizeTopLevel(*model, *op, *out);
  if (!SameJson(got, c["result"])) return "\n  got  " + got.dump() + "\n  want " + c["result"].dump();
  return "";
}

void RunFile(const std::string& kind, const std::string& file, const IgnoreList& ignore, Tally& t) {
  json suites = ReadJson(DataPath(kind + "/" + file + ".json"));
  ASSERT_TRUE(suites.is_array()) << file;
  for (const auto& suite : suites) {
    for (const auto& c : suite["cases"]) {
      const std::string id = c.value("id", std::string());
      if (ignore.Ignored(file, kind, suite.value("description", std::string()), id)) {
        ++t.ignored;
        continue;
      }
      if (SkipReason(file + "/" + kind, id) != nullptr) {
        ++t.skipped;
        continue;
      }
      ++t.run;
      std::string diff = kind == "input" ? RunInput(file, suite, c) : RunOutput(file, suite, c);
      if (diff.empty()) {
        ++t.passed;
      } else {
        t.failures.push_back(CaseLabel(file, suite, c) + diff);
      }
    }
  }
}

void RunKind(const std::string& kind) {
  IgnoreList ignore = LoadIgnoreList();
  int total_failed = 0;
  for (const char* file : kProtocols) {
    Tally t;
    RunFile(kind, file, ignore, t);
    std::printf("[suites] %s %-26s run %3d passed %3d  botocore-ignored %2d  skipped here %d\n", kind.c_str(), file,
                t.run, t.passed, t.ignored, t.skipped);
    for (size_t i = 0; i < t.failures.size() && i < 40; ++i) ADD_FAILURE() << t.failures[i];
    total_failed += static_cast<int>(t.failures.size());
  }
  EXPECT_EQ(total_failed, 0);
}

TEST(BotocoreProtocolSuites, Input) { RunKind("input"); }
TEST(BotocoreProtocolSuites, Output) { RunKind("output"); }

}  // namespace
}  // namespace awsmcp::aws
