import { PGlite } from '@electric-sql/pglite';
import { DataDirLock } from './data-dir-lock';
import { NotificationListener, Queryable, QueryResult, SqlClient } from './sql-client';

/**
 * Embedded PostgreSQL. PGlite is one connection: it runs one query or transaction at a time and
 * queues the rest, so transactions here never interleave.
 */
export class PgliteSqlClient implements SqlClient {
  readonly engine = 'pglite' as const;

  private constructor(
    private readonly db: PGlite,
    private readonly lock: DataDirLock | null,
  ) {}

  /**
   * `dataDir` undefined keeps the database in memory. A data directory is locked for this process
   * while it is open (`DataDirInUse` when another process holds it): PGlite itself does not stop a
   * second process from opening the same files, which corrupts them.
   */
  static async open(dataDir?: string): Promise<PgliteSqlClient> {
    if (!dataDir) return new PgliteSqlClient(await PGlite.create(), null);
    const lock = DataDirLock.acquire(dataDir);
    try {
      return new PgliteSqlClient(await PGlite.create({ dataDir }), lock);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  async query<Row>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
    const result = await this.db.query<Row>(text, params as unknown[] | undefined);
    return { rows: result.rows, rowCount: rowCountOf(result) };
  }

  async exec(script: string): Promise<void> {
    await this.db.exec(script);
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) =>
      work({
        query: async <Row>(text: string, params?: readonly unknown[]) => {
          const result = await tx.query<Row>(text, params as unknown[] | undefined);
          return { rows: result.rows, rowCount: rowCountOf(result) };
        },
        exec: async (script: string) => {
          await tx.exec(script);
        },
      }),
    );
  }

  async listen(channel: string, listener: NotificationListener): Promise<() => Promise<void>> {
    const unlisten = await this.db.listen(channel, listener);
    return async () => unlisten();
  }

  /** The PGlite instance itself, for libraries that drive it directly (the directory's TypeORM driver). */
  unwrap(): PGlite {
    return this.db;
  }

  async close(): Promise<void> {
    try {
      if (!this.db.closed) await this.db.close();
    } finally {
      this.lock?.release();
    }
  }
}

/** PGlite reports affectedRows 0 for a SELECT; pg's rowCount counts the rows a SELECT returned. */
function rowCountOf(result: { rows: unknown[]; affectedRows?: number }): number {
  return Math.max(result.rows.length, result.affectedRows ?? 0);
}
