import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Alert, MetricPoint, ModelVersion } from '@driftwatch/core';
import {
  describeAlertChannel,
  describeDataSource,
  describeDeployer,
  describeEvaluator,
  describeMetricsSink,
  describeModelRegistry,
  describeRunStore,
  describeTrainingProvider,
} from '@driftwatch/core/testing';
import { afterAll, beforeAll } from 'vitest';
import { readServingPointer } from './deploy/readServingPointer.js';
import { localPlugin as plugin } from './localPlugin.js';

// The contract kit of @driftwatch/core/testing, run against the local providers as a plugin author runs it.
const lines = async (file: string) =>
  (await readFile(file, 'utf8').catch(() => ''))
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l));

describeMetricsSink({
  plugin,
  type: 'jsonl',
  options: () => ({ path: 'out/metrics.jsonl' }),
  received: async ({ context }) => (await lines(join(context.baseDir, 'out/metrics.jsonl'))) as MetricPoint[],
  // A directory where the file should be: the append fails.
  failingOptions: () => ({ path: '.' }),
});

describeMetricsSink({
  plugin,
  type: 'csv',
  options: () => ({ path: 'metrics.csv' }),
  received: async ({ context }) => {
    const text = await readFile(join(context.baseDir, 'metrics.csv'), 'utf8').catch(() => '');
    return text
      .split('\n')
      .slice(1)
      .filter((l) => l.length > 0)
      .map((l) => {
        const [timestamp, name, value, unit, dims] = l.split(',');
        const dimensions = Object.fromEntries((dims ? dims.split(';') : []).map((kv) => kv.split('=')));
        return { timestamp, name, value: Number(value), unit, dimensions } as MetricPoint;
      });
  },
});

describeDataSource({
  plugin,
  type: 'csv',
  options: async () => ({ path: await fixtureCsv() }),
  expected: { rows: 3, columns: ['age', 'income', 'segment'] },
  missingOptions: () => ({ path: 'no-such-file.csv' }),
});

describeAlertChannel({
  plugin,
  type: 'log',
  options: () => ({ path: 'alerts.jsonl' }),
  received: async ({ context }) => (await lines(join(context.baseDir, 'alerts.jsonl'))) as Alert[],
  failingOptions: () => ({ path: '.' }),
});

// A real HTTP receiver for the webhook channel.
let server: Server;
let hookUrl = '';
const delivered: Alert[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      if (req.url === '/fail') return res.writeHead(400).end();
      delivered.push(JSON.parse(body).alert);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describeAlertChannel({
  plugin,
  type: 'webhook',
  options: () => ({ url: `${hookUrl}/hook`, retries: 0 }),
  received: async () => delivered,
  failingOptions: () => ({ url: `${hookUrl}/fail`, retries: 0 }),
});

describeRunStore({ plugin, type: 'files', options: () => ({ path: 'store' }), durable: true });

describeModelRegistry({
  plugin,
  type: 'folder',
  options: () => ({ path: 'models' }),
  artifact: async ({ context }) => {
    const dir = join(context.baseDir, `artifact-${Math.random().toString(36).slice(2)}`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'model.json'), '{"weights":[1,2]}\n');
    return dir;
  },
});

describeDeployer({
  plugin,
  type: 'champion-pointer',
  options: () => ({ path: 'serving' }),
  versions: async ({ context }) => {
    const version = async (v: string): Promise<ModelVersion> => {
      const dir = join(context.baseDir, `v${v}`);
      await mkdir(dir, { recursive: true });
      return { model: 'm', version: v, artifactUri: dir, status: 'candidate', createdAt: new Date().toISOString(), metadata: {} };
    };
    return [await version('1'), await version('2')];
  },
  serving: async ({ context }) => (await readServingPointer(join(context.baseDir, 'serving'), 'm'))?.version,
});

const node = JSON.stringify(process.execPath);
describeTrainingProvider({
  plugin,
  type: 'command',
  options: () => ({
    command: `${node} -e "require('fs').writeFileSync(require('path').join(process.env.DRIFTWATCH_OUTPUT_DIR, 'model.json'), '{}')"`,
  }),
  request: async ({ context }) => {
    const data = join(context.baseDir, 'train.csv');
    await writeFile(data, 'x,y\n1,0\n2,1\n');
    return { model: 'm', dataUri: data, parameters: { target: 'y' }, key: 'k' };
  },
});

describeEvaluator({
  plugin,
  type: 'command',
  options: () => ({
    command: `${node} -e "require('fs').writeFileSync(process.env.DRIFTWATCH_PREDICTIONS, 'prediction,proba\\\\n1,0.9\\\\n0,0.2\\\\n')"`,
  }),
  fixture: async ({ context }) => {
    const dir = join(context.baseDir, 'model');
    await mkdir(dir, { recursive: true });
    const uri = join(context.baseDir, 'holdout.csv');
    await writeFile(uri, 'x,y\n1,1\n2,0\n');
    return {
      version: { model: 'm', version: '1', artifactUri: dir, status: 'candidate', createdAt: new Date().toISOString(), metadata: {} },
      set: { uri, rows: 2, target: 'y' },
      task: 'classification',
    };
  },
});

async function fixtureCsv(): Promise<string> {
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'driftwatch-source-'));
  const file = join(dir, 'data.csv');
  await writeFile(file, 'age,income,segment\n31,52000,a\n45,61000,b\n29,48000,a\n');
  return file;
}
