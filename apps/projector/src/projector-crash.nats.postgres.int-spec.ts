import { readCheckpoint, ReferralCasesProjection, rebuildProjection } from '@app/projections';
import { appendLuccaAgreement, appendReferralTraffic } from '@app/projections/testing/referral-traffic';
import { caseRows, expectedCaseRows, ReadModelTarget, readModelTarget, referralEventCount, waitUntilApplied } from '@app/projections/testing/read-model-target';
import { ServiceProcess } from '../../../test/support/service-process';

/**
 * The projector app as its own process, killed with SIGKILL while it applies batches, then restarted:
 * its read model must equal a clean rebuild row for row, with every event counted once.
 */
describe('projector killed mid-batch (PostgreSQL server, NATS)', () => {
  let target: ReadModelTarget;
  let ids: string[];
  let total: number;
  const projection = new ReferralCasesProjection();

  beforeAll(async () => {
    target = await readModelTarget('postgres');
    await appendLuccaAgreement(target.store);
    ids = await appendReferralTraffic(target.store, 1500);
    total = await referralEventCount(target.store, ids);
  }, 120_000);

  afterAll(async () => target?.dispose());

  const env = () => {
    const url = process.env.DATABASE_URL!;
    return {
      DATABASE_URL: `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${target.schema}`)}`,
      NATS_URL: process.env.NATS_URL,
      PORT: '0',
      PROJECTION_BATCH_SIZE: '25',
      PROJECTION_POLL_MS: '20',
    };
  };

  const applied = async () => (await readCheckpoint(target.dataSource.manager, projection.name)).eventsApplied;

  it('restarts after kill -9 to exactly the read model a clean rebuild gives', async () => {
    const killedAt: number[] = [];
    for (let kill = 0; kill < 3; kill++) {
      const before = await applied();
      const projector = await ServiceProcess.start('projector', env());
      const deadline = Date.now() + 60_000;
      while ((await applied()) <= before + 100) {
        if (Date.now() > deadline) throw new Error(`no progress before the kill:\n${projector.logs}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(await projector.stop('SIGKILL')).toBe('SIGKILL');
      killedAt.push(await applied());
    }
    // Each kill landed part-way, so the restarts had a partly built read model to resume.
    for (const count of killedAt) expect(count).toBeLessThan(total);
    expect(killedAt[0]).toBeGreaterThan(0);

    const projector = await ServiceProcess.start('projector', env());
    try {
      await waitUntilApplied(target.dataSource, projection, total, 120_000);
    } finally {
      await projector.stop('SIGTERM');
    }
    expect(await applied()).toBe(total);
    const restarted = await caseRows(target.dataSource);

    await rebuildProjection(target.dataSource, target.store, projection);
    const rebuilt = await caseRows(target.dataSource);
    expect(restarted).toHaveLength(ids.length);
    expect(restarted).toEqual(rebuilt);
    expect(restarted).toEqual(await expectedCaseRows(target.store, ids));
    expect(await applied()).toBe(total);
  }, 300_000);
});
