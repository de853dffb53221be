import type { EntityManager } from 'typeorm';
import {
  AgreementTerms,
  initialReferralState,
  instanceKey,
  judgedUnder,
  ObligationInstance,
  ReferralState,
  trackObligations,
  upcastReferralEvent,
} from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type { Projection, ProjectionContext } from '../engine/projection';
import { OBLIGATION_COLUMN_NAMES, OBLIGATION_COLUMNS, rowOfInstance } from './obligation-row';

/**
 * One statement writes a whole batch: the folded referrals (with their open instances, so the next
 * batch reads one table) and every instance the batch changed, each set travelling as one JSON array.
 */
const UPSERT = `WITH referrals AS (
    INSERT INTO rm_compliance_referrals (referral_id, version, state)
    SELECT referral_id, version, state FROM jsonb_to_recordset($1::jsonb) AS r(referral_id uuid, version integer, state jsonb)
    ON CONFLICT (referral_id) DO UPDATE SET version = EXCLUDED.version, state = EXCLUDED.state
  )
  INSERT INTO rm_obligations (${OBLIGATION_COLUMN_NAMES.join(', ')})
  SELECT ${OBLIGATION_COLUMN_NAMES.join(', ')} FROM jsonb_to_recordset($2::jsonb) AS r(${OBLIGATION_COLUMNS.join(', ')})
  ON CONFLICT (referral_id, obligation_id, trigger_revision) DO UPDATE SET
  ${OBLIGATION_COLUMN_NAMES.slice(3).map((name) => `${name} = EXCLUDED.${name}`).join(', ')}`;

/** What `rm_compliance_referrals.state` holds: the fold so far. */
interface StoredState {
  referral: ReferralState;
  open: ObligationInstance[];
}

interface Tracked {
  referral: ReferralState;
  /** Revisions folded in so far: the next event to apply has this revision. */
  version: number;
  open: ObligationInstance[];
}

/**
 * `protocol-compliance`: every obligation instance of every referral (see `trackObligations` for the
 * rules), judged by the agreement version the referral was submitted under. Only events move an
 * instance; breaches are derived when the report is asked for, so the rows are the same however and
 * whenever the events are replayed. A batch costs one read and one write whatever its size.
 */
export class ProtocolComplianceProjection implements Projection {
  readonly name = 'protocol-compliance';
  readonly filter = { streamPrefixes: ['referral-'] };
  readonly tables = ['rm_obligations', 'rm_compliance_referrals'];

  async applyBatch(manager: EntityManager, events: readonly RecordedEvent[], context: ProjectionContext): Promise<void> {
    const ids = [...new Set(events.map(referralIdOf))];
    const tracked = await load(manager, ids);
    const changed = new Map<string, ObligationInstance>();
    const touched = new Set<string>();
    const terms = new Map<string, AgreementTerms>();
    const termsOf = (agreementId: string, version: number): AgreementTerms => {
      const key = `${agreementId}/${version}`;
      if (!terms.has(key)) terms.set(key, context.agreements.version(agreementId, version).terms);
      return terms.get(key)!;
    };

    for (const recorded of events) {
      const id = referralIdOf(recorded);
      const current = tracked.get(id) ?? { referral: initialReferralState(), version: 0, open: [] };
      // A revision already folded in is never applied twice.
      if (recorded.revision < current.version) continue;
      const event = upcastReferralEvent(recorded);
      const judged = judgedUnder(current.referral, event);
      if (!judged) continue;
      const step = trackObligations(termsOf(judged.agreementId, judged.version), current.referral, event, recorded.revision, current.open);
      tracked.set(id, { referral: step.referral, version: recorded.revision + 1, open: step.open });
      touched.add(id);
      for (const instance of step.changed) changed.set(instanceKey(instance), instance);
    }

    if (touched.size === 0) return;
    const referrals = [...touched].map((id) => {
      const { version, referral, open } = tracked.get(id)!;
      const state: StoredState = { referral, open };
      return { referral_id: id, version, state };
    });
    await manager.query(UPSERT, [JSON.stringify(referrals), JSON.stringify([...changed.values()].map(rowOfInstance))]);
  }
}

async function load(manager: EntityManager, ids: string[]): Promise<Map<string, Tracked>> {
  const rows = await manager.query<{ referral_id: string; version: number; state: StoredState }[]>(
    'SELECT referral_id, version, state FROM rm_compliance_referrals WHERE referral_id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((row) => [row.referral_id, { referral: row.state.referral, open: row.state.open, version: Number(row.version) }]));
}

function referralIdOf(event: RecordedEvent): string {
  return event.streamId.slice('referral-'.length);
}
