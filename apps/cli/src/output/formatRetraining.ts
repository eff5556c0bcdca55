import type { GateDecision, ModelListing, ModelVersion, RetrainingAttempt, RetrainingOutcome } from '@driftwatch/core';
import type pc from 'picocolors';
import { columnPadder } from './textTable.js';

type Colors = ReturnType<typeof pc.createColors>;

const fmt = (v: number | null | undefined, digits = 4): string => (v === null || v === undefined ? '—' : v.toFixed(digits));
const signed = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${v >= 0 ? '+' : ''}${v.toFixed(4)}`);

/** The gate's figures on one line: champion → challenger, the rule, floors, bootstrap. */
export function formatGate(gate: GateDecision, attempt: Pick<RetrainingAttempt, 'champion' | 'challenger'>): string {
  const parts: string[] = [];
  const champion = attempt.champion ? `champion v${attempt.champion} ${fmt(gate.champion)}` : 'no champion';
  parts.push(`${gate.metric}: ${champion} → challenger v${attempt.challenger ?? '?'} ${fmt(gate.challenger)}`);
  if (gate.gain !== null) {
    const rule = gate.maxLoss !== undefined ? `loss ≤ ${gate.maxLoss}` : `gain ≥ ${gate.minGain ?? 0}`;
    parts.push(`gain ${signed(gate.gain)} (needs ${rule})`);
  }
  for (const f of gate.floors) parts.push(`${f.metric} ${fmt(f.value)} ${f.passed ? 'passes' : 'FAILS'} floor ${f.bound}`);
  const b = gate.bootstrap;
  if (b)
    parts.push(
      `paired bootstrap ${Math.round(b.level * 100)}% CI [${signed(b.lower)}, ${signed(b.upper)}], p ${fmt(b.pValue, 3)} ${b.significant ? '<' : '≥'} ${b.alpha}`,
    );
  return parts.join('; ');
}

const stateColor = (state: RetrainingAttempt['state'], colors: Colors): string =>
  state === 'deployed'
    ? colors.green(state)
    : state === 'failed' || state === 'rolled_back' || state === 'deploy-failed'
      ? colors.red(state)
      : state === 'rejected'
        ? colors.yellow(state)
        : state;

/** One attempt, as `retrain`, `run` and `history --attempts` print it. */
export function formatAttempt(a: RetrainingAttempt, colors: Colors): string {
  const lines = [`attempt ${a.id} (model ${a.model}): ${colors.bold(stateColor(a.state, colors))}`];
  const row = (label: string, text: string) => lines.push(`  ${`${label}:`.padEnd(10)} ${text}`);
  row('trigger', a.trigger.reasons.join('; ') || a.trigger.kinds.join(', '));
  if (a.data)
    row(
      'data',
      `${a.data.trainRows} training rows, ${a.data.holdoutRows} holdout rows (${a.data.newLabelledRows} new labelled) → ${a.data.trainUri}`,
    );
  if (a.training) {
    const took =
      a.training.finishedAt !== undefined
        ? ` in ${((Date.parse(a.training.finishedAt) - Date.parse(a.training.startedAt)) / 1000).toFixed(1)} s`
        : '';
    row('training', `${a.training.provider} job ${a.training.jobId}${took}${a.training.logUri ? `, log ${a.training.logUri}` : ''}`);
  }
  if (a.gate) row('gate', `${a.gate.passed ? colors.green('passed') : colors.yellow('rejected')}: ${formatGate(a.gate, a)}`);
  if (a.postDeploy) row('verified', `${a.postDeploy.passed ? 'passed' : colors.red('FAILED')}: ${a.postDeploy.reasons.join('; ')}`);
  if (a.state === 'deployed')
    row('result', `v${a.challenger} serves${a.champion ? `; v${a.champion} retired and ready for rollback` : ''}`);
  else if (a.state === 'rejected')
    row('result', `v${a.challenger} kept as rejected; ${a.champion ? `v${a.champion}` : 'the champion'} keeps serving`);
  else if (a.state === 'rolled_back') row('result', `v${a.challenger} rolled back; v${a.champion} serves again`);
  else if (a.state === 'deploy-failed')
    row(
      'result',
      `v${a.challenger} passed the gate but was not deployed (kept as deploy-failed); ${a.champion ? `v${a.champion}` : 'the champion'} keeps serving; retry with "driftwatch models promote ${a.monitor} ${a.challenger}"`,
    );
  // A rejection's reasons are the gate's, shown above.
  if (a.error && !(a.state === 'rejected' && a.gate)) row('reason', colors.red(a.error.message));
  row('states', a.transitions.map((t) => t.to).join(' → '));
  return lines.join('\n');
}

/** Why retraining could not start (a lock another process holds), one line for stderr. */
export function describeOutcomeError(o: RetrainingOutcome): string {
  return `retraining of ${o.model} could not start: ${o.error?.message ?? 'no reason given'}`;
}

/**
 * What retraining did in a run or a `retrain`, for people (stdout). An error (see
 * {@link describeOutcomeError}) is not part of it: the commands print it on stderr.
 */
export function formatOutcome(o: RetrainingOutcome, colors: Colors): string {
  const lines: string[] = [];
  for (const r of o.resumed) lines.push(`resumed an unfinished attempt:\n${formatAttempt(r, colors)}`);
  const d = o.decision;
  if (o.plan) {
    const p = o.plan;
    lines.push(colors.bold(`Dry run — retraining ${o.model} (monitor ${o.monitor}) would:`));
    lines.push(`  trigger:   ${d.trigger?.reasons.join('; ') ?? 'none'}`);
    if (d.blockedBy.length > 0) lines.push(`  guards:    ${d.blockedBy.join('; ')}`);
    lines.push(`  champion:  ${p.champion === null ? 'none yet (the gate checks floors only)' : `v${p.champion}`}`);
    if (p.data)
      lines.push(
        `  data:      ${p.data.trainRows} training rows, ${p.data.holdoutRows} holdout rows (${p.data.newLabelledRows} new labelled)`,
      );
    lines.push(
      `  providers: trainer ${p.providers.trainer}, evaluator ${p.providers.evaluator}, registry ${p.providers.registry}, deployer ${p.providers.deployer}`,
    );
    if (p.pending) lines.push(`  pending:   attempt ${p.pending.id} is ${p.pending.state}; it would be resumed instead`);
    lines.push('  nothing was trained, registered or deployed');
  } else if (o.attempt) {
    lines.push(formatAttempt(o.attempt, colors));
  } else if (!o.error) {
    if (d.trigger)
      lines.push(`retraining ${o.model}: triggered (${d.trigger.reasons.join('; ')}) but held back: ${d.blockedBy.join('; ')}`);
    else lines.push(`retraining ${o.model}: no trigger fired`);
  }
  return lines.join('\n');
}

/** `models list`: one line per version, the champion marked. */
export function formatModels(listing: ModelListing, colors: Colors): string {
  if (listing.versions.length === 0)
    return `model ${listing.model} (${listing.registry} registry): no versions yet — run "driftwatch retrain ${listing.monitor}"\n`;
  const header = ['version', 'status', 'created', 'gate', 'reason'];
  const rows = [...listing.versions]
    .reverse()
    .map((v) => [
      v.status === 'champion' ? `* ${v.version}` : `  ${v.version}`,
      v.status,
      v.createdAt,
      gateFigure(v),
      v.statusReason ?? '',
    ]);
  const pad = columnPadder(header, rows);
  const title = colors.bold(`model ${listing.model} (${listing.registry} registry) — champion: ${listing.champion ?? 'none'}`);
  return `${title}\n${[pad(header), ...rows.map(pad)].join('\n')}\n`;
}

function gateFigure(v: ModelVersion): string {
  const g = v.metadata.gate as { metric?: string; challenger?: number | null } | undefined;
  return g?.metric && typeof g.challenger === 'number' ? `${g.metric} ${g.challenger.toFixed(4)}` : '—';
}

/** `models show`: every recorded fact of a version. */
export function formatVersion(v: ModelVersion): string {
  const lines = [`model ${v.model} version ${v.version}: ${v.status}`, `  artifact: ${v.artifactUri}`, `  created:  ${v.createdAt}`];
  if (v.statusChangedAt) lines.push(`  status:   ${v.status} since ${v.statusChangedAt}${v.statusReason ? ` (${v.statusReason})` : ''}`);
  if (v.ref) lines.push(`  ref:      ${v.ref}`);
  for (const [k, value] of Object.entries(v.metadata))
    lines.push(`  ${`${k}:`.padEnd(9)} ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return `${lines.join('\n')}\n`;
}
