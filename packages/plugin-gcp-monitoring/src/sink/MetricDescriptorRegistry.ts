import { isProviderError, ProviderError } from '@driftwatch/core';
import type { MetricServiceClient } from '@google-cloud/monitoring';
import { gcpProvider, gcpProviderError, grpcStatusName } from '../errors/gcpProviderError.js';
import { gcpLimits } from '../mapping/gcpLimits.js';

/** What a metric needs from its descriptor. */
export interface DescriptorNeed {
  /** The metric type, e.g. `custom.googleapis.com/driftwatch/drift/score`. */
  readonly type: string;
  /** The Driftwatch metric name, for the display name and description. */
  readonly name: string;
  /** UCUM unit. */
  readonly unit: string;
  /** Label keys the points use, with their descriptions. */
  readonly labels: ReadonlyMap<string, string>;
}

interface Entry {
  /** Label keys the descriptor is known to declare; `undefined` until it has been read or created. */
  labels?: Map<string, string>;
  /** Serialises work on one descriptor. */
  tail: Promise<void>;
}

/**
 * Process-wide record of the metric descriptors already made to fit, per
 * endpoint, project and type: each is read (GetMetricDescriptor) and created
 * or widened (CreateMetricDescriptor with the union of the labels) at most once
 * per new label set, so a long-running server does not call them per flush.
 * Creating with the union keeps labels other writers declared; Cloud
 * Monitoring rejects series that use a label their descriptor lacks.
 */
export class MetricDescriptorRegistry {
  static readonly #entries = new Map<string, Entry>();

  /** Forgets every descriptor (for tests that restart their server). */
  static reset(): void {
    MetricDescriptorRegistry.#entries.clear();
  }

  constructor(private readonly endpoint: string) {}

  /** Makes sure `need.type` exists as a GAUGE DOUBLE metric declaring every label of `need`, through `client`. */
  ensure(client: MetricServiceClient, projectId: string, need: DescriptorNeed): Promise<void> {
    const key = `${this.endpoint}\u0000${projectId}\u0000${need.type}`;
    let entry = MetricDescriptorRegistry.#entries.get(key);
    if (entry === undefined) {
      entry = { tail: Promise.resolve() };
      MetricDescriptorRegistry.#entries.set(key, entry);
    }
    const e = entry;
    const run = e.tail.then(() => this.#ensure(client, projectId, need, e));
    e.tail = run.catch(() => {});
    return run;
  }

  async #ensure(client: MetricServiceClient, projectId: string, need: DescriptorNeed, entry: Entry): Promise<void> {
    if (entry.labels !== undefined && [...need.labels.keys()].every((k) => entry.labels!.has(k))) return;
    const name = `projects/${projectId}/metricDescriptors/${need.type}`;
    let existing: Map<string, string> | undefined = entry.labels;
    let unit = need.unit;
    if (existing === undefined) {
      let found = true;
      try {
        const [d] = await client.getMetricDescriptor({ name });
        if (d.metricKind !== 'GAUGE' || d.valueType !== 'DOUBLE') {
          throw new ProviderError(
            gcpProvider,
            'GetMetricDescriptor',
            `${need.type} exists as ${String(d.metricKind)} ${String(d.valueType)} but Driftwatch writes GAUGE DOUBLE; delete it or change metricPrefix`,
          );
        }
        existing = new Map((d.labels ?? []).map((l) => [l.key ?? '', l.description ?? '']));
        if (d.unit) unit = d.unit;
      } catch (error) {
        if (isProviderError(error)) throw error;
        if (grpcStatusName(error) !== 'NOT_FOUND') throw gcpProviderError('GetMetricDescriptor', error, ` (${need.type})`);
        existing = new Map();
        found = false;
      }
      if (found) entry.labels = existing;
      if (found && [...need.labels.keys()].every((k) => existing!.has(k))) return;
    }
    const union = new Map(existing);
    for (const [k, description] of need.labels) if (!union.has(k)) union.set(k, description);
    if (union.size > gcpLimits.labelsPerDescriptor) {
      throw new ProviderError(
        gcpProvider,
        'CreateMetricDescriptor',
        `${need.type} would declare ${union.size} labels (max ${gcpLimits.labelsPerDescriptor}): ${[...union.keys()].join(', ')}`,
      );
    }
    try {
      await client.createMetricDescriptor({
        name: `projects/${projectId}`,
        metricDescriptor: {
          type: need.type,
          metricKind: 'GAUGE',
          valueType: 'DOUBLE',
          unit,
          displayName: need.name,
          description: `Driftwatch metric ${need.name}`,
          labels: [...union].map(([key, description]) => ({ key, valueType: 'STRING', description })),
        },
      });
    } catch (error) {
      throw gcpProviderError('CreateMetricDescriptor', error, ` (${need.type})`);
    }
    entry.labels = union;
  }
}
