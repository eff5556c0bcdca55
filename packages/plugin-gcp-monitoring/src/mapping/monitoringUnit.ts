import type { MetricUnit } from '@driftwatch/core';

const units: Readonly<Record<MetricUnit, string>> = {
  None: '1',
  Count: '1',
  Percent: '%',
  Seconds: 's',
  Milliseconds: 'ms',
};

/** The UCUM unit string Cloud Monitoring expects for a Driftwatch unit (`1` for dimensionless). */
export function monitoringUnit(unit: MetricUnit): string {
  const u = units[unit];
  if (u === undefined) throw new RangeError(`unknown metric unit "${unit}" (known: ${Object.keys(units).join(', ')})`);
  return u;
}
