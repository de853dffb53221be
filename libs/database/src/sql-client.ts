/**
 * The few SQL operations the platform needs, over either a PostgreSQL server (`pg`) or embedded
 * PostgreSQL (PGlite). Both speak the same SQL, so every adapter above this runs unchanged on both.
 */
export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface QueryOptions {
  /**
   * Prepares the statement under this name once per connection and reuses its plan afterwards.
   * For hot statements only; the name must always go with the same text.
   */
  name?: string;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<Row>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export type NotificationListener = (payload: string) => void;

export interface SqlClient extends Queryable {
  readonly engine: 'postgres' | 'pglite';
  /** Runs `work` in one transaction on one connection; commits when it resolves, rolls back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** LISTEN on a channel; resolves to a function that stops listening. */
  listen(channel: string, listener: NotificationListener): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** SQLSTATE codes the adapters react to. */
export const SqlState = {
  uniqueViolation: '23505',
} as const;

export function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function constraintOf(error: unknown): string | undefined {
  const constraint = (error as { constraint?: unknown } | null)?.constraint;
  return typeof constraint === 'string' ? constraint : undefined;
}
