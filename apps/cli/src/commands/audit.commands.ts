import { Command } from 'commander';
import type { SqlClient } from '@app/database';
import { EventStore, EventStoreVerification, verifyEventStore, verifyStreamChain } from '@app/event-store';
import { loadConfigOrExit, openConfiguredSqlClient, openEventStore } from '@app/platform';
import { CommandOutcome, refuseMissingEmbeddedDatabase } from './command-outcome';

/** Exit codes: 0 every chain intact, 1 a broken link found, 2 nothing could be verified. */
export function registerAuditCommands(program: Command): void {
  program
    .command('audit:verify')
    .description("Verify every event stream's hash chain (or one stream's) and name each stream's first broken link")
    .option('--stream <id>', 'verify only this stream')
    .action((options: { stream?: string }) => verifyCommand(options.stream));
}

async function verifyCommand(streamId: string | undefined): Promise<void> {
  const config = loadConfigOrExit({ port: 0 });
  // EventStoreDB keeps its events elsewhere: only the PostgreSQL event store needs the SQL database.
  const usesSql = config.eventStore === 'postgres';
  if (usesSql) refuseMissingEmbeddedDatabase(config);
  const sql: SqlClient | undefined = usesSql ? await openConfiguredSqlClient(config, 'cli', 2) : undefined;
  let store: EventStore | undefined;
  try {
    // Opening the store would create its table: a database without one has nothing to verify.
    if (sql && (await sql.query<{ present: boolean }>(`SELECT to_regclass('es_events') IS NOT NULL AS present`)).rows[0]?.present !== true) {
      throw new CommandOutcome(2, 'This database holds no event store (no es_events table)');
    }
    store = await openEventStore(config, sql);
    const verification = streamId === undefined ? await verifyEventStore(store) : await verifyOneStream(store, streamId);
    for (const broken of verification.broken) {
      const link = broken.firstBroken;
      console.log(`BROKEN ${broken.streamId} at revision ${link.revision}: ${link.reason} (event ${link.eventId}, ${link.type})`);
    }
    const summary = `${verification.streams} stream(s), ${verification.events} event(s) verified`;
    if (verification.broken.length > 0) {
      console.log(`${summary}: ${verification.broken.length} stream(s) with a broken link`);
      throw new CommandOutcome(1, '');
    }
    console.log(`${summary}: every chain intact`);
  } finally {
    await store?.close();
    await sql?.close();
  }
}

async function verifyOneStream(store: EventStore, streamId: string): Promise<EventStoreVerification> {
  const events = await store.readStream(streamId);
  if (events.length === 0) throw new CommandOutcome(2, `Stream "${streamId}" has no events`);
  const result = verifyStreamChain(streamId, events);
  return { streams: 1, events: events.length, broken: result.ok ? [] : [result] };
}
