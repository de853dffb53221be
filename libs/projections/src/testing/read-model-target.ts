import type { DataSource } from 'typeorm';
import { PgliteSqlClient } from '@app/database';
import { evolveReferral, initialReferralState, upcastReferralEvent } from '@app/domain';
import type { EventStore } from '@app/event-store';
import { pgliteTarget, postgresServerTarget, PostgresTarget } from '@app/event-store/testing/postgres-targets';
import { AgreementCatalog } from '../engine/agreement-catalog';
import { measureLag } from '../engine/projection-lag';
import type { Projection } from '../engine/projection';
import { openReadModelDataSource } from '../read-model/read-model-data-source';
import { referralCaseRow, ReferralCaseRow } from '../referral-cases/referral-case-row';

export interface ReadModelTarget {
  store: PostgresTarget['store'];
  dataSource: DataSource;
  /** Schema of the tables on a server; undefined on PGlite. */
  schema?: string;
  dispose(): Promise<void>;
}

/** An event store and the read models on one database: fresh in-memory PGlite, or a schema of its own on the server. */
export async function readModelTarget(kind: 'pglite' | 'postgres'): Promise<ReadModelTarget> {
  const target = kind === 'pglite' ? await pgliteTarget({ pollIntervalMs: 50 }) : await postgresServerTarget({ pollIntervalMs: 50 });
  const dataSource =
    target.sql instanceof PgliteSqlClient
      ? await openReadModelDataSource({ pglite: target.sql.unwrap() })
      : await openReadModelDataSource({ databaseUrl: process.env.DATABASE_URL!, schema: target.schema, maxConnections: 8 });
  return {
    store: target.store,
    dataSource,
    schema: target.schema,
    dispose: async () => {
      await dataSource.destroy();
      await target.dispose();
    },
  };
}

/** Polls until the projection has applied every event in the store; never a blind sleep. */
export async function waitUntilCaughtUp(dataSource: DataSource, store: EventStore, projection: Projection, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await measureLag(dataSource, store, projection)).caughtUp) {
    if (Date.now() > deadline) throw new Error(`${projection.name} did not catch up within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every case row as the database holds it, in a comparable form. */
export async function caseRows(dataSource: Pick<DataSource, 'query'>, table = 'rm_referral_cases'): Promise<Record<string, unknown>[]> {
  const rows = await dataSource.query<Record<string, unknown>[]>(`SELECT * FROM ${table} ORDER BY referral_id`);
  return rows.map((row) => ({
    ...row,
    submitted_at: new Date(row.submitted_at as string).toISOString(),
    updated_at: new Date(row.updated_at as string).toISOString(),
  }));
}

/** The rows `referral-cases` must hold, folded from each stream independently of the engine. */
export async function expectedCaseRows(store: EventStore, referralIds: readonly string[]): Promise<ReferralCaseRow[]> {
  const agreements = new AgreementCatalog(store);
  await agreements.catchUp();
  const rows: ReferralCaseRow[] = [];
  for (const id of [...referralIds].sort()) {
    const events = await store.readStream(`referral-${id}`);
    let state = initialReferralState();
    for (const event of events) state = evolveReferral(state, upcastReferralEvent(event));
    if (state.stage === 'none') continue;
    rows.push(referralCaseRow(state, events.length, agreements.version(state.agreementId, state.agreementVersion).terms));
  }
  return rows;
}

/**
 * How many events the referral streams hold, counted per stream: on a shared server, reads in global
 * order trail commits while any transaction anywhere is older than them, so they cannot count.
 */
export async function referralEventCount(store: EventStore, referralIds: readonly string[]): Promise<number> {
  let total = 0;
  for (const id of referralIds) total += (await store.readStream(`referral-${id}`)).length;
  return total;
}

/** Polls until the projection has applied exactly `total` events. */
export async function waitUntilApplied(dataSource: DataSource, projection: Projection, total: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await dataSource.query<{ events_applied: string }[]>('SELECT events_applied FROM projection_checkpoints WHERE name = $1', [projection.name]);
    const applied = Number(rows[0]?.events_applied ?? 0);
    if (applied >= total) return;
    if (Date.now() > deadline) throw new Error(`${projection.name} applied ${applied} of ${total} events within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
