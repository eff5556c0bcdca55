// Agreement between Driftwatch's `check --format json` report and a peer's JSON
// of the same shape: per column `column`, `method`, `statistic`, `drifted`, and
// `dataset.drifted`.

/** Method names as written by either side, folded to one spelling. */
const METHOD_ALIASES = new Map([
  ['jensenshannon', 'jensenshannon'],
  ['jensenshannondistance', 'jensenshannon'],
  ['js', 'jensenshannon'],
  ['wasserstein', 'wasserstein'],
  ['wassersteindistance', 'wasserstein'],
  ['wassersteindistancenorm', 'wasserstein'],
  ['wassersteinnorm', 'wasserstein'],
  ['ks', 'ks'],
  ['kolmogorovsmirnov', 'ks'],
  ['chisquare', 'chisquare'],
  ['chisquared', 'chisquare'],
  ['chi2', 'chisquare'],
  ['chi2contingency', 'chi2_contingency'],
  ['z', 'z'],
  ['ztest', 'z'],
  ['zproportions', 'z'],
]);

export function normalizeMethod(m) {
  if (typeof m !== 'string') return String(m);
  const k = m.toLowerCase().replace(/[^a-z0-9]/g, '');
  return METHOD_ALIASES.get(k) ?? k;
}

/** |a - b| / max(|a|, |b|); 0 when equal (both null, both Infinity, both 0). */
export function relDiff(a, b) {
  if (a === b) return 0;
  if (typeof a !== 'number' || typeof b !== 'number' || !Number.isFinite(a) || !Number.isFinite(b)) return Number.POSITIVE_INFINITY;
  const d = Math.abs(a - b);
  const s = Math.max(Math.abs(a), Math.abs(b));
  return s === 0 ? 0 : d / s;
}

// JSON has no Infinity: Driftwatch may print it as a string or null.
function num(v) {
  if (v === 'Infinity' || v === 'inf') return Number.POSITIVE_INFINITY;
  if (v === '-Infinity' || v === '-inf') return Number.NEGATIVE_INFINITY;
  return v;
}

/**
 * Compares two reports. Returns {
 *   columns, compared, maxRelDiff, maxRelDiffColumn, maxAbsDiff,
 *   methodMismatches: [{column, driftwatch, peer}],
 *   verdictDisagreements: [{column, driftwatch, peer, dwStatistic, peerStatistic}],
 *   missing: {inDriftwatch: [...], inPeer: [...]},
 *   dataset: {driftwatch, peer, agree},
 *   perColumn: [{column, method, dwStatistic, peerStatistic, relDiff, dwDrifted, peerDrifted}],
 *   ok }
 */
export function compareReports(dw, peer) {
  const dwCols = new Map((dw?.columns ?? []).map((c) => [c.column, c]));
  const peerCols = new Map((peer?.columns ?? []).map((c) => [c.column, c]));
  const perColumn = [];
  const methodMismatches = [];
  const verdictDisagreements = [];
  let maxRelDiff = 0;
  let maxRelDiffColumn = null;
  let maxAbsDiff = 0;
  let sameMethod = 0;
  for (const [name, p] of peerCols) {
    const d = dwCols.get(name);
    if (!d) continue;
    const dm = normalizeMethod(d.method);
    const pm = normalizeMethod(p.method);
    // z statistics: the sign depends on which category a side tests, so compare |z|.
    const z = dm === 'z' && pm === 'z';
    const a = z && typeof d.statistic === 'number' ? Math.abs(d.statistic) : num(d.statistic);
    const b = z && typeof p.statistic === 'number' ? Math.abs(p.statistic) : num(p.statistic);
    const r = relDiff(a, b);
    if (dm !== pm) methodMismatches.push({ column: name, driftwatch: d.method, peer: p.method });
    else {
      sameMethod++;
      if (maxRelDiffColumn === null || r > maxRelDiff) {
        maxRelDiff = r;
        maxRelDiffColumn = name;
      }
      if (Number.isFinite(a) && Number.isFinite(b)) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(a - b));
    }
    if (Boolean(d.drifted) !== Boolean(p.drifted)) {
      verdictDisagreements.push({
        column: name,
        driftwatch: Boolean(d.drifted),
        peer: Boolean(p.drifted),
        dwStatistic: a,
        peerStatistic: b,
      });
    }
    perColumn.push({
      column: name,
      method: dm === pm ? pm : `${d.method} vs ${p.method}`,
      dwStatistic: a,
      peerStatistic: b,
      relDiff: r,
      dwDrifted: Boolean(d.drifted),
      peerDrifted: Boolean(p.drifted),
    });
  }
  const missing = {
    inDriftwatch: [...peerCols.keys()].filter((k) => !dwCols.has(k)),
    inPeer: [...dwCols.keys()].filter((k) => !peerCols.has(k)),
  };
  const dataset = {
    driftwatch: dw?.dataset?.drifted ?? null,
    peer: peer?.dataset?.drifted ?? null,
  };
  dataset.agree = dataset.driftwatch === dataset.peer;
  const compared = perColumn.length;
  return {
    columns: peerCols.size,
    compared,
    maxRelDiff: sameMethod ? maxRelDiff : null,
    maxRelDiffColumn,
    maxAbsDiff: sameMethod ? maxAbsDiff : null,
    methodMismatches,
    verdictDisagreements,
    missing,
    dataset,
    perColumn,
    ok:
      compared > 0 &&
      methodMismatches.length === 0 &&
      verdictDisagreements.length === 0 &&
      missing.inDriftwatch.length === 0 &&
      missing.inPeer.length === 0 &&
      dataset.agree,
  };
}
