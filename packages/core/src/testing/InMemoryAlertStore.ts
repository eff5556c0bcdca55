import { randomUUID } from 'node:crypto';
import type { AlertStore, StoredAlert } from '../ports/ServerStores.js';

/** An {@link AlertStore} in memory, for tests. */
export class InMemoryAlertStore implements AlertStore {
  /** Every stored alert, in the order appended. */
  readonly alerts: StoredAlert[] = [];

  async append(alerts: readonly Omit<StoredAlert, 'id'>[]): Promise<void> {
    for (const alert of alerts) {
      if (Number.isNaN(Date.parse(alert.timestamp)))
        throw new TypeError(`alert "${alert.rule}": timestamp "${alert.timestamp}" is not ISO-8601`);
    }
    for (const alert of alerts) this.alerts.push({ ...structuredClone(alert), id: randomUUID() });
  }

  async list(query: { readonly monitor?: string; readonly since?: string; readonly limit?: number } = {}): Promise<StoredAlert[]> {
    const since = query.since === undefined ? Number.NEGATIVE_INFINITY : Date.parse(query.since);
    return this.alerts
      .map((alert, order) => ({ alert, order, t: Date.parse(alert.timestamp) }))
      .filter(({ alert, t }) => (query.monitor === undefined || alert.monitor === query.monitor) && t >= since)
      .sort((a, b) => b.t - a.t || b.order - a.order)
      .slice(0, query.limit ?? Number.POSITIVE_INFINITY)
      .map(({ alert }) => structuredClone(alert));
  }
}
