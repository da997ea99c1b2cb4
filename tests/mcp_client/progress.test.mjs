// Progress and cancel as the official TypeScript SDK sees them, over stdio,
// against an AWS endpoint on loopback that accepts and never answers, with
// --aws-timeout 5: progress arrives within about a second and names what the
// call waits on; aborting the call (the SDK sends notifications/cancelled)
// drops the hung connection long before the timeout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BIN, serverEnv } from './support.mjs';

let hung;
let client;
const closedAt = [];

before(async () => {
  hung = net.createServer((socket) => {
    socket.on('data', () => {});  // read the request, never answer
    socket.on('close', () => closedAt.push(Date.now()));
  });
  await new Promise((resolve) => hung.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${hung.address().port}`;
  const transport = new StdioClientTransport({
    command: BIN, args: ['--aws-timeout', '5'], stderr: 'pipe', env: serverEnv(endpoint) });
  client = new Client({ name: 'aws-mcp-progress-test', version: '1.0.0' });
  await client.connect(transport);
});

after(async () => {
  await client?.close();
  hung?.close();
});

test('a hung endpoint: progress within 2 s, and cancel ends the call early', async () => {
  const started = Date.now();
  const seen = [];
  const controller = new AbortController();
  let firstProgress;
  const gotProgress = new Promise((resolve) => { firstProgress = resolve; });
  const call = client.callTool({ name: 'aws_call', arguments: { service: 'ecs', action: 'ListClusters' } },
    undefined, { signal: controller.signal, timeout: 60000,
                 onprogress: (p) => { seen.push({ at: Date.now() - started, ...p }); firstProgress(); } });
  await Promise.race([gotProgress, new Promise((resolve) => setTimeout(resolve, 3000))]);
  assert.ok(seen.length > 0, 'no progress within 3 s');
  assert.ok(seen[0].at < 2000, `first progress after ${seen[0].at} ms`);
  assert.match(seen[0].message, /ecs ListClusters/);

  const cancelled = Date.now();
  controller.abort('test');
  await assert.rejects(call);
  const deadline = Date.now() + 4000;
  while (closedAt.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.ok(closedAt.length > 0, 'the hung connection stayed open after the cancel');
  assert.ok(closedAt[0] - cancelled < 2500, `closed ${closedAt[0] - cancelled} ms after the cancel`);
});
