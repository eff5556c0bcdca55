import type { Schema } from '@driftwatch/core';
import { localPlugin } from '@driftwatch/plugin-local';
import { parseConfigText, validateConfig } from '@driftwatch/runtime';
import { sqlitePlugin } from '@driftwatch/store-sqlite/plugin';
import { describe, expect, it } from 'vitest';
import { pickRole, starterConfig } from './initCommand.js';

const schema: Schema = {
  columns: [
    { name: 'event_time', kind: 'datetime' },
    { name: 'user_id', kind: 'numeric' },
    { name: 'age', kind: 'numeric' },
    { name: 'on', kind: 'categorical' },
    { name: 'label', kind: 'categorical' },
    { name: 'churn_pred', kind: 'categorical' },
    { name: 'churn_proba', kind: 'numeric' },
  ],
};

describe('starterConfig', () => {
  it('picks the roles that the names make obvious', () => {
    const taken = new Set<string>();
    expect(pickRole(schema.columns, 'id', taken)).toBe('user_id');
    expect(pickRole(schema.columns, 'timestamp', taken)).toBe('event_time');
    expect(pickRole(schema.columns, 'target', taken)).toBe('label');
    expect(pickRole(schema.columns, 'prediction', taken)).toBe('churn_pred');
    expect(pickRole(schema.columns, 'proba', taken)).toBe('churn_proba');
    // Nothing obvious: nothing picked.
    expect(pickRole([{ name: 'x', kind: 'numeric' }], 'target', new Set())).toBeUndefined();
    // A timestamp by kind when no name says so.
    expect(pickRole([{ name: 'when', kind: 'datetime' }], 'timestamp', new Set())).toBe('when');
  });

  it('writes a config that validates, with the picked roles and quoted odd names', async () => {
    const text = starterConfig({ name: 'churn', reference: 'data/ref.csv', current: 'data/cur.csv', schema });
    expect(text).toMatch(/^ {6}target: label +# true labels/m);
    expect(text).toMatch(/^ {6}prediction: churn_pred /m);
    expect(text).toMatch(/^ {6}# {3}"on": categorical$/m);
    const raw = parseConfigText(text, 'driftwatch.yaml');
    const { config } = await validateConfig(raw, { file: '/tmp/x/driftwatch.yaml', builtinPlugins: [localPlugin, sqlitePlugin], env: {} });
    expect(config.monitors[0]).toMatchObject({
      name: 'churn',
      reference: { path: 'data/ref.csv' },
      schema: { target: 'label', prediction: 'churn_pred', proba: 'churn_proba', timestamp: 'event_time', id: 'user_id' },
      alerts: [{ name: 'dataset-drift', metric: 'dataset.drift_share', comparison: 'gte', threshold: 0.5 }],
    });
    expect(config.sinks).toEqual([{ type: 'jsonl', path: 'driftwatch-out/metrics.jsonl' }]);
  });

  it('writes a template that validates when no data is given', async () => {
    const text = starterConfig({ name: 'model', reference: 'data/reference.csv', current: 'data/current.csv' });
    const { config } = await validateConfig(parseConfigText(text, 'driftwatch.yaml'), {
      file: '/tmp/x/driftwatch.yaml',
      builtinPlugins: [localPlugin, sqlitePlugin],
      env: {},
    });
    expect(config.monitors[0].schema).toEqual({ ignore: [], kinds: {} });
  });
});
