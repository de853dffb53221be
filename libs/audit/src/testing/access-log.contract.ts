import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccessLogStore, AccessRecord, encodeAccessLogCursor, InvalidAccessLogCursor } from '../access-log/access-log.store';
import { runAuditMigrations } from '../database/audit-data-source';
import { AuditTarget } from './audit-targets';

const MIGRATION = 'CreateAccessLog1796166000000';

/** What the access log promises on every engine it runs on: PGlite and the PostgreSQL server. */
export function describeAccessLogContract(name: string, openTarget: () => Promise<AuditTarget>): void {
  describe(`access log: ${name}`, () => {
    let target: AuditTarget;
    let dataSource: DataSource;
    let store: AccessLogStore;
    let firstMigrationRun: string[];

    const auditor = { userId: randomUUID(), username: 'auditor.regione.toscana', agencyId: 'regione-toscana' };
    const liaison = { userId: randomUUID(), username: 'liaison.questura.lucca', agencyId: 'questura-lucca' };
    const referralA = randomUUID();
    const referralB = randomUUID();
    const lazioReferral = randomUUID();
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 3, 9, minute));
    const read = (who: typeof auditor, referralId: string, minute: number, overrides: Partial<AccessRecord> = {}): AccessRecord => ({
      ...who,
      referralId,
      accessedAt: at(minute),
      region: 'Toscana',
      kind: 'referral',
      route: 'GET /api/v1/referrals/:id',
      outcome: 'granted',
      correlationId: `c-${minute}`,
      ...overrides,
    });

    beforeAll(async () => {
      target = await openTarget();
      dataSource = target.dataSource;
      firstMigrationRun = await runAuditMigrations(dataSource);
      store = new AccessLogStore(dataSource);
      await store.record(read(liaison, referralA, 1));
      await store.record(read(auditor, referralA, 2, { kind: 'history', route: 'GET /api/v1/referrals/:id/history' }));
      await store.record(read(auditor, referralB, 3, { kind: 'state', route: 'GET /api/v1/referrals/:id/state', detail: { at: '2026-11-03T08:00:00.000Z' } }));
      await store.record(read(liaison, referralB, 4, { outcome: 'denied' }));
      await store.record(read(liaison, lazioReferral, 5, { region: 'Lazio' }));
    });

    afterAll(async () => target?.dispose());

    it('migrations create the table, and running them again does nothing', async () => {
      expect(firstMigrationRun).toEqual([MIGRATION]);
      expect(await runAuditMigrations(dataSource)).toEqual([]);
      expect(await dataSource.query('SELECT name FROM audit_migrations')).toEqual([{ name: MIGRATION }]);
    });

    it('keeps every field of an entry, newest first, within the region asked for', async () => {
      const page = await store.query({ region: 'Toscana', limit: 10 });
      expect(page.nextCursor).toBeNull();
      expect(page.entries.map((entry) => entry.correlationId)).toEqual(['c-4', 'c-3', 'c-2', 'c-1']);
      expect(page.entries[1]).toEqual({
        seq: expect.stringMatching(/^\d+$/),
        accessedAt: '2026-11-03T09:03:00.000Z',
        ...auditor,
        referralId: referralB,
        region: 'Toscana',
        kind: 'state',
        route: 'GET /api/v1/referrals/:id/state',
        outcome: 'granted',
        correlationId: 'c-3',
        detail: { at: '2026-11-03T08:00:00.000Z' },
      });
      expect(page.entries[0]).toMatchObject({ outcome: 'denied', detail: {} });
      expect((await store.query({ region: 'Lazio', limit: 10 })).entries.map((entry) => entry.referralId)).toEqual([lazioReferral]);
      expect((await store.query({ region: 'Umbria', limit: 10 })).entries).toEqual([]);
    });

    it('filters by referral, user, agency and time', async () => {
      const ids = async (filter: object) => (await store.query({ region: 'Toscana', limit: 10, ...filter })).entries.map((entry) => entry.correlationId);
      expect(await ids({ referralId: referralA })).toEqual(['c-2', 'c-1']);
      expect(await ids({ userId: auditor.userId })).toEqual(['c-3', 'c-2']);
      expect(await ids({ agencyId: 'questura-lucca' })).toEqual(['c-4', 'c-1']);
      expect(await ids({ from: at(2), to: at(4) })).toEqual(['c-3', 'c-2']);
      expect(await ids({ referralId: referralB, userId: liaison.userId })).toEqual(['c-4']);
    });

    it('pages with a cursor until the last page, and refuses a cursor it did not issue', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.query({ region: 'Toscana', limit: 3, cursor });
        seen.push(...page.entries.map((entry) => entry.correlationId));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor);
      expect(pages).toBe(2);
      expect(seen).toEqual(['c-4', 'c-3', 'c-2', 'c-1']);
      for (const bad of ['nonsense', encodeAccessLogCursor('0'), encodeAccessLogCursor('1; DROP'), Buffer.from('x:12').toString('base64url'), '%%']) {
        await expect(store.query({ region: 'Toscana', limit: 3, cursor: bad })).rejects.toBeInstanceOf(InvalidAccessLogCursor);
      }
    });

    it('is append-only: updates, deletes and truncation are refused', async () => {
      const before = await dataSource.query('SELECT * FROM audit_access_log ORDER BY seq');
      await expect(dataSource.query("UPDATE audit_access_log SET username = 'someone.else'")).rejects.toThrow(/append-only/);
      await expect(dataSource.query('DELETE FROM audit_access_log')).rejects.toThrow(/append-only/);
      await expect(dataSource.query('TRUNCATE audit_access_log')).rejects.toThrow(/append-only/);
      expect(await dataSource.query('SELECT * FROM audit_access_log ORDER BY seq')).toEqual(before);
    });

    it('refuses an entry the database cannot keep whole', async () => {
      await expect(store.record(read(liaison, referralA, 6, { kind: 'Bad Kind' }))).rejects.toMatchObject({ constraint: 'audit_access_log_kind_format' });
      await expect(store.record(read(liaison, referralA, 6, { outcome: 'maybe' as never }))).rejects.toMatchObject({ constraint: 'audit_access_log_outcome_known' });
      expect((await store.query({ region: 'Toscana', limit: 10 })).entries).toHaveLength(4);
    });
  });
}
