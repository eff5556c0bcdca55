import { InputError } from '../errors/DriftwatchError.js';
import type { StoredEvent } from '../ports/ServerStores.js';

/**
 * Checks a batch of events before a store keeps any of it, and gives each event its timestamp
 * and `receivedAt` as UTC ISO-8601 with milliseconds (how every store returns them) and the
 * timestamp in epoch ms. Throws an input error naming the first bad event and field.
 */
export function normaliseEventTimes(
  events: readonly Omit<StoredEvent, 'label'>[],
): { t: number; received: number; event: Omit<StoredEvent, 'label'> }[] {
  return events.map((event, i) => {
    const t = Date.parse(event.timestamp);
    if (Number.isNaN(t)) {
      throw new InputError('INPUT_INVALID_VALUE', `event ${i}: timestamp "${event.timestamp}" is not ISO-8601`, {
        location: { file: 'events', field: 'timestamp' },
      });
    }
    const received = Date.parse(event.receivedAt);
    if (Number.isNaN(received)) {
      throw new InputError('INPUT_INVALID_VALUE', `event ${i}: receivedAt "${event.receivedAt}" is not ISO-8601`, {
        location: { file: 'events', field: 'receivedAt' },
      });
    }
    if (event.features === null || typeof event.features !== 'object' || Array.isArray(event.features)) {
      throw new InputError('INPUT_INVALID_VALUE', `event ${i}: features must be an object of values by column`, {
        location: { file: 'events', field: 'features' },
      });
    }
    if (event.id !== undefined && (typeof event.id !== 'string' || event.id === '')) {
      throw new InputError('INPUT_INVALID_VALUE', `event ${i}: id must be a non-empty string`, {
        location: { file: 'events', field: 'id' },
      });
    }
    return {
      t,
      received,
      event: { ...event, timestamp: new Date(t).toISOString(), receivedAt: new Date(received).toISOString() },
    };
  });
}
