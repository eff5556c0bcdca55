import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type MotoServer, motoAvailability, motoMissingInCi, skipWithoutMoto, startMotoServer } from '@driftwatch/aws-common/testing';
import { type EvaluationSet, type ModelVersion, ProviderError } from '@driftwatch/core';
import { create } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandEvaluator } from './CommandEvaluator.js';

// The model a command evaluator gets: a local folder, whatever the registry holds — a SageMaker
// artifact in S3 (moto) is downloaded and unpacked once per version; the URI is a variable of its own.
const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };
const availability = motoAvailability();
const missingInCi = motoMissingInCi(availability);
if (missingInCi) it('CommandEvaluator against moto: needs moto in CI', () => expect.fail(missingInCi));

/** Lists its model folder (recursively) into the predictions' first row's neighbour file, and predicts "1". */
const lister = `
const fs = require('node:fs');
const path = require('node:path');
const env = process.env;
const walk = (d, p = '') => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(path.join(d, e.name), p + e.name + '/') : [p + e.name]);
const rows = fs.readFileSync(env.DRIFTWATCH_INPUT, 'utf8').trim().split('\\n').length - 1;
fs.writeFileSync(env.DRIFTWATCH_PREDICTIONS, 'prediction\\n' + '1\\n'.repeat(rows));
const weights = fs.readFileSync(path.join(env.DRIFTWATCH_MODEL_DIR, 'weights.json'), 'utf8');
fs.appendFileSync(env.LISTING, JSON.stringify({ dir: env.DRIFTWATCH_MODEL_DIR, uri: env.DRIFTWATCH_MODEL_URI, files: walk(env.DRIFTWATCH_MODEL_DIR).sort(), weights }) + '\\n');
`;

describe.skipIf(skipWithoutMoto(availability))('CommandEvaluator against moto', () => {
  let moto: MotoServer;
  let s3: S3Client;
  let dir: string;
  let set: EvaluationSet;
  beforeAll(async () => {
    moto = await startMotoServer();
    s3 = new S3Client({ endpoint: moto.endpoint, region: 'us-east-1', credentials, forcePathStyle: true, maxAttempts: 1 });
    await s3.send(new CreateBucketCommand({ Bucket: 'models' }));
    dir = await mkdtemp(join(tmpdir(), 'dw-eval-s3-'));
    // What a SageMaker training job writes: the model folder as model.tar.gz.
    await mkdir(join(dir, 'model', 'code'), { recursive: true });
    await writeFile(join(dir, 'model', 'weights.json'), '{"w":[0.5,-1.25]}');
    await writeFile(join(dir, 'model', 'code', 'inference.py'), 'def predict(x): return 1\n');
    await create({ gzip: true, file: join(dir, 'model.tar.gz'), cwd: join(dir, 'model') }, ['weights.json', 'code']);
    await s3.send(
      new PutObjectCommand({ Bucket: 'models', Key: 'churn/job-7/output/model.tar.gz', Body: await readFile(join(dir, 'model.tar.gz')) }),
    );
    await writeFile(join(dir, 'holdout.csv'), 'x,y\n1,1\n2,0\n');
    await writeFile(join(dir, 'predict.js'), lister);
    set = { uri: join(dir, 'holdout.csv'), rows: 2, target: 'y' };
  }, 90_000);
  afterAll(async () => {
    s3?.destroy();
    await moto?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const evaluator = () =>
    new CommandEvaluator({
      command: [process.execPath, 'predict.js'],
      cwd: dir,
      env: { LISTING: join(dir, 'listing.jsonl') },
      modelCache: {
        dir: join(dir, 'cache'),
        s3: { endpoint: moto.endpoint, region: 'us-east-1', credentials, forcePathStyle: true, maxAttempts: 1 },
      },
    });
  const listings = async () =>
    (await readFile(join(dir, 'listing.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { dir: string; uri: string; files: string[]; weights: string });
  const version = (v: string, artifactUri: string): ModelVersion => ({
    model: 'churn',
    version: v,
    artifactUri,
    status: 'candidate',
    createdAt: '2026-12-01T00:00:00.000Z',
    metadata: {},
  });

  it('gives the command the S3 tarball unpacked in a local folder, and the URI in DRIFTWATCH_MODEL_URI; cached per version', async () => {
    const uri = 's3://models/churn/job-7/output/model.tar.gz';
    const predictions = await evaluator().predict(version('7', uri), set);
    expect(predictions.labels).toEqual(['1', '1']);
    const [first] = await listings();
    expect(first?.uri).toBe(uri);
    expect(first?.dir.startsWith(join(dir, 'cache', 'churn', '7-'))).toBe(true);
    expect(first?.files).toEqual(['code/inference.py', 'weights.json']);
    expect(first?.weights).toBe('{"w":[0.5,-1.25]}');

    // The second evaluation of the version reads the cache: the object may be gone from S3.
    await s3.send(new DeleteObjectCommand({ Bucket: 'models', Key: 'churn/job-7/output/model.tar.gz' }));
    await evaluator().predict(version('7', uri), set);
    const second = (await listings())[1];
    expect(second).toEqual(first);

    // Another version is another download, which fails clearly when the object is missing.
    const error = await evaluator()
      .predict(version('8', 's3://models/churn/job-8/output/model.tar.gz'), set)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toMatch(/s3:\/\/models\/churn\/job-8\/output\/model\.tar\.gz: cannot download the model/);
  });

  it('gives a local folder artifact as it is, and unpacks a local tarball', async () => {
    await evaluator().predict(version('1', join(dir, 'model')), set);
    await evaluator().predict(version('2', join(dir, 'model.tar.gz')), set);
    const [folder, tarball] = (await listings()).slice(-2);
    expect(folder).toMatchObject({ dir: join(dir, 'model'), uri: join(dir, 'model'), files: ['code/inference.py', 'weights.json'] });
    expect(tarball?.uri).toBe(join(dir, 'model.tar.gz'));
    expect(tarball?.dir.startsWith(join(dir, 'cache', 'churn', '2-'))).toBe(true);
    expect(tarball?.files).toEqual(['code/inference.py', 'weights.json']);
  });
});
