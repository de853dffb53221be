import { EventEmitter } from 'node:events';
import type { PGlite, Results, Transaction } from '@electric-sql/pglite';

/**
 * A `pg`-shaped module (`{ Pool }`) for TypeORM's `postgres` driver, over a PGlite instance that
 * someone else opened and will close.
 *
 * Why not typeorm-pglite: it opens its own process-wide PGlite (it cannot be handed the platform's),
 * closes it when a DataSource is destroyed, and sends TypeORM's START TRANSACTION … COMMIT as separate
 * `query`/`exec` calls. PGlite is one session and its mutex covers only one call, so anything else
 * using the instance in between (the event store's appends) runs *inside* the TypeORM transaction and
 * is rolled back with it. Here a transaction is a PGlite `transaction()`, which holds PGlite's
 * transaction lock from BEGIN to COMMIT: other callers' queries and transactions wait for it.
 *
 * The price is PGlite's: code inside a TypeORM transaction must not await a query made outside it
 * (another repository's default manager, the event store), or it waits on itself forever.
 */
export function pgliteTypeormDriver(db: PGlite): { Pool: new (options?: unknown) => PglitePool } {
  return {
    Pool: class extends PglitePool {
      constructor() {
        super(db);
      }
    },
  };
}

/** What TypeORM's PostgresQueryRunner reads from a `pg` result. */
export interface PgLikeResult {
  rows: unknown[];
  rowCount: number;
  command: string | undefined;
  fields: { name: string; dataTypeID: number }[];
}

type QueryCallback = (error: unknown, result?: PgLikeResult) => void;
type Release = (error?: unknown) => void;
type ConnectCallback = (error: unknown, connection: PgliteConnection | undefined, release: Release) => void;

export class PglitePool extends EventEmitter {
  private readonly connections = new Set<PgliteConnection>();

  constructor(private readonly db: PGlite) {
    super();
  }

  /** Each TypeORM query runner gets its own connection, so that only its queries join its transaction. */
  connect(callback: ConnectCallback): void {
    const connection = new PgliteConnection(this.db);
    this.connections.add(connection);
    const release: Release = () => {
      this.connections.delete(connection);
      connection.release();
    };
    this.db.waitReady.then(
      () => callback(undefined, connection, release),
      (error: unknown) => callback(error, undefined, release),
    );
  }

  /** The PGlite instance belongs to whoever opened it: ending the pool only drops open transactions. */
  end(callback?: (error?: unknown) => void): void {
    for (const connection of this.connections) connection.release();
    this.connections.clear();
    callback?.();
  }
}

interface OpenTransaction {
  tx: Transaction;
  finish(outcome: 'commit' | 'rollback'): void;
  done: Promise<void>;
}

// Whole statements only: a script that merely starts with BEGIN is passed through as it is.
const BEGIN = /^\s*(?:BEGIN|START\s+TRANSACTION)(?:\s+(?:WORK|TRANSACTION))?\s*([^;]*?)\s*;?\s*$/i;
const COMMIT = /^\s*(?:COMMIT|END)(?:\s+(?:WORK|TRANSACTION))?\s*;?\s*$/i;
const ROLLBACK = /^\s*(?:ROLLBACK|ABORT)(?:\s+(?:WORK|TRANSACTION))?\s*;?\s*$/i;

export class PgliteConnection extends EventEmitter {
  private open?: OpenTransaction;

  constructor(private readonly db: PGlite) {
    super();
  }

  query(text: string, params?: unknown[] | QueryCallback, callback?: QueryCallback): Promise<PgLikeResult> {
    const values = typeof params === 'function' ? undefined : params;
    const done = typeof params === 'function' ? params : callback;
    const result = this.run(text, values);
    if (done) result.then((r) => done(undefined, r), (error: unknown) => done(error));
    return result;
  }

  /** A connection given back with its transaction still open (a bug upstream) must not keep the lock. */
  release(): void {
    if (!this.open) return;
    const open = this.open;
    this.open = undefined;
    open.finish('rollback');
    open.done.catch(() => undefined);
  }

  private async run(text: string, params: unknown[] | undefined): Promise<PgLikeResult> {
    const begin = BEGIN.exec(text);
    if (begin) return this.begin(text, begin[1]);
    if (this.open && COMMIT.test(text)) return this.end('commit');
    if (this.open && ROLLBACK.test(text)) return this.end('rollback');

    const target = this.open?.tx ?? this.db;
    if (params && params.length > 0) return toPg(text, await target.query(text, params));
    // Without parameters, the simple protocol: TypeORM sends some scripts of several statements.
    const results = await target.exec(text);
    return toPg(text, results[results.length - 1]);
  }

  private async begin(text: string, modes: string): Promise<PgLikeResult> {
    if (this.open) throw new Error(`${text.trim()}: this connection already has a transaction open (use a savepoint)`);
    let started!: (tx: Transaction) => void;
    let failed!: (error: unknown) => void;
    const ready = new Promise<Transaction>((resolve, reject) => {
      started = resolve;
      failed = reject;
    });
    let finish!: (outcome: 'commit' | 'rollback') => void;
    const outcome = new Promise<'commit' | 'rollback'>((resolve) => (finish = resolve));
    // PGlite commits when this callback resolves, and throws if COMMIT found the transaction aborted.
    const done = this.db.transaction(async (tx) => {
      started(tx);
      if ((await outcome) === 'rollback') await tx.rollback();
    });
    done.catch(failed);
    const tx = await ready;
    this.open = { tx, finish, done };
    if (modes) await tx.exec(`SET TRANSACTION ${modes}`);
    return { rows: [], rowCount: 0, command: 'BEGIN', fields: [] };
  }

  private async end(outcome: 'commit' | 'rollback'): Promise<PgLikeResult> {
    const open = this.open!;
    this.open = undefined;
    open.finish(outcome);
    await open.done;
    return { rows: [], rowCount: 0, command: outcome === 'commit' ? 'COMMIT' : 'ROLLBACK', fields: [] };
  }
}

function toPg(text: string, result: Results | undefined): PgLikeResult {
  const rows = result?.rows ?? [];
  return {
    rows,
    // PGlite 0.5 reports the command tag and its row count, as pg does; older versions only affectedRows.
    rowCount: result?.rowCount ?? Math.max(rows.length, result?.affectedRows ?? 0),
    // TypeORM shapes UPDATE and DELETE results by the command tag.
    command: result?.command ?? /^\s*([a-z]+)/i.exec(text)?.[1]?.toUpperCase(),
    fields: (result?.fields ?? []).map((field) => ({ name: field.name, dataTypeID: field.dataTypeID })),
  };
}
