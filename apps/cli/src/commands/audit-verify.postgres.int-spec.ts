import { HashChainedEventStore } from '@app/event-store';
import { newEvents, uniquePrefix } from '@app/event-store/testing/event-fixtures';
import { postgresServerTarget, PostgresTarget } from '@app/event-store/testing/postgres-targets';
import { runCli } from '../testing/run-cli';

/** `npm run cli -- audit:verify` as its own process, on a schema of the PostgreSQL server. */
describe('audit:verify on the PostgreSQL server', () => {
  let target: PostgresTarget;
  let env: NodeJS.ProcessEnv;
  const intact = uniquePrefix('cli-intact');
  const altered = uniquePrefix('cli-altered');

  beforeAll(async () => {
    target = await postgresServerTarget();
    const url = process.env.DATABASE_URL!;
    env = { DATABASE_URL: `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${target.schema}`)}`, EVENT_STORE: 'postgres', NATS_URL: '' };
    const store = new HashChainedEventStore(target.store);
    await store.appendToStream(intact, newEvents(4), 'no_stream');
    await store.appendToStream(altered, newEvents(3), 'no_stream');
    await store.appendToStream(altered, newEvents(2), 'any');
  });

  afterAll(async () => {
    await target?.dispose();
  });

  it('exits 0 when every chain is intact, and 1 naming the first broken link once a row was altered', async () => {
    const clean = await runCli(['audit:verify'], env);
    expect(clean).toMatchObject({ code: 0, stdout: '2 stream(s), 9 event(s) verified: every chain intact\n' });

    await target.sql.transaction(async (tx) => {
      await tx.query('ALTER TABLE es_events DISABLE TRIGGER USER');
      await tx.query(`UPDATE es_events SET data = '{"n": 7}' WHERE stream_id = $1 AND stream_revision IN (2, 4)`, [altered]);
      await tx.query('ALTER TABLE es_events ENABLE TRIGGER USER');
    });
    const [, , third] = await target.store.readStream(altered);
    const broken = await runCli(['audit:verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe(
      `BROKEN ${altered} at revision 2: hash-mismatch (event ${third.id}, TestEventHappened)\n` +
        '2 stream(s), 9 event(s) verified: 1 stream(s) with a broken link\n',
    );

    expect(await runCli(['audit:verify', '--stream', intact], env)).toMatchObject({ code: 0, stdout: '1 stream(s), 4 event(s) verified: every chain intact\n' });
    expect((await runCli(['audit:verify', '--stream', altered], env)).code).toBe(1);
    expect(await runCli(['audit:verify', '--stream', 'no-such-stream'], env)).toMatchObject({ code: 2, stderr: 'Stream "no-such-stream" has no events\n' });
  }, 120_000);
});
