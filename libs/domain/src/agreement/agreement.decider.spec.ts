import { LUCCA_PROTOCOL_TERMS } from '../demo/lucca-protocol';
import { replay } from '../shared/decider';
import { NotPermitted, ValidationFailed } from '../shared/domain-error';
import { activated, agreement, agreementCmd, agreementEvent, amended, drafted, reinstated, suspended, terminated } from '../testing/agreement.fixtures';
import { AT, coordinator, liaison, lucca, PROVINCIA } from '../testing/referral.fixtures';
import { AgreementCommand } from './agreement.commands';
import { agreementDecider } from './agreement.decider';
import { AgreementEvent } from './agreement.events';
import { AgreementNotFound, IllegalAgreementTransition } from './agreement.errors';
import { agreementVersion } from './agreement.state';

const VIAREGGIO_COORDINATES = lucca({
  parties: LUCCA_PROTOCOL_TERMS.parties.map((party) =>
    party.agencyId === 'provincia-lucca' ? { ...party, roles: ['referrer'] } : party.agencyId === 'comune-viareggio' ? { ...party, roles: ['referrer', 'coordinator'] } : party,
  ),
});
const now = <E extends AgreementEvent>(event: E): E => ({ ...event, data: { ...event.data, at: AT } });

const DRAFTED = [drafted(LUCCA_PROTOCOL_TERMS)];
const ACTIVE = [...DRAFTED, activated()];
const SUSPENDED = [...ACTIVE, suspended()];
const TERMINATED = [...ACTIVE, terminated()];

describe('agreement: every command in every status', () => {
  const commands: AgreementCommand[] = [
    agreementCmd('DraftAgreement', { agreementId: 'lucca-2007', terms: LUCCA_PROTOCOL_TERMS }),
    agreementCmd('AmendAgreement', { terms: LUCCA_PROTOCOL_TERMS }),
    agreementCmd('ActivateAgreement'),
    agreementCmd('SuspendAgreement', { reason: 'Under review' }),
    agreementCmd('ReinstateAgreement'),
    agreementCmd('TerminateAgreement'),
  ];
  // prettier-ignore
  const table: [string, AgreementEvent[], string[]][] = [
    //                       Draft               Amend                 Activate              Suspend               Reinstate             Terminate
    ['none', [],             ['✓',               'not-found',          'not-found',          'not-found',          'not-found',          'not-found']],
    ['drafted', DRAFTED,     ['already-drafted', '✓',                  '✓',                  'agreement-drafted',  'agreement-drafted',  '✓']],
    ['active', ACTIVE,       ['already-drafted', '✓',                  'agreement-active',   '✓',                  'agreement-active',   '✓']],
    ['suspended', SUSPENDED, ['already-drafted', '✓',                  'agreement-suspended','agreement-suspended','✓',                  '✓']],
    ['terminated', TERMINATED,['already-drafted','agreement-terminated','agreement-terminated','agreement-terminated','agreement-terminated','agreement-terminated']],
  ];
  const cases = table.flatMap(([status, history, row]) => commands.map((command, index) => [status, command.type, row[index], history, command] as const));

  it.each(cases)('%s: %s → %s', (_status, _type, expected, history, command) => {
    const decide = () => agreementDecider.decide(command, replay(agreementDecider, history), { actor: PROVINCIA });
    if (expected === '✓') expect(decide()).toHaveLength(1);
    else if (expected === 'not-found') expect(decide).toThrow(AgreementNotFound);
    else expect(decide).toThrow(expect.objectContaining({ reason: expected, constructor: IllegalAgreementTransition }));
  });
});

describe('DraftAgreement', () => {
  const draft = agreementCmd('DraftAgreement', { agreementId: 'lucca-2007', terms: LUCCA_PROTOCOL_TERMS });

  it('records version 1 of the terms', () => {
    agreement.given([]).when(draft).then([now(drafted(LUCCA_PROTOCOL_TERMS))]);
  });

  it('is for a COORDINATOR of an agency the terms make coordinator', () => {
    agreement.given([]).when(draft, { actor: coordinator('comune-viareggio') }).thenThrows(NotPermitted, 'requires-coordinator');
    agreement.given([]).when(draft, { actor: liaison('provincia-lucca') }).thenThrows(NotPermitted, 'requires-coordinator');
  });

  it('refuses inconsistent terms, listing every problem', () => {
    const broken = lucca({ title: ' ', routing: { rules: [{ id: 'r', match: {}, to: 'questura-lucca' }], fallbackAgencyId: 'nobody' } });
    let error: unknown;
    try {
      agreementDecider.decide(agreementCmd('DraftAgreement', { agreementId: 'x', terms: broken }), agreementDecider.initialState(), { actor: PROVINCIA });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).details.problems).toEqual([
      'title is empty',
      'routing rule r: questura-lucca is not a receiving-body party',
      'fallback nobody is not a receiving-body party',
    ]);
  });

  it('needs an agreement id and an instant', () => {
    agreement.given([]).when(agreementCmd('DraftAgreement', { agreementId: '', terms: LUCCA_PROTOCOL_TERMS })).thenThrows(ValidationFailed, 'invalid-agreement-id');
    agreement.given([]).when(agreementCmd('DraftAgreement', { agreementId: 'a', terms: LUCCA_PROTOCOL_TERMS }, 'yesterday')).thenThrows(ValidationFailed, 'invalid-instant');
  });
});

describe('AmendAgreement', () => {
  it('adds a version, never edits one', () => {
    agreement.given(ACTIVE).when(agreementCmd('AmendAgreement', { terms: VIAREGGIO_COORDINATES })).then([now(amended(2, VIAREGGIO_COORDINATES))]);
    agreement.given([...ACTIVE, amended(2, LUCCA_PROTOCOL_TERMS)]).when(agreementCmd('AmendAgreement', { terms: LUCCA_PROTOCOL_TERMS })).then([now(amended(3, LUCCA_PROTOCOL_TERMS))]);
    const state = replay(agreementDecider, [...ACTIVE, amended(2, VIAREGGIO_COORDINATES)]);
    expect(agreementVersion(state, 1).terms).toBe(LUCCA_PROTOCOL_TERMS);
    expect(agreementVersion(state, 2).terms).toBe(VIAREGGIO_COORDINATES);
    expect(agreementVersion(state)).toEqual({ agreementId: 'lucca-2007', version: 2, status: 'active', terms: VIAREGGIO_COORDINATES });
  });

  it('is for the coordinators of the current version', () => {
    const handedOver = [...ACTIVE, amended(2, VIAREGGIO_COORDINATES)];
    agreement.given(handedOver).when(agreementCmd('AmendAgreement', { terms: LUCCA_PROTOCOL_TERMS })).thenThrows(NotPermitted, 'requires-coordinator');
    agreement.given(handedOver).when(agreementCmd('AmendAgreement', { terms: LUCCA_PROTOCOL_TERMS }), { actor: coordinator('comune-viareggio') }).then([
      agreementEvent('AgreementAmended', { version: 3, terms: LUCCA_PROTOCOL_TERMS }, AT, coordinator('comune-viareggio')),
    ]);
  });

  it('refuses inconsistent terms', () => {
    agreement.given(ACTIVE).when(agreementCmd('AmendAgreement', { terms: lucca({ parties: [] }) })).thenThrows(ValidationFailed, 'invalid-terms');
  });
});

describe('ActivateAgreement, SuspendAgreement, ReinstateAgreement, TerminateAgreement', () => {
  it('activate the latest drafted version', () => {
    agreement.given(DRAFTED).when(agreementCmd('ActivateAgreement')).then([now(activated(1))]);
    agreement.given([...DRAFTED, amended(2, LUCCA_PROTOCOL_TERMS)]).when(agreementCmd('ActivateAgreement')).then([now(activated(2))]);
  });

  it('suspend with a reason, and reinstate', () => {
    agreement.given(ACTIVE).when(agreementCmd('SuspendAgreement', { reason: '  Partners renegotiating  ' })).then([now(suspended('Partners renegotiating'))]);
    agreement.given(ACTIVE).when(agreementCmd('SuspendAgreement', { reason: ' ' })).thenThrows(ValidationFailed, 'reason-required');
    agreement.given(SUSPENDED).when(agreementCmd('ReinstateAgreement')).then([now(reinstated())]);
  });

  it('terminate, for good', () => {
    agreement.given(SUSPENDED).when(agreementCmd('TerminateAgreement')).then([now(terminated())]);
    expect(replay(agreementDecider, TERMINATED)).toMatchObject({ status: 'terminated' });
  });

  it('are for a coordinator only', () => {
    agreement.given(DRAFTED).when(agreementCmd('ActivateAgreement'), { actor: liaison('provincia-lucca') }).thenThrows(NotPermitted);
    agreement.given(ACTIVE).when(agreementCmd('SuspendAgreement', { reason: 'x' }), { actor: coordinator('questura-lucca') }).thenThrows(NotPermitted);
    agreement.given(SUSPENDED).when(agreementCmd('ReinstateAgreement'), { actor: coordinator('ceis-lucca') }).thenThrows(NotPermitted);
    agreement.given(ACTIVE).when(agreementCmd('TerminateAgreement'), { actor: coordinator('ceis-lucca') }).thenThrows(NotPermitted);
  });
});

describe('agreementVersion', () => {
  it('is not found for an agreement or version that does not exist', () => {
    expect(() => agreementVersion(agreementDecider.initialState())).toThrow(AgreementNotFound);
    expect(() => agreementVersion(replay(agreementDecider, ACTIVE), 2)).toThrow(AgreementNotFound);
  });
});
