// What the SDK tests share: moto on a free loopback port, the AWS CLI as the
// oracle, and the aws-mcp HTTP server started and its URL read from stderr.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const BIN = process.env.AWS_MCP_BIN ?? path.resolve('../../build/aws-mcp');
export const fakeEnv = { AWS_EC2_METADATA_DISABLED: 'true', AWS_ACCESS_KEY_ID: 'testing',
                         AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1' };

function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

async function waitFor(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try { const r = await fetch(url); if (r.ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
}

// moto's server on a free port: { moto (the process), endpoint }.
export async function startMoto() {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const moto = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  await waitFor(`${endpoint}/moto-api/`, 30000);
  return { moto, endpoint };
}

// The AWS CLI's JSON answer from the emulator at `endpoint`.
export function awsCli(endpoint, args) {
  const home = mkdtempSync(path.join(os.tmpdir(), 'aws-cli-'));
  const out = execFileSync('aws', [...args, '--endpoint-url', endpoint, '--output', 'json'],
                           { env: { PATH: process.env.PATH, HOME: home, ...fakeEnv } });
  return out.length ? JSON.parse(out) : {};
}

// An environment for the server: a fresh HOME, the emulator, fake keys.
export function serverEnv(endpoint, extra = {}) {
  const home = mkdtempSync(path.join(os.tmpdir(), 'aws-mcp-sdk-'));
  return { PATH: process.env.PATH, HOME: home, AWS_ENDPOINT_URL: endpoint, ...fakeEnv, ...extra };
}

// `aws-mcp --http 127.0.0.1:0 ...`: { server (the process), url }.
export async function startHttpServer(args, env) {
  const server = spawn(BIN, ['--http', '127.0.0.1:0', ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise((resolve, reject) => {
    let err = '';
    server.stderr.on('data', (d) => {
      err += d;
      const m = err.match(/serving MCP on (http:\/\/\S+\/mcp)/);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
  return { server, url };
}
