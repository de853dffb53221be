import { LUCCA_PROTOCOL_TERMS } from '../demo/lucca-protocol';
import { Actor } from '../shared/actor';
import { replay } from '../shared/decider';
import { NotPermitted } from '../shared/domain-error';
import {
  ACKNOWLEDGED,
  AUDITOR,
  CEIS,
  cmd,
  CONFIRMED,
  evt,
  gatekeeper,
  liaison,
  onHold,
  PLACEMENT_ACCEPTED,
  PLACEMENT_REQUESTED,
  PLACEMENT_STARTED,
  PROVINCIA,
  QUESTURA,
  ROUTED,
  submitReferral,
  as,
  referral,
} from '../testing/referral.fixtures';
import { ReferralCommand } from './referral.commands';
import { ReferralEvent } from './referral.events';
import { capacitiesOf, REFERRAL_PERMISSIONS, responsibleAgencyIds } from './referral.permissions';
import { referralDecider } from './referral.decider';
import { Referral } from './referral.state';

/** For each command, a history in which it is legal: refusals below are about who, not when. */
const LEGAL: [ReferralCommand, ReferralEvent[]][] = [
  [submitReferral(), []],
  [cmd('AcknowledgeReferral'), ROUTED],
  [cmd('AssessReferral', { indicatorsConfirmed: true }), ACKNOWLEDGED],
  [cmd('RequestPlacement'), CONFIRMED],
  [cmd('DecidePlacement', { decision: 'accepted' }), PLACEMENT_REQUESTED],
  [cmd('StartPlacement'), PLACEMENT_ACCEPTED],
  [cmd('EndPlacement'), PLACEMENT_STARTED],
  [cmd('EnrolInProgramme', { programme: 'art-13' }), CONFIRMED],
  [cmd('TransferReferral', { toAgencyId: 'numero-verde-toscana', reason: 'safety' }), CONFIRMED],
  [cmd('RecordConsent'), CONFIRMED],
  [cmd('WithdrawConsent'), CONFIRMED],
  [cmd('PutReferralOnHold'), CONFIRMED],
  [cmd('ResumeReferral'), [...CONFIRMED, onHold()]],
  [cmd('CloseReferral', { outcome: 'social-inclusion' }), CONFIRMED],
  [cmd('CancelReferral'), ROUTED],
  [cmd('EraseSubjectData'), CONFIRMED],
];

describe('permissions', () => {
  it('cover every command', () => {
    expect(LEGAL.map(([command]) => command.type).sort()).toEqual(Object.keys(REFERRAL_PERMISSIONS).sort());
  });

  it.each(LEGAL)('an AUDITOR acts on nothing: %s', (command, history) => {
    referral.given(history).when(command, as(AUDITOR)).thenThrows(NotPermitted);
  });

  it.each(LEGAL)('an agency that is not party to the protocol acts on nothing: %s', (command, history) => {
    const outsider: Actor = { userId: 'x', agencyId: 'questura-milano', roles: ['LIAISON', 'GATEKEEPER', 'COORDINATOR'] };
    referral.given(history).when(command, as(outsider)).thenThrows(NotPermitted);
  });

  it("pair a user role with the agency's place in the referral", () => {
    const state = replay(referralDecider, PLACEMENT_REQUESTED) as Referral;
    const of = (who: Parameters<typeof capacitiesOf>[0]) => [...capacitiesOf(who, state, LUCCA_PROTOCOL_TERMS)].sort();
    expect(of(CEIS)).toEqual(['holder', 'recipient', 'shelter']);
    expect(of(QUESTURA)).toEqual(['referrer', 'referring-party']);
    expect(of(liaison('ceis-lucca'))).toEqual(['referring-party']);
    expect(of(gatekeeper('questura-lucca'))).toEqual([]);
    expect(of(PROVINCIA)).toEqual(['coordinator']);
    expect(of(AUDITOR)).toEqual([]);
  });
});

describe('responsibleAgencyIds', () => {
  const state = replay(referralDecider, [...PLACEMENT_REQUESTED, evt('PlacementAccepted', CEIS, { placementNo: 1, shelterAgencyId: 'ceis-lucca' })]) as Referral;

  it("names the referral's own referrer, recipient and shelter for those roles", () => {
    expect(responsibleAgencyIds('referrer', state, LUCCA_PROTOCOL_TERMS)).toEqual(['questura-lucca']);
    expect(responsibleAgencyIds('receiving-body', state, LUCCA_PROTOCOL_TERMS)).toEqual(['ceis-lucca']);
    expect(responsibleAgencyIds('shelter', state, LUCCA_PROTOCOL_TERMS)).toEqual(['ceis-lucca']);
  });

  it('names every party holding any other role', () => {
    expect(responsibleAgencyIds('health', state, LUCCA_PROTOCOL_TERMS)).toEqual(['usl-2-lucca', 'usl-12-versilia']);
    expect(responsibleAgencyIds('judicial', state, LUCCA_PROTOCOL_TERMS)).toEqual([]);
  });

  it('names nobody for a place the referral does not have', () => {
    const returned = { ...state, recipientAgencyId: null, placement: null };
    expect(responsibleAgencyIds('receiving-body', returned, LUCCA_PROTOCOL_TERMS)).toEqual([]);
    expect(responsibleAgencyIds('shelter', returned, LUCCA_PROTOCOL_TERMS)).toEqual([]);
  });
});
