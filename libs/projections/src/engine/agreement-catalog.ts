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
import { EventStore, GlobalPosition, isAfterCheckpoint } from '@app/event-store';

/**
 * Every agreement, folded from its stream and kept in memory: a handful per territory, and versions
 * are never edited, so a referral's terms never change once known. Projections read it synchronously
 * while they apply a batch: on PGlite a projection's transaction holds the only connection, so
 * nothing may query the store from inside it. `catchUp` runs before each batch; an agreement version
 * is always committed before any referral that names it, so once the batch is visible its terms are.
 */
export class AgreementCatalog {
  private readonly agreements = new Map<string, AgreementState>();
  /** How far the log has been read for agreement events: the last one found, or a bound read up to. */
  private readThrough: GlobalPosition | 'start' = 'start';

  constructor(private readonly store: EventStore) {}

  /**
   * Reads the agreement events it has not read yet: up to `through` when given, which must be the
   * position of an event read from the store (a batch's last), so that every event before it is
   * settled. That part of the log is then never read again. Without the bound each call would read
   * everything after the last agreement event: agreement events are rare, so a projector would walk
   * the whole tail of the log before every batch, a cost that grows with the store.
   */
  async catchUp(through?: GlobalPosition): Promise<void> {
    if (through && !isAfterCheckpoint(through, this.readThrough)) return;
    for (;;) {
      // In global order, each after what was read before and none past the bound.
      const events = await this.store.readAll({ after: this.readThrough, until: through, maxCount: 1000, filter: { eventTypes: AGREEMENT_EVENT_TYPES } });
      for (const recorded of events) {
        const event = upcastAgreementEvent(recorded);
        const id = event.data.agreementId;
        this.agreements.set(id, evolveAgreement(this.agreements.get(id) ?? initialAgreementState(), event));
      }
      if (events.length > 0) this.readThrough = events[events.length - 1].position;
      if (events.length < 1000) break;
    }
    if (through) this.readThrough = through;
  }

  /** The given version (the current one when omitted); throws AgreementNotFound when unknown. */
  version(agreementId: string, version?: number): AgreementVersion {
    return agreementVersion(this.agreements.get(agreementId) ?? initialAgreementState(), version);
  }

  all(): Agreement[] {
    return [...this.agreements.values()].filter((state): state is Agreement => state.status !== 'none');
  }
}
