import type { AlertRule } from '../domain/Alert.js';

/** What {@link AlarmManager.sync} changed. */
export interface AlarmSyncResult {
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly unchanged: readonly string[];
}

/** Turns alert rules into the provider's alarms (CloudWatch alarms, Cloud Monitoring policies). */
export interface AlarmManager {
  readonly type: string;
  /** Creates or updates alarms so they match `rules`; running it twice changes nothing the second time. */
  sync(rules: readonly AlertRule[], context: { readonly monitor: string }): Promise<AlarmSyncResult>;
}
