import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The configs the READMEs show are configs the CLI accepts (built CLI: `pnpm build` first).
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');

function firstYamlBlock(readme: string): string {
  const text = readFileSync(join(root, readme), 'utf8');
  const block = /```yaml\n([\s\S]*?)```/.exec(text)?.[1];
  if (block === undefined) throw new Error(`${readme}: no yaml block`);
  return block;
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
});
