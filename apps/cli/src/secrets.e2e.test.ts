import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// End to end: the secrets sweep. Secrets are planted everywhere a user puts them (credential-like
// environment variables, literal config options, a webhook URL's query, request headers, an option a
// plugin marks secret, a trainer's env), every failure path that could echo them is forced (a sink
// whose backend answers with the request's Authorization header, a webhook that refuses, a trainer
// that prints its environment, a broken config, --verbose stack traces), and then everything the
// process wrote — stdout, stderr, every file under the folder but the inputs — is searched for them.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');
const coreDir = join(root, 'packages/core');
const coreUrl = pathToFileURL(join(coreDir, 'dist/index.js')).href;
const zodUrl = pathToFileURL(createRequire(join(coreDir, 'package.json')).resolve('zod')).href;

// Nine CLI processes: a few seconds each on a loaded machine.
vi.setConfig({ testTimeout: 240_000 });

const secrets = {
  awsSecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY1',
  awsSessionToken: 'FQoGZXIvYXdzEPT//////////wEaDSESSIONTOKEN2',
  serviceToken: 'svc-token-3c4d5e6f7a8b',
  dbPassword: 'db-password-9a8b7c6d',
  queryToken: 'SECRET123query',
  bearer: 'bearer-literal-5e6f7a8b9c',
  apiKey: 'x-api-key-literal-0d1e2f',
  hmac: 'hmac-shared-secret-77aa',
  pluginSigning: 'plugin-marked-value-42ff',
  trainerToken: 'trainer-env-token-13579',
  evaluatorPassword: 'evaluator-password-2468',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
};

const env = {
  ...process.env,
  NO_COLOR: '1',
  DRIFTWATCH_LOG_LEVEL: 'debug',
  AWS_ACCESS_KEY_ID: secrets.accessKeyId,
  AWS_SECRET_ACCESS_KEY: secrets.awsSecretAccessKey,
  AWS_SESSION_TOKEN: secrets.awsSessionToken,
  MY_SERVICE_TOKEN: secrets.serviceToken,
  DB_PASSWORD: secrets.dbPassword,
  METRICS_HOST: 'metrics.example.test',
};

interface Result {
  readonly args: readonly string[];
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI without blocking this process's event loop: the test's HTTP server must answer it. */
const driftwatch = (args: string[], cwd: string): Promise<Result> =>
  new Promise((done) => {
    const child = spawn(process.execPath, [main, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('close', (status) => done({ args, status, stdout, stderr }));
  });

/** Every file under `dir`, recursively, with its path relative to it. */
function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, base) : [relative(base, path)];
  });
}

interface Request {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

let dir: string;
let server: Server;
const requests: Request[] = [];

beforeAll(async () => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
  dir = mkdtempSync(join(tmpdir(), 'dw-secrets-'));
  // A backend that refuses everything and echoes the request's credentials, as many do.
  server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    req.resume();
    req.on('end', () => {
      const echo = `SignatureDoesNotMatch: the request signature we calculated does not match. Authorization: ${req.headers.authorization}; X-Amz-Security-Token: ${req.headers['x-amz-security-token']}; X-Api-Key: ${req.headers['x-api-key']}; URL ${req.url}`;
      res.writeHead(req.url?.startsWith('/hook') ? 401 : 403, { 'content-type': 'text/plain' }).end(echo);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;

  let data = 'ts,x1,x2,y,pred,proba\n';
  let current = data;
  for (let i = 0; i < 200; i++) {
    const day = `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00Z`;
    const p = ((i * 37) % 100) / 100;
    const y = (i * 7) % 3 === 0 ? 1 : 0;
    data += `${day},${20 + (i % 40)},${(i * 13) % 17},${y},${p > 0.5 ? 1 : 0},${p}\n`;
    current += `${day},${45 + (i % 40)},${(i * 13) % 17},${y},${p > 0.5 ? 1 : 0},${p}\n`;
  }
  writeFileSync(join(dir, 'reference.csv'), data);
  writeFileSync(join(dir, 'current.csv'), current);

  // A sink that signs its requests as AWS SigV4 does (Authorization with Credential=AKIA…, the session
  // token in a header) and fails with the backend's answer; it logs its endpoint, and marks an option secret.
  writeFileSync(
    join(dir, 'leaky-sink.mjs'),
    `import { createHmac } from 'node:crypto';
import { definePlugin, defineProvider, ProviderError } from '${coreUrl}';
import { z } from '${zodUrl}';

export default definePlugin({
  name: 'leaky',
  providers: [
    defineProvider({
      port: 'MetricsSink',
      type: 'leaky',
      description: 'publishes to an HTTP backend that refuses, echoing the request',
      options: z.object({ endpoint: z.string(), signing: z.string().meta({ secret: true }) }).strict(),
      create: (options, context) => ({
        type: 'leaky',
        async publish(points) {
          const signature = createHmac('sha256', process.env.AWS_SECRET_ACCESS_KEY + options.signing).update('x').digest('hex');
          const authorization = 'AWS4-HMAC-SHA256 Credential=' + process.env.AWS_ACCESS_KEY_ID + '/20261207/us-east-1/monitoring/aws4_request, SignedHeaders=host;x-amz-date, Signature=' + signature;
          const url = new URL(options.endpoint);
          const target = 'http://127.0.0.1:${port}/sink' + url.search;
          context.logger.debug({ endpoint: options.endpoint, authorization, signing: options.signing }, 'publishing ' + points.length + ' points to ' + options.endpoint);
          // A plugin that bypasses its logger: only the CLI's output guard stands between this line and the terminal.
          process.stderr.write('leaky: signing with ' + options.signing + ' as ' + process.env.AWS_SECRET_ACCESS_KEY + '\\n');
          const response = await fetch(target, {
            method: 'POST',
            headers: { authorization, 'x-amz-security-token': process.env.AWS_SESSION_TOKEN },
            body: JSON.stringify(points),
          });
          const body = await response.text();
          throw new ProviderError('leaky', 'publish', 'POST ' + options.endpoint + ': HTTP ' + response.status + ': ' + body + ' (secret ' + options.signing + ')');
        },
        async flush() {},
      }),
    }),
  ],
});
`,
  );
  writeFileSync(
    join(dir, 'driftwatch.yaml'),
    `version: 1
plugins: [./leaky-sink.mjs]
store: { type: files, path: .driftwatch }
sinks:
  - { type: jsonl, path: out/metrics.jsonl }
  - type: leaky
    endpoint: "https://svc:\${DB_PASSWORD}@\${METRICS_HOST}/api?token=\${MY_SERVICE_TOKEN}&region=eu"
    signing: ${secrets.pluginSigning}
alerts:
  channels:
    - { type: log, path: out/alerts.log }
    - type: webhook
      name: hook
      url: "http://127.0.0.1:${port}/hook?token=${secrets.queryToken}"
      secret: ${secrets.hmac}
      headers: { Authorization: "Bearer ${secrets.bearer}", X-Api-Key: ${secrets.apiKey}, X-Team: ops }
      retries: 0
monitors:
  - name: churn
    reference: { path: reference.csv }
    current: { path: current.csv }
    schema: { target: y, prediction: pred, proba: proba, timestamp: ts }
    alerts:
      - { name: drifted, metric: dataset.drift_share, comparison: gte, threshold: 0, severity: warning, channels: [log, hook] }
    retraining:
      trainer:
        type: command
        command: ["${process.execPath}", "-e", "console.log(JSON.stringify(process.env)); console.error('upload to https://u:' + process.env.API_TOKEN + '@x.test failed'); process.exit(3)"]
        env: { API_TOKEN: ${secrets.trainerToken} }
        timeout: 30s
      evaluator:
        type: command
        command: ["${process.execPath}", "-e", "process.exit(1)"]
      gate: { metric: f1 }
`,
  );
  // A trainer that succeeds, and an evaluator that prints its environment and fails.
  const base = readFileSync(join(dir, 'driftwatch.yaml'), 'utf8');
  const trainer = base.slice(base.indexOf('        command: ["'), base.indexOf('        env: { API_TOKEN'));
  const evaluator = `        command: ["${process.execPath}", "-e", "process.exit(1)"]`;
  writeFileSync(
    join(dir, 'evaluator.yaml'),
    base
      .replace(
        trainer,
        `        command: ["${process.execPath}", "-e", "require('fs').writeFileSync(process.env.DRIFTWATCH_OUTPUT_DIR + '/model.json', '{}')"]\n`,
      )
      .replace(
        evaluator,
        `        command: ["${process.execPath}", "-e", "console.log(JSON.stringify(process.env)); process.exit(4)"]\n        env: { EVAL_PASSWORD: ${secrets.evaluatorPassword} }`,
      ),
  );
  // A config with mistakes next to its secrets: the errors name paths, never values.
  writeFileSync(
    join(dir, 'broken.yaml'),
    `version: 1
plugins: [./leaky-sink.mjs]
sinks:
  - { type: leaky, endpoint: 7, signing: ${secrets.pluginSigning}, extra: "https://u:${secrets.dbPassword}@h.test" }
alerts:
  channels:
    - { type: webhook, url: "not a url ?token=${secrets.queryToken}", secret: ${secrets.hmac}, headers: { Authorization: "Bearer ${secrets.bearer}" }, retries: 99 }
monitors:
  - name: churn
    reference: { path: reference.csv }
    current: { path: current.csv }
`,
  );
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

describe('the secrets sweep', () => {
  it('plants secrets everywhere, forces every failure path, and finds none in anything written', async () => {
    const results: Result[] = [];
    const step = async (...args: string[]) => {
      const r = await driftwatch(args, dir);
      results.push(r);
      return r;
    };

    const shown = await step('config', 'show');
    expect(shown.status, shown.stderr).toBe(0);
    const config = JSON.parse(shown.stdout);
    // Values from the environment that are not credentials are shown as they are; credentials are not.
    expect(config.sinks[1].endpoint).toBe('https://***@metrics.example.test/api?token=***&region=eu');
    expect(config.sinks[1].signing).toBe('***');
    expect(config.alerts.channels[1]).toMatchObject({
      url: expect.stringMatching(/\/hook\?token=\*\*\*$/),
      secret: '***',
      headers: { Authorization: '***', 'X-Api-Key': '***', 'X-Team': 'ops' },
    });

    expect((await step('config', 'validate')).status).toBe(0);

    const run = await step('run', '--verbose');
    // The leaky sink failed (a provider failure), and the webhook was refused: both recorded, neither leaking.
    expect(run.status, run.stderr).toBe(4);
    expect(run.stderr).toMatch(/leaky/);
    expect(run.stderr).toContain('leaky: signing with *** as ***');
    expect(run.stderr).toContain('SignatureDoesNotMatch: the request signature we calculated does not match. Authorization: ***');
    const sink = requests.find((r) => r.url.startsWith('/sink'));
    const hook = requests.find((r) => r.url.startsWith('/hook'));
    // The secrets did reach the backends that need them: only what Driftwatch writes is redacted.
    expect(sink?.headers.authorization).toContain(`Credential=${secrets.accessKeyId}`);
    expect(sink?.headers['x-amz-security-token']).toBe(secrets.awsSessionToken);
    expect(hook?.headers.authorization).toBe(`Bearer ${secrets.bearer}`);
    expect(hook?.url).toBe(`/hook?token=${secrets.queryToken}`);
    expect(hook?.headers['x-driftwatch-signature']).toMatch(/^sha256=/);

    const retrain = await step('retrain', 'churn', '--format', 'json');
    expect(retrain.status, retrain.stderr).toBe(3);
    const attempt = JSON.parse(retrain.stdout).attempt;
    expect(attempt.state).toBe('failed');
    // The trainer printed its whole environment: the tail is there, its credentials are not.
    expect(attempt.error.message).toMatch(/exit status 3/);
    expect(attempt.error.message).toContain('upload to https://***@x.test failed');
    expect((await step('retrain', 'churn')).status).not.toBe(0);
    const evaluation = await step('retrain', 'churn', '--format', 'json', '--config', 'evaluator.yaml');
    expect(evaluation.status, evaluation.stderr).toBe(3);
    const evaluated = JSON.parse(evaluation.stdout).attempt;
    expect(evaluated.transitions.map((t: { to: string }) => t.to)).toContain('evaluating');
    expect(evaluated.error.message).toMatch(/exit status 4/);
    expect(evaluated.error.message).toContain('"EVAL_PASSWORD":"***"');
    expect((await step('history')).status).toBe(0);
    expect((await step('history', '--format', 'json')).status).toBe(0);
    const broken = await step('config', 'validate', '--config', 'broken.yaml');
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/sinks\[0\]\.endpoint/);
    expect((await step('run', '--verbose', '--config', 'broken.yaml')).status).toBe(2);

    // Everything written: stdout and stderr of every command, every file but the inputs.
    const inputs = new Set(['driftwatch.yaml', 'evaluator.yaml', 'broken.yaml', 'leaky-sink.mjs', 'reference.csv', 'current.csv']);
    const written = filesUnder(dir).filter((f) => !inputs.has(f));
    for (const expected of ['out/alerts.log', 'out/metrics.jsonl', '.driftwatch/index.json']) expect(written, expected).toContain(expected);
    expect(written.some((f) => f.startsWith('.driftwatch/attempts/'))).toBe(true);
    const trainLog = written.find((f) => f.endsWith('train.log'));
    const resultFile = written.find((f) => /training\/[^/]+\/result\.json$/.test(f));
    expect(trainLog && resultFile, written.join('\n')).toBeTruthy();
    // The failure paths were taken: the trainer's environment and the sink's echo are in what was written, redacted.
    expect(readFileSync(join(dir, trainLog!), 'utf8')).toContain('"AWS_SECRET_ACCESS_KEY":"***"');
    expect(readFileSync(join(dir, resultFile!), 'utf8')).toContain('"API_TOKEN\\":\\"***\\"');
    const runs = written.filter((f) => f.startsWith('.driftwatch/runs/'));
    expect(runs.map((f) => readFileSync(join(dir, f), 'utf8')).join('')).toContain('Authorization: ***');

    const leaks: string[] = [];
    const search = (where: string, text: string) => {
      for (const [name, secret] of Object.entries(secrets)) if (text.includes(secret)) leaks.push(`${where}: ${name}`);
    };
    for (const r of results) {
      search(`stdout of ${r.args.join(' ')}`, r.stdout);
      search(`stderr of ${r.args.join(' ')}`, r.stderr);
    }
    for (const f of written) search(f, readFileSync(join(dir, f), 'utf8'));
    expect(leaks).toEqual([]);
  });
});
