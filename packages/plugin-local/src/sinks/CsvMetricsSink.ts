import { statSync } from 'node:fs';
import type { MetricPoint } from '@driftwatch/core';
import { csvLine } from '@driftwatch/data';
import { JsonlMetricsSink } from './JsonlMetricsSink.js';

const columns = ['timestamp', 'name', 'value', 'unit', 'dimensions'] as const;

/**
 * Appends metric points to a CSV file (`timestamp,name,value,unit,dimensions`,
 * dimensions as `k=v;k=v`), writing the header when the file is new. Same
 * batching and append semantics as {@link JsonlMetricsSink}.
 */
export class CsvMetricsSink extends JsonlMetricsSink {
  override readonly type = 'csv';

  protected override format(p: MetricPoint): string {
    const dims = Object.entries(p.dimensions)
      .map(([k, v]) => `${k}=${v}`)
      .join(';');
    return csvLine([p.timestamp, p.name, String(p.value), p.unit, dims]);
  }

  protected override header(): string {
    try {
      if (statSync(this.path).size > 0) return '';
    } catch {
      // A missing file gets a header.
    }
    return csvLine(columns);
  }
}
