// The 2026-07-28 (stateless) era, driven by the official TypeScript SDK v2
// (@modelcontextprotocol/client), over stdio and Streamable HTTP, next to the
// 2025 era on the same server. moto is the emulator, the AWS CLI the oracle.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const BIN = process.env.AWS_MCP_BIN ?? path.resolve('../../build/aws-mcp');
const TOKEN = randomBytes(24).toString('hex');
const fakeEnv = { AWS_EC2_METADATA_DISABLED: 'true', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing',
                  AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1' };
let moto, endpoint, server, url;

function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

async function waitFor(u, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try { const r = await fetch(u); if (r.ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${u} did not answer`);
}

function awsCli(args) {
  const home = mkdtempSync(path.join(os.tmpdir(), 'aws-cli-'));
  const out = execFileSync('aws', [...args, '--endpoint-url', endpoint, '--output', 'json'],
                           { env: { PATH: process.env.PATH, HOME: home, ...fakeEnv } });
  return out.length ? JSON.parse(out) : {};
}

function serverEnv(extra = {}) {
  const home = mkdtempSync(path.join(os.tmpdir(), 'aws-mcp-modern-'));
  return { PATH: process.env.PATH, HOME: home, AWS_ENDPOINT_URL: endpoint, ...fakeEnv, ...extra };
}

async function stdioClient(versionNegotiation) {
  const transport = new StdioClientTransport({ command: BIN, args: ['--cache-ttl', '0'], stderr: 'pipe',
                                               env: serverEnv() });
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
  const port = await freePort();
  endpoint = `http://127.0.0.1:${port}`;
  moto = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  await waitFor(`${endpoint}/moto-api/`, 30000);
  awsCli(['ecs', 'create-cluster', '--cluster-name', 'modern-cluster']);
  for (let i = 0; i < 5; i++) awsCli(['logs', 'create-log-group', '--log-group-name', `/modern/group-${i}`]);
  server = spawn(BIN, ['--http', '127.0.0.1:0', '--cache-ttl', '0'], {
    env: serverEnv({ AWS_MCP_HTTP_TOKEN: TOKEN }), stdio: ['ignore', 'ignore', 'pipe'] });
  url = await new Promise((resolve, reject) => {
    let err = '';
    server.stderr.on('data', (d) => {
      err += d;
      const m = err.match(/serving MCP on (http:\/\/\S+\/mcp)/);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
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
