import { EventData, jsonEvent, JSONType, Position } from '@eventstore/db-client';
import { EventMetadata, NewEvent, RecordedEvent } from '../event-store.port';
import { usablePosition } from './positions';

/** An event this adapter cannot map back: not JSON, or without the metadata it writes. */
export class UnreadableEvent extends Error {
  readonly code = 'UNREADABLE_EVENT';

  constructor(
    readonly streamId: string,
    readonly eventId: string,
    reason: string,
  ) {
    super(`Event ${eventId} in stream "${streamId}" cannot be read: ${reason}`);
    this.name = 'UnreadableEvent';
  }
}

/** The parts of the client's recorded event this adapter reads; both its stream and `$all` events fit. */
export interface ClientRecordedEvent {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  position?: Position;
}

export interface ClientResolvedEvent {
  event?: ClientRecordedEvent;
  link?: unknown;
}

/** Keys this adapter adds to the stored metadata; everything else in it is the writer's `EventMetadata`. */
const SCHEMA_VERSION = 'schemaVersion';
const RESERVED = new Set([SCHEMA_VERSION, '$correlationId', '$causationId']);

/**
 * The writer's metadata plus the schema version, flat in one JSON object. `$correlationId` and
 * `$causationId` repeat our ids under the names EventStoreDB's own projections (`$by_correlation_id`)
 * and UI read.
 */
export function encodeMetadata(event: Pick<NewEvent, 'schemaVersion' | 'metadata'>): Record<string, unknown> {
  const encoded: Record<string, unknown> = {
    ...event.metadata,
    [SCHEMA_VERSION]: event.schemaVersion,
    $correlationId: event.metadata.correlationId,
  };
  if (event.metadata.causationId !== null) encoded.$causationId = event.metadata.causationId;
  return encoded;
}

export function decodeMetadata(
  raw: unknown,
  where: { streamId: string; eventId: string },
): { schemaVersion: number; metadata: EventMetadata } {
  const fail = (reason: string): never => {
    throw new UnreadableEvent(where.streamId, where.eventId, reason);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || raw instanceof Uint8Array) {
    return fail('its metadata is not a JSON object');
  }
  const stored = raw as Record<string, unknown>;
  const schemaVersion = stored[SCHEMA_VERSION];
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1) {
    return fail('its metadata has no schema version');
  }
  if (typeof stored.correlationId !== 'string' || typeof stored.occurredAt !== 'string') {
    return fail('its metadata has no correlation id or occurred-at instant');
  }
  const extensions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(stored)) if (!RESERVED.has(key)) extensions[key] = value;
  const metadata: EventMetadata = {
    ...extensions,
    correlationId: stored.correlationId,
    causationId: stringOrNull(stored.causationId),
    actorUserId: stringOrNull(stored.actorUserId),
    actorAgencyId: stringOrNull(stored.actorAgencyId),
    occurredAt: stored.occurredAt,
  };
  return { schemaVersion, metadata };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function toEventData(event: NewEvent): EventData {
  return jsonEvent({
    id: event.id,
    type: event.type,
    // The client JSON.stringify's data, so any JSON value is stored faithfully; its type admits only
    // objects, arrays and strings. `undefined` has no JSON form and is stored as null, as on PostgreSQL.
    data: (event.data ?? null) as JSONType,
    metadata: encodeMetadata(event),
  });
}

/** System events (`$` types or streams, which the port never writes) and links are not ours to deliver. */
export function isApplicationEvent(resolved: ClientResolvedEvent): resolved is { event: ClientRecordedEvent } {
  const event = resolved.event;
  if (!event || resolved.link !== undefined) return false;
  return !event.type.startsWith('$') && !event.streamId.startsWith('$');
}

export function toRecordedEvent(resolved: ClientResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (!event) throw new UnreadableEvent('?', '?', 'the server sent no event record');
  const where = { streamId: event.streamId, eventId: event.id };
  if (!event.isJson) throw new UnreadableEvent(event.streamId, event.id, 'it is not a JSON event');
  const position = usablePosition(event.position);
  if (!position) {
    // Stream reads carry positions only from EventStoreDB 22.6 on.
    throw new UnreadableEvent(event.streamId, event.id, 'the server sent no log position (EventStoreDB older than 22.6?)');
  }
  const { schemaVersion, metadata } = decodeMetadata(event.metadata, where);
  return {
    id: event.id,
    type: event.type,
    schemaVersion,
    data: event.data,
    metadata,
    streamId: event.streamId,
    revision: Number(event.revision),
    position,
    recordedAt: event.created,
  };
}
