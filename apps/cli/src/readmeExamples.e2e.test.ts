import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The configs the READMEs show are configs the CLI accepts (built CLI: `pnpm build` first).
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');

/** The first ```yaml block of a README, or the first after the line `heading`. */
function firstYamlBlock(readme: string, heading?: string): string {
  const text = readFileSync(join(root, readme), 'utf8');
  const at = heading === undefined ? 0 : text.indexOf(`\n${heading}\n`);
  const block = at < 0 ? undefined : /```yaml\n([\s\S]*?)```/.exec(text.slice(at))?.[1];
  if (block === undefined) throw new Error(`${readme}: no yaml block${heading === undefined ? '' : ` after "${heading}"`}`);
  return block;
}

/** `driftwatch config validate` of `yaml` in a fresh folder holding the scored example data. */
function validateWithScoredData(yaml: string, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'dw-readme-'));
  mkdirSync(join(dir, 'data'));
  for (const f of ['scored-reference.csv', 'scored-current.csv']) copyFileSync(join(root, 'examples/data', f), join(dir, 'data', f));
  writeFileSync(join(dir, 'driftwatch.yaml'), yaml);
  return spawnSync(process.execPath, [main, 'config', 'validate'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('README configs', () => {
  it("the SageMaker plugin's example validates", () => {
    const dir = mkdtempSync(join(tmpdir(), 'dw-readme-'));
    mkdirSync(join(dir, 'data'));
    copyFileSync(join(root, 'examples/data/reference.csv'), join(dir, 'data/reference.csv'));
    writeFileSync(join(dir, 'driftwatch.yaml'), firstYamlBlock('packages/plugin-aws-sagemaker/README.md'));
    const r = spawnSync(process.execPath, [main, 'config', 'validate'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, AWS_REGION: 'eu-west-1' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ok: driftwatch\.yaml: 2 monitors \(churn-inputs, churn\)/);
    expect(r.stdout).toMatch(/; retraining: churn \(trainer sagemaker, registry sagemaker, deployer sagemaker-endpoint, gate f1\)\n$/);
  });

  it("the local plugin's example, every local provider, validates", () => {
    const r = validateWithScoredData(firstYamlBlock('packages/plugin-local/README.md'), { WEBHOOK_SECRET: 'not-a-real-secret' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      'ok: driftwatch.yaml: 1 monitor (churn), 2 sinks, 2 alert channels, 1 alert rule, 0 alarm managers, store files; ' +
        'retraining: churn (trainer command, registry folder, deployer champion-pointer, gate f1)\n',
    );
  });

  it("the root README's monitor with performance and windows validates", () => {
    const r = validateWithScoredData(firstYamlBlock('README.md', '### Monitors with performance and windows'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ok: driftwatch\.yaml: 1 monitor \(churn\), 0 sinks, 0 alert channels, 1 alert rule, /);
  });

  it("the root README's providers block (deadlines, outbox) validates", () => {
    const providers = firstYamlBlock('README.md', '### Delivery of metric points');
    const r = validateWithScoredData(
      `version: 1\n${providers}monitors:\n  - { name: m, reference: { path: data/scored-reference.csv }, current: { path: data/scored-current.csv } }\n`,
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
