import { ReferralEvent, storedReferralEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';

/** Referral events as the store returns them, each recorded at the instant given with it. */
export function recorded(events: readonly [ReferralEvent, string][]): RecordedEvent[] {
  return events.map(([event, recordedAt], revision) => ({
    ...storedReferralEvent(event),
    id: `event-${revision}`,
    streamId: 'referral-referral-1',
    revision,
    position: { commit: BigInt(revision), prepare: BigInt(revision) },
    recordedAt: new Date(recordedAt),
    metadata: { correlationId: `c-${revision}`, causationId: null, actorUserId: event.data.by.userId, actorAgencyId: event.data.by.agencyId, occurredAt: event.data.at },
  }));
}
