import { AgreementNotInForce } from '../agreement/agreement.errors';
import { locate, route, RoutingFacts } from '../agreement/agreement.routing';
import { AgreementVersion } from '../agreement/agreement.state';
import { AgreementTerms, partiesWithRole, partyOf } from '../agreement/agreement.terms';
import { indicatorCatalogue, unknownIndicators } from '../catalogue/indicators';
import { EXPLOITATION_TYPES, GENDERS, NATIONALITY_CATEGORIES, URGENCIES } from '../catalogue/vocabulary';
import { Actor, By, byActor } from '../shared/actor';
import { Decider } from '../shared/decider';
import { InconsistentContext, isNonEmptyText, isOneOf, NotPermitted, Problems, ValidationFailed } from '../shared/domain-error';
import { instantMillis, normaliseInstant } from '../shared/instant';
import {
  DecidePlacement,
  ReferralCommand,
  ReferralCommandType,
  RequestPlacement,
  SubmitReferral,
  TransferReferral,
} from './referral.commands';
import { IllegalReferralTransition, ReferralNotFound } from './referral.errors';
import { ReferralEvent } from './referral.events';
import { capacitiesOf, REFERRAL_PERMISSIONS } from './referral.permissions';
import { evolveReferral, hasOpenPlacement, initialReferralState, isEnded, Referral, ReferralState } from './referral.state';
import { CLOSURE_OUTCOMES, PLACEMENT_DECISIONS, PLACEMENT_DECLINE_REASONS, PROGRAMME_TYPES, TRANSFER_REASONS } from './referral.vocabulary';

/**
 * `agreement` is the version the referral was submitted under (for SubmitReferral: the current one).
 * The caller loads it; the decider refuses any other, because a referral is judged by its own version.
 */
export interface ReferralContext {
  actor: Actor;
  agreement: AgreementVersion;
}

/**
 * Checks run in this order: the referral exists, the transition is legal in its state
 * (IllegalReferralTransition), the actor may make it (NotPermitted, see REFERRAL_PERMISSIONS), the input
 * is valid (ValidationFailed). Legality comes before permission because permissions are defined
 * relative to the state an action is legal in ("the shelter of the requested placement"); transports
 * hide referrals from agencies that are not party to them before the decider is reached.
 */
export function decideReferral(command: ReferralCommand, state: ReferralState, context: ReferralContext): ReferralEvent[] {
  const at = normaliseInstant(command.data.at);
  if (command.type === 'SubmitReferral') return submit(command, state, context, at);
  if (state.stage === 'none') throw new ReferralNotFound();
  const { actor, agreement } = context;
  if (agreement.agreementId !== state.agreementId || agreement.version !== state.agreementVersion) {
    throw new InconsistentContext(
      'agreement-version-mismatch',
      `Referral ${state.referralId} is judged by ${state.agreementId} v${state.agreementVersion}, not ${agreement.agreementId} v${agreement.version}`,
    );
  }
  const referral = state;
  const terms = agreement.terms;
  const base = { referralId: referral.referralId, at, by: byActor(actor) };
  const stage = referral.onHold ? `${referral.stage}, on hold` : referral.stage;
  const allow = (legal: boolean, reason: string) => {
    if (!legal) throw new IllegalReferralTransition(command.type, stage, reason);
  };
  const permit = () => assertPermitted(command.type, actor, referral, terms);
  const acknowledged = () => allow(referral.stage === 'acknowledged', 'not-acknowledged');
  const notOnHold = () => allow(!referral.onHold, 'on-hold');
  const noOpenPlacement = () => allow(!hasOpenPlacement(referral), 'placement-open');

  // Erasure is the one thing still possible on a finished case: the right to erasure outlives it.
  if (command.type !== 'EraseSubjectData') allow(!isEnded(referral), `referral-${referral.stage}`);

  switch (command.type) {
    case 'AcknowledgeReferral':
      allow(referral.stage === 'routed', referral.stage === 'returned' ? 'returned-to-referrer' : 'already-acknowledged');
      permit();
      return [{ type: 'ReferralAcknowledged', data: { ...base, agencyId: actor.agencyId } }];

    case 'AssessReferral': {
      acknowledged();
      notOnHold();
      permit();
      const { indicatorsConfirmed, notesRef } = command.data;
      new Problems()
        .check(typeof indicatorsConfirmed === 'boolean', 'indicatorsConfirmed must be true or false')
        .check(notesRef == null || isNonEmptyText(notesRef), 'notesRef, when given, must be a reference')
        .throwIfAny('invalid-assessment', 'Invalid assessment');
      return [{ type: 'ReferralAssessed', data: { ...base, indicatorsConfirmed, notesRef: notesRef ?? null } }];
    }

    case 'RequestPlacement': {
      acknowledged();
      notOnHold();
      noOpenPlacement();
      permit();
      const shelterAgencyId = shelterFor(command, referral, terms);
      return [{ type: 'PlacementRequested', data: { ...base, placementNo: (referral.placement?.no ?? 0) + 1, shelterAgencyId } }];
    }

    case 'DecidePlacement':
      allow(referral.placement?.status === 'requested', 'no-placement-requested');
      notOnHold();
      permit();
      return decidePlacement(command, referral, terms, base);

    case 'StartPlacement':
    case 'EndPlacement': {
      const starting = command.type === 'StartPlacement';
      if (starting) allow(referral.placement?.status === 'accepted', 'placement-not-accepted');
      else allow(referral.placement?.status === 'started', 'placement-not-started');
      // A person may leave a shelter while the case is on hold; nobody can be placed while it is.
      if (starting) notOnHold();
      permit();
      const { no: placementNo, shelterAgencyId } = referral.placement!;
      return [{ type: starting ? 'PlacementStarted' : 'PlacementEnded', data: { ...base, placementNo, shelterAgencyId } }];
    }

    case 'EnrolInProgramme': {
      acknowledged();
      notOnHold();
      allow(referral.indicatorsConfirmed !== null, 'not-assessed');
      allow(referral.indicatorsConfirmed === true, 'indicators-not-confirmed');
      allow(!referral.programmes.includes(command.data.programme), 'already-enrolled');
      permit();
      if (!isOneOf(PROGRAMME_TYPES, command.data.programme)) {
        throw new ValidationFailed('invalid-programme', `Programme must be one of ${PROGRAMME_TYPES.join(', ')}`);
      }
      return [{ type: 'ProgrammeEnrolled', data: { ...base, programme: command.data.programme } }];
    }

    case 'TransferReferral':
      notOnHold();
      noOpenPlacement();
      permit();
      validateTransfer(command, referral, terms);
      return [
        {
          type: 'ReferralTransferred',
          data: { ...base, fromAgencyId: referral.recipientAgencyId, toAgencyId: command.data.toAgencyId, reason: command.data.reason },
        },
      ];

    case 'RecordConsent':
      permit();
      return [{ type: 'ConsentRecorded', data: base }];

    case 'WithdrawConsent':
      allow(referral.consent.dataSharing, 'no-consent-to-withdraw');
      permit();
      return [{ type: 'ConsentWithdrawn', data: base }];

    case 'PutReferralOnHold':
      acknowledged();
      allow(!referral.onHold, 'already-on-hold');
      permit();
      return [{ type: 'ReferralPutOnHold', data: base }];

    case 'ResumeReferral':
      allow(referral.onHold, 'not-on-hold');
      permit();
      return [{ type: 'ReferralResumed', data: base }];

    case 'CloseReferral':
      noOpenPlacement();
      permit();
      if (!isOneOf(CLOSURE_OUTCOMES, command.data.outcome)) {
        throw new ValidationFailed('invalid-outcome', `Outcome must be one of ${CLOSURE_OUTCOMES.join(', ')}`);
      }
      return [{ type: 'ReferralClosed', data: { ...base, outcome: command.data.outcome } }];

    case 'CancelReferral':
      // "Entered in error" stops being true once any agency has taken the referral in hand.
      allow(!referral.everAcknowledged, 'already-acknowledged');
      permit();
      return [{ type: 'ReferralCancelled', data: base }];

    case 'EraseSubjectData':
      allow(!referral.subject.erased, 'already-erased');
      permit();
      return [{ type: 'SubjectDataErased', data: { ...base, subjectRef: referral.subject.ref } }];
  }
}

function submit(command: SubmitReferral, state: ReferralState, { actor, agreement }: ReferralContext, at: string): ReferralEvent[] {
  const { data } = command;
  if (state.stage !== 'none') throw new IllegalReferralTransition(command.type, state.stage, 'already-submitted');
  if (data.agreementId !== agreement.agreementId) {
    throw new InconsistentContext('agreement-mismatch', `Submitted under ${data.agreementId} but given ${agreement.agreementId}`);
  }
  const { terms } = agreement;
  if (agreement.status !== 'active') throw new AgreementNotInForce(agreement.agreementId, 'agreement-not-active');
  const time = instantMillis(at);
  const { from, until } = terms.validity;
  if (time < instantMillis(from) || (until !== undefined && time >= instantMillis(until))) {
    throw new AgreementNotInForce(agreement.agreementId, 'outside-validity');
  }
  assertPermitted(command.type, actor, null, terms);
  validateSubmission(command, actor, terms);

  const place = locate(terms.territory, data.municipality);
  const facts: RoutingFacts = { ...place, exploitationTypes: data.exploitationTypes, minor: data.subject.minor, urgency: data.urgency };
  // The fallback is always a candidate, so the first routing of a referral always finds a recipient.
  const choice = route(terms, facts)!;
  const base = { referralId: data.referralId, at, by: byActor(actor) };
  return [
    {
      type: 'ReferralSubmitted',
      data: {
        ...base,
        agreementId: agreement.agreementId,
        agreementVersion: agreement.version,
        referrerAgencyId: actor.agencyId,
        subject: {
          ref: data.subject.ref,
          minor: data.subject.minor,
          gender: data.subject.gender,
          nationalityCategory: data.subject.nationalityCategory,
        },
        exploitationTypes: [...data.exploitationTypes],
        indicators: [...data.indicators],
        urgency: data.urgency,
        consent: { dataSharing: data.consent.dataSharing },
        ...place,
      },
    },
    { type: 'ReferralRouted', data: { ...base, toAgencyId: choice.agencyId, ruleId: choice.ruleId, cause: 'submission' } },
  ];
}

function validateSubmission({ data }: SubmitReferral, actor: Actor, terms: AgreementTerms): void {
  const problems = new Problems()
    .check(isNonEmptyText(data.referralId), 'referralId is empty')
    .check(isNonEmptyText(data.subject?.ref), 'subject.ref is empty')
    .check(typeof data.subject?.minor === 'boolean', 'subject.minor must be true or false')
    .check(isOneOf(GENDERS, data.subject?.gender), `subject.gender must be one of ${GENDERS.join(', ')}`)
    .check(
      isOneOf(NATIONALITY_CATEGORIES, data.subject?.nationalityCategory),
      `subject.nationalityCategory must be one of ${NATIONALITY_CATEGORIES.join(', ')}`,
    )
    .check(Array.isArray(data.exploitationTypes) && data.exploitationTypes.length > 0, 'name at least one exploitation type')
    .check(Array.isArray(data.indicators), 'indicators must be a list')
    .check(isOneOf(URGENCIES, data.urgency), `urgency must be one of ${URGENCIES.join(', ')}`)
    .check(typeof data.consent?.dataSharing === 'boolean', 'consent.dataSharing must be true or false')
    .check(data.municipality == null || typeof data.municipality === 'string', 'municipality must be a name');
  for (const type of data.exploitationTypes ?? []) {
    problems.check(isOneOf(EXPLOITATION_TYPES, type), `unknown exploitation type "${type}"`);
  }
  problems.check(new Set(data.exploitationTypes).size === (data.exploitationTypes ?? []).length, 'an exploitation type is named twice');
  if (Array.isArray(data.indicators)) {
    const unknown = unknownIndicators(data.indicators, indicatorCatalogue(terms.indicators));
    problems.check(unknown.length === 0, `unknown indicators: ${unknown.join(', ')}`);
    problems.check(new Set(data.indicators).size === data.indicators.length, 'an indicator is named twice');
  }
  // Asylum-commission guidelines: the commission refers an applicant only with written consent.
  if (partyOf(terms, actor.agencyId)?.kind === 'COMMISSIONE_TERRITORIALE') {
    problems.check(data.consent?.dataSharing === true, "a territorial commission refers only with the applicant's consent");
  }
  problems.throwIfAny('invalid-referral', 'Invalid referral');
}

function decidePlacement(
  command: DecidePlacement,
  referral: Referral,
  terms: AgreementTerms,
  base: { referralId: string; at: string; by: By },
): ReferralEvent[] {
  const { decision, reason } = command.data;
  const { no: placementNo, shelterAgencyId } = referral.placement!;
  if (!isOneOf(PLACEMENT_DECISIONS, decision)) throw new ValidationFailed('invalid-decision', 'Decision must be accepted or declined');
  if (decision === 'accepted') {
    if (reason != null) throw new ValidationFailed('reason-not-applicable', 'Only a decline takes a reason');
    return [{ type: 'PlacementAccepted', data: { ...base, placementNo, shelterAgencyId } }];
  }
  if (!isOneOf(PLACEMENT_DECLINE_REASONS, reason)) {
    throw new ValidationFailed('decline-reason-required', `A decline needs a reason: ${PLACEMENT_DECLINE_REASONS.join(', ')}`);
  }
  const declined: ReferralEvent = { type: 'PlacementDeclined', data: { ...base, placementNo, shelterAgencyId, reason } };
  // Only the recipient declining its own place declines the referral. Another shelter's "no" leaves the
  // case with its recipient, and a person's own "no" is not the agency's to pass on.
  if (shelterAgencyId !== referral.recipientAgencyId || reason === 'person-declined') return [declined];
  const next = route(terms, factsOf(referral), referral.triedAgencyIds);
  return [
    declined,
    next
      ? { type: 'ReferralRouted', data: { ...base, toAgencyId: next.agencyId, ruleId: next.ruleId, cause: 'placement-declined' } }
      : { type: 'ReferralReturnedToReferrer', data: { ...base, referrerAgencyId: referral.referrerAgencyId } },
  ];
}

function shelterFor(command: RequestPlacement, referral: Referral, terms: AgreementTerms): string {
  const shelters = partiesWithRole(terms, 'shelter').map((party) => party.agencyId);
  const named = command.data.shelterAgencyId;
  if (named != null) {
    if (!shelters.includes(named)) throw new ValidationFailed('not-a-shelter-party', `${named} runs no shelter under this agreement`);
    return named;
  }
  const recipient = referral.recipientAgencyId;
  if (recipient !== null && shelters.includes(recipient)) return recipient;
  if (shelters.length === 1) return shelters[0];
  throw new ValidationFailed('shelter-required', `Name the shelter: one of ${shelters.join(', ') || '(none in this agreement)'}`);
}

function validateTransfer({ data }: TransferReferral, referral: Referral, terms: AgreementTerms): void {
  // Leaving the agreement's territory is a closure ('transferred-out') and a new referral elsewhere.
  if (!partyOf(terms, data.toAgencyId)?.roles.includes('receiving-body')) {
    throw new ValidationFailed('not-a-receiving-party', `${data.toAgencyId} is not a receiving body of this agreement`);
  }
  if (data.toAgencyId === referral.recipientAgencyId) {
    throw new ValidationFailed('already-recipient', `${data.toAgencyId} already holds it`);
  }
  if (!isOneOf(TRANSFER_REASONS, data.reason)) {
    throw new ValidationFailed('invalid-transfer-reason', `Reason must be one of ${TRANSFER_REASONS.join(', ')}`);
  }
}

function assertPermitted(command: ReferralCommandType, actor: Actor, referral: Referral | null, terms: AgreementTerms): void {
  const needed = REFERRAL_PERMISSIONS[command];
  const held = capacitiesOf(actor, referral, terms);
  if (!needed.some((capacity) => held.has(capacity))) {
    throw new NotPermitted(`requires-${needed.join('-or-')}`, `${command} needs to be done as ${needed.join(' or ')}`, { command });
  }
}

const factsOf = (referral: Referral): RoutingFacts => ({
  municipality: referral.municipality,
  province: referral.province,
  exploitationTypes: referral.exploitationTypes,
  minor: referral.subject.minor,
  urgency: referral.urgency,
});

export const referralDecider: Decider<ReferralCommand, ReferralEvent, ReferralState, ReferralContext> = {
  initialState: initialReferralState,
  evolve: evolveReferral,
  decide: decideReferral,
};
