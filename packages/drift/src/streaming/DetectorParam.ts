/** Type of a detector parameter, as the CLI parses it from `name=value`. */
export type DetectorParamType = 'number' | 'integer' | 'boolean' | 'enum';

/** One parameter of a streaming detector (river's name, default and valid range). */
export interface DetectorParam {
  /** river's parameter name (snake_case), as given on the CLI: `--param warm_start=50`. */
  readonly name: string;
  /** The key of the detector's options object (camelCase). */
  readonly option: string;
  readonly type: DetectorParamType;
  /** river's default; `null` when the parameter is optional and has no default (KSWIN's `seed`). */
  readonly default: number | boolean | string | null;
  /** Smallest valid value (number/integer). */
  readonly min?: number;
  /** Whether `min` itself is excluded. */
  readonly minExclusive?: boolean;
  /** Largest valid value (number/integer). */
  readonly max?: number;
  /** Whether `max` itself is excluded. */
  readonly maxExclusive?: boolean;
  /** The accepted values of an `enum` parameter. */
  readonly values?: readonly string[];
  /** What the parameter does (units, effect of larger values). */
  readonly description: string;
}

/** Human-readable valid range of a parameter, e.g. `(0, 1)`, `integer >= 1`, `up | down | both`. */
export function describeRange(p: DetectorParam): string {
  if (p.type === 'boolean') return 'true | false';
  if (p.type === 'enum') return (p.values ?? []).join(' | ');
  const kind = p.type === 'integer' ? 'integer ' : '';
  if (p.min !== undefined && p.max !== undefined) {
    return `${kind}in ${p.minExclusive ? '(' : '['}${p.min}, ${p.max}${p.maxExclusive ? ')' : ']'}`;
  }
  if (p.min !== undefined) return `${kind}${p.minExclusive ? '>' : '>='} ${p.min}`;
  if (p.max !== undefined) return `${kind}${p.maxExclusive ? '<' : '<='} ${p.max}`;
  return p.type === 'integer' ? 'integer' : 'finite number';
}
