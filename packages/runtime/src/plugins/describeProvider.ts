import type { PortName } from '@driftwatch/core';
import { z } from 'zod';
import type { RegisteredProvider } from './ProviderRegistry.js';

/** One option of a provider, as `driftwatch plugins` lists it. */
export interface ProviderOptionInfo {
  readonly name: string;
  /** JSON Schema type(s) or enum values, e.g. `string`, `integer`, `"none" | "fdr"`. */
  readonly type: string;
  readonly required: boolean;
  readonly default?: unknown;
  readonly description?: string;
  /** Marked secret: redacted wherever config is echoed. */
  readonly secret?: boolean;
}

/** A provider as `driftwatch plugins` lists it. */
export interface ProviderInfo {
  readonly port: PortName;
  readonly type: string;
  readonly plugin: string;
  readonly description: string;
  readonly options: readonly ProviderOptionInfo[];
}

/**
 * A provider's description with its options read from its zod schema
 * (through `z.toJSONSchema`): names, types, defaults, descriptions. A schema
 * zod cannot express as JSON Schema yields no options rather than an error.
 */
export function describeProvider(provider: RegisteredProvider): ProviderInfo {
  const { port, type, description, options } = provider.definition;
  let json: { properties?: Record<string, Record<string, unknown>>; required?: string[] } = {};
  try {
    json = z.toJSONSchema(options as z.ZodType, { io: 'input', unrepresentable: 'any' }) as typeof json;
  } catch {
    // A hand-written schema (not zod) or one with unrepresentable parts: list it without options.
  }
  const required = new Set(json.required ?? []);
  const list = Object.entries(json.properties ?? {}).map(([name, p]) => ({
    name,
    type: typeName(p),
    required: required.has(name) && p.default === undefined,
    ...(p.default !== undefined ? { default: p.default } : {}),
    ...(typeof p.description === 'string' ? { description: p.description } : {}),
    ...(p.secret === true ? { secret: true } : {}),
  }));
  return { port, type, plugin: provider.plugin, description, options: list };
}

function typeName(p: Record<string, unknown>): string {
  if (Array.isArray(p.enum)) return p.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (p.const !== undefined) return JSON.stringify(p.const);
  if (Array.isArray(p.anyOf)) return p.anyOf.map((x) => typeName(x as Record<string, unknown>)).join(' | ');
  if (p.type === 'array') return `${typeName((p.items ?? {}) as Record<string, unknown>)}[]`;
  if (p.type === 'object' && p.additionalProperties && typeof p.additionalProperties === 'object')
    return `map of ${typeName(p.additionalProperties as Record<string, unknown>)}`;
  if (typeof p.type === 'string') return p.format ? `${p.type} (${p.format})` : p.type;
  return 'any';
}
