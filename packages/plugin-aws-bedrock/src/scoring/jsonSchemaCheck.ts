import { ConfigError } from '@driftwatch/core';
import { Ajv } from 'ajv';

/** The verdict of {@link jsonSchemaCheck} on one answer. */
export interface JsonSchemaVerdict {
  /** 1 when the answer is JSON valid against the schema, else 0. */
  readonly score: 0 | 1;
  /** Whether the answer parsed as JSON at all. */
  readonly parsed: boolean;
  /** Why it failed: the parse error, or ajv's errors as `instancePath message`; empty when valid. */
  readonly errors: readonly string[];
}

const fence = /^```(?:json)?[ \t]*\r?\n([\s\S]*?)\r?\n```$/u;

/**
 * A check that an answer is JSON valid against a JSON Schema (draft-07, validated by ajv with
 * all errors collected). The answer is trimmed, and one surrounding Markdown code fence
 * (```json … ```) is removed, as models often add it. The schema is compiled once; an invalid
 * schema fails at once with a ConfigError naming `configPath`.
 */
export function jsonSchemaCheck(schema: object, configPath = 'schema'): (answer: string) => JsonSchemaVerdict {
  const ajv = new Ajv({ allErrors: true, strict: false });
  let validate: ReturnType<Ajv['compile']>;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    throw new ConfigError(`${configPath}: invalid JSON Schema: ${(error as Error).message}`, {
      cause: error,
      issues: [{ path: configPath, message: `invalid JSON Schema: ${(error as Error).message}` }],
    });
  }
  return (answer) => {
    const trimmed = answer.trim();
    const text = fence.exec(trimmed)?.[1] ?? trimmed;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { score: 0, parsed: false, errors: [`not JSON: ${(error as Error).message}`] };
    }
    if (validate(value)) return { score: 1, parsed: true, errors: [] };
    return { score: 0, parsed: true, errors: (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`) };
  };
}
