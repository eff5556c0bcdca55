import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MotoServer, motoAvailability, motoMissingInCi, skipWithoutMoto, startMotoServer } from '@driftwatch/aws-common/testing';
import { csvLine } from '@driftwatch/data';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// End to end against moto: `driftwatch retrain` of a three-class model trained by SageMaker
// training jobs, kept in the SageMaker Model Registry and scored by the `sagemaker-endpoint`
// evaluator on temporary endpoints; the gate decides on ROC AUC and a log-loss ceiling computed
// from the endpoints' per-class probabilities, equal to scikit-learn's
// (packages/plugin-aws-sagemaker/scripts/reference/gen_endpoint_evaluator.py).
//
// moto creates and deletes the endpoints; a small proxy in front of it answers InvokeEndpoint as
// the served version would (moto keys its configured answers by request body, not by endpoint, and
// the champion and the challenger are sent the same rows), in SageMaker Runtime's wire format.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');
const availability = motoAvailability();
const missingInCi = motoMissingInCi(availability);
const env = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1', NO_COLOR: '1' };

const authorization = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=testing/20261207/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;

/** A SageMaker JSON call to moto, unsigned (moto routes it by the Authorization header's service). */
async function sageMaker(moto: string, operation: string, input: object): Promise<any> {
  const res = await fetch(moto, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `SageMaker.${operation}`,
      authorization: authorization('sagemaker'),
    },
    body: JSON.stringify(input),
  });
  return res.json();
}

interface Reference {
  readonly modelClasses: string[];
  readonly columns: string[];
  readonly rows: Record<string, string | number>[];
  readonly champion: { probabilities: number[][]; expected: Record<string, number> };
  readonly challenger: { probabilities: number[][]; expected: Record<string, number> };
}
const ref = JSON.parse(
  readFileSync(join(root, 'packages/plugin-aws-sagemaker/src/evaluate/__fixtures__/endpoint-evaluator-reference.json'), 'utf8'),
) as Reference;
const features = (r: Record<string, string | number>) => csvLine([String(r.x1), String(r.x2), String(r.note)]).trimEnd();
const rowIndex = new Map(ref.rows.map((r, i) => [features(r), i]));

vi.setConfig({ testTimeout: 120_000 });

function driftwatch(cwd: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [main, ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** Forwards SageMaker calls to moto; answers InvokeEndpoint as version 1 (the champion's figures) or 2 (the challenger's) would. */
async function startProxy(moto: string): Promise<{ endpoint: string; invoked: string[]; close(): Promise<void> }> {
  const { createServer } = await import('node:http');
  const invoked: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const invoke = /^\/endpoints\/([^/]+)\/invocations$/.exec(req.url ?? '');
      if (invoke) {
        const endpoint = decodeURIComponent(invoke[1]!);
        invoked.push(endpoint);
        const who = endpoint.endsWith('-v1') ? 'champion' : endpoint.endsWith('-v2') ? 'challenger' : undefined;
        if (!who) {
          res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'ValidationError' });
          res.end(JSON.stringify({ message: `Endpoint ${endpoint} of account 123456789012 not found.` }));
          return;
        }
        const lines = body
          .toString('utf8')
          .split('\n')
          .filter((l) => l !== '');
        res.writeHead(200, { 'content-type': 'text/csv' });
        res.end(lines.map((l) => ref[who].probabilities[rowIndex.get(l) as number]!.join(',')).join('\n'));
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers))
        if (value !== undefined && !['host', 'content-length', 'connection'].includes(name))
          headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      fetch(`${moto}${req.url}`, {
        method: req.method,
        headers,
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
      }).then(
        async (answer) => {
          const out: Record<string, string> = {};
          answer.headers.forEach((v, k) => {
            if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(k)) out[k] = v;
          });
          res.writeHead(answer.status, out);
          res.end(Buffer.from(await answer.arrayBuffer()));
        },
        (error: unknown) => {
          res.writeHead(502);
          res.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    invoked,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

if (missingInCi) it('driftwatch retrain with the sagemaker-endpoint evaluator: needs moto in CI', () => expect.fail(missingInCi));

describe.skipIf(skipWithoutMoto(availability))('driftwatch retrain with the sagemaker-endpoint evaluator (moto)', () => {
  let moto: MotoServer;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let dir: string;

  beforeAll(async () => {
    if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
    moto = await startMotoServer();
    proxy = await startProxy(moto.endpoint);
    // The S3 bucket of the training data and models (moto reads the service from the credential scope).
    const bucket = await fetch(`${moto.endpoint}/ml-data`, { method: 'PUT', headers: { authorization: authorization('s3') } });
    expect(bucket.status, await bucket.text()).toBe(200);
    dir = mkdtempSync(join(tmpdir(), 'dw-sm-evaluator-'));
    mkdirSync(join(dir, 'data'));
    // Current data: 90 earlier rows, then the fixture's 90 rows, which the holdout (the latest half) is.
    const earlier = ref.rows.map((r, i) => ({ ...r, id: 1000 + i, x1: Number(r.x1) + 0.0005 }));
    const csv = (rows: Record<string, string | number>[]) =>
      [csvLine(ref.columns), ...rows.map((r) => csvLine(ref.columns.map((c) => String(r[c]))))].join('');
    writeFileSync(join(dir, 'data/reference.csv'), csv(earlier));
    writeFileSync(join(dir, 'data/current.csv'), csv([...earlier, ...ref.rows]));
    const connection = `endpoint: "${moto.endpoint}", region: us-east-1, maxAttempts: 1`;
    const evaluatorConnection = `endpoint: "${proxy.endpoint}", region: us-east-1, maxAttempts: 1`;
    writeFileSync(
      join(dir, 'driftwatch.yaml'),
      `version: 1
store: { type: files, path: .driftwatch }
monitors:
  - name: tiers
    reference: { path: data/reference.csv }
    current: { path: data/current.csv }
    schema: { target: tier, id: id }
    retraining:
      data: { holdout: { fraction: 0.5, minRows: 10 } }
      trainer:
        { type: sagemaker, ${connection}, forcePathStyle: true, roleArn: "arn:aws:iam::123456789012:role/Train", image: "train:1",
          inputUri: "s3://ml-data/inputs", outputUri: "s3://ml-data/models" }
      registry: { type: sagemaker, ${connection}, image: "serve:1" }
      evaluator:
        { type: sagemaker-endpoint, ${evaluatorConnection}, roleArn: "arn:aws:iam::123456789012:role/Serve", image: "serve:1",
          classes: [${ref.modelClasses.join(', ')}], dropColumns: [id], pollInterval: 1ms }
      gate: { metric: roc_auc, minGain: 0.05, floors: { log_loss: 0.9 }, metrics: ["roc_auc:weighted", accuracy] }
`,
    );
  });
  afterAll(async () => {
    await proxy?.close();
    await moto?.stop();
  });

  it('gates the multiclass challenger on ROC AUC and log loss from the endpoints’ class probabilities, as scikit-learn does', async () => {
    const first = await driftwatch(dir, 'retrain', 'tiers', '--config', 'driftwatch.yaml', '--format', 'json');
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).attempt.state).toBe('deployed');
    const second = await driftwatch(dir, 'retrain', 'tiers', '--config', 'driftwatch.yaml', '--format', 'json');
    expect(second.status, second.stderr).toBe(0);
    const attempt = JSON.parse(second.stdout).attempt;
    expect(attempt.state).toBe('deployed');
    expect(attempt.gate).toMatchObject({ passed: true, metric: 'roc_auc', champion: expect.any(Number), challenger: expect.any(Number) });
    for (const [who, scores] of [
      ['champion', attempt.scores.champion],
      ['challenger', attempt.scores.challenger],
    ] as const)
      for (const [metric, expected] of Object.entries(ref[who].expected))
        expect(
          Math.abs(scores.metrics[metric] - expected),
          `${who} ${metric}: ${scores.metrics[metric]} vs ${expected}`,
        ).toBeLessThanOrEqual(1e-12);
    expect(attempt.gate.reasons.join('\n')).toMatch(/floor log_loss: 0\.39\d+ <= 0\.9 \(ceiling\)/);
    // One temporary endpoint per scoring (v1 first alone, then v2 and v1), each deleted.
    expect([...new Set(proxy.invoked)]).toEqual(['driftwatch-eval-tiers-v1', 'driftwatch-eval-tiers-v2']);
    expect((await sageMaker(moto.endpoint, 'ListEndpoints', {})).Endpoints).toEqual([]);
    expect((await sageMaker(moto.endpoint, 'ListModels', {})).Models).toEqual([]);
  });

  it('an endpoint that does not exist fails the attempt with a line naming it', async () => {
    const config = readFileSync(join(dir, 'driftwatch.yaml'), 'utf8').replace(
      'roleArn: "arn:aws:iam::123456789012:role/Serve", image: "serve:1"',
      'endpointName: "tiers-live-{version}"',
    );
    writeFileSync(join(dir, 'missing.yaml'), config);
    const r = await driftwatch(dir, 'retrain', 'tiers', '--config', 'missing.yaml', '--format', 'json');
    const line = 'sagemaker-endpoint DescribeEndpoint: endpoint tiers-live-3 does not exist';
    expect(r.stderr).toContain(`evaluating → failed: evaluating failed: ${line}`);
    // retrain's contract: a failed attempt exits 3, its error recorded with the provider failure's code.
    expect(r.status).toBe(3);
    const { attempt } = JSON.parse(r.stdout);
    expect(attempt.state).toBe('failed');
    expect(attempt.error).toEqual({ code: 'PROVIDER_FAILED', message: `evaluating failed: ${line}` });
    expect(proxy.invoked).not.toContain('tiers-live-3');
  });
});
