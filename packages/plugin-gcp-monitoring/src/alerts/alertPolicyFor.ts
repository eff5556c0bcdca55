import type { AlertRule } from '@driftwatch/core';
import type { protos } from '@google-cloud/monitoring';
import type { z } from 'zod';
import { labelKey } from '../mapping/labelKey.js';
import { metricType } from '../mapping/metricType.js';
import type { gcpAlertPolicyOptionsSchema } from './gcpAlertPolicyOptions.js';
import { ruleLabels } from './ruleLabels.js';

type IAlertPolicy = protos.google.monitoring.v3.IAlertPolicy;

const comparisons = { gt: 'COMPARISON_GT', gte: 'COMPARISON_GE', lt: 'COMPARISON_LT', lte: 'COMPARISON_LE' } as const;
const symbols = { gt: '>', gte: '≥', lt: '<', lte: '≤' } as const;
// Cloud Monitoring has no informational level; such policies carry no severity.
const severities = { critical: 'CRITICAL', warning: 'WARNING', info: 'SEVERITY_UNSPECIFIED' } as const;

/** A string literal in Cloud Monitoring's filter syntax. */
export function filterString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The alert policy for one rule: a single metric-threshold condition on the
 * rule's custom metric, filtered on the resource type, the monitor and the
 * rule's dimensions (label keys mapped as the sink maps them), aligned per
 * series so any point past the threshold counts, plus the identifying user labels.
 */
export function alertPolicyFor(rule: AlertRule, monitor: string, options: z.output<typeof gcpAlertPolicyOptionsSchema>): IAlertPolicy {
  const labels = new Map<string, string>();
  if (options.monitorDimension !== null) labels.set(labelKey(options.monitorDimension), monitor);
  for (const [dimension, value] of Object.entries(rule.dimensions ?? {})) labels.set(labelKey(dimension), value);
  const terms = [
    `metric.type = ${filterString(metricType(rule.metric, options.metricPrefix))}`,
    `resource.type = ${filterString(options.resourceType)}`,
  ];
  for (const key of [...labels.keys()].sort()) terms.push(`metric.label.${key} = ${filterString(labels.get(key)!)}`);
  const dims = Object.entries(rule.dimensions ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const subject = dims.length > 0 ? `${rule.metric}{${dims}}` : rule.metric;
  const aligner = options.aligner ?? (rule.comparison === 'gt' || rule.comparison === 'gte' ? 'ALIGN_MAX' : 'ALIGN_MIN');
  return {
    displayName: `${options.displayNamePrefix}${monitor} / ${rule.name}`,
    userLabels: ruleLabels(monitor, rule.name),
    combiner: 'OR',
    enabled: { value: true },
    severity: severities[rule.severity],
    documentation: {
      content: `Driftwatch rule **${rule.name}** of monitor **${monitor}**: ${subject} ${symbols[rule.comparison]} ${rule.threshold}.`,
      mimeType: 'text/markdown',
    },
    notificationChannels: [...options.notificationChannels].sort(),
    conditions: [
      {
        displayName: `${subject} ${symbols[rule.comparison]} ${rule.threshold}`,
        conditionThreshold: {
          filter: terms.join(' AND '),
          comparison: comparisons[rule.comparison],
          thresholdValue: rule.threshold,
          duration: { seconds: options.durationSeconds, nanos: 0 },
          aggregations: [
            {
              alignmentPeriod: { seconds: options.alignmentPeriodSeconds, nanos: 0 },
              perSeriesAligner: aligner,
              crossSeriesReducer: 'REDUCE_NONE',
              groupByFields: [],
            },
          ],
          trigger: { count: 1 },
        },
      },
    ],
  };
}
