import { randomUUID } from 'node:crypto';
import { EventMetadata, NewEvent } from '../event-store.port';

export function metadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    correlationId: randomUUID(),
    causationId: null,
    actorUserId: 'user-1',
    actorAgencyId: 'agency-1',
    occurredAt: '2026-11-24T09:00:00.000Z',
    ...overrides,
  };
}

export function newEvent(type = 'TestEventHappened', data: unknown = { n: 1 }, id = randomUUID()): NewEvent {
  return { id, type, schemaVersion: 1, data, metadata: metadata() };
}

export function newEvents(count: number, type = 'TestEventHappened'): NewEvent[] {
  return Array.from({ length: count }, (_, n) => newEvent(type, { n }));
}

/** A stream id prefix unique to one test, so tests can share a store that already holds events. */
export function uniquePrefix(label: string): string {
  return `t${randomUUID().slice(0, 8)}-${label}`;
}
