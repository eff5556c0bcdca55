/** How bad an alert is. */
export type AlertSeverity = 'info' | 'warning' | 'critical';

/** A rule that fired, as sent to {@link AlertChannel}s. */
export interface Alert {
  readonly rule: string;
  readonly severity: AlertSeverity;
  readonly monitor: string;
  readonly message: string;
  readonly timestamp: string;
  /** The figures that made the rule fire. */
  readonly values: Readonly<Record<string, number | string | boolean | null>>;
}

/** A threshold on a metric, turned into provider alarms by an {@link AlarmManager}. */
export interface AlertRule {
  readonly name: string;
  readonly metric: string;
  readonly comparison: 'gt' | 'gte' | 'lt' | 'lte';
  readonly threshold: number;
  readonly severity: AlertSeverity;
  readonly dimensions?: Readonly<Record<string, string>>;
}
