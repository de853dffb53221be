import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@app/event-store';
import { ReferralCasesProjection } from '../referral-cases/referral-cases.projection';
import { appendLuccaAgreement, appendReferralTraffic } from './referral-traffic';
import { caseRows, expectedCaseRows, ReadModelTarget, readModelTarget, referralEventCount, waitUntilApplied } from './read-model-target';
import { readCheckpoint } from '../engine/checkpoints';
import type { ProjectionContext } from '../engine/projection';
import { ProjectionRunner } from '../engine/projection-runner';
import { rebuildProjection, RebuildProgress, shadowSchemaOf } from '../engine/rebuild-projection';
import { CaseRoutingQueries } from '../case-routing/case-routing.queries';

/** Fails every batch while `failing` is set, after writing its rows: the rows must roll back with the checkpoint. */
class FlakyReferralCases extends ReferralCasesProjection {
  failing = false;
  batches = 0;
  /** What each batch's transaction had `synchronous_commit` set to. */
  readonly synchronousCommit = new Set<string>();

  override async applyBatch(manager: EntityManager, events: readonly RecordedEvent[], context: ProjectionContext): Promise<void> {
    await super.applyBatch(manager, events, context);
    this.batches++;
    this.synchronousCommit.add((await manager.query<{ value: string }[]>(`SELECT current_setting('synchronous_commit') AS value`))[0].value);
    if (this.failing) throw new Error('disk full');
  }
}

/** The runner on a real database; run on PGlite and on the server. */
export function describeProjectionEngine(kind: 'pglite' | 'postgres'): void {
  describe(`projection runner (${kind})`, () => {
    let target: ReadModelTarget;
    const ids: string[] = [];

    beforeAll(async () => {
      target = await readModelTarget(kind);
      await appendLuccaAgreement(target.store);
      ids.push(...(await appendReferralTraffic(target.store, 40)));
    }, 60_000);

    afterAll(async () => target?.dispose());

    it('applies every event in batches, each with its checkpoint and without waiting for the disk, and the rows equal a fold of each stream', async () => {
      const projection = new FlakyReferralCases();
      const runner = new ProjectionRunner(projection, target.dataSource, target.store, { batchSize: 7, pollIntervalMs: 20 });
      runner.start();
      try {
        await waitUntilApplied(target.dataSource, projection, await referralEventCount(target.store, ids));
      } finally {
        await runner.stop();
      }
      const total = await referralEventCount(target.store, ids);
      expect(projection.batches).toBe(Math.ceil(total / 7));
      // Derived data, checkpoint included: a commit a server crash loses is applied again.
      expect([...projection.synchronousCommit]).toEqual(['off']);
      expect((await target.dataSource.query<{ value: string }[]>(`SELECT current_setting('synchronous_commit') AS value`))[0].value).toBe('on');
      expect(await caseRows(target.dataSource)).toEqual(await expectedCaseRows(target.store, ids));
      const checkpoint = await readCheckpoint(target.dataSource.manager, projection.name);
      expect(checkpoint.eventsApplied).toBe(total);
    });

    it('rolls a failed batch back with its checkpoint, retries, and a restart resumes where the last batch committed', async () => {
      const before = await caseRows(target.dataSource);
      const checkpointBefore = await readCheckpoint(target.dataSource.manager, 'referral-cases');
      const more = await appendReferralTraffic(target.store, 10, { firstVariant: 3 });
      ids.push(...more);

      const projection = new FlakyReferralCases();
      projection.failing = true;
      const runner = new ProjectionRunner(projection, target.dataSource, target.store, { batchSize: 5, pollIntervalMs: 20, retryDelayMs: 10, maxRetryDelayMs: 20 });
      runner.start();
      const deadline = Date.now() + 10_000;
      while ((projection.batches < 3 || runner.status().failure === null) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(runner.status().failure).toBe('disk full');
      // Every attempt wrote rows, then failed: nothing of it is visible.
      expect(await caseRows(target.dataSource)).toEqual(before);
      expect(await readCheckpoint(target.dataSource.manager, 'referral-cases')).toEqual(checkpointBefore);

      projection.failing = false;
      await waitUntilApplied(target.dataSource, projection, await referralEventCount(target.store, ids));
      expect(runner.status().failure).toBeNull();
      await runner.stop();

      // A new runner (a restart) finds nothing to do, and applying nothing twice leaves the rows as a fold.
      const again = new FlakyReferralCases();
      const restarted = new ProjectionRunner(again, target.dataSource, target.store, { batchSize: 5, pollIntervalMs: 20 });
      restarted.start();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await restarted.stop();
      expect(again.batches).toBe(0);
      expect(await caseRows(target.dataSource)).toEqual(await expectedCaseRows(target.store, ids));
    });

    it('two runners of one projection apply each event once', async () => {
      const more = await appendReferralTraffic(target.store, 15, { firstVariant: 5 });
      ids.push(...more);
      const first = new ReferralCasesProjection();
      const runners = [first, new ReferralCasesProjection()].map(
        (projection) => new ProjectionRunner(projection, target.dataSource, target.store, { batchSize: 4, pollIntervalMs: 10 }),
      );
      runners.forEach((runner) => runner.start());
      try {
        await waitUntilApplied(target.dataSource, first, await referralEventCount(target.store, ids));
      } finally {
        await Promise.all(runners.map((runner) => runner.stop()));
      }
      const total = await referralEventCount(target.store, ids);
      expect((await readCheckpoint(target.dataSource.manager, first.name)).eventsApplied).toBe(total);
      expect(await caseRows(target.dataSource)).toEqual(await expectedCaseRows(target.store, ids));
    });

    it('rebuilds into shadow tables while the live runner applies and readers read, then swaps them in', async () => {
      const { dataSource, store } = target;
      // Damage one row behind the projection's back: only a real rebuild repairs it.
      await dataSource.query(`UPDATE rm_referral_cases SET status = 'tampered', visible_to = '{}' WHERE referral_id = $1`, [ids[0]]);
      const indexNames = async () =>
        await dataSource.query<unknown[]>(`SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'rm_referral_cases' ORDER BY 1`);
      const indexesBefore = await indexNames();

      const live = new ReferralCasesProjection();
      const runner = new ProjectionRunner(live, dataSource, store, { batchSize: 5, pollIntervalMs: 10 });
      runner.start();
      const queries = new CaseRoutingQueries(dataSource);
      let reading = true;
      let reads = 0;
      const readErrors: unknown[] = [];
      const reader = (async () => {
        while (reading) {
          try {
            await queries.list({ agencyId: 'regione-toscana', overseenRegion: 'Toscana' }, {}, { limit: 50 });
            reads++;
          } catch (error) {
            readErrors.push(error);
          }
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      const appending = appendReferralTraffic(store, 20, { firstVariant: 2, perAppend: 1 });
      const progress: RebuildProgress[] = [];
      try {
        const result = await rebuildProjection(dataSource, store, new ReferralCasesProjection(), { batchSize: 8, onProgress: (p) => progress.push(p) });
        expect(result.events).toBeGreaterThan(0);
        expect(progress[progress.length - 1].applied).toBe(result.events);
        ids.push(...(await appending));
        await waitUntilApplied(dataSource, live, await referralEventCount(store, ids));
      } finally {
        reading = false;
        await reader;
        await runner.stop();
      }
      expect(readErrors).toEqual([]);
      expect(reads).toBeGreaterThan(0);
      expect(await caseRows(dataSource)).toEqual(await expectedCaseRows(store, ids));
      expect(await indexNames()).toEqual(indexesBefore);
      const [{ schema }] = await dataSource.query<{ schema: string }[]>('SELECT current_schema() AS schema');
      const leftovers = await dataSource.query<unknown[]>('SELECT 1 FROM pg_namespace WHERE nspname = $1', [shadowSchemaOf(schema, live.name)]);
      expect(leftovers).toEqual([]);
      const total = await referralEventCount(store, ids);
      expect((await readCheckpoint(dataSource.manager, live.name)).eventsApplied).toBe(total);
    });
  });
}
