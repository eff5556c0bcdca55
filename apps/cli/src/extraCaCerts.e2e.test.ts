import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Collected, main, requireBuiltCli, root, spawnCollected } from './__tests__/builtCli.js';

// NODE_EXTRA_CA_CERTS through the installed command (dist/main.cjs run by its #! line, as the
// kernel runs it): the line moves the variable aside so that node does not parse the file at
// start-up, and the loader adds the file's certificates to TLS contexts when one is first made.
// A webhook alert over HTTPS to a server whose certificate a throwaway CA signed is the TLS
// connection; the CA is trusted only through the variable.

vi.setConfig({ testTimeout: 120_000 });

const bin = main.replace(/main\.js$/, 'main.cjs');
const reference = join(root, 'examples/data/reference.csv');
const current = join(root, 'examples/data/current.csv');

/** The #! line's interpreter and its one argument (`/usr/bin/env`, "-S …"), as the kernel splits it. */
function shebang(): [string, string] {
  const m = /^#!(\S+)\s+(.*)$/.exec(readFileSync(bin, 'utf8').split('\n', 1)[0] ?? '');
  if (!m) throw new Error(`no #! line in ${bin}`);
  return [m[1] as string, (m[2] as string).trim()];
}

/** Runs `file` as the kernel runs a #! script: `/usr/bin/env "-S …" file args…`. Asynchronous: the test's server answers meanwhile. */
function runAsKernel(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Collected> {
  const [interpreter, argument] = shebang();
  return spawnCollected(interpreter, [argument, bin, ...args], { cwd, env });
}

let dir: string;
let server: Server;
let port: number;
const received: string[] = [];
/** The environment without any CA variable of the machine's. */
let bare: NodeJS.ProcessEnv;

beforeAll(async () => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'dw-extra-ca-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=driftwatch test CA',
  );
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName = IP:127.0.0.1\n');
  openssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'san.ext',
  );
  // A bundle as machines carry them: certificates Node already bundles, then the one it does not.
  const { rootCertificates } = await import('node:tls');
  writeFileSync(join(dir, 'bundle.pem'), `${rootCertificates.slice(0, 3).join('\n')}\n${readFileSync(join(dir, 'ca.pem'), 'latin1')}`);
  server = createServer({ key: readFileSync(join(dir, 'server.key')), cert: readFileSync(join(dir, 'server.pem')) }, (req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  writeFileSync(
    join(dir, 'driftwatch.yaml'),
    `version: 1
store: { type: files, path: .driftwatch }
alerts:
  channels:
    - { type: webhook, name: ops, url: "https://127.0.0.1:${port}/hook", retries: 0, timeoutMs: 10000 }
monitors:
  - name: customers
    reference: { path: ${JSON.stringify(reference)} }
    current: { path: ${JSON.stringify(current)} }
    schema: { id: customer_id }
    alerts:
      - { name: any-drift, metric: dataset.drift_share, comparison: gt, threshold: 0.1 }
`,
  );
  const { NODE_EXTRA_CA_CERTS: _a, DW_CA: _b, SSL_CERT_FILE: _c, SSL_CERT_DIR: _d, ...rest } = process.env;
  bare = { ...rest, NO_COLOR: '1' };
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

/** `run`'s alert deliveries and what reached the server during the run. */
async function runAlerting(env: NodeJS.ProcessEnv) {
  received.length = 0;
  const r = await runAsKernel(dir, ['run', '--format', 'json'], env);
  const deliveries = r.stdout ? JSON.parse(r.stdout).alerts.flatMap((a: { deliveries: unknown[] }) => a.deliveries) : [];
  return { ...r, deliveries, received: [...received] };
}

describe('NODE_EXTRA_CA_CERTS through the #! line', () => {
  it('trusts the certificates of the file, for a connection made long after start-up', async () => {
    const r = await runAlerting({ ...bare, NODE_EXTRA_CA_CERTS: join(dir, 'bundle.pem') });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.deliveries).toEqual([expect.objectContaining({ channel: 'ops', status: 'ok' })]);
    expect(r.received).toHaveLength(1);
    expect(JSON.parse(r.received[0] as string).alert).toMatchObject({ rule: 'any-drift' });
  });

  it('does not trust the CA without the variable (the test would pass for nothing otherwise)', async () => {
    const r = await runAlerting(bare);
    expect(r.status).toBe(4);
    expect(r.deliveries).toEqual([expect.objectContaining({ channel: 'ops', status: 'failed' })]);
    expect(r.stderr).toMatch(/POST https:\/\/127\.0\.0\.1:\d+\/hook: UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
    expect(r.received).toHaveLength(0);
  });

  it("warns as node does when the file cannot be read, and goes on with node's own certificates", async () => {
    const missing = join(dir, 'no-such.pem');
    const r = await runAlerting({ ...bare, NODE_EXTRA_CA_CERTS: missing });
    expect(r.stderr).toContain(`Warning: Ignoring extra certs from \`${missing}\`, load failed:`);
    expect(r.status).toBe(4);
    expect(r.received).toHaveLength(0);
  });

  it('gives child processes the variable back and nothing of its own, and leaves commands without TLS silent', async () => {
    // A command that makes no TLS context never reads the file: a missing one goes unmentioned.
    const missing = join(dir, 'no-such.pem');
    writeFileSync(join(dir, 'x.csv'), 'x\n1\n2\n3\n');
    const quiet = await runAsKernel(
      dir,
      ['detect', '--detector', 'page_hinkley', '--column', 'x', '--input', 'x.csv', '--format', 'json'],
      {
        ...bare,
        NODE_EXTRA_CA_CERTS: missing,
      },
    );
    expect(quiet.stderr).toBe('');
    expect(quiet.status).toBe(0);
    // What the command's own process sees is what a child it spawns inherits.
    const seen = await loaderThen(
      'process.stdout.write(JSON.stringify({ extra: process.env.NODE_EXTRA_CA_CERTS ?? null, dw: process.env.DW_CA ?? null }));',
      { ...bare, NODE_EXTRA_CA_CERTS: '/some/bundle.pem' },
    );
    expect(JSON.parse(seen)).toEqual({ extra: '/some/bundle.pem', dw: null });
    expect(readFileSync(bin, 'utf8').split('\n', 1)[0]).toMatch(/ -u NODE_EXTRA_CA_CERTS DW_CA=\$\{NODE_EXTRA_CA_CERTS\} /);
  });

  it('trusts the file for a connection with a client certificate too, and not where the caller gives its own ca', async () => {
    // A connection with `cert`/`key` takes the loader's other path: the whole store given as `ca`.
    const request = (extra: string) => `
      const https = require('node:https');
      const fs = require('node:fs');
      const options = { cert: fs.readFileSync(${JSON.stringify(join(dir, 'server.pem'))}), key: fs.readFileSync(${JSON.stringify(join(dir, 'server.key'))}) };
      const req = https.request('https://127.0.0.1:${port}/client', { method: 'POST', agent: false, ...options, ${extra} }, (res) => process.stdout.write(String(res.statusCode)));
      req.on('error', (e) => process.stdout.write(e.code));
      req.end('client');`;
    const env = { ...bare, NODE_EXTRA_CA_CERTS: join(dir, 'bundle.pem') };
    expect(await loaderThen(request(''), env)).toBe('204');
    // Without the variable the same request fails, and a `ca` of the caller's own replaces the store.
    expect(await loaderThen(request(''), bare)).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    const { rootCertificates } = await import('node:tls');
    expect(await loaderThen(request(`ca: ${JSON.stringify([rootCertificates[0]])}`), env)).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });
});

/**
 * Runs the built loader (dist/main.cjs) up to where it loads the chunks, then `code`, through the
 * #! line: what the loader sets up, without a command. Resolves to the process's stdout.
 */
function loaderThen(code: string, env: NodeJS.ProcessEnv): Promise<string> {
  const loader = readFileSync(bin, 'utf8');
  const script = join(dir, `loader-then-${Math.random().toString(36).slice(2)}.cjs`);
  writeFileSync(script, `${loader.slice(0, loader.indexOf("const { createRequire } = require('node:module');"))}\n${code}\n`);
  const [interpreter, argument] = shebang();
  return spawnCollected(interpreter, [argument, script], { env }).then((r) => r.stdout);
}
