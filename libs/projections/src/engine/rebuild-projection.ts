import type { DataSource, EntityManager } from 'typeorm';
import { quoteIdentifier } from '@app/database';
import { EventStore, GlobalPosition, isAfterCheckpoint } from '@app/event-store';
import { AgreementCatalog } from './agreement-catalog';
import { applyBatch, liveScope, ProjectionScope } from './apply-batch';
import { readCheckpoint, writeCheckpoint } from './checkpoints';
import type { Projection } from './projection';

export interface RebuildProgress {
  applied: number;
  /** The live projection's count of applied events: what a rebuild will roughly go through. */
  estimatedTotal: number;
}

export interface RebuildResult {
  name: string;
  events: number;
  seconds: number;
}

/**
 * Events per transaction of a rebuild, unless told otherwise (`projections:rebuild --batch-size`).
 * A batch is one transaction that writes the row of each referral it touches once: over 103,567
 * interleaved referral events, batches of 2,000 make 52 transactions and 36,856 row writes, batches
 * of 10,000 make 11 and 27,420, and rebuilt protocol-compliance at about 1.7 times the rate and
 * referral-cases at about twice (README, "Benchmark"). A batch and the next one, being read
 * meanwhile, are both held in memory.
 */
export const DEFAULT_REBUILD_BATCH_SIZE = 10_000;

export interface RebuildOptions {
  batchSize?: number;
  onProgress?: (progress: RebuildProgress) => void;
}

/** One shadow schema per live schema and projection, so rebuilds of different projections never meet. */
export function shadowSchemaOf(liveSchema: string, projection: string): string {
  return `${liveSchema}_rebuild_${projection.replace(/[^a-z0-9]+/gi, '_')}`.slice(0, 63).toLowerCase();
}

/**
 * Rebuilds a projection from the first event while the live tables keep serving and the live runner
 * keeps applying: the events are applied to shadow copies of the projection's tables (same columns,
 * constraints and index names) in a schema of their own, with a checkpoint of their own, by the same
 * batch code with the shadow schema first on the search_path. Once caught up, one short transaction
 * takes the live projection's advisory lock (so no live batch is half-way), replaces the live tables
 * with the copies and moves the live checkpoint to the copies' own. The live runner's next batch finds
 * the checkpoint moved and reads on from there. A crash before the swap leaves the live tables as they
 * were; the next rebuild starts over.
 */
export async function rebuildProjection(dataSource: DataSource, store: EventStore, projection: Projection, options: RebuildOptions = {}): Promise<RebuildResult> {
  // One rebuild of a projection at a time: a second would drop the first one's copies under it. A
  // session lock, held on a connection of its own for the whole rebuild, ends with it even on a crash.
  const session = dataSource.createQueryRunner();
  try {
    const key = `projection-rebuild-session:${projection.name}`;
    const [{ locked }] = (await session.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [key])) as { locked: boolean }[];
    if (!locked) throw new RebuildAlreadyRunning(projection.name);
    try {
      return await rebuildUnderLock(dataSource, store, projection, options);
    } finally {
      await session.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
    }
  } finally {
    await session.release();
  }
}

export class RebuildAlreadyRunning extends Error {
  constructor(readonly projection: string) {
    super(`A rebuild of ${projection} is already running`);
    this.name = 'RebuildAlreadyRunning';
  }
}

async function rebuildUnderLock(dataSource: DataSource, store: EventStore, projection: Projection, options: RebuildOptions): Promise<RebuildResult> {
  const started = Date.now();
  const batchSize = options.batchSize ?? DEFAULT_REBUILD_BATCH_SIZE;
  const [{ schema: liveSchema, path }] = await dataSource.query<{
    schema: string;
    path: string;
  }[]>('SELECT current_schema() AS schema, current_setting($1) AS path', ['search_path']);
  const live = quoteIdentifier(liveSchema);
  const shadow = quoteIdentifier(shadowSchemaOf(liveSchema, projection.name));
  const estimatedTotal = (await readCheckpoint(dataSource.manager, projection.name)).eventsApplied;

  // Secondary indexes are built once the copies hold the history: one sort beats updating them per row.
  const indexes: string[] = [];
  await dataSource.transaction(async (manager) => {
    await manager.query(`DROP SCHEMA IF EXISTS ${shadow} CASCADE`);
    await manager.query(`CREATE SCHEMA ${shadow}`);
    for (const table of [...projection.tables, 'projection_checkpoints']) indexes.push(...(await cloneTable(manager, live, shadow, table)));
  });

  const scope: ProjectionScope = { searchPath: `${shadow}, ${path}`, lockKey: `projection-rebuild:${projection.name}` };
  const agreements = new AgreementCatalog(store);
  let position: GlobalPosition | 'start' = 'start';
  let applied = 0;
  const read = (after: GlobalPosition | 'start') => {
    const reading = store.readAll({ after, maxCount: batchSize, filter: projection.filter });
    reading.catch(() => undefined); // awaited below; a batch that fails first must not leave it unhandled
    return reading;
  };
  const catchUp = async () => {
    // The next batch is read while this one is applied: on a server they run on two connections.
    let next = read(position);
    for (;;) {
      const events = await next;
      if (events.length === 0) return;
      if (events.length === batchSize) next = read(events[events.length - 1].position);
      await agreements.catchUp(events[events.length - 1].position);
      const outcome = await applyBatch(dataSource, projection, scope, position, events, { agreements });
      if (outcome.kind === 'moved') throw new Error(`The rebuild checkpoint of ${projection.name} moved under it`);
      position = outcome.position;
      applied += events.length;
      options.onProgress?.({ applied, estimatedTotal: Math.max(estimatedTotal, applied) });
      if (events.length < batchSize) return;
    }
  };
  options.onProgress?.({ applied, estimatedTotal });
  await catchUp();
  await dataSource.transaction(async (manager) => {
    for (const index of indexes) await manager.query(index);
  });
  // The live runner may have applied an event the copies have not read yet; swapping then would
  // step the live tables back a little (the runner would re-apply it). Catch up and try again a few
  // times; under a steady stream of appends, swap anyway: a moment's regress beats never finishing.
  for (let attempt = 1; !(await swap(dataSource, projection, live, shadow, path, attempt >= MAX_SWAP_ATTEMPTS)); attempt++) await catchUp();
  return { name: projection.name, events: applied, seconds: (Date.now() - started) / 1000 };
}

const MAX_SWAP_ATTEMPTS = 20;

/**
 * Replaces the live tables with the copies and moves the live checkpoint to theirs, in one
 * transaction under the live projection's advisory lock; false (nothing done) when the live
 * checkpoint is ahead of the copies' and `force` is not set.
 */
async function swap(dataSource: DataSource, projection: Projection, live: string, shadow: string, path: string, force: boolean): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [liveScope(projection).lockKey]);
    const current = await readCheckpoint(manager, projection.name);
    await manager.query(`SET LOCAL search_path TO ${shadow}`);
    const rebuilt = await readCheckpoint(manager, projection.name);
    await manager.query(`SET LOCAL search_path TO ${path}`);
    const liveAhead = current.position !== 'start' && isAfterCheckpoint(current.position, rebuilt.position);
    if (liveAhead && !force) return false;
    for (const table of projection.tables) {
      const name = quoteIdentifier(table);
      await manager.query(`DROP TABLE ${live}.${name}`);
      await manager.query(`ALTER TABLE ${shadow}.${name} SET SCHEMA ${live}`);
    }
    await writeCheckpoint(manager, rebuilt);
    await manager.query(`DROP SCHEMA ${shadow} CASCADE`);
    return true;
  });
}

/**
 * An empty copy of a live table: columns, defaults, checks, the primary key and unique constraints;
 * returns the statements that create its other indexes. All keep their live names (names are per
 * schema), so the swapped-in table is indistinguishable from one the migrations made.
 */
async function cloneTable(manager: EntityManager, live: string, shadow: string, table: string): Promise<string[]> {
  const name = quoteIdentifier(table);
  const relation = `${live}.${name}`;
  await manager.query(
    `CREATE TABLE ${shadow}.${name} (LIKE ${relation} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED INCLUDING IDENTITY INCLUDING STORAGE INCLUDING COMMENTS)`,
  );
  const constraints = await manager.query<{ conname: string; definition: string }[]>(
    `SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname`,
    [relation],
  );
  for (const constraint of constraints) {
    await manager.query(`ALTER TABLE ${shadow}.${name} ADD CONSTRAINT ${quoteIdentifier(constraint.conname)} ${constraint.definition}`);
  }
  const indexes = await manager.query<{ definition: string }[]>(
    `SELECT pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
     WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
     ORDER BY i.indexrelid`,
    [relation],
  );
  return indexes.map(({ definition }) => {
    const match = /^(CREATE (?:UNIQUE )?INDEX \S+ ON )(?:ONLY )?\S+( USING .*)$/s.exec(definition);
    if (!match) throw new Error(`Cannot copy index of ${table}: ${definition}`);
    return `${match[1]}${shadow}.${name}${match[2]}`;
  });
}
