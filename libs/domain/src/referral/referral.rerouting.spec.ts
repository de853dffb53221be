import { agreementDecider } from '../agreement/agreement.decider';
import { agreementVersion } from '../agreement/agreement.state';
import { AgreementNotInForce } from '../agreement/agreement.errors';
import { LUCCA_PROTOCOL_TERMS } from '../demo/lucca-protocol';
import { activated, amended, drafted, suspended } from '../testing/agreement.fixtures';
import { replay } from '../shared/decider';
import { InconsistentContext, NotPermitted, ValidationFailed } from '../shared/domain-error';
import {
  acknowledged,
  as,
  AT,
  CASA,
  CASA_VERSILIA,
  CEIS,
  cmd,
  evt,
  lucca,
  placement,
  QUESTURA,
  referral,
  routed,
  submitReferral,
  submitted,
  version,
} from '../testing/referral.fixtures';
import { referralDecider } from './referral.decider';

/** Viareggio's sexual-exploitation referrals go to a shelter there first, then to Ce.I.S., then to the hotline. */
const VERSILIA = version(
  lucca(
    {
      routing: {
        rules: [
          { id: 'versilia-sexual', match: { municipalities: ['Viareggio'], exploitationTypes: ['sexual'] }, to: 'casa-versilia' },
          { id: 'province-of-lucca', match: { provinces: ['LU'] }, to: 'ceis-lucca' },
        ],
        fallbackAgencyId: 'numero-verde-toscana',
      },
    },
    [CASA_VERSILIA],
  ),
);
const inViareggio = submitted({ municipality: 'Viareggio', province: 'LU' });
const declineNoCapacity = cmd('DecidePlacement', { decision: 'declined', reason: 'no-capacity' });
const declined = (by: typeof CEIS) => evt('PlacementDeclined', by, { placementNo: 1, shelterAgencyId: by.agencyId, reason: 'no-capacity' }, AT);

describe('re-routing after a decline', () => {
  it('routes first by the first matching rule', () => {
    referral
      .given([])
      .when(submitReferral({ municipality: 'Viareggio' }), as(QUESTURA, VERSILIA))
      .then([submitted({ municipality: 'Viareggio', province: 'LU', at: AT }), routed('casa-versilia', 'versilia-sexual', QUESTURA, 'submission', AT)]);
  });

  it('goes to the next matching party, then the fallback', () => {
    const atCasa = [inViareggio, routed('casa-versilia', 'versilia-sexual'), acknowledged(CASA), placement.requested(1, 'casa-versilia', CASA)];
    referral.given(atCasa).when(declineNoCapacity, as(CASA, VERSILIA)).then([declined(CASA), routed('ceis-lucca', 'province-of-lucca', CASA, 'placement-declined', AT)]);

    const atCeis = [...atCasa, placement.declined('no-capacity', 1, CASA), routed('ceis-lucca', 'province-of-lucca', CASA, 'placement-declined'), acknowledged(CEIS), placement.requested(2)];
    referral
      .given(atCeis)
      .when(declineNoCapacity, as(CEIS, VERSILIA))
      .then([
        evt('PlacementDeclined', CEIS, { placementNo: 2, shelterAgencyId: 'ceis-lucca', reason: 'no-capacity' }, AT),
        routed('numero-verde-toscana', null, CEIS, 'placement-declined', AT),
      ]);
  });

  it('never goes back to an agency that already had the referral, however it got there', () => {
    const transferredToCasa = [
      inViareggio,
      routed('casa-versilia', 'versilia-sexual'),
      evt('ReferralTransferred', CASA, { fromAgencyId: 'casa-versilia', toAgencyId: 'ceis-lucca', reason: 'specialised-service' }),
      acknowledged(CEIS),
      evt('ReferralTransferred', CEIS, { fromAgencyId: 'ceis-lucca', toAgencyId: 'casa-versilia', reason: 'safety' }),
      acknowledged(CASA),
      placement.requested(1, 'casa-versilia', CASA),
    ];
    referral.given(transferredToCasa).when(declineNoCapacity, as(CASA, VERSILIA)).then([declined(CASA), routed('numero-verde-toscana', null, CASA, 'placement-declined', AT)]);
  });

  it('returns the referral to its referrer when no candidate is left', () => {
    const onlyCeis = version(lucca({ routing: { rules: [], fallbackAgencyId: 'ceis-lucca' } }));
    referral
      .given([submitted(), routed('ceis-lucca', null), acknowledged(), placement.requested()])
      .when(declineNoCapacity, as(CEIS, onlyCeis))
      .then([declined(CEIS), evt('ReferralReturnedToReferrer', CEIS, { referrerAgencyId: 'questura-lucca' }, AT)]);
  });

  it('leaves a returned referral to its referrer, who may transfer or close it but not act as a recipient', () => {
    const onlyCeis = version(lucca({ routing: { rules: [], fallbackAgencyId: 'ceis-lucca' } }));
    const returned = [
      submitted(),
      routed('ceis-lucca', null),
      acknowledged(),
      placement.requested(),
      placement.declined('no-capacity'),
      evt('ReferralReturnedToReferrer', CEIS, { referrerAgencyId: 'questura-lucca' }),
    ];
    referral
      .given(returned)
      .when(cmd('TransferReferral', { toAgencyId: 'numero-verde-toscana', reason: 'other-territory' }), as(QUESTURA, onlyCeis))
      .then([evt('ReferralTransferred', QUESTURA, { fromAgencyId: null, toAgencyId: 'numero-verde-toscana', reason: 'other-territory' }, AT)]);
    referral.given(returned).when(cmd('CloseReferral', { outcome: 'transferred-out' }), as(QUESTURA, onlyCeis)).then([
      evt('ReferralClosed', QUESTURA, { outcome: 'transferred-out' }, AT),
    ]);
    referral.given(returned).when(cmd('CloseReferral', { outcome: 'lost-contact' }), as(CEIS, onlyCeis)).thenThrows(NotPermitted, 'requires-holder');
  });
});

describe('agreement versions', () => {
  const v1Submission = [submitted(), routed(), acknowledged(), placement.requested()];
  const history = [drafted(LUCCA_PROTOCOL_TERMS), activated(1), amended(2, VERSILIA.terms)];
  const amendedAgreement = replay(agreementDecider, history);

  it('submits new referrals under the version in force', () => {
    referral
      .given([])
      .when(submitReferral({ municipality: 'Viareggio' }), as(QUESTURA, agreementVersion(amendedAgreement)))
      .then([
        submitted({ municipality: 'Viareggio', province: 'LU', agreementVersion: 2, at: AT }),
        routed('casa-versilia', 'versilia-sexual', QUESTURA, 'submission', AT),
      ]);
  });

  it('judges a referral by the version it was submitted under, after amendments', () => {
    // v2 would offer Casa Versilia next for some referrals; under v1 only the fallback is left.
    expect(replay(referralDecider, v1Submission)).toMatchObject({ agreementVersion: 1 });
    referral
      .given(v1Submission)
      .when(declineNoCapacity, as(CEIS, agreementVersion(amendedAgreement, 1)))
      .then([declined(CEIS), routed('numero-verde-toscana', null, CEIS, 'placement-declined', AT)]);
  });

  it('refuses to decide a referral against another version than its own', () => {
    referral
      .given(v1Submission)
      .when(declineNoCapacity, as(CEIS, agreementVersion(amendedAgreement, 2)))
      .thenThrows(InconsistentContext, 'agreement-version-mismatch');
    referral
      .given(v1Submission)
      .when(declineNoCapacity, as(CEIS, { ...agreementVersion(amendedAgreement, 1), agreementId: 'another' }))
      .thenThrows(InconsistentContext, 'agreement-version-mismatch');
  });

  it('lets referrals in progress go on while the agreement is suspended, but takes no new ones', () => {
    const suspendedAgreement = replay(agreementDecider, [...history, suspended()]);
    referral
      .given(v1Submission)
      .when(cmd('DecidePlacement', { decision: 'accepted' }), as(CEIS, agreementVersion(suspendedAgreement, 1)))
      .then([evt('PlacementAccepted', CEIS, { placementNo: 1, shelterAgencyId: 'ceis-lucca' }, AT)]);
    referral.given([]).when(submitReferral(), as(QUESTURA, agreementVersion(suspendedAgreement))).thenThrows(AgreementNotInForce, 'agreement-not-active');
  });

  it("transfers only to receiving bodies of the referral's own version", () => {
    referral
      .given(v1Submission.slice(0, 3))
      .when(cmd('TransferReferral', { toAgencyId: 'casa-versilia', reason: 'safety' }), as(CEIS, agreementVersion(amendedAgreement, 1)))
      .thenThrows(ValidationFailed, 'not-a-receiving-party');
  });
});
