/**
 * A config path as users read it: `monitors[0].sinks[1].type`. Keys that are
 * not plain identifiers are quoted (`drift.methods["income ($)"]`).
 */
export function formatConfigPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else {
      const key = String(s);
      if (/^[A-Za-z_$*][\w$*-]*$/.test(key)) out += out === '' ? key : `.${key}`;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}
