import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  AgreementEvent,
  AgreementTerms,
  By,
  LUCCA_AGREEMENT_ID,
  ReferralEvent,
  storedAgreementEvent,
  storedReferralEvent,
  SubjectProfile,
  Urgency,
} from '@app/domain';
import type { EventStore, GlobalPosition, NewEvent } from '@app/event-store';
import { AgreementCatalog } from '../../engine/agreement-catalog';
import { applyBatch, liveScope } from '../../engine/apply-batch';
import { readModelTarget } from '../../testing/read-model-target';
import { ProtocolComplianceProjection } from '../protocol-compliance.projection';

/**
 * A real event store and the read models (every registered migration) on the same database (PGlite,
 * or a schema of its own on the server), with the projection applied batch by batch as the runner
 * does: the agreement catalog caught up first, then each batch with its checkpoint in one transaction.
 */
export interface ComplianceTestBed {
  store: EventStore;
  dataSource: DataSource;
  projection: ProtocolComplianceProjection;
  /** Applies every referral event not applied yet, `batchSize` at a time. */
  project(batchSize?: number): Promise<number>;
  /** Empties the projection's tables and checkpoint: the next `project` replays everything. */
  reset(): Promise<void>;
  dispose(): Promise<void>;
}

export async function openComplianceTestBed(on: 'pglite' | 'server'): Promise<ComplianceTestBed> {
  const target = await readModelTarget(on === 'pglite' ? 'pglite' : 'postgres');
  const { store, dataSource } = target;
  const projection = new ProtocolComplianceProjection();
  const agreements = new AgreementCatalog(store);
  let position: GlobalPosition | 'start' = 'start';

  return {
    store,
    dataSource,
    projection,
    async project(batchSize = 500) {
      let applied = 0;
      for (;;) {
        const events = await store.readAll({ after: position, maxCount: batchSize, filter: projection.filter });
        if (events.length === 0) return applied;
        await agreements.catchUp(events[events.length - 1].position);
        const outcome = await applyBatch(dataSource, projection, liveScope(projection), position, events, { agreements });
        if (outcome.kind !== 'applied') throw new Error(`The checkpoint moved under the test: ${JSON.stringify(outcome)}`);
        position = outcome.position;
        applied += events.length;
      }
    },
    async reset() {
      await dataSource.query(`TRUNCATE ${projection.tables.join(', ')}`);
      await dataSource.query('DELETE FROM projection_checkpoints WHERE name = $1', [projection.name]);
      position = 'start';
    },
    dispose: () => target.dispose(),
  };
}

export const PROVINCIA: By = { userId: 'u-provincia', agencyId: 'provincia-lucca' };
export const QUESTURA: By = { userId: 'u-questura', agencyId: 'questura-lucca' };
export const CEIS: By = { userId: 'u-ceis', agencyId: 'ceis-lucca' };
export const HOTLINE: By = { userId: 'u-hotline', agencyId: 'numero-verde-toscana' };

function newEvent(stored: { type: string; schemaVersion: number; data: unknown }, by: By, at: string): NewEvent {
  return {
    id: randomUUID(),
    ...stored,
    metadata: { correlationId: randomUUID(), causationId: null, actorUserId: by.userId, actorAgencyId: by.agencyId, occurredAt: at },
  };
}

/** Appends agreement events for the demo agreement, each with its own `at`. */
export async function appendAgreement(store: EventStore, events: AgreementEvent[]): Promise<void> {
  await store.appendToStream(`agreement-${LUCCA_AGREEMENT_ID}`, events.map((e) => newEvent(storedAgreementEvent(e), e.data.by, e.data.at)), 'any');
}

export const agreementDrafted = (terms: AgreementTerms, at: string): AgreementEvent[] => [
  { type: 'AgreementDrafted', data: { agreementId: LUCCA_AGREEMENT_ID, at, by: PROVINCIA, version: 1, terms } },
  { type: 'AgreementActivated', data: { agreementId: LUCCA_AGREEMENT_ID, at, by: PROVINCIA, version: 1 } },
];
export const agreementAmended = (version: number, terms: AgreementTerms, at: string): AgreementEvent[] => [
  { type: 'AgreementAmended', data: { agreementId: LUCCA_AGREEMENT_ID, at, by: PROVINCIA, version, terms } },
];

/** One referral's events, written with the instants the test chooses. */
export class ReferralScript {
  readonly referralId = randomUUID();
  private readonly events: ReferralEvent[] = [];

  constructor(private readonly store: EventStore) {}

  submitted(at: string, options: { version?: number; urgency?: Urgency; minor?: boolean; routedTo?: string } = {}): this {
    const subject: SubjectProfile = { ref: `subject-${this.referralId}`, minor: options.minor ?? false, gender: 'female', nationalityCategory: 'non-eu' };
    const base = { referralId: this.referralId, at, by: QUESTURA };
    this.events.push(
      {
        type: 'ReferralSubmitted',
        data: {
          ...base,
          agreementId: LUCCA_AGREEMENT_ID,
          agreementVersion: options.version ?? 1,
          referrerAgencyId: QUESTURA.agencyId,
          subject,
          exploitationTypes: ['sexual'],
          indicators: ['deception'],
          urgency: options.urgency ?? 'ordinary',
          consent: { dataSharing: true },
          municipality: 'Capannori',
          province: 'LU',
        },
      },
      { type: 'ReferralRouted', data: { ...base, toAgencyId: options.routedTo ?? CEIS.agencyId, ruleId: 'province-of-lucca', cause: 'submission' } },
    );
    return this;
  }

  acknowledged(at: string, by: By = CEIS): this {
    this.events.push({ type: 'ReferralAcknowledged', data: { referralId: this.referralId, at, by, agencyId: by.agencyId } });
    return this;
  }

  assessed(at: string, by: By = CEIS): this {
    this.events.push({ type: 'ReferralAssessed', data: { referralId: this.referralId, at, by, indicatorsConfirmed: true, notesRef: null } });
    return this;
  }

  transferred(at: string, from: string, to: string, by: By = PROVINCIA): this {
    this.events.push({ type: 'ReferralTransferred', data: { referralId: this.referralId, at, by, fromAgencyId: from, toAgencyId: to, reason: 'specialised-service' } });
    return this;
  }

  cancelled(at: string, by: By = QUESTURA): this {
    this.events.push({ type: 'ReferralCancelled', data: { referralId: this.referralId, at, by } });
    return this;
  }

  /** Appends what was scripted since the last call. */
  async append(): Promise<this> {
    const pending = this.events.splice(0);
    await this.store.appendToStream(`referral-${this.referralId}`, pending.map((e) => newEvent(storedReferralEvent(e), e.data.by, e.data.at)), 'any');
    return this;
  }
}
