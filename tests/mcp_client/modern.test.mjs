// The 2026-07-28 (stateless) era, driven by the official TypeScript SDK v2
// (@modelcontextprotocol/client), over stdio and Streamable HTTP, next to the
// 2025 era on the same server. moto is the emulator, the AWS CLI the oracle.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { BIN, awsCli as cli, serverEnv, startHttpServer, startMoto } from './support.mjs';

const TOKEN = randomBytes(24).toString('hex');
let moto, endpoint, server, url;
const awsCli = (args) => cli(endpoint, args);

async function stdioClient(versionNegotiation) {
  const transport = new StdioClientTransport({ command: BIN, args: ['--cache-ttl', '0'], stderr: 'pipe',
                                               env: serverEnv(endpoint) });
  const client = new Client({ name: 'aws-mcp-modern-test', version: '1.0.0' }, { versionNegotiation });
  await client.connect(transport);
  return client;
}

async function httpClient(versionNegotiation) {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } });
  const client = new Client({ name: 'aws-mcp-modern-http-test', version: '1.0.0' }, { versionNegotiation });
  await client.connect(transport);
  return client;
}

before(async () => {
  ({ moto, endpoint } = await startMoto());
  awsCli(['ecs', 'create-cluster', '--cluster-name', 'modern-cluster']);
  for (let i = 0; i < 5; i++) awsCli(['logs', 'create-log-group', '--log-group-name', `/modern/group-${i}`]);
  ({ server, url } = await startHttpServer(['--cache-ttl', '0'], serverEnv(endpoint, { AWS_MCP_HTTP_TOKEN: TOKEN })));
});

after(async () => {
  server?.kill('SIGTERM');
  moto?.kill();
});

test('stdio: a dual-era client probing with server/discover settles on 2026-07-28', async () => {
  const client = await stdioClient({ mode: 'auto' });
  assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28');
  const discover = client.getDiscoverResult();
  assert.ok(discover.supportedVersions.includes('2026-07-28'));
  assert.ok(discover.supportedVersions.includes('2025-11-25'));  // dual-era: legacy clients are served too
  assert.ok(discover.capabilities.tools && discover.capabilities.resources && discover.capabilities.prompts);
  assert.equal(client.getServerVersion().name, 'aws-mcp');
  const r = await client.callTool({ name: 'aws_call', arguments: { service: 'ecs', action: 'ListClusters' } });
  assert.deepEqual(r.structuredContent, awsCli(['ecs', 'list-clusters']));
  await client.close();
});

test('stdio: resources and prompts in the modern era, and its resource-not-found code', async () => {
  const client = await stdioClient({ mode: { pin: '2026-07-28' } });
  assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28');
  const uri = `aws://logs/${encodeURIComponent('/modern/group-2')}`;
  const { contents } = await client.readResource({ uri });
  const cli = awsCli(['logs', 'describe-log-groups', '--log-group-name-prefix', '/modern/group-2']).logGroups[0];
  assert.deepEqual(JSON.parse(contents[0].text), cli);
  // The SDK recognizes it as not-found (its class; the wire code is checked in test_http_transport).
  await assert.rejects(client.readResource({ uri: 'aws://logs/%2Fno%2Fsuch' }),
                       (e) => e.constructor.name === 'ResourceNotFoundError');
  const { prompts } = await client.listPrompts();
  assert.deepEqual(prompts.map((p) => p.name).sort(), ['deployment_check', 'health_report', 'log_triage']);
  await client.close();
});

test('HTTP: pinned to 2026-07-28, calls agree with the AWS CLI and progress streams', async () => {
  const client = await httpClient({ mode: { pin: '2026-07-28' } });
  assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28');
  const { tools } = await client.listTools();
  assert.ok(tools.some((t) => t.name === 'aws_call'));
  const seen = [];
  const r = await client.callTool({ name: 'aws_call', arguments: {
    service: 'logs', action: 'DescribeLogGroups', params: { limit: 2 }, max_items: 5 } }, { onprogress: (p) => seen.push(p) });
  const cli = awsCli(['logs', 'describe-log-groups']);
  assert.deepEqual(r.structuredContent.logGroups.map((g) => g.logGroupName),
                   cli.logGroups.map((g) => g.logGroupName));
  assert.ok(seen.length >= 2, `expected a progress notification per page, got ${seen.length}`);
  await client.close();
});

test('HTTP: modern and legacy clients at once on one endpoint', async () => {
  const [modern, legacy] = await Promise.all([httpClient({ mode: { pin: '2026-07-28' } }), httpClient({ mode: 'legacy' })]);
  assert.equal(modern.getNegotiatedProtocolVersion(), '2026-07-28');
  assert.equal(legacy.getNegotiatedProtocolVersion(), '2025-11-25');
  const call = { name: 'aws_call', arguments: { service: 'ecs', action: 'ListClusters' } };
  const [a, b] = await Promise.all([modern.callTool(call), legacy.callTool(call)]);
  const cli = awsCli(['ecs', 'list-clusters']);
  assert.deepEqual(a.structuredContent, cli);
  assert.deepEqual(b.structuredContent, cli);
  await Promise.all([modern.close(), legacy.close()]);
});
