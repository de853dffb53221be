import {
  Agreement,
  AGREEMENT_EVENT_TYPES,
  AgreementState,
  AgreementVersion,
  agreementVersion,
  evolveAgreement,
  initialAgreementState,
  upcastAgreementEvent,
} from '@app/domain';
import { comparePositions, EventStore, GlobalPosition } from '@app/event-store';

/**
 * Every agreement, folded from its stream and kept in memory: a handful per territory, and versions
 * are never edited, so a referral's terms never change once known. Projections read it synchronously
 * while they apply a batch: on PGlite a projection's transaction holds the only connection, so
 * nothing may query the store from inside it. `catchUp` runs before each batch; an agreement version
 * is always committed before any referral that names it, so once the batch is visible its terms are.
 */
export class AgreementCatalog {
  private readonly agreements = new Map<string, AgreementState>();
  private position: GlobalPosition | 'start' = 'start';

  constructor(private readonly store: EventStore) {}

  /** Reads the agreement events appended since the last call. */
  async catchUp(): Promise<void> {
    for (;;) {
      const events = await this.store.readAll({ after: this.position, maxCount: 1000, filter: { eventTypes: AGREEMENT_EVENT_TYPES } });
      for (const recorded of events) {
        const event = upcastAgreementEvent(recorded);
        const id = event.data.agreementId;
        this.agreements.set(id, evolveAgreement(this.agreements.get(id) ?? initialAgreementState(), event));
        if (this.position === 'start' || comparePositions(recorded.position, this.position) > 0) this.position = recorded.position;
      }
      if (events.length < 1000) return;
    }
  }

  /** The given version (the current one when omitted); throws AgreementNotFound when unknown. */
  version(agreementId: string, version?: number): AgreementVersion {
    return agreementVersion(this.agreements.get(agreementId) ?? initialAgreementState(), version);
  }

  all(): Agreement[] {
    return [...this.agreements.values()].filter((state): state is Agreement => state.status !== 'none');
  }
}
