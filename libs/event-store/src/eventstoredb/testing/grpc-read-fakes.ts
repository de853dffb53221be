import { PassThrough } from 'node:stream';
import type { EventData, ResolvedEvent } from '@eventstore/db-client';
import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { convertGrpcEvent } from '@eventstore/db-client/dist/utils/convertGrpcEvent';
import { GlobalPosition } from '../../event-store.port';

/**
 * Server messages built with the client's own generated protobuf classes and decoded by its own
 * converter, so unit tests exercise the client's real decoding without a server. Test support only:
 * these are deep imports of the client's internals.
 */
export interface StoredRecord {
  streamId: string;
  revision: number;
  position: GlobalPosition;
  created?: Date;
  /** Defaults to the content type of the event data. */
  contentType?: string;
}

const TICKS_PER_MS = 10_000n;

/** What the server sends back for an event appended as `data` (JSON data and metadata are stored as written). */
export function readEventResponse(data: EventData, stored: StoredRecord): ReadResp {
  const record = new ReadResp.ReadEvent.RecordedEvent();
  record.setId(new UUID().setString(data.id));
  record.setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(stored.streamId, 'utf8')));
  record.setStreamRevision(String(stored.revision));
  record.setCommitPosition(stored.position.commit.toString());
  record.setPreparePosition(stored.position.prepare.toString());
  const created = BigInt((stored.created ?? new Date('2026-01-02T03:04:05.678Z')).getTime()) * TICKS_PER_MS;
  record.getMetadataMap().set('type', data.type);
  record.getMetadataMap().set('content-type', stored.contentType ?? data.contentType);
  record.getMetadataMap().set('created', created.toString());
  record.setData(toBytes(data.data));
  if (data.metadata !== undefined) record.setCustomMetadata(toBytes(data.metadata));
  const event = new ReadResp.ReadEvent();
  event.setEvent(record);
  event.setCommitPosition(stored.position.commit.toString());
  return new ReadResp().setEvent(event);
}

export function caughtUpResponse(): ReadResp {
  return new ReadResp().setCaughtUp(new ReadResp.CaughtUp());
}

/** The client's decoding of one server message, as its reads and subscriptions hand it out. */
export function decodeReadEvent(response: ReadResp): ResolvedEvent {
  const event = response.getEvent();
  if (!event) throw new Error('Not an event response');
  return convertGrpcEvent<ResolvedEvent>(event);
}

function toBytes(value: unknown): Uint8Array {
  return value instanceof Uint8Array ? value : Buffer.from(JSON.stringify(value), 'utf8');
}

/**
 * Stands in for the gRPC server-streaming call under a client subscription. `cancel()` behaves as
 * grpc-js does: the readable side ends, then an error with status CANCELLED and the details
 * "Cancelled on client" is emitted (which the client ignores).
 */
export class FakeGrpcRead extends PassThrough {
  cancelled = false;

  constructor() {
    super({ objectMode: true });
  }

  send(...responses: ReadResp[]): void {
    for (const response of responses) this.write(response);
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.end();
    const error = Object.assign(new Error('1 CANCELLED: Cancelled on client'), { code: 1, details: 'Cancelled on client' });
    this.emit('error', error);
  }
}
