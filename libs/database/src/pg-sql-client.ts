import { Client, Pool, PoolConfig } from 'pg';
import { NotificationListener, Queryable, QueryOptions, QueryResult, SqlClient } from './sql-client';

export interface PgSqlClientOptions {
  connectionString: string;
  maxConnections?: number;
  applicationName?: string;
  /** Sets search_path on every connection: lets tests and tenants keep their tables in a schema of their own. */
  schema?: string;
}

export class PgSqlClient implements SqlClient {
  readonly engine = 'postgres' as const;
  private readonly pool: Pool;
  private readonly listeners = new Set<Client>();

  constructor(private readonly options: PgSqlClientOptions) {
    const config: PoolConfig = {
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      application_name: options.applicationName ?? 'antitratta',
      options: options.schema ? `-c search_path=${quoteIdentifier(options.schema)}` : undefined,
    };
    this.pool = new Pool(config);
    // An idle client that loses its server connection must not crash the process; the pool replaces it.
    this.pool.on('error', () => undefined);
  }

  async query<Row>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<Row>> {
    const values = params as unknown[] | undefined;
    const result = options?.name ? await this.pool.query({ name: options.name, text, values }) : await this.pool.query(text, values);
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
  }

  async exec(script: string): Promise<void> {
    // Without parameters pg uses the simple query protocol, which accepts several statements.
    await this.pool.query(script);
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async <Row>(text: string, params?: readonly unknown[], options?: QueryOptions) => {
          const values = params as unknown[] | undefined;
          const r = options?.name ? await client.query({ name: options.name, text, values }) : await client.query(text, values);
          return { rows: r.rows as Row[], rowCount: r.rowCount ?? 0 };
        },
        exec: async (script: string) => {
          await client.query(script);
        },
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async listen(channel: string, listener: NotificationListener): Promise<() => Promise<void>> {
    // LISTEN needs a connection of its own for as long as it listens; a pooled one would be recycled.
    const client = new Client({ connectionString: this.options.connectionString, application_name: this.options.applicationName });
    client.on('error', () => undefined);
    await client.connect();
    client.on('notification', (message) => {
      if (message.channel === channel) listener(message.payload ?? '');
    });
    await client.query(`LISTEN ${quoteIdentifier(channel)}`);
    this.listeners.add(client);
    return async () => {
      if (!this.listeners.delete(client)) return;
      await client.end().catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.listeners].map((client) => client.end().catch(() => undefined)));
    this.listeners.clear();
    await this.pool.end();
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
