import type { DataSource } from 'typeorm';
import { openSqlClient, PgliteSqlClient, SqlClient } from '@app/database';
import { EventStore, EventStoreDbEventStore, PostgresEventStore } from '@app/event-store';
import type { PlatformConfig } from '@app/platform';
import { DataDirLock } from '../read-model/data-dir-lock';
import { openReadModelDataSource } from '../read-model/read-model-data-source';

/** What an operator command works on: the platform's event store and read models, by its configuration. */
export interface OperatorContext {
  store: EventStore;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** Raised when the embedded database is held by the running platform; exit code 3. */
export class DataDirInUse extends Error {
  readonly exitCode = 3;
}

/**
 * Opens the database the apps use. With DATABASE_URL the command runs beside the running apps (the
 * server takes any number of connections). Embedded, the data is a PGlite database in DATA_DIR that
 * only one process may open: when the platform holds it, the command refuses rather than corrupt it.
 */
export async function openOperatorContext(config: PlatformConfig): Promise<OperatorContext> {
  let lock: DataDirLock | undefined;
  if (!config.databaseUrl) {
    const holder = DataDirLock.holder(config.dataDir);
    if (holder !== null) {
      throw new DataDirInUse(
        `The platform (process ${holder}) is running on the embedded database in ${config.dataDir}, which only one process may open.\n` +
          'Stop it first (Ctrl-C in its terminal), then run the command again; with DATABASE_URL (a PostgreSQL server) commands run beside the apps.',
      );
    }
    lock = DataDirLock.acquire(config.dataDir);
  }
  let sql: SqlClient | undefined;
  let store: EventStore | undefined;
  try {
    sql = await openSqlClient({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir, applicationName: 'antitratta-cli', maxConnections: 4 });
    store = config.eventStore === 'eventstoredb' ? EventStoreDbEventStore.connect(config.eventStoreUrl!) : await PostgresEventStore.create(sql);
    const dataSource = await openReadModelDataSource(
      sql instanceof PgliteSqlClient ? { pglite: sql.unwrap() } : { databaseUrl: config.databaseUrl!, applicationName: 'antitratta-cli', maxConnections: 4 },
    );
    const [openSql, openStore] = [sql, store];
    return {
      store,
      dataSource,
      close: async () => {
        await dataSource.destroy();
        await openStore.close();
        await openSql.close();
        lock?.release();
      },
    };
  } catch (error) {
    await store?.close();
    await sql?.close();
    lock?.release();
    throw error;
  }
}
