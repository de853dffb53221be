import { ReferralCasesProjection } from '../referral-cases/referral-cases.projection';
import { describeProjectionEngine } from '../testing/projection-engine.contract';
import { readModelTarget } from '../testing/read-model-target';
import { appendLuccaAgreement, appendReferralTraffic } from '../testing/referral-traffic';
import { RebuildAlreadyRunning, rebuildProjection } from './rebuild-projection';

describeProjectionEngine('postgres');

describe('rebuild on the server', () => {
  it('refuses a second rebuild of a projection while one runs (from any process)', async () => {
    const target = await readModelTarget('postgres');
    try {
      await appendLuccaAgreement(target.store);
      await appendReferralTraffic(target.store, 3);
      const projection = new ReferralCasesProjection();
      // Another process's rebuild: a session holding the rebuild lock.
      const other = target.dataSource.createQueryRunner();
      await other.query('SELECT pg_advisory_lock(hashtext($1))', ['projection-rebuild-session:referral-cases']);
      try {
        await expect(rebuildProjection(target.dataSource, target.store, projection)).rejects.toBeInstanceOf(RebuildAlreadyRunning);
      } finally {
        await other.query('SELECT pg_advisory_unlock(hashtext($1))', ['projection-rebuild-session:referral-cases']);
        await other.release();
      }
      expect((await rebuildProjection(target.dataSource, target.store, projection)).events).toBeGreaterThan(0);
    } finally {
      await target.dispose();
    }
  });
});
