import { randomUUID } from 'node:crypto';
import {
  AgreementEvent,
  LUCCA_AGREEMENT_ID,
  LUCCA_PROTOCOL_TERMS,
  ReferralEvent,
  storedAgreementEvent,
  storedReferralEvent,
} from '@app/domain';
import type { EventStore, NewEvent } from '@app/event-store';

const BY_PROVINCIA = { userId: 'u-provincia', agencyId: 'provincia-lucca' };
const BY_QUESTURA = { userId: 'u-questura', agencyId: 'questura-lucca' };
const BY_CEIS = { userId: 'u-ceis', agencyId: 'ceis-lucca' };
const BY_HOTLINE = { userId: 'u-hotline', agencyId: 'numero-verde-toscana' };

function toNew(stored: { type: string; schemaVersion: number; data: unknown }, by: { userId: string; agencyId: string }, at: string): NewEvent {
  return {
    id: randomUUID(),
    ...stored,
    metadata: { correlationId: randomUUID(), causationId: null, actorUserId: by.userId, actorAgencyId: by.agencyId, occurredAt: at },
  };
}

/** The demo protocol, drafted and in force. */
export async function appendLuccaAgreement(store: EventStore, at = '2026-11-01T09:00:00.000Z'): Promise<void> {
  const events: AgreementEvent[] = [
    { type: 'AgreementDrafted', data: { agreementId: LUCCA_AGREEMENT_ID, at, by: BY_PROVINCIA, version: 1, terms: LUCCA_PROTOCOL_TERMS } },
    { type: 'AgreementActivated', data: { agreementId: LUCCA_AGREEMENT_ID, at, by: BY_PROVINCIA, version: 1 } },
  ];
  await store.appendToStream(`agreement-${LUCCA_AGREEMENT_ID}`, events.map((e) => toNew(storedAgreementEvent(e), BY_PROVINCIA, at)), 'no_stream');
}

/**
 * The steps of one referral's life, chosen by `variant` so a run covers every stage: routed,
 * acknowledged, transferred, returned to its referrer, placed in a shelter, on hold, closed, cancelled.
 */
export function referralLife(referralId: string, variant: number, start = Date.parse('2026-11-24T09:00:00.000Z')): { events: ReferralEvent[]; by: typeof BY_CEIS[] } {
  let minute = 0;
  const at = () => new Date(start + minute++ * 60_000).toISOString();
  const base = (by: typeof BY_CEIS) => ({ referralId, at: at(), by });
  const events: ReferralEvent[] = [];
  const by: (typeof BY_CEIS)[] = [];
  const push = (event: ReferralEvent, who: typeof BY_CEIS) => {
    events.push(event);
    by.push(who);
  };
  push(
    {
      type: 'ReferralSubmitted',
      data: {
        ...base(BY_QUESTURA),
        agreementId: LUCCA_AGREEMENT_ID,
        agreementVersion: 1,
        referrerAgencyId: 'questura-lucca',
        subject: { ref: `subject-${referralId}`, minor: variant % 5 === 0, gender: 'female', nationalityCategory: 'non-eu' },
        exploitationTypes: ['sexual'],
        indicators: ['deception'],
        urgency: variant % 2 === 0 ? 'urgent' : 'ordinary',
        consent: { dataSharing: true },
        municipality: 'Viareggio',
        province: 'LU',
      },
    },
    BY_QUESTURA,
  );
  push({ type: 'ReferralRouted', data: { ...base(BY_QUESTURA), toAgencyId: 'ceis-lucca', ruleId: null, cause: 'submission' } }, BY_QUESTURA);
  const kind = variant % 7;
  if (kind === 0) return { events, by };
  if (kind === 1) {
    push({ type: 'ReferralCancelled', data: base(BY_QUESTURA) }, BY_QUESTURA);
    return { events, by };
  }
  push({ type: 'ReferralAcknowledged', data: { ...base(BY_CEIS), agencyId: 'ceis-lucca' } }, BY_CEIS);
  if (kind === 2) return { events, by };
  if (kind === 3) {
    push({ type: 'ReferralTransferred', data: { ...base(BY_CEIS), fromAgencyId: 'ceis-lucca', toAgencyId: 'numero-verde-toscana', reason: 'capacity' } }, BY_CEIS);
    return { events, by };
  }
  if (kind === 4) {
    push({ type: 'ReferralReturnedToReferrer', data: { ...base(BY_CEIS), referrerAgencyId: 'questura-lucca' } }, BY_CEIS);
    return { events, by };
  }
  push({ type: 'PlacementRequested', data: { ...base(BY_CEIS), placementNo: 1, shelterAgencyId: 'ceis-lucca' } }, BY_CEIS);
  if (kind === 5) {
    push({ type: 'ReferralPutOnHold', data: base(BY_CEIS) }, BY_CEIS);
    return { events, by };
  }
  push({ type: 'PlacementAccepted', data: { ...base(BY_CEIS), placementNo: 1, shelterAgencyId: 'ceis-lucca' } }, BY_CEIS);
  push({ type: 'PlacementStarted', data: { ...base(BY_CEIS), placementNo: 1, shelterAgencyId: 'ceis-lucca' } }, BY_CEIS);
  push({ type: 'PlacementEnded', data: { ...base(BY_CEIS), placementNo: 1, shelterAgencyId: 'ceis-lucca' } }, BY_CEIS);
  push({ type: 'ReferralClosed', data: { ...base(BY_CEIS), outcome: 'social-inclusion' } }, BY_CEIS);
  return { events, by };
}

export const HOTLINE_AGENCY = BY_HOTLINE.agencyId;

/**
 * Appends `count` referrals, `perAppend` events at a time per stream and interleaving streams, so the
 * global order mixes referrals as real traffic does. Returns the referral ids.
 */
export async function appendReferralTraffic(store: EventStore, count: number, options: { firstVariant?: number; perAppend?: number } = {}): Promise<string[]> {
  const perAppend = options.perAppend ?? 2;
  const lives = Array.from({ length: count }, (_, i) => {
    const id = randomUUID();
    return { id, ...referralLife(id, (options.firstVariant ?? 0) + i), next: 0 };
  });
  let pending = lives.filter((life) => life.next < life.events.length);
  while (pending.length > 0) {
    await Promise.all(
      pending.map(async (life) => {
        const slice = life.events.slice(life.next, life.next + perAppend);
        const news = slice.map((event, i) => toNew(storedReferralEvent(event), life.by[life.next + i], event.data.at));
        await store.appendToStream(`referral-${life.id}`, news, life.next === 0 ? 'no_stream' : life.next - 1);
        life.next += slice.length;
      }),
    );
    pending = pending.filter((life) => life.next < life.events.length);
  }
  return lives.map((life) => life.id);
}
