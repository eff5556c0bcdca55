import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';

/** Where a config path points in the file: 1-based line and column, as editors count them. */
export interface ConfigPosition {
  readonly line: number;
  readonly column: number;
}

/**
 * The segments of a config path as {@link formatConfigPath} writes it (`monitors[0].sinks[1].type`,
 * `drift.methods["income ($)"]`); undefined for text that is not one (`driftwatch.yaml:3:1`, whose
 * place {@link configPathLocator} reads directly).
 */
export function parseConfigPath(path: string): (string | number)[] | undefined {
  const segments: (string | number)[] = [];
  const token = /\.?([A-Za-z_$*][\w$*-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let at = 0;
  while (at < path.length) {
    token.lastIndex = at;
    const m = token.exec(path);
    if (m === null || (m[0].startsWith('.') && at === 0)) return undefined;
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else segments.push(JSON.parse(m[3] as string) as string);
    at = token.lastIndex;
  }
  return segments.length > 0 ? segments : undefined;
}

/**
 * Finds config paths in a config file's text: the place of the key a path ends in (or of the list
 * item), or, where the path goes on past what the file holds (a required option left out), of the
 * deepest part it does hold. `file:line:column` paths (syntax errors) give their own place. Undefined
 * for a path the text cannot place (one outside the document, or text that does not parse).
 */
export function configPathLocator(text: string): (path: string) => ConfigPosition | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const position = (offset: number): ConfigPosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return (path) => {
    const direct = /:(\d+):(\d+)$/.exec(path);
    if (direct) return { line: Number(direct[1]), column: Number(direct[2]) };
    const segments = parseConfigPath(path);
    if (segments === undefined || doc.errors.length > 0) return undefined;
    let node: unknown = doc.contents;
    let found: number | undefined;
    for (const segment of segments) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (pair === undefined) break;
        found = (pair.key as Node).range?.[0] ?? found;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined;
        if (item === undefined) break;
        found = item.range?.[0] ?? found;
        node = item;
      } else break;
    }
    return found === undefined ? undefined : position(found);
  };
}
