import type { protos } from '@google-cloud/monitoring';
import { monitorLabelKey, ruleLabelKey } from './ruleLabels.js';

type IAlertPolicy = protos.google.monitoring.v3.IAlertPolicy;

const seconds = (d: { seconds?: unknown } | null | undefined) => Number(d?.seconds ?? 0);
// The service may re-space a filter it stores; spacing carries no meaning.
const normaliseFilter = (f: string | null | undefined) =>
  (f ?? '')
    .replace(/\s*=\s*/g, ' = ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The fields Driftwatch manages, in one canonical JSON form, so a policy read
 * back from the service (enums as names, int64 as strings, unset fields filled
 * with defaults, server-side condition names) compares equal to the one
 * {@link alertPolicyFor} built when nothing that matters differs. User labels
 * other than Driftwatch's own are ignored: people may tag policies.
 */
export function policyFingerprint(p: IAlertPolicy): string {
  return JSON.stringify(managedFieldsOf(p));
}

/**
 * The managed fields of `existing` that differ from `wanted` (names as in the
 * API: `displayName`, `userLabels`, `combiner`, `enabled`, `severity`,
 * `documentation`, `notificationChannels`, `conditions`); empty when an update
 * would change nothing. Compared in {@link policyFingerprint}'s canonical form.
 */
export function policyDifferences(wanted: IAlertPolicy, existing: IAlertPolicy): string[] {
  const a = managedFieldsOf(wanted);
  const b = managedFieldsOf(existing);
  return (Object.keys(a) as (keyof typeof a)[]).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

function managedFieldsOf(p: IAlertPolicy) {
  const labels = p.userLabels ?? {};
  return {
    displayName: p.displayName ?? '',
    userLabels: [labels[monitorLabelKey] ?? null, labels[ruleLabelKey] ?? null],
    combiner: String(p.combiner ?? ''),
    enabled: p.enabled?.value ?? true,
    severity: String(p.severity ?? 'SEVERITY_UNSPECIFIED'),
    documentation: [p.documentation?.content ?? '', p.documentation?.mimeType ?? ''],
    notificationChannels: [...(p.notificationChannels ?? [])].sort(),
    conditions: (p.conditions ?? []).map((c) => {
      const t = c.conditionThreshold;
      return {
        displayName: c.displayName ?? '',
        filter: normaliseFilter(t?.filter),
        comparison: String(t?.comparison ?? ''),
        threshold: t?.thresholdValue ?? 0,
        duration: seconds(t?.duration),
        aggregations: (t?.aggregations ?? []).map((a) => [
          seconds(a.alignmentPeriod),
          String(a.perSeriesAligner ?? 'ALIGN_NONE'),
          String(a.crossSeriesReducer ?? 'REDUCE_NONE'),
          [...(a.groupByFields ?? [])],
        ]),
        trigger: [t?.trigger?.count ?? 0, t?.trigger?.percent ?? 0],
      };
    }),
  };
}
