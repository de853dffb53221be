import { NotPermitted, ValidationFailed } from '../shared/domain-error';
import {
  ACKNOWLEDGED,
  AT,
  AUDITOR,
  as,
  CASA,
  CASA_VERSILIA,
  CEIS,
  cmd,
  CONFIRMED,
  evt,
  HOTLINE,
  liaison,
  lucca,
  placement,
  PLACEMENT_ACCEPTED,
  PLACEMENT_REQUESTED,
  PLACEMENT_STARTED,
  PROVINCIA,
  QUESTURA,
  referral,
  routed,
  submitted,
  version,
  acknowledged,
} from '../testing/referral.fixtures';
import { IllegalReferralTransition } from './referral.errors';

const requestedNow = (no = 1, shelterAgencyId = 'ceis-lucca', by = CEIS) => evt('PlacementRequested', by, { placementNo: no, shelterAgencyId }, AT);
const atHotline = [submitted({ municipality: 'Firenze', province: null }), routed('numero-verde-toscana', null), acknowledged(HOTLINE), evt('ReferralAssessed', HOTLINE, { indicatorsConfirmed: true, notesRef: null })];

describe('RequestPlacement', () => {
  it('asks the recipient’s own shelter when the recipient runs one', () => {
    referral.given(CONFIRMED).when(cmd('RequestPlacement'), as(CEIS)).then([requestedNow()]);
  });

  it('may come from the referrer too', () => {
    referral.given(ACKNOWLEDGED).when(cmd('RequestPlacement'), as(QUESTURA)).then([requestedNow(1, 'ceis-lucca', QUESTURA)]);
  });

  it("asks the agreement's only shelter when the recipient runs none", () => {
    referral.given(atHotline).when(cmd('RequestPlacement'), as(HOTLINE)).then([requestedNow(1, 'ceis-lucca', HOTLINE)]);
  });

  it('needs the shelter named when there is a choice, and it must be a shelter of the agreement', () => {
    const two = version(lucca({}, [CASA_VERSILIA]));
    referral.given(atHotline).when(cmd('RequestPlacement'), as(HOTLINE, two)).thenThrows(ValidationFailed, 'shelter-required');
    referral.given(atHotline).when(cmd('RequestPlacement', { shelterAgencyId: 'casa-versilia' }), as(HOTLINE, two)).then([requestedNow(1, 'casa-versilia', HOTLINE)]);
    referral.given(CONFIRMED).when(cmd('RequestPlacement', { shelterAgencyId: 'questura-lucca' }), as(CEIS)).thenThrows(ValidationFailed, 'not-a-shelter-party');
  });

  it('numbers placements, so a later request is told apart from an earlier one', () => {
    referral.given([...PLACEMENT_REQUESTED, placement.declined('person-declined')]).when(cmd('RequestPlacement'), as(CEIS)).then([requestedNow(2)]);
    referral.given([...PLACEMENT_STARTED, placement.ended()]).when(cmd('RequestPlacement'), as(CEIS)).then([requestedNow(2)]);
  });

  it('is refused while another placement is open', () => {
    for (const history of [PLACEMENT_REQUESTED, PLACEMENT_ACCEPTED, PLACEMENT_STARTED]) {
      referral.given(history).when(cmd('RequestPlacement'), as(CEIS)).thenThrows(IllegalReferralTransition, 'placement-open');
    }
  });

  it('is for the recipient or the referrer only', () => {
    referral.given(CONFIRMED).when(cmd('RequestPlacement'), as(HOTLINE)).thenThrows(NotPermitted, 'requires-recipient-or-referrer');
    referral.given(CONFIRMED).when(cmd('RequestPlacement'), as(liaison('comune-viareggio'))).thenThrows(NotPermitted);
    referral.given(CONFIRMED).when(cmd('RequestPlacement'), as(PROVINCIA)).thenThrows(NotPermitted);
  });
});

describe('DecidePlacement', () => {
  it('accepts', () => {
    referral.given(PLACEMENT_REQUESTED).when(cmd('DecidePlacement', { decision: 'accepted' }), as(CEIS)).then([
      evt('PlacementAccepted', CEIS, { placementNo: 1, shelterAgencyId: 'ceis-lucca' }, AT),
    ]);
  });

  it('declines with a reason; the recipient declining its own place re-routes the referral', () => {
    referral
      .given(PLACEMENT_REQUESTED)
      .when(cmd('DecidePlacement', { decision: 'declined', reason: 'no-capacity' }), as(CEIS))
      .then([
        evt('PlacementDeclined', CEIS, { placementNo: 1, shelterAgencyId: 'ceis-lucca', reason: 'no-capacity' }, AT),
        routed('numero-verde-toscana', null, CEIS, 'placement-declined', AT),
      ]);
  });

  it("leaves the referral where it is when the person declines: that is not the agency's to pass on", () => {
    referral
      .given(PLACEMENT_REQUESTED)
      .when(cmd('DecidePlacement', { decision: 'declined', reason: 'person-declined' }), as(CEIS))
      .then([evt('PlacementDeclined', CEIS, { placementNo: 1, shelterAgencyId: 'ceis-lucca', reason: 'person-declined' }, AT)]);
  });

  it("leaves the referral with its recipient when another agency's shelter declines", () => {
    referral
      .given([...atHotline, requestedNow(1, 'ceis-lucca', HOTLINE)])
      .when(cmd('DecidePlacement', { decision: 'declined', reason: 'no-capacity' }), as(CEIS))
      .then([evt('PlacementDeclined', CEIS, { placementNo: 1, shelterAgencyId: 'ceis-lucca', reason: 'no-capacity' }, AT)]);
  });

  it('needs a known reason to decline, and none to accept', () => {
    referral.given(PLACEMENT_REQUESTED).when(cmd('DecidePlacement', { decision: 'declined' }), as(CEIS)).thenThrows(ValidationFailed, 'decline-reason-required');
    referral.given(PLACEMENT_REQUESTED).when(cmd('DecidePlacement', { decision: 'declined', reason: 'full' as never }), as(CEIS)).thenThrows(ValidationFailed, 'decline-reason-required');
    referral.given(PLACEMENT_REQUESTED).when(cmd('DecidePlacement', { decision: 'accepted', reason: 'no-capacity' }), as(CEIS)).thenThrows(ValidationFailed, 'reason-not-applicable');
    referral.given(PLACEMENT_REQUESTED).when(cmd('DecidePlacement', { decision: 'maybe' as never }), as(CEIS)).thenThrows(ValidationFailed, 'invalid-decision');
  });

  it('is refused without a pending request', () => {
    referral.given(PLACEMENT_ACCEPTED).when(cmd('DecidePlacement', { decision: 'accepted' }), as(CEIS)).thenThrows(IllegalReferralTransition, 'no-placement-requested');
  });

  it("is for a GATEKEEPER of the shelter asked, not the recipient's", () => {
    const atCasa = [...atHotline, requestedNow(1, 'casa-versilia', HOTLINE)];
    const two = version(lucca({}, [CASA_VERSILIA]));
    referral.given(atCasa).when(cmd('DecidePlacement', { decision: 'accepted' }), as(HOTLINE, two)).thenThrows(NotPermitted, 'requires-shelter');
    referral.given(atCasa).when(cmd('DecidePlacement', { decision: 'accepted' }), as(CEIS, two)).thenThrows(NotPermitted, 'requires-shelter');
    referral.given(atCasa).when(cmd('DecidePlacement', { decision: 'accepted' }), as(CASA, two)).then([
      evt('PlacementAccepted', CASA, { placementNo: 1, shelterAgencyId: 'casa-versilia' }, AT),
    ]);
    referral.given(PLACEMENT_REQUESTED).when(cmd('DecidePlacement', { decision: 'accepted' }), as(liaison('ceis-lucca'))).thenThrows(NotPermitted);
  });
});

describe('StartPlacement and EndPlacement', () => {
  it('start an accepted placement and end a started one', () => {
    referral.given(PLACEMENT_ACCEPTED).when(cmd('StartPlacement'), as(CEIS)).then([evt('PlacementStarted', CEIS, { placementNo: 1, shelterAgencyId: 'ceis-lucca' }, AT)]);
    referral.given(PLACEMENT_STARTED).when(cmd('EndPlacement'), as(CEIS)).then([evt('PlacementEnded', CEIS, { placementNo: 1, shelterAgencyId: 'ceis-lucca' }, AT)]);
  });

  it('are refused out of order', () => {
    referral.given(PLACEMENT_REQUESTED).when(cmd('StartPlacement'), as(CEIS)).thenThrows(IllegalReferralTransition, 'placement-not-accepted');
    referral.given(PLACEMENT_ACCEPTED).when(cmd('EndPlacement'), as(CEIS)).thenThrows(IllegalReferralTransition, 'placement-not-started');
  });

  it("are for the shelter's GATEKEEPER only", () => {
    referral.given(PLACEMENT_ACCEPTED).when(cmd('StartPlacement'), as(QUESTURA)).thenThrows(NotPermitted, 'requires-shelter');
    referral.given(PLACEMENT_STARTED).when(cmd('EndPlacement'), as(AUDITOR)).thenThrows(NotPermitted, 'requires-shelter');
  });
});
