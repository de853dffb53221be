import { evolveReferral, initialReferralState, Referral, ReferralState, upcastReferralEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';

/**
 * The referral as the platform knew it at `atMillis`: the longest prefix of its stream whose events
 * were all recorded at or before that instant, folded with the same `evolve` the write side uses.
 * Recorded-at, not occurred-at: an event recorded late was not known at the instant it says it
 * happened, and a replay must show what the platform showed then. Instants compare to the
 * millisecond. `version` counts the events folded, as `GET /referrals/:id` does; null when no event
 * had been recorded yet.
 */
export function referralAt(events: readonly RecordedEvent[], atMillis: number): { referral: Referral; version: number } | null {
  let state: ReferralState = initialReferralState();
  let version = 0;
  for (const event of events) {
    if (event.recordedAt.getTime() > atMillis) break;
    state = evolveReferral(state, upcastReferralEvent(event));
    version++;
  }
  return state.stage === 'none' ? null : { referral: state, version };
}

/** The referral now: every event of its stream. */
export function currentReferral(events: readonly RecordedEvent[]): { state: ReferralState; version: number } {
  const state = events.reduce<ReferralState>((folded, event) => evolveReferral(folded, upcastReferralEvent(event)), initialReferralState());
  return { state, version: events.length };
}
