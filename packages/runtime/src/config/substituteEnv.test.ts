// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are the config's ${VAR} syntax, not templates
import { describe, expect, it } from 'vitest';
import { substituteEnv } from './substituteEnv.js';

describe('substituteEnv', () => {
  it('replaces variables in string scalars only, at any depth, and tracks where env values went', () => {
    const r = substituteEnv({ a: '${A}', list: ['x-${B:-b}-y', 3, true, null], nested: { '${A}': 'k', c: 'plain' } }, { A: 'alpha-value' });
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({ a: 'alpha-value', list: ['x-b-y', 3, true, null], nested: { '${A}': 'k', c: 'plain' } });
    expect([...r.secrets]).toEqual(['alpha-value']);
    expect([...r.substitutedPaths]).toEqual(['a']);
  });

  it('uses the default for unset and empty variables, and keeps $${X} literal', () => {
    const r = substituteEnv({ a: '${E:-d}', b: '${U:-}', c: '$${A} and $${A:-x}', d: 'cost: $5' }, { E: '' });
    expect(r.value).toEqual({ a: 'd', b: '', c: '${A} and ${A:-x}', d: 'cost: $5' });
    expect(r.substitutedPaths.size).toBe(0);
  });

  it('reports every unset variable and malformed reference with its path', () => {
    const r = substituteEnv({ sinks: [{ path: '${NOPE}' }, { path: '${a b}' }, { path: 'x${' }] }, {});
    expect(r.issues).toEqual([
      { path: 'sinks[0].path', message: 'environment variable NOPE is not set (set it, or give a default: ${NOPE:-value})' },
      { path: 'sinks[1].path', message: '"${a b}" is not a variable reference (use ${NAME} or ${NAME:-default})' },
      { path: 'sinks[2].path', message: 'unterminated "${" (write "$${" for a literal "${")' },
    ]);
  });
});
