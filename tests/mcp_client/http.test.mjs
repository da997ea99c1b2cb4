// aws-mcp over Streamable HTTP, driven by the official MCP TypeScript SDK's
// StreamableHTTPClientTransport, with moto as the emulator and the AWS CLI as
// the oracle. The server requires a bearer token.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ProgressNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { awsCli as cli, serverEnv, startHttpServer, startMoto } from './support.mjs';

const TOKEN = randomBytes(24).toString('hex');
let moto, endpoint, server, url;
const awsCli = (args) => cli(endpoint, args);

async function connect(token = TOKEN) {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  const client = new Client({ name: 'aws-mcp-http-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport };
}

before(async () => {
  ({ moto, endpoint } = await startMoto());
  awsCli(['ecs', 'create-cluster', '--cluster-name', 'http-cluster']);
  for (let i = 0; i < 5; i++) awsCli(['logs', 'create-log-group', '--log-group-name', `/http/group-${i}`]);
  ({ server, url } = await startHttpServer(['--cache-ttl', '0'], serverEnv(endpoint, { AWS_MCP_HTTP_TOKEN: TOKEN })));
});

after(async () => {
  server?.kill('SIGTERM');
  moto?.kill();
});

test('a session: initialize, tools/list, a call the AWS CLI agrees with, close', async () => {
  const { client, transport } = await connect();
  assert.equal(client.getServerVersion().name, 'aws-mcp');
  assert.ok(transport.sessionId && /^[0-9a-f]{32}$/.test(transport.sessionId));
  const { tools } = await client.listTools();
  assert.ok(tools.some((t) => t.name === 'aws_call'));
  const r = await client.callTool({ name: 'aws_call', arguments: { service: 'ecs', action: 'ListClusters' } });
  assert.deepEqual(r.structuredContent, awsCli(['ecs', 'list-clusters']));
  await transport.terminateSession();
  await client.close();
});

test('progress of a long call streams over SSE before its answer', async () => {
  const { client, transport } = await connect();
  const seen = [];
  const r = await client.callTool({ name: 'aws_call', arguments: {
    service: 'logs', action: 'DescribeLogGroups', params: { limit: 2 }, max_items: 5 } }, undefined,
  { onprogress: (p) => seen.push(p) });
  assert.equal(r.structuredContent.logGroups.length, 5);
  assert.ok(seen.length >= 2, `expected a progress notification per page, got ${seen.length}`);
  await transport.terminateSession();
  await client.close();
});

test('sessions are independent and run calls at the same time', async () => {
  const sessions = await Promise.all([connect(), connect(), connect()]);
  const ids = new Set(sessions.map((s) => s.transport.sessionId));
  assert.equal(ids.size, 3);
  const answers = await Promise.all(sessions.map(({ client }) =>
    client.callTool({ name: 'aws_call', arguments: { service: 'logs', action: 'DescribeLogGroups' } })));
  const cli = awsCli(['logs', 'describe-log-groups']);
  for (const a of answers) assert.deepEqual(a.structuredContent.logGroups.map((g) => g.logGroupName),
                                            cli.logGroups.map((g) => g.logGroupName));
  for (const { client, transport } of sessions) { await transport.terminateSession(); await client.close(); }
});

test('a wrong token is refused', async () => {
  await assert.rejects(connect('wrong-token-wrong-token'), /401|Unauthorized/);
});
