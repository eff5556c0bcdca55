import { distributionsOf } from '@driftwatch/report';
import type { MonitorExtension } from './MonitorExtension.js';

/**
 * The built-in extension that keeps each drift-tested column's binned reference and current
 * distributions in the run result (section `distributions`: `ColumnDistribution`s of
 * `@driftwatch/report`, the same bins as `check --html`: 30 shared bins for numbers, the top
 * categories for categories), so the dashboard's run page draws them without the data. A few KB per
 * column; never raw rows.
 */
export function distributionsExtension(): MonitorExtension {
  return async ({ report, reference, current }) => {
    const distributions = distributionsOf(
      report.columns.map((c) => c.column),
      { reference, current },
    );
    return distributions.length > 0 ? { sections: { distributions } } : undefined;
  };
}
