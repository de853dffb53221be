import { AgreementNotInForce } from '../agreement/agreement.errors';
import { InconsistentContext, NotPermitted, ValidationFailed } from '../shared/domain-error';
import {
  ACKNOWLEDGED,
  AT,
  AUDITOR,
  as,
  CEIS,
  cmd,
  evt,
  gatekeeper,
  HOTLINE,
  liaison,
  lucca,
  LUCCA_V1,
  placement,
  QUESTURA,
  referral,
  ROUTED,
  routed,
  submitReferral,
  SUBJECT,
  submitted,
  version,
} from '../testing/referral.fixtures';
import { IllegalReferralTransition, ReferralNotFound } from './referral.errors';

const submittedNow = (changes: Parameters<typeof submitted>[0] = {}, by = QUESTURA) => submitted({ ...changes, at: AT }, by);
const routedNow = (toAgencyId = 'ceis-lucca', ruleId: string | null = 'province-of-lucca', by = QUESTURA) => routed(toAgencyId, ruleId, by, 'submission', AT);

describe('SubmitReferral', () => {
  it('records the referral under the current agreement version and routes it by the first matching rule', () => {
    referral.given([]).when(submitReferral(), as(QUESTURA)).then([submittedNow(), routedNow()]);
  });

  it('keeps only the reference and non-identifying attributes of the subject', () => {
    const subject = { ...SUBJECT, firstName: 'Joy', lastName: 'Doe' } as typeof SUBJECT;
    referral.given([]).when(submitReferral({ subject }), as(QUESTURA)).then([submittedNow(), routedNow()]);
  });

  it('names the municipality as the agreement spells it and finds its province', () => {
    referral
      .given([])
      .when(submitReferral({ municipality: '  castelnuovo DI garfagnana ', urgency: 'urgent' }), as(QUESTURA))
      .then([submittedNow({ municipality: 'Castelnuovo di Garfagnana', urgency: 'urgent' }), routedNow()]);
  });

  it('sends a referral from outside the territory, or from nowhere in particular, to the fallback party', () => {
    referral
      .given([])
      .when(submitReferral({ municipality: 'Firenze' }), as(QUESTURA))
      .then([submittedNow({ municipality: 'Firenze', province: null }), routedNow('numero-verde-toscana', null)]);
    referral
      .given([])
      .when(submitReferral({ municipality: undefined }), as(QUESTURA))
      .then([submittedNow({ municipality: null, province: null }), routedNow('numero-verde-toscana', null)]);
  });

  it('accepts indicators the agreement adds to the base catalogue', () => {
    const terms = lucca({ indicators: [{ code: 'caporalato', label: 'Recruited by a gangmaster', source: 'agreement', exploitationTypes: ['labour'] }] });
    referral
      .given([])
      .when(submitReferral({ exploitationTypes: ['labour'], indicators: ['caporalato'] }), as(QUESTURA, version(terms)))
      .then([submittedNow({ exploitationTypes: ['labour'], indicators: ['caporalato'] }), routedNow()]);
  });

  it('is refused once submitted', () => {
    referral.given(ROUTED).when(submitReferral(), as(QUESTURA)).thenThrows(IllegalReferralTransition, 'already-submitted');
  });

  it.each(['drafted', 'suspended', 'terminated'] as const)('is refused while the agreement is %s', (status) => {
    referral.given([]).when(submitReferral(), as(QUESTURA, version(lucca(), 1, status))).thenThrows(AgreementNotInForce, 'agreement-not-active');
  });

  it('is refused outside the agreement validity, whose end is exclusive', () => {
    const before = version(lucca({ validity: { from: '2026-03-02T10:00:00.001Z' } }));
    const after = version(lucca({ validity: { from: '2007-01-01T00:00:00Z', until: AT } }));
    referral.given([]).when(submitReferral(), as(QUESTURA, before)).thenThrows(AgreementNotInForce, 'outside-validity');
    referral.given([]).when(submitReferral(), as(QUESTURA, after)).thenThrows(AgreementNotInForce, 'outside-validity');
  });

  it('is for a LIAISON of a referring party only', () => {
    const notReferring = version(lucca({ parties: LUCCA_V1.terms.parties.map((p) => (p.agencyId === 'questura-lucca' ? { ...p, roles: ['police'] } : p)) }));
    referral.given([]).when(submitReferral(), as(QUESTURA, notReferring)).thenThrows(NotPermitted, 'requires-referring-party');
    referral.given([]).when(submitReferral(), as(liaison('questura-firenze'))).thenThrows(NotPermitted, 'requires-referring-party');
    referral.given([]).when(submitReferral(), as(gatekeeper('questura-lucca'))).thenThrows(NotPermitted, 'requires-referring-party');
    referral.given([]).when(submitReferral(), as(AUDITOR)).thenThrows(NotPermitted, 'requires-referring-party');
  });

  it.each([
    ['an unknown indicator', { indicators: ['bad-vibes'] }],
    ['an indicator named twice', { indicators: ['deception', 'deception'] }],
    ['no exploitation type', { exploitationTypes: [] }],
    ['an unknown exploitation type', { exploitationTypes: ['organ-removal'] }],
    ['an unknown urgency', { urgency: 'soon' }],
    ['an unknown gender', { subject: { ...SUBJECT, gender: 'unknown' } }],
    ['no subject reference', { subject: { ...SUBJECT, ref: '' } }],
    ['no referral id', { referralId: ' ' }],
  ])('is invalid with %s', (_case, changes) => {
    referral.given([]).when(submitReferral(changes as never), as(QUESTURA)).thenThrows(ValidationFailed, 'invalid-referral');
  });

  it('is invalid without an instant of when it happened', () => {
    referral.given([]).when({ ...submitReferral(), data: { ...submitReferral().data, at: '2026-03-02 10:00' } }, as(QUESTURA)).thenThrows(ValidationFailed, 'invalid-instant');
  });

  it("from a territorial commission, needs the applicant's consent", () => {
    const commission = { agencyId: 'commissione-firenze', name: 'Commissione territoriale di Firenze', kind: 'COMMISSIONE_TERRITORIALE' as const, roles: ['referrer' as const] };
    const terms = version(lucca({}, [commission]));
    const by = liaison('commissione-firenze');
    referral.given([]).when(submitReferral({ consent: { dataSharing: false } }), as(by, terms)).thenThrows(ValidationFailed, 'invalid-referral');
    referral
      .given([])
      .when(submitReferral(), as(by, terms))
      .then([submittedNow({}, by), routedNow('ceis-lucca', 'province-of-lucca', by)]);
  });

  it('refuses an agreement other than the one it names', () => {
    referral.given([]).when(submitReferral({ agreementId: 'another' }), as(QUESTURA)).thenThrows(InconsistentContext);
  });
});

describe('AcknowledgeReferral', () => {
  it('is the current recipient taking the referral in hand', () => {
    referral.given(ROUTED).when(cmd('AcknowledgeReferral'), as(CEIS)).then([evt('ReferralAcknowledged', CEIS, { agencyId: 'ceis-lucca' }, AT)]);
  });

  it('is refused when already acknowledged, or returned to the referrer', () => {
    referral.given(ACKNOWLEDGED).when(cmd('AcknowledgeReferral'), as(CEIS)).thenThrows(IllegalReferralTransition, 'already-acknowledged');
    const returned = [...ACKNOWLEDGED, placement.requested(), placement.declined('no-capacity'), evt('ReferralReturnedToReferrer', CEIS, { referrerAgencyId: 'questura-lucca' })];
    referral.given(returned).when(cmd('AcknowledgeReferral'), as(CEIS)).thenThrows(IllegalReferralTransition, 'returned-to-referrer');
  });

  it('is for a GATEKEEPER of the current recipient only', () => {
    referral.given(ROUTED).when(cmd('AcknowledgeReferral'), as(HOTLINE)).thenThrows(NotPermitted, 'requires-recipient');
    referral.given(ROUTED).when(cmd('AcknowledgeReferral'), as(liaison('ceis-lucca'))).thenThrows(NotPermitted, 'requires-recipient');
    referral.given(ROUTED).when(cmd('AcknowledgeReferral'), as(QUESTURA)).thenThrows(NotPermitted, 'requires-recipient');
  });

  it('needs a referral', () => {
    referral.given([]).when(cmd('AcknowledgeReferral'), as(CEIS)).thenThrows(ReferralNotFound);
  });
});

describe('AssessReferral', () => {
  it('records whether the identification interview confirmed the indicators, with notes kept encrypted', () => {
    referral
      .given(ACKNOWLEDGED)
      .when(cmd('AssessReferral', { indicatorsConfirmed: true, notesRef: 'subject-7f3a#notes-1' }), as(CEIS))
      .then([evt('ReferralAssessed', CEIS, { indicatorsConfirmed: true, notesRef: 'subject-7f3a#notes-1' }, AT)]);
    referral
      .given(ACKNOWLEDGED)
      .when(cmd('AssessReferral', { indicatorsConfirmed: false }), as(CEIS))
      .then([evt('ReferralAssessed', CEIS, { indicatorsConfirmed: false, notesRef: null }, AT)]);
  });

  it('is refused before acknowledgement', () => {
    referral.given(ROUTED).when(cmd('AssessReferral', { indicatorsConfirmed: true }), as(CEIS)).thenThrows(IllegalReferralTransition, 'not-acknowledged');
  });

  it('is for the current recipient only', () => {
    referral.given(ACKNOWLEDGED).when(cmd('AssessReferral', { indicatorsConfirmed: true }), as(QUESTURA)).thenThrows(NotPermitted, 'requires-recipient');
  });

  it('is invalid without a yes or no, or with an empty notes reference', () => {
    referral.given(ACKNOWLEDGED).when(cmd('AssessReferral', { indicatorsConfirmed: 'maybe' as never }), as(CEIS)).thenThrows(ValidationFailed, 'invalid-assessment');
    referral.given(ACKNOWLEDGED).when(cmd('AssessReferral', { indicatorsConfirmed: true, notesRef: '' }), as(CEIS)).thenThrows(ValidationFailed, 'invalid-assessment');
  });
});

describe('CancelReferral', () => {
  it('withdraws a referral entered in error, before anyone acknowledged it', () => {
    referral.given(ROUTED).when(cmd('CancelReferral'), as(QUESTURA)).then([evt('ReferralCancelled', QUESTURA, {}, AT)]);
  });

  it('is refused once acknowledged, even after it moved on to another agency', () => {
    referral.given(ACKNOWLEDGED).when(cmd('CancelReferral'), as(QUESTURA)).thenThrows(IllegalReferralTransition, 'already-acknowledged');
    const rerouted = [...ACKNOWLEDGED, placement.requested(), placement.declined('no-capacity'), routed('numero-verde-toscana', null, CEIS, 'placement-declined')];
    referral.given(rerouted).when(cmd('CancelReferral'), as(QUESTURA)).thenThrows(IllegalReferralTransition, 'already-acknowledged');
  });

  it('is for the referrer only', () => {
    referral.given(ROUTED).when(cmd('CancelReferral'), as(CEIS)).thenThrows(NotPermitted, 'requires-referrer');
    referral.given(ROUTED).when(cmd('CancelReferral'), as(liaison('comune-capannori'))).thenThrows(NotPermitted, 'requires-referrer');
  });
});
