import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { EventIntegrity, NewEvent } from '../event-store.port';

export const INTEGRITY_ALGORITHM: EventIntegrity['algorithm'] = 'sha256-jcs';

/** The `previousHash` of every stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an event's hash covers: everything its writer gave, and where in which stream the store put it. */
export type HashedEvent = Pick<NewEvent, 'id' | 'type' | 'schemaVersion' | 'data' | 'metadata'> & { streamId: string; revision: number };

/**
 * RFC 8785 (JCS) canonical JSON of the event without its `integrity` metadata. It is taken over the
 * event's JSON form, because that is what the adapters store and give back: a Date in the data is
 * hashed as the ISO string it is read back as, an `undefined` property not at all. Ids are hashed in
 * lower case, as the stores return them.
 */
export function canonicalEventJson(event: HashedEvent): string {
  const { integrity: _link, ...metadata } = event.metadata;
  const content = {
    streamId: event.streamId,
    revision: event.revision,
    id: event.id.toLowerCase(),
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data ?? null,
    metadata,
  };
  return canonicalize(JSON.parse(JSON.stringify(content)) as unknown) as string;
}

/** Hex SHA-256 over the event's canonical JSON followed by the previous event's hash (hex text). */
export function eventHash(event: HashedEvent, previousHash: string): string {
  return createHash('sha256').update(canonicalEventJson(event), 'utf8').update(previousHash, 'utf8').digest('hex');
}

/** The integrity metadata of an event, or undefined when it carries none in the expected shape. */
export function integrityOf(metadata: unknown): EventIntegrity | undefined {
  // Read from storage, so checked rather than trusted: a row may hold anything.
  const link = (metadata as { integrity?: Record<string, unknown> } | null)?.integrity;
  if (!link || typeof link !== 'object') return undefined;
  const { algorithm, previousHash, hash } = link;
  if (typeof algorithm !== 'string' || typeof previousHash !== 'string' || typeof hash !== 'string') return undefined;
  return { algorithm: algorithm as EventIntegrity['algorithm'], previousHash, hash };
}
