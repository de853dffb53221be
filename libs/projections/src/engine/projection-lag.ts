import type { DataSource } from 'typeorm';
import type { EventStore } from '@app/event-store';
import { readCheckpoint } from './checkpoints';
import type { Projection } from './projection';

export interface ProjectionLag {
  name: string;
  /** `commit/prepare` of the last event applied; null before the first. */
  checkpoint: string | null;
  eventsApplied: number;
  /** How long the oldest event not yet applied has been in the store; 0 when caught up. */
  lagSeconds: number;
  caughtUp: boolean;
}

/**
 * Lag from the stored checkpoint, so it is right whichever process runs the projection: the first
 * event after it (one indexed read through the store's port) tells whether anything is pending and
 * since when.
 */
export async function measureLag(dataSource: DataSource, store: EventStore, projection: Projection, now = new Date()): Promise<ProjectionLag> {
  const checkpoint = await readCheckpoint(dataSource.manager, projection.name);
  const [pending] = await store.readAll({ after: checkpoint.position, maxCount: 1, filter: projection.filter });
  const lagSeconds = pending ? Math.max(0, (now.getTime() - pending.recordedAt.getTime()) / 1000) : 0;
  return {
    name: projection.name,
    checkpoint: checkpoint.position === 'start' ? null : `${checkpoint.position.commit}/${checkpoint.position.prepare}`,
    eventsApplied: checkpoint.eventsApplied,
    lagSeconds,
    caughtUp: !pending,
  };
}
