import { AgreementVersion } from '../agreement/agreement.state';
import { AgreementTerms, Party } from '../agreement/agreement.terms';
import { LUCCA_AGREEMENT_ID, LUCCA_PROTOCOL_TERMS } from '../demo/lucca-protocol';
import { ReferralCommand, ReferralCommandType } from '../referral/referral.commands';
import { ReferralContext, referralDecider } from '../referral/referral.decider';
import { ReferralEvent, ReferralEventType, SubjectProfile } from '../referral/referral.events';
import { Actor, byActor, UserRole } from '../shared/actor';
import { spec } from './decider-spec';

/** Given events happened at EARLIER; commands under test happen AT. */
export const EARLIER = '2026-03-02T09:00:00.000Z';
export const AT = '2026-03-02T10:00:00.000Z';
export const REFERRAL_ID = 'referral-1';

const actor = (agencyId: string, ...roles: UserRole[]): Actor => ({ userId: `${agencyId}/${roles.join('+').toLowerCase()}`, agencyId, roles });
export const liaison = (agencyId: string) => actor(agencyId, 'LIAISON');
export const gatekeeper = (agencyId: string) => actor(agencyId, 'GATEKEEPER');
export const coordinator = (agencyId: string) => actor(agencyId, 'COORDINATOR');
export const QUESTURA = liaison('questura-lucca');
export const CEIS = gatekeeper('ceis-lucca');
export const HOTLINE = gatekeeper('numero-verde-toscana');
export const PROVINCIA = coordinator('provincia-lucca');
export const ADMIN = actor('platform', 'ADMIN');
export const AUDITOR = actor('regione-toscana', 'AUDITOR');

export const version = (terms: AgreementTerms, n = 1, status: AgreementVersion['status'] = 'active'): AgreementVersion => ({
  agreementId: LUCCA_AGREEMENT_ID,
  version: n,
  status,
  terms,
});
export const LUCCA_V1 = version(LUCCA_PROTOCOL_TERMS);

/** Terms derived from the demo protocol for one test's purpose. */
export const lucca = (changes: Partial<AgreementTerms> = {}, extraParties: Party[] = []): AgreementTerms => ({
  ...LUCCA_PROTOCOL_TERMS,
  ...changes,
  parties: [...(changes.parties ?? LUCCA_PROTOCOL_TERMS.parties), ...extraParties],
});

/** A second shelter, invented for tests that need two. */
export const CASA_VERSILIA: Party = { agencyId: 'casa-versilia', name: 'Casa Versilia (test)', kind: 'NGO', roles: ['receiving-body', 'shelter'] };
export const CASA = gatekeeper('casa-versilia');

export const as = (who: Actor, agreement: AgreementVersion = LUCCA_V1): ReferralContext => ({ actor: who, agreement });
export const referral = spec(referralDecider);

export const SUBJECT: SubjectProfile = { ref: 'subject-7f3a', minor: false, gender: 'female', nationalityCategory: 'non-eu' };

type EventOf<T extends ReferralEventType> = Extract<ReferralEvent, { type: T }>;
type CommandOf<T extends ReferralCommandType> = Extract<ReferralCommand, { type: T }>;

export function evt<T extends ReferralEventType>(
  type: T,
  by: Actor,
  data: Omit<EventOf<T>['data'], 'referralId' | 'at' | 'by'>,
  at = EARLIER,
): EventOf<T> {
  return { type, data: { referralId: REFERRAL_ID, at, by: byActor(by), ...data } } as unknown as EventOf<T>;
}

export function cmd<T extends ReferralCommandType>(type: T, data = {} as Omit<CommandOf<T>['data'], 'at'>, at = AT): CommandOf<T> {
  return { type, data: { ...data, at } } as unknown as CommandOf<T>;
}

export const submitReferral = (changes: Partial<CommandOf<'SubmitReferral'>['data']> = {}) =>
  cmd('SubmitReferral', {
    referralId: REFERRAL_ID,
    agreementId: LUCCA_AGREEMENT_ID,
    subject: SUBJECT,
    exploitationTypes: ['sexual'],
    indicators: ['deception', 'debt-bondage'],
    urgency: 'ordinary',
    consent: { dataSharing: true },
    municipality: 'Capannori',
    ...changes,
  });

export const submitted = (changes: Partial<EventOf<'ReferralSubmitted'>['data']> = {}, by = QUESTURA) =>
  evt('ReferralSubmitted', by, {
    agreementId: LUCCA_AGREEMENT_ID,
    agreementVersion: 1,
    referrerAgencyId: by.agencyId,
    subject: SUBJECT,
    exploitationTypes: ['sexual'],
    indicators: ['deception', 'debt-bondage'],
    urgency: 'ordinary',
    consent: { dataSharing: true },
    municipality: 'Capannori',
    province: 'LU',
    ...changes,
  });

export const routed = (
  toAgencyId = 'ceis-lucca',
  ruleId: string | null = 'province-of-lucca',
  by = QUESTURA,
  cause: 'submission' | 'placement-declined' = 'submission',
  at = EARLIER,
) => evt('ReferralRouted', by, { toAgencyId, ruleId, cause }, at);
export const acknowledged = (by = CEIS) => evt('ReferralAcknowledged', by, { agencyId: by.agencyId });
export const assessed = (indicatorsConfirmed: boolean, by = CEIS) => evt('ReferralAssessed', by, { indicatorsConfirmed, notesRef: null });
export const placement = {
  requested: (no = 1, shelterAgencyId = 'ceis-lucca', by: Actor = CEIS) => evt('PlacementRequested', by, { placementNo: no, shelterAgencyId }),
  accepted: (no = 1, by = CEIS) => evt('PlacementAccepted', by, { placementNo: no, shelterAgencyId: by.agencyId }),
  declined: (reason: EventOf<'PlacementDeclined'>['data']['reason'], no = 1, by = CEIS) =>
    evt('PlacementDeclined', by, { placementNo: no, shelterAgencyId: by.agencyId, reason }),
  started: (no = 1, by = CEIS) => evt('PlacementStarted', by, { placementNo: no, shelterAgencyId: by.agencyId }),
  ended: (no = 1, by = CEIS) => evt('PlacementEnded', by, { placementNo: no, shelterAgencyId: by.agencyId }),
};
export const onHold = (by = CEIS) => evt('ReferralPutOnHold', by, {});

/** Histories the specs start from, named after where they leave the referral. */
export const ROUTED = [submitted(), routed()];
export const ACKNOWLEDGED = [...ROUTED, acknowledged()];
export const CONFIRMED = [...ACKNOWLEDGED, assessed(true)];
export const NOT_CONFIRMED = [...ACKNOWLEDGED, assessed(false)];
export const PLACEMENT_REQUESTED = [...CONFIRMED, placement.requested()];
export const PLACEMENT_ACCEPTED = [...PLACEMENT_REQUESTED, placement.accepted()];
export const PLACEMENT_STARTED = [...PLACEMENT_ACCEPTED, placement.started()];
