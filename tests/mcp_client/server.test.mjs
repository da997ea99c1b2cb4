// aws-mcp driven by the official MCP TypeScript SDK over stdio, with moto as
// the AWS emulator and the AWS CLI as the oracle for answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ProgressNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { BIN, awsCli as cli, serverEnv, startMoto } from './support.mjs';

let moto;
let endpoint;
let client;
const awsCli = (args) => cli(endpoint, args);

before(async () => {
  ({ moto, endpoint } = await startMoto());
  awsCli(['ecs', 'create-cluster', '--cluster-name', 'sdk-cluster']);
  for (let i = 0; i < 7; i++) awsCli(['logs', 'create-log-group', '--log-group-name', `/sdk/group-${i}`]);

  const transport = new StdioClientTransport({
    command: BIN, args: ['--cache-ttl', '0'], stderr: 'pipe', env: serverEnv(endpoint) });
  client = new Client({ name: 'aws-mcp-sdk-test', version: '1.0.0' });
  await client.connect(transport);
});

after(async () => {
  await client?.close();
  moto?.kill();
});

test('initialize negotiates the latest protocol and declares tools and logging', () => {
  assert.equal(client.getServerVersion().name, 'aws-mcp');
  const caps = client.getServerCapabilities();
  assert.ok(caps.tools);
  assert.ok(caps.logging);
  assert.ok(client.getInstructions().includes('aws_describe'));
});

test('tools/list has aws_call and aws_describe, read-only and small', async () => {
  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name).sort();
  assert.deepEqual(names, ['aws_call', 'aws_data_stores', 'aws_describe', 'aws_images', 'aws_logs', 'aws_metrics', 'aws_service_health']);
  for (const t of tools) {
    assert.equal(t.annotations.readOnlyHint, true);
    assert.equal(t.annotations.destructiveHint, false);
    assert.equal(t.inputSchema.type, 'object');
  }
  // What a client puts in the model's context: names, descriptions and input schemas.
  const seen = tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema }));
  assert.ok(JSON.stringify(seen).length < 8192, 'tool definitions should cost little context');
});

test('resources: templates, a read the AWS CLI agrees with, and not-found', async () => {
  assert.ok(client.getServerCapabilities().resources);
  const { resourceTemplates } = await client.listResourceTemplates();
  assert.ok(resourceTemplates.some((t) => t.uriTemplate === 'aws://logs/{logGroup}'));
  assert.deepEqual((await client.listResources()).resources, []);  // nothing mapped in this session
  const uri = `aws://logs/${encodeURIComponent('/sdk/group-3')}`;
  const { contents } = await client.readResource({ uri });
  const cli = awsCli(['logs', 'describe-log-groups', '--log-group-name-prefix', '/sdk/group-3']).logGroups[0];
  assert.deepEqual(JSON.parse(contents[0].text), cli);
  await assert.rejects(client.readResource({ uri: 'aws://logs/%2Fno%2Fsuch' }), (e) => e.code === -32002);
});

test('prompts: the three workflows, each taking the service', async () => {
  const { prompts } = await client.listPrompts();
  assert.deepEqual(prompts.map((p) => p.name).sort(), ['deployment_check', 'health_report', 'log_triage']);
  const got = await client.getPrompt({ name: 'health_report', arguments: { service: 'api', cluster: 'sdk-cluster' } });
  assert.equal(got.messages[0].role, 'user');
  assert.match(got.messages[0].content.text, /aws_service_health/);
  await assert.rejects(client.getPrompt({ name: 'health_report', arguments: {} }), (e) => e.code === -32602);
});

test('a fan-out across regions conforms to the widened outputSchema', async () => {
  const r = await client.callTool({ name: 'aws_data_stores', arguments: { regions: ['us-east-1', 'eu-west-1'] } });
  assert.equal(r.isError, false);
  assert.deepEqual(Object.keys(r.structuredContent.regions).sort(), ['eu-west-1', 'us-east-1']);
  const m = await client.callTool({ name: 'aws_metrics', arguments: { namespace: 'AWS/ECS', metric: 'CPUUtilization' } });
  assert.equal(m.structuredContent.metrics[0].datapoints, 0);
});

test('ping answers', async () => {
  assert.deepEqual(await client.ping(), {});
});

test('aws_call answers what the AWS CLI sees', async () => {
  const r = await client.callTool({ name: 'aws_call', arguments: {
    service: 'ecs', action: 'describe-clusters', params: { clusters: ['sdk-cluster'] } } });
  assert.equal(r.isError, false);
  const cli = awsCli(['ecs', 'describe-clusters', '--clusters', 'sdk-cluster']);
  assert.deepEqual(r.structuredContent, cli);
  assert.deepEqual(JSON.parse(r.content[0].text), r.structuredContent);
});

test('pagination sends a progress notification per page', async () => {
  // The SDK hands progress to `onprogress` only until the answer arrives (it handles
  // notifications in a microtask, answers synchronously), so count them with a
  // notification handler of our own; onprogress is still what asks for a progressToken.
  const seen = [];
  client.setNotificationHandler(ProgressNotificationSchema, (n) => { seen.push(n.params); });
  const r = await client.callTool({ name: 'aws_call', arguments: {
    service: 'logs', action: 'DescribeLogGroups', params: { limit: 2 }, max_items: 7 } },
  undefined, { onprogress: () => {} });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(r.isError, false);
  const cli = awsCli(['logs', 'describe-log-groups']);
  assert.deepEqual(r.structuredContent.logGroups, cli.logGroups);
  assert.equal(seen.length, 4, '7 groups in pages of 2');
  assert.deepEqual(seen.map((p) => p.progress), [1, 2, 3, 4]);
});

test('a tool failure is an isError result, not a protocol error', async () => {
  const missing = await client.callTool({ name: 'aws_call', arguments: { service: 'ecs' } });
  assert.equal(missing.isError, true);
  assert.match(missing.content[0].text, /action/);
  const refused = await client.callTool({ name: 'aws_call', arguments: {
    service: 'ecs', action: 'delete-cluster', params: { cluster: 'sdk-cluster' } } });
  assert.equal(refused.isError, true);
  assert.equal(refused.structuredContent.error.code, 'ReadOnly');
  awsCli(['ecs', 'describe-clusters', '--clusters', 'sdk-cluster']);  // still there
});

test('an unknown tool is a JSON-RPC invalid-params error', async () => {
  await assert.rejects(client.callTool({ name: 'no_such_tool', arguments: {} }),
                       (e) => e.code === -32602);
});

test('aws_describe tells a model how to build params', async () => {
  const r = await client.callTool({ name: 'aws_describe', arguments: { service: 'ecs', action: 'describe-services' } });
  assert.equal(r.isError, false);
  const services = r.structuredContent.input.find((m) => m.name === 'services');
  assert.equal(services.required, true);
  assert.equal(services.type, 'list<string>');
});

test('logging/setLevel is accepted and a cancelled call leaves the server serving', async () => {
  await client.setLoggingLevel('debug');
  const controller = new AbortController();
  const pending = client.callTool({ name: 'aws_call', arguments: {
    service: 'logs', action: 'DescribeLogGroups', params: { limit: 1 }, max_items: 7 } },
  undefined, { signal: controller.signal });
  controller.abort();
  await assert.rejects(pending);
  assert.deepEqual(await client.ping(), {});
});
