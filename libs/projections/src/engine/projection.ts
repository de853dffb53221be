import type { EntityManager } from 'typeorm';
import type { EventFilter, RecordedEvent } from '@app/event-store';
import type { AgreementCatalog } from './agreement-catalog';

/**
 * A read model kept from the event store. The runner hands it events in global order, in batches,
 * inside the transaction that also stores the projection's checkpoint: a batch and its checkpoint
 * commit together or not at all, so a crash at any instant leaves the rows exactly as they were after
 * some whole batch, and a restart resumes from there.
 */
export interface Projection {
  /** Stable name: the checkpoint's key and the argument of `projections:rebuild`. */
  readonly name: string;
  /** The events it reads; everything else is never delivered to it. */
  readonly filter: EventFilter;
  /** The tables it owns, in dependency order (a rebuild recreates exactly these). */
  readonly tables: readonly string[];
  /**
   * Applies `events` (global order, none seen before by this projection's rows). Must be
   * deterministic: the same events give the same rows, whatever the batch boundaries.
   */
  applyBatch(manager: EntityManager, events: readonly RecordedEvent[], context: ProjectionContext): Promise<void>;
}

/** What a projection may consult while it applies a batch, without querying anything outside its transaction. */
export interface ProjectionContext {
  /** Caught up with every agreement event committed before the batch's events. */
  agreements: AgreementCatalog;
}
