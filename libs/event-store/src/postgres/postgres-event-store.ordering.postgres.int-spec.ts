import { PgSqlClient } from '@app/database';
import { RecordedEvent } from '../event-store.port';
import { newEvent, uniquePrefix } from '../testing/event-fixtures';
import { sleep, waitFor } from '../testing/event-store.contract';
import { PostgresTarget, postgresServerTarget } from '../testing/postgres-targets';
import { PostgresEventStore } from './postgres-event-store';
import { APPENDED_CHANNEL } from './postgres-event-store.schema';

/**
 * What only a PostgreSQL server can show: transactions that commit out of the order in which they
 * took their sequence numbers, and notifications between processes.
 */
describe('PostgreSQL adapter: ordering and live tail on the server', () => {
  let target: PostgresTarget;

  beforeAll(async () => {
    target = await postgresServerTarget({ pollIntervalMs: 50 });
  });

  /** Transactions a test left open (because an assertion failed first) must not block the schema's drop. */
  const open: { rollback(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.rollback()));
  });

  afterAll(async () => {
    await target.dispose();
  });

  function collect(prefix: string): { seen: RecordedEvent[]; stop: () => Promise<void> } {
    const seen: RecordedEvent[] = [];
    const subscription = target.store.subscribeToAll((e) => void seen.push(e), { filter: { streamPrefixes: [prefix] } });
    return { seen, stop: () => subscription.stop() };
  }

  /** Opens a transaction that appends and then stays open until `commit` or `rollback` is called. */
  function openAppend(streamId: string, takeTransactionIdFirst = false) {
    let finish!: (commit: boolean) => void;
    const decided = new Promise<boolean>((resolve) => (finish = resolve));
    let appended!: () => void;
    const hasAppended = new Promise<void>((resolve) => (appended = resolve));
    const event = newEvent();
    const done = target.sql
      .transaction(async (tx) => {
        if (takeTransactionIdFirst) {
          await tx.query('SELECT pg_current_xact_id()');
          await hasAppendedGate;
        }
        await target.store.appendWith(tx, streamId, [event], 'no_stream');
        appended();
        if (!(await decided)) throw new Error('rolled back on purpose');
      })
      .catch((error: Error) => {
        if (error.message !== 'rolled back on purpose') throw error;
      });
    let releaseGate!: () => void;
    const hasAppendedGate = new Promise<void>((resolve) => (releaseGate = resolve));
    if (!takeTransactionIdFirst) releaseGate();
    const handle = {
      event,
      hasAppended,
      appendNow: () => releaseGate(),
      commit: async () => (finish(true), done),
      rollback: async () => (releaseGate(), finish(false), done),
    };
    open.push(handle);
    return handle;
  }

  it('holds back an event committed while an earlier-numbered transaction is open, then delivers both in order', async () => {
    const prefix = uniquePrefix('held');
    const { seen, stop } = collect(prefix);
    const slow = openAppend(`${prefix}-slow`);
    await slow.hasAppended;
    const fast = await target.store.appendToStream(`${prefix}-fast`, [newEvent()], 'no_stream');

    await sleep(300);
    expect(seen).toEqual([]);

    await slow.commit();
    await waitFor(() => seen.length === 2);
    expect(seen.map((e) => e.streamId)).toEqual([`${prefix}-slow`, `${prefix}-fast`]);
    expect(seen[0].position.prepare < fast.position.prepare).toBe(true);
    await stop();
  });

  it('keeps transaction order when the older transaction takes the larger sequence number', async () => {
    const prefix = uniquePrefix('xid-first');
    const { seen, stop } = collect(prefix);
    const slow = openAppend(`${prefix}-slow`, true);
    await sleep(50);
    const fast = await target.store.appendToStream(`${prefix}-fast`, [newEvent()], 'no_stream');
    slow.appendNow();
    await slow.hasAppended;
    await sleep(200);
    expect(seen).toEqual([]);

    await slow.commit();
    await waitFor(() => seen.length === 2);
    expect(seen.map((e) => e.streamId)).toEqual([`${prefix}-slow`, `${prefix}-fast`]);
    expect(seen[0].position.prepare > fast.position.prepare).toBe(true);
    await stop();
  });

  it('an open transaction that rolls back releases what it held back', async () => {
    const prefix = uniquePrefix('rollback');
    const { seen, stop } = collect(prefix);
    const slow = openAppend(`${prefix}-slow`);
    await slow.hasAppended;
    await target.store.appendToStream(`${prefix}-fast`, [newEvent()], 'no_stream');
    await sleep(200);
    expect(seen).toEqual([]);
    await slow.rollback();
    await waitFor(() => seen.length === 1);
    expect(seen[0].streamId).toBe(`${prefix}-fast`);
    await stop();
  });

  it('wakes a subscriber in another process by NOTIFY, long before its next poll', async () => {
    const other = new PgSqlClient({ connectionString: process.env.DATABASE_URL!, schema: schemaOf(target) });
    const listener = await PostgresEventStore.create(other, { pollIntervalMs: 60_000 });
    const prefix = uniquePrefix('notify');
    const seen: RecordedEvent[] = [];
    const subscription = listener.subscribeToAll((e) => void seen.push(e), {
      filter: { streamPrefixes: [prefix] },
    });
    await waitFor(() => subscription.isCaughtUp);
    await sleep(100);
    const started = Date.now();
    await target.store.appendToStream(`${prefix}-1`, [newEvent()], 'no_stream');
    await waitFor(() => seen.length === 1, 5000);
    expect(Date.now() - started).toBeLessThan(2000);
    await listener.close();
    await other.close();
  });

  it('sends no NOTIFY when told not to, and still wakes its own subscribers at once', async () => {
    const quiet = await PostgresEventStore.create(target.sql, { notifyOtherProcesses: false, pollIntervalMs: 60_000 });
    const notified: string[] = [];
    const stopListening = await target.sql.listen(APPENDED_CHANNEL, (payload) => notified.push(payload));
    const prefix = uniquePrefix('quiet');
    const seen: RecordedEvent[] = [];
    const subscription = quiet.subscribeToAll((e) => void seen.push(e), { filter: { streamPrefixes: [prefix] } });
    await waitFor(() => subscription.isCaughtUp);
    await quiet.appendToStream(`${prefix}-1`, [newEvent()], 'no_stream');
    await waitFor(() => seen.length === 1, 5000);
    // A notification would have arrived well within this (the store sends one within 10 ms of an append).
    await sleep(300);
    expect(notified).toEqual([]);
    // The control: the target's store, left as it is, does notify.
    await target.store.appendToStream(`${prefix}-2`, [newEvent()], 'no_stream');
    await waitFor(() => notified.length > 0, 5000);
    await stopListening();
    await quiet.close();
  });

  it('falls back to polling when no notification comes', async () => {
    const prefix = uniquePrefix('poll');
    const { seen, stop } = collect(prefix);
    // Written behind the store's back: no NOTIFY, no in-process wake-up.
    await target.sql.query(
      `INSERT INTO es_events (stream_id, stream_revision, event_id, event_type, schema_version, data, metadata)
       VALUES ($1, 0, gen_random_uuid(), 'WrittenBehindTheBack', 1, '{}', $2)`,
      [`${prefix}-1`, JSON.stringify(newEvent().metadata)],
    );
    await waitFor(() => seen.length === 1, 5000);
    await stop();
  });
});

function schemaOf(target: PostgresTarget): string {
  if (!target.schema) throw new Error('the target has no schema');
  return target.schema;
}
