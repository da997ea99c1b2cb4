// aws-mcp driven by the MCP Inspector's CLI (`npx mcp-inspector --cli ...`,
// @modelcontextprotocol/inspector pinned in package.json) over stdio, with
// moto as the emulator. The Inspector validates a tool result's
// structuredContent against the tool's outputSchema and fails (exit 1) on a
// mismatch; that is what these tests catch.
//
// Its exit codes (clients/cli, EXIT_CODES): 0 ok, 1 usage or a client-side
// failure such as an outputSchema mismatch, 5 "the tool returned isError:true".
// An error result is the honest answer to bad arguments or an unreachable AWS,
// so "the CLI accepts the answer" means exit 0, or exit 5 with the
// tool_is_error envelope, never anything else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { BIN, awsCli, fakeEnv, startMoto } from './support.mjs';

// What `npx mcp-inspector` runs, started directly so that npm (and its
// registry look-ups) stays out of the way.
const INSPECTOR = path.resolve('node_modules/.bin/mcp-inspector');
const TOOLS = ['aws_call', 'aws_data_stores', 'aws_describe', 'aws_images', 'aws_logs', 'aws_metrics',
               'aws_service_health'];
let moto, endpoint, home, deadEndpoint;

function closedPort() {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

// One Inspector CLI run against a fresh stdio server: { code, stdout, stderr, out, envelope }.
function inspector(args, awsEndpoint = endpoint) {
  const serverEnv = { ...fakeEnv, AWS_ENDPOINT_URL: awsEndpoint, HOME: home };
  const e = Object.entries(serverEnv).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  const argv = [INSPECTOR, '--cli', '--format', 'json', ...e, BIN, ...args];
  return new Promise((resolve) => {
    execFile(process.execPath, argv, { env: { PATH: process.env.PATH, HOME: home }, timeout: 60000,
                                       maxBuffer: 16 << 20 },
             (err, stdout, stderr) => {
               const code = err ? (err.code ?? (err.killed ? 'killed' : 'error')) : 0;
               const parse = (text) => {
                 const line = text.trim().split('\n').reverse().find((l) => l.startsWith('{'));
                 try { return line ? JSON.parse(line) : undefined; } catch { return undefined; }
               };
               resolve({ code, stdout, stderr, out: parse(stdout), envelope: parse(stderr) });
             });
  });
}

const callTool = (name, args, awsEndpoint) =>
  inspector(['--method', 'tools/call', '--tool-name', name, '--tool-args-json', JSON.stringify(args)], awsEndpoint);

// Why the CLI did not accept `run` (undefined when it did).
function refusal(run, what) {
  const detail = `${what}: exit ${run.code}; stderr: ${run.stderr.trim().slice(-600)}`;
  if (run.code === 5) {
    if (run.envelope?.error?.code !== 'tool_is_error' || run.out?.result?.isError !== true) return detail;
  } else if (run.code !== 0 || !run.out?.result) {
    return detail;
  }
  if (!Array.isArray(run.out.result.content)) return `${what}: result without content: ${run.stdout.slice(0, 600)}`;
  return undefined;
}

// Runs every case, then fails once with all the refusals.
async function assertAllAccepted(cases) {
  const problems = [];
  for (const [what, run] of cases) {
    const why = refusal(await run(), what);
    if (why) problems.push(why);
  }
  if (problems.length) {
    assert.fail(`${problems.length} of ${cases.length} answers refused by the Inspector CLI:\n${problems.join('\n')}`);
  }
}

before(async () => {
  home = mkdtempSync(path.join(os.tmpdir(), 'aws-mcp-inspector-'));
  ({ moto, endpoint } = await startMoto());
  deadEndpoint = `http://127.0.0.1:${await closedPort()}`;
  awsCli(endpoint, ['ecs', 'create-cluster', '--cluster-name', 'inspector-cluster']);
  awsCli(endpoint, ['ecs', 'register-task-definition', '--family', 'inspector-api', '--container-definitions',
                    JSON.stringify([{ name: 'api', image: 'public.ecr.aws/nginx/nginx:latest', memory: 128 }])]);
  awsCli(endpoint, ['ecs', 'create-service', '--cluster', 'inspector-cluster', '--service-name', 'api',
                    '--task-definition', 'inspector-api', '--desired-count', '1']);
  awsCli(endpoint, ['logs', 'create-log-group', '--log-group-name', '/inspector/api']);
});

after(() => {
  moto?.kill();
  if (home) rmSync(home, { recursive: true, force: true });
});

test('tools/list succeeds and lists every tool', async () => {
  const run = await inspector(['--method', 'tools/list']);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(run.out.result.tools.map((t) => t.name).sort(), TOOLS);
});

test('aws_service_health of a real service conforms to its outputSchema', async () => {
  const run = await callTool('aws_service_health', { cluster: 'inspector-cluster', service: 'api' });
  assert.equal(run.code, 0, run.stderr);
  assert.ok(['healthy', 'degraded', 'failing'].includes(run.out.result.structuredContent.verdict));
});

test('aws_service_health without arguments', async () => {
  await assertAllAccepted([
    ['no --tool-args-json', () => inspector(['--method', 'tools/call', '--tool-name', 'aws_service_health'])],
    ['{}', () => callTool('aws_service_health', {})]]);
});

test('aws_service_health with bad arguments', async () => {
  const bad = [{ service: 5 }, { cluster: ['c'], service: 'api' },
               { cluster: 'inspector-cluster', service: 'api', parts: ['nope'] },
               { cluster: 'inspector-cluster', service: 'api', details: 'yes' }, { unknown: true },
               { cluster: 'no-such-cluster', service: 'no-such-service' }];
  await assertAllAccepted(bad.map((args) => [JSON.stringify(args), () => callTool('aws_service_health', args)]));
});

test('aws_service_health where AWS gives errors', async () => {
  const args = { cluster: 'inspector-cluster', service: 'api' };
  await assertAllAccepted([
    ['a region moto has nothing in', () => callTool('aws_service_health', { ...args, region: 'eu-north-1' })],
    ['no AWS endpoint listening', () => callTool('aws_service_health', args, deadEndpoint)]]);
});

test('every other tool called with {} gets an answer the CLI accepts', async () => {
  const others = TOOLS.filter((t) => t !== 'aws_service_health');
  await assertAllAccepted(others.flatMap((name) => [
    [`${name} {}`, () => callTool(name, {})],
    [`${name} {} with no AWS endpoint listening`, () => callTool(name, {}, deadEndpoint)]]));
});
