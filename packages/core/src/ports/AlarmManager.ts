import type { AlertRule } from '../domain/Alert.js';

/** A rule that gave no alarm yet, and why (e.g. its metric has not been published). */
export interface PendingAlarmRule {
  readonly rule: string;
  readonly reason: string;
}

/** What {@link AlarmManager.sync} changed. */
export interface AlarmSyncResult {
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly unchanged: readonly string[];
  /** Alarms of the monitor that no rule produces any more (for providers that can tell). */
  readonly stale?: readonly string[];
  /** Of `stale`, those deleted (the provider's `prune` option). */
  readonly deleted?: readonly string[];
  /** Rules that gave no alarm this time, with the reason. */
  readonly pending?: readonly PendingAlarmRule[];
}

/** What {@link AlarmManager.plan} would do, compared with the provider's current alarms; nothing is changed. */
export interface AlarmSyncPlan {
  /** Alarms that do not exist yet. */
  readonly create: readonly string[];
  /** Alarms that exist but differ, with the names of the fields that differ. */
  readonly update: readonly { readonly name: string; readonly fields: readonly string[] }[];
  /** Alarms that exist as wanted. */
  readonly unchanged: readonly string[];
  /** Alarms of the monitor that no rule produces any more. */
  readonly stale: readonly string[];
  /** Of `stale`, those a sync would delete (the provider's `prune` option), else empty. */
  readonly delete: readonly string[];
  /** Rules that would give no alarm, with the reason. */
  readonly pending: readonly PendingAlarmRule[];
}

/** Turns alert rules into the provider's alarms (CloudWatch alarms, Cloud Monitoring policies). */
export interface AlarmManager {
  readonly type: string;
  /** Creates or updates alarms so they match `rules`; running it twice changes nothing the second time. */
  sync(rules: readonly AlertRule[], context: { readonly monitor: string }): Promise<AlarmSyncResult>;
  /**
   * Optional: what {@link sync} would do, read from the provider without changing anything
   * (`alarms sync --dry-run`). Providers without it cannot diff; the CLI says so.
   */
  plan?(rules: readonly AlertRule[], context: { readonly monitor: string }): Promise<AlarmSyncPlan>;
}
