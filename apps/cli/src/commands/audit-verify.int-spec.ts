import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgliteSqlClient } from '@app/database';
import { HashChainedEventStore, PostgresEventStore } from '@app/event-store';
import { newEvents, uniquePrefix } from '@app/event-store/testing/event-fixtures';
import { runCli } from '../testing/run-cli';

/** `npm run cli -- audit:verify` as its own process, on embedded PostgreSQL in a DATA_DIR. */
describe('audit:verify on embedded PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'antitratta-cli-'));
  const env = { DATA_DIR: dataDir, DATABASE_URL: '', EVENT_STORE: 'postgres', NATS_URL: '' };
  const stream = uniquePrefix('cli');

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Opens the database as the platform does, and closes it as the platform does when it stops. */
  async function withDatabase(work: (sql: PgliteSqlClient, store: HashChainedEventStore) => Promise<void>): Promise<void> {
    const sql = await PgliteSqlClient.open(dataDir);
    const store = new HashChainedEventStore(await PostgresEventStore.create(sql));
    try {
      await work(sql, store);
    } finally {
      await store.close();
      await sql.close();
    }
  }

  it('refuses while another process has the database open, verifies once it is closed, and exits 1 on a deleted row', async () => {
    await withDatabase(async (_sql, store) => {
      await store.appendToStream(stream, newEvents(4), 'no_stream');
      const refused = await runCli(['audit:verify'], env);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain(`The embedded database in ${dataDir} is in use by process ${process.pid}`);
      expect(refused.stdout).toBe('');
    });

    expect(await runCli(['audit:verify'], env)).toMatchObject({ code: 0, stdout: '1 stream(s), 4 event(s) verified: every chain intact\n' });
    // The command closed the database behind it: the platform can open it again.
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);

    let thirdId = '';
    await withDatabase(async (sql, store) => {
      thirdId = (await store.readStream(stream))[3].id;
      await sql.transaction(async (tx) => {
        await tx.query('ALTER TABLE es_events DISABLE TRIGGER USER');
        await tx.query('DELETE FROM es_events WHERE stream_id = $1 AND stream_revision = 2', [stream]);
        await tx.query('ALTER TABLE es_events ENABLE TRIGGER USER');
      });
    });
    const broken = await runCli(['audit:verify'], env);
    expect(broken).toMatchObject({
      code: 1,
      stdout: `BROKEN ${stream} at revision 3: revision-gap (event ${thirdId}, TestEventHappened)\n1 stream(s), 3 event(s) verified: 1 stream(s) with a broken link\n`,
    });
  }, 120_000);

  it('refuses a DATA_DIR that holds no database, creating nothing there', async () => {
    const empty = join(dataDir, 'nothing-here');
    const run = await runCli(['audit:verify'], { ...env, DATA_DIR: empty });
    expect(run).toMatchObject({ code: 2, stderr: `No embedded database in ${empty} (DATA_DIR)\n` });
    expect(existsSync(empty)).toBe(false);
  }, 60_000);
});
