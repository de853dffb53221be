import { RecordedEvent } from '../event-store.port';
import { eventHash, GENESIS_HASH, integrityOf, INTEGRITY_ALGORITHM } from './event-hash';

/**
 * Why a link is broken:
 * - `revision-gap`: the event is not at the revision after the one before it (an event before it
 *   was deleted, or revisions were renumbered);
 * - `missing-chain`: the event carries no integrity metadata (written around the chain);
 * - `unsupported-algorithm`: its integrity metadata names an algorithm this verifier does not know;
 * - `previous-hash-mismatch`: its `previousHash` is not the hash of the event before it (that event
 *   was replaced, or one was deleted and the rest renumbered);
 * - `hash-mismatch`: its own hash does not match its content (the event was altered).
 */
export type ChainBreakReason = 'revision-gap' | 'missing-chain' | 'unsupported-algorithm' | 'previous-hash-mismatch' | 'hash-mismatch';

export interface BrokenLink {
  revision: number;
  eventId: string;
  type: string;
  reason: ChainBreakReason;
}

export type ChainVerification =
  | { ok: true; streamId: string; events: number; lastHash: string | null }
  | { ok: false; streamId: string; firstBroken: BrokenLink };

interface StreamProgress {
  nextRevision: number;
  lastHash: string;
  events: number;
  broken?: BrokenLink;
}

/**
 * Checks hash chains event by event, for any number of streams at once, keeping only each stream's
 * last hash: fed a whole `readAll`, it verifies every stream in one pass. Each stream's events must
 * come in revision order (the global order respects it); after a stream's first broken link the
 * rest of that stream is not examined.
 */
export class ChainVerifier {
  private readonly streams = new Map<string, StreamProgress>();

  add(event: RecordedEvent): void {
    let progress = this.streams.get(event.streamId);
    if (!progress) {
      progress = { nextRevision: 0, lastHash: GENESIS_HASH, events: 0 };
      this.streams.set(event.streamId, progress);
    }
    if (progress.broken) return;
    const reason = brokenReason(event, progress);
    if (reason) {
      progress.broken = { revision: event.revision, eventId: event.id, type: event.type, reason };
      return;
    }
    progress.lastHash = integrityOf(event.metadata)!.hash;
    progress.nextRevision = event.revision + 1;
    progress.events++;
  }

  result(streamId: string): ChainVerification {
    const progress = this.streams.get(streamId);
    if (!progress) return { ok: true, streamId, events: 0, lastHash: null };
    if (progress.broken) return { ok: false, streamId, firstBroken: progress.broken };
    return { ok: true, streamId, events: progress.events, lastHash: progress.lastHash };
  }

  /** One result per stream seen, in the order the streams first appeared. */
  results(): ChainVerification[] {
    return [...this.streams.keys()].map((streamId) => this.result(streamId));
  }
}

/** Verifies one stream's events, given in revision order from its first. */
export function verifyStreamChain(streamId: string, events: readonly RecordedEvent[]): ChainVerification {
  const verifier = new ChainVerifier();
  for (const event of events) {
    if (event.streamId !== streamId) throw new Error(`Event ${event.id} belongs to "${event.streamId}", not "${streamId}"`);
    verifier.add(event);
  }
  return verifier.result(streamId);
}

function brokenReason(event: RecordedEvent, progress: StreamProgress): ChainBreakReason | undefined {
  if (event.revision !== progress.nextRevision) return 'revision-gap';
  const link = integrityOf(event.metadata);
  if (!link) return 'missing-chain';
  if (link.algorithm !== INTEGRITY_ALGORITHM) return 'unsupported-algorithm';
  if (link.previousHash !== progress.lastHash) return 'previous-hash-mismatch';
  if (eventHash(event, link.previousHash) !== link.hash) return 'hash-mismatch';
  return undefined;
}
