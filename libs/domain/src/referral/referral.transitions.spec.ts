import { replay } from '../shared/decider';
import {
  ACKNOWLEDGED,
  ADMIN,
  CEIS,
  cmd,
  CONFIRMED,
  evt,
  gatekeeper,
  liaison,
  lucca,
  NOT_CONFIRMED,
  onHold,
  placement,
  PLACEMENT_ACCEPTED,
  PLACEMENT_REQUESTED,
  PLACEMENT_STARTED,
  PROVINCIA,
  QUESTURA,
  ROUTED,
  submitReferral,
  version,
} from '../testing/referral.fixtures';
import { Actor } from '../shared/actor';
import { ReferralCommand, ReferralCommandType } from './referral.commands';
import { referralDecider } from './referral.decider';
import { IllegalReferralTransition, ReferralNotFound } from './referral.errors';
import { ReferralEvent, ReferralEventType } from './referral.events';
import { Referral, ReferralState } from './referral.state';

/**
 * Every command against every kind of state the referral can be in, each run by someone permitted to
 * issue it, so that only legality decides. '✓' means the command's usual events; anything else is the
 * reason of the IllegalReferralTransition expected ('not-found': ReferralNotFound).
 * The fallback is Ce.I.S. and there is no rule, so that its decline returns the referral to the referrer.
 */
const AGREEMENT = version(lucca({ routing: { rules: [], fallbackAgencyId: 'ceis-lucca' } }));

const recipientOrReferrer = (state: Referral): Actor =>
  state.recipientAgencyId ? gatekeeper(state.recipientAgencyId) : liaison(state.referrerAgencyId);
const recipient = (state: Referral): Actor => gatekeeper(state.recipientAgencyId ?? 'ceis-lucca');
const shelter = (state: Referral): Actor => gatekeeper(state.placement?.shelterAgencyId ?? 'ceis-lucca');

const COMMANDS: { [T in ReferralCommandType]: { command: (state: Referral) => Extract<ReferralCommand, { type: T }>; by: (state: Referral) => Actor; emits: ReferralEventType[] } } = {
  SubmitReferral: { command: () => submitReferral(), by: () => QUESTURA, emits: ['ReferralSubmitted', 'ReferralRouted'] },
  AcknowledgeReferral: { command: () => cmd('AcknowledgeReferral'), by: recipient, emits: ['ReferralAcknowledged'] },
  AssessReferral: { command: () => cmd('AssessReferral', { indicatorsConfirmed: true }), by: recipient, emits: ['ReferralAssessed'] },
  RequestPlacement: { command: () => cmd('RequestPlacement'), by: recipient, emits: ['PlacementRequested'] },
  DecidePlacement: { command: () => cmd('DecidePlacement', { decision: 'accepted' }), by: shelter, emits: ['PlacementAccepted'] },
  StartPlacement: { command: () => cmd('StartPlacement'), by: shelter, emits: ['PlacementStarted'] },
  EndPlacement: { command: () => cmd('EndPlacement'), by: shelter, emits: ['PlacementEnded'] },
  EnrolInProgramme: { command: () => cmd('EnrolInProgramme', { programme: 'art-13' }), by: recipient, emits: ['ProgrammeEnrolled'] },
  TransferReferral: {
    command: (state) =>
      cmd('TransferReferral', { toAgencyId: state.recipientAgencyId === 'numero-verde-toscana' ? 'ceis-lucca' : 'numero-verde-toscana', reason: 'capacity' }),
    by: () => PROVINCIA,
    emits: ['ReferralTransferred'],
  },
  RecordConsent: { command: () => cmd('RecordConsent'), by: () => QUESTURA, emits: ['ConsentRecorded'] },
  WithdrawConsent: { command: () => cmd('WithdrawConsent'), by: () => QUESTURA, emits: ['ConsentWithdrawn'] },
  PutReferralOnHold: { command: () => cmd('PutReferralOnHold'), by: recipient, emits: ['ReferralPutOnHold'] },
  ResumeReferral: { command: () => cmd('ResumeReferral'), by: recipient, emits: ['ReferralResumed'] },
  CloseReferral: { command: () => cmd('CloseReferral', { outcome: 'lost-contact' }), by: recipientOrReferrer, emits: ['ReferralClosed'] },
  CancelReferral: { command: () => cmd('CancelReferral'), by: () => QUESTURA, emits: ['ReferralCancelled'] },
  EraseSubjectData: { command: () => cmd('EraseSubjectData'), by: () => ADMIN, emits: ['SubjectDataErased'] },
};
const ORDER = Object.keys(COMMANDS) as ReferralCommandType[];

const withHotlineTransfer = evt('ReferralTransferred', PROVINCIA, { fromAgencyId: 'ceis-lucca', toAgencyId: 'numero-verde-toscana', reason: 'capacity' });
const closed = evt('ReferralClosed', CEIS, { outcome: 'social-inclusion' });
const erased = evt('SubjectDataErased', ADMIN, { subjectRef: 'subject-7f3a' });

const ALREADY = 'already-submitted';
const GONE = 'not-found';
// prettier-ignore
const TABLE: [string, ReferralEvent[], string[]][] = [
  //                                       Submit  Ack                     Assess              RequestPl           DecidePl                  StartPl                   EndPl                    Enrol                       Transfer        Consent+  Consent-                  Hold                Resume          Close           Cancel                  Erase
  ['never submitted', [],                   ['✓',   GONE,                   GONE,               GONE,               GONE,                     GONE,                     GONE,                    GONE,                       GONE,           GONE,     GONE,                     GONE,               GONE,           GONE,           GONE,                   GONE]],
  ['routed', ROUTED,                        [ALREADY, '✓',                  'not-acknowledged', 'not-acknowledged', 'no-placement-requested', 'placement-not-accepted', 'placement-not-started', 'not-acknowledged',         '✓',            '✓',      '✓',                      'not-acknowledged', 'not-on-hold',  '✓',            '✓',                    '✓']],
  ['returned to referrer', [...ACKNOWLEDGED, placement.requested(), placement.declined('no-capacity'), evt('ReferralReturnedToReferrer', CEIS, { referrerAgencyId: 'questura-lucca' })],
                                            [ALREADY, 'returned-to-referrer', 'not-acknowledged', 'not-acknowledged', 'no-placement-requested', 'placement-not-accepted', 'placement-not-started', 'not-acknowledged',         '✓',            '✓',      '✓',                      'not-acknowledged', 'not-on-hold',  '✓',            'already-acknowledged', '✓']],
  ['transferred, not yet acknowledged', [...ACKNOWLEDGED, withHotlineTransfer],
                                            [ALREADY, '✓',                  'not-acknowledged', 'not-acknowledged', 'no-placement-requested', 'placement-not-accepted', 'placement-not-started', 'not-acknowledged',         '✓',            '✓',      '✓',                      'not-acknowledged', 'not-on-hold',  '✓',            'already-acknowledged', '✓']],
  ['acknowledged', ACKNOWLEDGED,            [ALREADY, 'already-acknowledged', '✓',              '✓',                'no-placement-requested', 'placement-not-accepted', 'placement-not-started', 'not-assessed',             '✓',            '✓',      '✓',                      '✓',                'not-on-hold',  '✓',            'already-acknowledged', '✓']],
  ['assessed, confirmed', CONFIRMED,        [ALREADY, 'already-acknowledged', '✓',              '✓',                'no-placement-requested', 'placement-not-accepted', 'placement-not-started', '✓',                        '✓',            '✓',      '✓',                      '✓',                'not-on-hold',  '✓',            'already-acknowledged', '✓']],
  ['assessed, not confirmed', NOT_CONFIRMED,[ALREADY, 'already-acknowledged', '✓',              '✓',                'no-placement-requested', 'placement-not-accepted', 'placement-not-started', 'indicators-not-confirmed', '✓',            '✓',      '✓',                      '✓',                'not-on-hold',  '✓',            'already-acknowledged', '✓']],
  ['enrolled in art. 13', [...CONFIRMED, evt('ProgrammeEnrolled', CEIS, { programme: 'art-13' })],
                                            [ALREADY, 'already-acknowledged', '✓',              '✓',                'no-placement-requested', 'placement-not-accepted', 'placement-not-started', 'already-enrolled',         '✓',            '✓',      '✓',                      '✓',                'not-on-hold',  '✓',            'already-acknowledged', '✓']],
  ['on hold', [...CONFIRMED, onHold()],     [ALREADY, 'already-acknowledged', 'on-hold',        'on-hold',          'no-placement-requested', 'placement-not-accepted', 'placement-not-started', 'on-hold',                  'on-hold',      '✓',      '✓',                      'already-on-hold',  '✓',            '✓',            'already-acknowledged', '✓']],
  ['placement requested', PLACEMENT_REQUESTED,
                                            [ALREADY, 'already-acknowledged', '✓',              'placement-open',   '✓',                      'placement-not-accepted', 'placement-not-started', '✓',                        'placement-open', '✓',    '✓',                      '✓',                'not-on-hold',  'placement-open', 'already-acknowledged', '✓']],
  ['placement requested, on hold', [...PLACEMENT_REQUESTED, onHold()],
                                            [ALREADY, 'already-acknowledged', 'on-hold',        'on-hold',          'on-hold',                'placement-not-accepted', 'placement-not-started', 'on-hold',                  'on-hold',      '✓',      '✓',                      'already-on-hold',  '✓',            'placement-open', 'already-acknowledged', '✓']],
  ['placement accepted', PLACEMENT_ACCEPTED,[ALREADY, 'already-acknowledged', '✓',              'placement-open',   'no-placement-requested', '✓',                      'placement-not-started', '✓',                        'placement-open', '✓',    '✓',                      '✓',                'not-on-hold',  'placement-open', 'already-acknowledged', '✓']],
  ['placement accepted, on hold', [...PLACEMENT_ACCEPTED, onHold()],
                                            [ALREADY, 'already-acknowledged', 'on-hold',        'on-hold',          'no-placement-requested', 'on-hold',                'placement-not-started', 'on-hold',                  'on-hold',      '✓',      '✓',                      'already-on-hold',  '✓',            'placement-open', 'already-acknowledged', '✓']],
  ['placement started', PLACEMENT_STARTED,  [ALREADY, 'already-acknowledged', '✓',              'placement-open',   'no-placement-requested', 'placement-not-accepted', '✓',                     '✓',                        'placement-open', '✓',    '✓',                      '✓',                'not-on-hold',  'placement-open', 'already-acknowledged', '✓']],
  ['placement started, on hold', [...PLACEMENT_STARTED, onHold()],
                                            [ALREADY, 'already-acknowledged', 'on-hold',        'on-hold',          'no-placement-requested', 'placement-not-accepted', '✓',                     'on-hold',                  'on-hold',      '✓',      '✓',                      'already-on-hold',  '✓',            'placement-open', 'already-acknowledged', '✓']],
  ['placement ended', [...PLACEMENT_STARTED, placement.ended()],
                                            [ALREADY, 'already-acknowledged', '✓',              '✓',                'no-placement-requested', 'placement-not-accepted', 'placement-not-started', '✓',                        '✓',            '✓',      '✓',                      '✓',                'not-on-hold',  '✓',            'already-acknowledged', '✓']],
  ['placement declined by the person', [...PLACEMENT_REQUESTED, placement.declined('person-declined')],
                                            [ALREADY, 'already-acknowledged', '✓',              '✓',                'no-placement-requested', 'placement-not-accepted', 'placement-not-started', '✓',                        '✓',            '✓',      '✓',                      '✓',                'not-on-hold',  '✓',            'already-acknowledged', '✓']],
  ['consent withdrawn', [...ACKNOWLEDGED, evt('ConsentWithdrawn', QUESTURA, {})],
                                            [ALREADY, 'already-acknowledged', '✓',              '✓',                'no-placement-requested', 'placement-not-accepted', 'placement-not-started', 'not-assessed',             '✓',            '✓',      'no-consent-to-withdraw', '✓',                'not-on-hold',  '✓',            'already-acknowledged', '✓']],
  ['subject data erased', [...ACKNOWLEDGED, erased],
                                            [ALREADY, 'already-acknowledged', '✓',              '✓',                'no-placement-requested', 'placement-not-accepted', 'placement-not-started', 'not-assessed',             '✓',            '✓',      '✓',                      '✓',                'not-on-hold',  '✓',            'already-acknowledged', 'already-erased']],
  ['closed', [...ACKNOWLEDGED, closed],     [ALREADY, ...Array<string>(14).fill('referral-closed'), '✓']],
  ['closed and erased', [...ACKNOWLEDGED, closed, erased],
                                            [ALREADY, ...Array<string>(14).fill('referral-closed'), 'already-erased']],
  ['cancelled', [...ROUTED, evt('ReferralCancelled', QUESTURA, {})],
                                            [ALREADY, ...Array<string>(14).fill('referral-cancelled'), '✓']],
];

const cases = TABLE.flatMap(([name, history, row]) => ORDER.map((type, index) => [name, type, row[index], history] as const));

describe('referral: every command in every state', () => {
  it('has a cell for every command in every row', () => {
    for (const [, , row] of TABLE) expect(row).toHaveLength(ORDER.length);
  });

  it.each(cases)('%s: %s → %s', (_name, type, expected, history) => {
    const state: ReferralState = replay(referralDecider, history);
    const { command, by, emits } = COMMANDS[type];
    const actor = state.stage === 'none' ? QUESTURA : by(state);
    const decide = () => referralDecider.decide(command(state as Referral), state, { actor, agreement: AGREEMENT });

    if (expected === '✓') {
      expect(decide().map((event) => event.type)).toEqual(emits);
    } else if (expected === GONE) {
      expect(decide).toThrow(ReferralNotFound);
    } else {
      expect(decide).toThrow(IllegalReferralTransition);
      expect(decide).toThrow(expect.objectContaining({ reason: expected }));
    }
  });
});
