import type { DataSource } from 'typeorm';
import type { GlobalPosition, RecordedEvent } from '@app/event-store';
import { readCheckpoint, samePosition, writeCheckpoint } from './checkpoints';
import type { Projection, ProjectionContext } from './projection';

/** Which copy of a projection's tables a batch writes: the live ones, or a rebuild's shadow copies. */
export interface ProjectionScope {
  /** Set for the batch's transaction only; the shadow schema first, so unqualified names find the copies. */
  searchPath?: string;
  /** Every transaction that writes this copy takes this advisory lock first: batches and the swap serialise on it. */
  lockKey: string;
}

export const liveScope = (projection: Pick<Projection, 'name'>): ProjectionScope => ({ lockKey: `projection:${projection.name}` });

export type BatchOutcome =
  | { kind: 'applied'; position: GlobalPosition; eventsApplied: number }
  /** The stored checkpoint is not where the batch was read from (a rebuild was swapped in, or another runner moved it): nothing applied. */
  | { kind: 'moved'; position: GlobalPosition | 'start' };

/**
 * One batch in one transaction: the advisory lock, the checkpoint row, the projection's rows and the
 * new checkpoint, committed without waiting for the disk (see below). The batch applies only when the
 * stored checkpoint is exactly where the events were read from; otherwise someone else moved it and
 * the caller re-reads from the stored position. So however runners, rebuilds and crashes interleave,
 * every event is applied exactly once.
 */
export async function applyBatch(
  dataSource: DataSource,
  projection: Projection,
  scope: ProjectionScope,
  readAfter: GlobalPosition | 'start',
  events: readonly RecordedEvent[],
  context: ProjectionContext,
): Promise<BatchOutcome> {
  if (events.length === 0) throw new Error('applyBatch needs at least one event');
  return dataSource.transaction(async (manager) => {
    if (scope.searchPath) await manager.query(`SET LOCAL search_path TO ${scope.searchPath}`);
    // A read model is derived data whose checkpoint commits with its rows: a commit that a server crash
    // loses (the last moments' worth, never part of one) is applied again from the older checkpoint. So
    // a batch does not wait for its commit to reach the disk, a wait it would share with the appends.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1)), set_config('synchronous_commit', 'off', true)`, [scope.lockKey]);
    const stored = await readCheckpoint(manager, projection.name, { forUpdate: true });
    if (!samePosition(stored.position, readAfter)) return { kind: 'moved', position: stored.position };
    await projection.applyBatch(manager, events, context);
    const last = events[events.length - 1];
    const eventsApplied = stored.eventsApplied + events.length;
    await writeCheckpoint(manager, { name: projection.name, position: last.position, eventsApplied, lastEventRecordedAt: last.recordedAt });
    return { kind: 'applied', position: last.position, eventsApplied };
  });
}
