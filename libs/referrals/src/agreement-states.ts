import type { AgreementEvent, AgreementState } from '@app/domain';
import type { EventStore } from '@app/event-store';
import { FoldedStreams } from './event-sourcing/folded-streams';
import { AGREEMENT_MODEL, agreementStream } from './streams';

/**
 * The agreements as this process last folded them, brought up to date on every load (see
 * FoldedStreams). Agreements are few, and every referral command and read needs one.
 */
export class AgreementStates {
  private readonly streams: FoldedStreams<AgreementEvent, AgreementState>;

  constructor(store: EventStore) {
    this.streams = new FoldedStreams(store, AGREEMENT_MODEL);
  }

  load(agreementId: string): Promise<{ state: AgreementState; version: number }> {
    return this.streams.load(agreementStream(agreementId));
  }
}
