import type { DataSource } from 'typeorm';
import { PgliteSqlClient, SqlClient } from '@app/database';
import type { EventStore } from '@app/event-store';
import { openConfiguredSqlClient, openEventStore, PlatformConfig } from '@app/platform';
import { openReadModelDataSource } from '../read-model/read-model-data-source';

/** What an operator command works on: the platform's event store and read models, by its configuration. */
export interface OperatorContext {
  store: EventStore;
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * Opens the database the apps use. With DATABASE_URL the command runs beside the running apps (the
 * server takes any number of connections). Embedded, the data is a PGlite database in DATA_DIR that
 * only one process may open: when the platform holds it, opening it fails with `DataDirInUse`.
 */
export async function openOperatorContext(config: PlatformConfig): Promise<OperatorContext> {
  let sql: SqlClient | undefined;
  let store: EventStore | undefined;
  try {
    sql = await openConfiguredSqlClient(config, 'antitratta-cli', 4);
    store = await openEventStore(config, sql);
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
      },
    };
  } catch (error) {
    await store?.close();
    await sql?.close();
    throw error;
  }
}
