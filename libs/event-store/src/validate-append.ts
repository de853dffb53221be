import { InvalidAppend } from './event-store.errors';
import { ExpectedRevision, NewEvent } from './event-store.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks shared by every adapter, so that bad input fails the same way everywhere and before any I/O. */
export function validateAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): void {
  if (typeof streamId !== 'string' || streamId.length === 0 || streamId.startsWith('$')) {
    throw new InvalidAppend(`Invalid stream id "${String(streamId)}"`);
  }
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw new InvalidAppend(`Invalid expected revision ${expected}`);
  }
  if (events.length === 0) throw new InvalidAppend('An append needs at least one event');
  const ids = new Set<string>();
  for (const event of events) {
    if (!UUID.test(event.id)) throw new InvalidAppend(`Event id "${event.id}" is not a UUID`);
    if (ids.has(event.id.toLowerCase())) throw new InvalidAppend(`Event id ${event.id} appears twice in one append`);
    ids.add(event.id.toLowerCase());
    if (!event.type || event.type.startsWith('$')) throw new InvalidAppend(`Invalid event type "${event.type}"`);
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new InvalidAppend(`Event ${event.type}: schema version must be a positive integer`);
    }
    if (!event.metadata?.correlationId || !event.metadata.occurredAt) {
      throw new InvalidAppend(`Event ${event.type}: metadata needs a correlation id and an occurred-at instant`);
    }
  }
}
