import { ConfigError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { jsonSchemaCheck } from './jsonSchemaCheck.js';

const ticket = {
  type: 'object',
  required: ['category', 'priority'],
  properties: { category: { enum: ['billing', 'shipping', 'account'] }, priority: { type: 'integer', minimum: 1, maximum: 3 } },
  additionalProperties: false,
};

describe('jsonSchemaCheck', () => {
  const check = jsonSchemaCheck(ticket);

  it('accepts valid JSON, also inside a Markdown fence', () => {
    expect(check('{"category":"billing","priority":2}')).toEqual({ score: 1, parsed: true, errors: [] });
    expect(check('```json\n{"category": "account", "priority": 1}\n```').score).toBe(1);
    expect(check('  {"category":"shipping","priority":3}\n').score).toBe(1);
  });

  it('reports every schema violation with its instance path', () => {
    const verdict = check('{"category":"refunds","priority":7,"extra":true}');
    expect(verdict.score).toBe(0);
    expect(verdict.parsed).toBe(true);
    expect(verdict.errors).toEqual(
      expect.arrayContaining([
        '/ must NOT have additional properties',
        '/category must be equal to one of the allowed values',
        '/priority must be <= 3',
      ]),
    );
    expect(check('{"category":"billing"}').errors).toEqual(["/ must have required property 'priority'"]);
  });

  it('scores text that is not JSON 0, with the parse error', () => {
    const verdict = check('Sure! Here is the JSON: {"category": "billing"}');
    expect(verdict).toMatchObject({ score: 0, parsed: false });
    expect(verdict.errors[0]).toMatch(/^not JSON: /u);
    expect(check('').parsed).toBe(false);
  });

  it('fails at once on an invalid schema, naming the config path', () => {
    const error = (() => {
      try {
        jsonSchemaCheck({ type: 'no-such-type' }, 'suites[0].scorers[3].schema');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]?.path).toBe('suites[0].scorers[3].schema');
    expect((error as ConfigError).message).toMatch(/^suites\[0\]\.scorers\[3\]\.schema: invalid JSON Schema/u);
  });
});
