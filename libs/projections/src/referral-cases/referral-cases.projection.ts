import type { EntityManager } from 'typeorm';
import { evolveReferral, initialReferralState, Referral, ReferralState, upcastReferralEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type { Projection, ProjectionContext } from '../engine/projection';
import { referralCaseRow, ReferralCaseRow } from './referral-case-row';

const COLUMNS = [
  'referral_id uuid', 'agreement_id text', 'agreement_version integer', 'region text', 'status text', 'on_hold boolean',
  'urgency text', 'minor boolean', 'referrer_agency_id text', 'holder_agency_id text', 'shelter_agency_id text',
  'placement_status text', 'visible_to text[]', 'submitted_at timestamptz', 'updated_at timestamptz', 'version integer', 'state jsonb',
];
const NAMES = COLUMNS.map((column) => column.split(' ')[0]);

/**
 * One statement for every row a batch touched: the rows travel as one JSON array, so a batch costs
 * one read and one write whatever its size.
 */
const UPSERT = `INSERT INTO rm_referral_cases (${NAMES.join(', ')})
  SELECT ${NAMES.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${COLUMNS.join(', ')})
  ON CONFLICT (referral_id) DO UPDATE SET ${NAMES.slice(1).map((name) => `${name} = EXCLUDED.${name}`).join(', ')}`;

interface Folded {
  referral: ReferralState;
  version: number;
}

/**
 * `referral-cases`: one row per referral, everything case routing asks (holder, status, urgency,
 * who may see it), and the folded referral itself so the next batch continues the fold in memory.
 */
export class ReferralCasesProjection implements Projection {
  readonly name = 'referral-cases';
  readonly filter = { streamPrefixes: ['referral-'] };
  readonly tables = ['rm_referral_cases'];

  async applyBatch(manager: EntityManager, events: readonly RecordedEvent[], context: ProjectionContext): Promise<void> {
    const ids = [...new Set(events.map(referralIdOf))];
    const existing = await manager.query<{
      referral_id: string;
      version: number;
      state: Referral;
    }[]>('SELECT referral_id, version, state FROM rm_referral_cases WHERE referral_id = ANY($1::uuid[])', [ids]);
    const folded = new Map<string, Folded>(existing.map((row) => [row.referral_id, { referral: row.state, version: Number(row.version) }]));
    const touched = new Set<string>();
    for (const event of events) {
      const id = referralIdOf(event);
      const current = folded.get(id) ?? { referral: initialReferralState(), version: 0 };
      // A revision already folded in (the stored version counts them) is never applied twice.
      if (event.revision < current.version) continue;
      folded.set(id, { referral: evolveReferral(current.referral, upcastReferralEvent(event)), version: event.revision + 1 });
      touched.add(id);
    }
    const rows: ReferralCaseRow[] = [];
    for (const id of touched) {
      const { referral, version } = folded.get(id)!;
      // A stream whose first event is not a submission folds to nothing: there is no case to show.
      if (referral.stage === 'none') continue;
      const { terms } = context.agreements.version(referral.agreementId, referral.agreementVersion);
      rows.push(referralCaseRow(referral, version, terms));
    }
    if (rows.length > 0) await manager.query(UPSERT, [JSON.stringify(rows)]);
  }
}

function referralIdOf(event: RecordedEvent): string {
  return event.streamId.slice('referral-'.length);
}
