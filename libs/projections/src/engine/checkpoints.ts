import type { EntityManager } from 'typeorm';
import { formatPosition, GlobalPosition, parsePosition } from '@app/event-store';

/** Where a projection stands: the last event its rows include. */
export interface Checkpoint {
  name: string;
  position: GlobalPosition | 'start';
  eventsApplied: number;
  /** When the last event applied was recorded by the store; null before the first. */
  lastEventRecordedAt: Date | null;
  updatedAt: Date | null;
}

interface CheckpointRow {
  name: string;
  position: string | null;
  events_applied: string | number;
  last_event_recorded_at: Date | string | null;
  updated_at: Date | string | null;
}

const toDate = (value: Date | string | null): Date | null => (value === null ? null : value instanceof Date ? value : new Date(value));

function toCheckpoint(name: string, row: CheckpointRow | undefined): Checkpoint {
  if (!row) return { name, position: 'start', eventsApplied: 0, lastEventRecordedAt: null, updatedAt: null };
  return {
    name,
    position: row.position === null ? 'start' : parsePosition(row.position),
    eventsApplied: Number(row.events_applied),
    lastEventRecordedAt: toDate(row.last_event_recorded_at),
    updatedAt: toDate(row.updated_at),
  };
}

const SELECT = 'SELECT name, position, events_applied, last_event_recorded_at, updated_at FROM projection_checkpoints';

export async function readCheckpoint(manager: Pick<EntityManager, 'query'>, name: string, options: { forUpdate?: boolean } = {}): Promise<Checkpoint> {
  const rows = await manager.query<CheckpointRow[]>(`${SELECT} WHERE name = $1${options.forUpdate ? ' FOR UPDATE' : ''}`, [name]);
  return toCheckpoint(name, rows[0]);
}

export async function readCheckpoints(manager: Pick<EntityManager, 'query'>): Promise<Checkpoint[]> {
  const rows = await manager.query<CheckpointRow[]>(`${SELECT} ORDER BY name`);
  return rows.map((row) => toCheckpoint(row.name, row));
}

export async function writeCheckpoint(manager: Pick<EntityManager, 'query'>, checkpoint: Omit<Checkpoint, 'updatedAt'>): Promise<void> {
  await manager.query(
    `INSERT INTO projection_checkpoints (name, position, events_applied, last_event_recorded_at, updated_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, events_applied = EXCLUDED.events_applied,
       last_event_recorded_at = EXCLUDED.last_event_recorded_at, updated_at = EXCLUDED.updated_at`,
    [
      checkpoint.name,
      checkpoint.position === 'start' ? null : formatPosition(checkpoint.position),
      checkpoint.eventsApplied,
      checkpoint.lastEventRecordedAt?.toISOString() ?? null,
    ],
  );
}

export function samePosition(a: GlobalPosition | 'start', b: GlobalPosition | 'start'): boolean {
  if (a === 'start' || b === 'start') return a === b;
  return a.commit === b.commit && a.prepare === b.prepare;
}
