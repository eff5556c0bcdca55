import type { ReportModel } from './ReportModel.js';

/** A problem found in a {@link ReportModel}, with the path of the field (`timeSeries[0].series[1].values`). */
export interface ReportModelIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Checks the parts of a model the types cannot: array lengths that must agree (counts and edges,
 * values and chunks), increasing edges, non-negative counts, a non-empty title. Returns every
 * problem found, empty when the model can be rendered.
 */
export function validateReportModel(model: ReportModel): ReportModelIssue[] {
  const issues: ReportModelIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  if (model === null || typeof model !== 'object') {
    add('', 'the report model must be an object');
    return issues;
  }
  if (typeof model.title !== 'string' || model.title.trim() === '') add('title', 'must be a non-empty string');
  function list<K extends 'drift' | 'distributions' | 'timeSeries' | 'quality' | 'metrics'>(key: K): NonNullable<ReportModel[K]> {
    const v = model[key];
    if (v !== undefined && !Array.isArray(v)) add(key, 'must be an array');
    return (Array.isArray(v) ? v : []) as NonNullable<ReportModel[K]>;
  }

  list('drift').forEach((r, i) => {
    if (typeof r?.column !== 'string') add(`drift[${i}].column`, 'must be a string');
  });

  list('distributions').forEach((d, i) => {
    const p = `distributions[${i}]`;
    if (typeof d?.column !== 'string') add(`${p}.column`, 'must be a string');
    const s = d?.summary;
    if (s?.kind === 'numeric') {
      const edges: readonly number[] = Array.isArray(s.edges) ? s.edges : [];
      if (edges.length < 2) add(`${p}.summary.edges`, `needs at least 2 edges, got ${edges.length}`);
      for (let k = 0; k < edges.length; k++) {
        if (!Number.isFinite(edges[k]) || (k > 0 && !(edges[k] > edges[k - 1]))) {
          add(`${p}.summary.edges[${k}]`, `edges must be finite and strictly increasing, got ${edges[k]}`);
          break;
        }
      }
      for (const side of ['reference', 'current'] as const) {
        counts(s[side]?.counts, edges.length - 1, `${p}.summary.${side}.counts`, 'edges.length - 1');
      }
    } else if (s?.kind === 'categorical') {
      const n = Array.isArray(s.categories) ? s.categories.length : 0;
      if (!Array.isArray(s.categories)) add(`${p}.summary.categories`, 'must be an array');
      for (const side of ['reference', 'current'] as const) counts(s[side]?.counts, n, `${p}.summary.${side}.counts`, 'categories.length');
    } else {
      add(`${p}.summary.kind`, `must be "numeric" or "categorical", got ${JSON.stringify((s as { kind?: unknown } | undefined)?.kind)}`);
    }
  });

  list('timeSeries').forEach((t, i) => {
    const p = `timeSeries[${i}]`;
    if (!Array.isArray(t?.chunks)) {
      add(`${p}.chunks`, 'must be an array');
      return;
    }
    const n = t.chunks.length;
    length(t.referencePeriod, n, `${p}.referencePeriod`);
    if (!Array.isArray(t.series) || t.series.length === 0) add(`${p}.series`, 'needs at least one line');
    else
      t.series.forEach((s, j) => {
        const q = `${p}.series[${j}]`;
        if (!Array.isArray(s?.values)) add(`${q}.values`, 'must be an array');
        else length(s.values, n, `${q}.values`);
        length(s?.lower, n, `${q}.lower`);
        length(s?.upper, n, `${q}.upper`);
        length(s?.alerts, n, `${q}.alerts`);
      });
  });

  list('quality').forEach((t, i) => {
    const p = `quality[${i}]`;
    const n = Array.isArray(t?.columns) ? t.columns.length : 0;
    if (!Array.isArray(t?.columns)) add(`${p}.columns`, 'must be an array');
    if (!Array.isArray(t?.rows)) add(`${p}.rows`, 'must be an array');
    else
      t.rows.forEach((r, j) => {
        if (!Array.isArray(r?.cells)) add(`${p}.rows[${j}].cells`, 'must be an array');
        else length(r.cells, n, `${p}.rows[${j}].cells`, 'columns');
        length(r?.alerts, n, `${p}.rows[${j}].alerts`, 'columns');
      });
  });

  list('metrics').forEach((t, i) => {
    if (!Array.isArray(t?.rows)) add(`metrics[${i}].rows`, 'must be an array');
  });
  return issues;

  function length(a: readonly unknown[] | undefined, n: number, path: string, of = 'chunks') {
    if (a !== undefined && (!Array.isArray(a) || a.length !== n)) {
      add(path, `must have one entry per ${of.replace(/s$/, '')} (${n}), got ${Array.isArray(a) ? a.length : typeof a}`);
    }
  }

  function counts(a: readonly number[] | undefined, n: number, path: string, expected: string) {
    if (!Array.isArray(a)) {
      add(path, 'must be an array');
      return;
    }
    if (a.length !== n) add(path, `must have ${expected} = ${n} entries, got ${a.length}`);
    const bad = a.findIndex((c) => !(typeof c === 'number' && c >= 0 && Number.isFinite(c)));
    if (bad >= 0) add(`${path}[${bad}]`, `counts must be finite and >= 0, got ${a[bad]}`);
  }
}
