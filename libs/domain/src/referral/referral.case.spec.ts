import { NotPermitted, ValidationFailed } from '../shared/domain-error';
import {
  ACKNOWLEDGED,
  acknowledged,
  ADMIN,
  AT,
  AUDITOR,
  as,
  CEIS,
  cmd,
  CONFIRMED,
  coordinator,
  evt,
  gatekeeper,
  HOTLINE,
  liaison,
  onHold,
  PLACEMENT_STARTED,
  placement,
  PROVINCIA,
  QUESTURA,
  referral,
  ROUTED,
} from '../testing/referral.fixtures';
import { IllegalReferralTransition } from './referral.errors';

describe('EnrolInProgramme', () => {
  it('enrols a person whose indicators were confirmed, one programme after another', () => {
    referral.given(CONFIRMED).when(cmd('EnrolInProgramme', { programme: 'art-13' }), as(CEIS)).then([evt('ProgrammeEnrolled', CEIS, { programme: 'art-13' }, AT)]);
    referral
      .given([...CONFIRMED, evt('ProgrammeEnrolled', CEIS, { programme: 'art-13' })])
      .when(cmd('EnrolInProgramme', { programme: 'art-18-social' }), as(CEIS))
      .then([evt('ProgrammeEnrolled', CEIS, { programme: 'art-18-social' }, AT)]);
  });

  it('goes by the latest assessment', () => {
    referral
      .given([...CONFIRMED, evt('ReferralAssessed', CEIS, { indicatorsConfirmed: false, notesRef: null })])
      .when(cmd('EnrolInProgramme', { programme: 'art-13' }), as(CEIS))
      .thenThrows(IllegalReferralTransition, 'indicators-not-confirmed');
  });

  it('keeps the identification when the referral changes hands', () => {
    const transferred = [
      ...CONFIRMED,
      evt('ReferralTransferred', CEIS, { fromAgencyId: 'ceis-lucca', toAgencyId: 'numero-verde-toscana', reason: 'specialised-service' }),
      acknowledged(HOTLINE),
    ];
    referral.given(transferred).when(cmd('EnrolInProgramme', { programme: 'asylum-integrated' }), as(HOTLINE)).then([
      evt('ProgrammeEnrolled', HOTLINE, { programme: 'asylum-integrated' }, AT),
    ]);
  });

  it('is for the current recipient only, with a known programme', () => {
    referral.given(CONFIRMED).when(cmd('EnrolInProgramme', { programme: 'art-13' }), as(QUESTURA)).thenThrows(NotPermitted, 'requires-recipient');
    referral.given(CONFIRMED).when(cmd('EnrolInProgramme', { programme: 'art-19' as never }), as(CEIS)).thenThrows(ValidationFailed, 'invalid-programme');
  });
});

describe('TransferReferral', () => {
  const toHotline = cmd('TransferReferral', { toAgencyId: 'numero-verde-toscana', reason: 'other-territory' });

  it('hands the referral to another receiving body, which must acknowledge it', () => {
    const transfer = evt('ReferralTransferred', CEIS, { fromAgencyId: 'ceis-lucca', toAgencyId: 'numero-verde-toscana', reason: 'other-territory' }, AT);
    referral.given(CONFIRMED).when(toHotline, as(CEIS)).then([transfer]);
    referral.given([...CONFIRMED, transfer]).when(cmd('AcknowledgeReferral'), as(HOTLINE)).then([evt('ReferralAcknowledged', HOTLINE, { agencyId: 'numero-verde-toscana' }, AT)]);
    referral.given([...CONFIRMED, transfer]).when(cmd('AcknowledgeReferral'), as(CEIS)).thenThrows(NotPermitted, 'requires-recipient');
  });

  it("may be made by the agreement's coordinator, even before acknowledgement", () => {
    referral.given(ROUTED).when(toHotline, as(PROVINCIA)).then([
      evt('ReferralTransferred', PROVINCIA, { fromAgencyId: 'ceis-lucca', toAgencyId: 'numero-verde-toscana', reason: 'other-territory' }, AT),
    ]);
  });

  it('is for the holder or the coordinator only', () => {
    referral.given(CONFIRMED).when(toHotline, as(QUESTURA)).thenThrows(NotPermitted, 'requires-holder-or-coordinator');
    referral.given(CONFIRMED).when(toHotline, as(coordinator('questura-lucca'))).thenThrows(NotPermitted, 'requires-holder-or-coordinator');
    referral.given(CONFIRMED).when(toHotline, as(HOTLINE)).thenThrows(NotPermitted);
  });

  it('goes only to another receiving body of the agreement, for a known reason', () => {
    const to = (toAgencyId: string, reason = 'safety') => cmd('TransferReferral', { toAgencyId, reason } as never);
    referral.given(CONFIRMED).when(to('questura-lucca'), as(CEIS)).thenThrows(ValidationFailed, 'not-a-receiving-party');
    referral.given(CONFIRMED).when(to('ngo-milano'), as(CEIS)).thenThrows(ValidationFailed, 'not-a-receiving-party');
    referral.given(CONFIRMED).when(to('ceis-lucca'), as(CEIS)).thenThrows(ValidationFailed, 'already-recipient');
    referral.given(CONFIRMED).when(to('numero-verde-toscana', 'because'), as(CEIS)).thenThrows(ValidationFailed, 'invalid-transfer-reason');
  });

  it('waits for an open placement to be settled', () => {
    referral.given(PLACEMENT_STARTED).when(toHotline, as(CEIS)).thenThrows(IllegalReferralTransition, 'placement-open');
  });
});

describe('RecordConsent and WithdrawConsent', () => {
  const withoutConsent = [...ACKNOWLEDGED, evt('ConsentWithdrawn', QUESTURA, {})];

  it('are recorded by the referrer or the current recipient', () => {
    referral.given(withoutConsent).when(cmd('RecordConsent'), as(QUESTURA)).then([evt('ConsentRecorded', QUESTURA, {}, AT)]);
    referral.given(withoutConsent).when(cmd('RecordConsent'), as(CEIS)).then([evt('ConsentRecorded', CEIS, {}, AT)]);
    referral.given(ACKNOWLEDGED).when(cmd('WithdrawConsent'), as(CEIS)).then([evt('ConsentWithdrawn', CEIS, {}, AT)]);
    referral.given(ACKNOWLEDGED).when(cmd('WithdrawConsent'), as(QUESTURA)).then([evt('ConsentWithdrawn', QUESTURA, {}, AT)]);
  });

  it('may record a renewed consent, but not withdraw one that was not given', () => {
    referral.given(ACKNOWLEDGED).when(cmd('RecordConsent'), as(CEIS)).then([evt('ConsentRecorded', CEIS, {}, AT)]);
    referral.given(withoutConsent).when(cmd('WithdrawConsent'), as(CEIS)).thenThrows(IllegalReferralTransition, 'no-consent-to-withdraw');
  });

  it('are not for other parties', () => {
    referral.given(ACKNOWLEDGED).when(cmd('WithdrawConsent'), as(gatekeeper('usl-2-lucca'))).thenThrows(NotPermitted, 'requires-referrer-or-recipient');
    referral.given(withoutConsent).when(cmd('RecordConsent'), as(PROVINCIA)).thenThrows(NotPermitted, 'requires-referrer-or-recipient');
  });
});

describe('PutReferralOnHold and ResumeReferral', () => {
  it('pause and resume the case', () => {
    referral.given(CONFIRMED).when(cmd('PutReferralOnHold'), as(CEIS)).then([evt('ReferralPutOnHold', CEIS, {}, AT)]);
    referral.given([...CONFIRMED, onHold()]).when(cmd('ResumeReferral'), as(CEIS)).then([evt('ReferralResumed', CEIS, {}, AT)]);
  });

  it('let a person leave the shelter while the case is on hold', () => {
    referral.given([...PLACEMENT_STARTED, onHold()]).when(cmd('EndPlacement'), as(CEIS)).then([
      evt('PlacementEnded', CEIS, { placementNo: 1, shelterAgencyId: 'ceis-lucca' }, AT),
    ]);
  });

  it('are for the current recipient only', () => {
    referral.given(CONFIRMED).when(cmd('PutReferralOnHold'), as(QUESTURA)).thenThrows(NotPermitted, 'requires-recipient');
    referral.given([...CONFIRMED, onHold()]).when(cmd('ResumeReferral'), as(PROVINCIA)).thenThrows(NotPermitted, 'requires-recipient');
  });
});

describe('CloseReferral', () => {
  it('closes the case with an outcome, on hold or not', () => {
    referral.given(CONFIRMED).when(cmd('CloseReferral', { outcome: 'social-inclusion' }), as(CEIS)).then([evt('ReferralClosed', CEIS, { outcome: 'social-inclusion' }, AT)]);
    referral.given([...CONFIRMED, onHold()]).when(cmd('CloseReferral', { outcome: 'lost-contact' }), as(CEIS)).then([evt('ReferralClosed', CEIS, { outcome: 'lost-contact' }, AT)]);
    referral.given([...PLACEMENT_STARTED, placement.ended()]).when(cmd('CloseReferral', { outcome: 'assisted-voluntary-return' }), as(CEIS)).then([
      evt('ReferralClosed', CEIS, { outcome: 'assisted-voluntary-return' }, AT),
    ]);
  });

  it('is for the holder only, with a known outcome', () => {
    referral.given(CONFIRMED).when(cmd('CloseReferral', { outcome: 'social-inclusion' }), as(QUESTURA)).thenThrows(NotPermitted, 'requires-holder');
    referral.given(CONFIRMED).when(cmd('CloseReferral', { outcome: 'social-inclusion' }), as(PROVINCIA)).thenThrows(NotPermitted, 'requires-holder');
    referral.given(CONFIRMED).when(cmd('CloseReferral', { outcome: 'done' as never }), as(CEIS)).thenThrows(ValidationFailed, 'invalid-outcome');
  });

  it('ends the lifecycle: nothing but erasure follows', () => {
    const closed = [...CONFIRMED, evt('ReferralClosed', CEIS, { outcome: 'social-inclusion' })];
    referral.given(closed).when(cmd('RecordConsent'), as(QUESTURA)).thenThrows(IllegalReferralTransition, 'referral-closed');
    referral.given(closed).when(cmd('EraseSubjectData'), as(ADMIN)).then([evt('SubjectDataErased', ADMIN, { subjectRef: 'subject-7f3a' }, AT)]);
  });
});

describe('EraseSubjectData', () => {
  it("records the erasure of the subject's record, by an ADMIN of any agency or the protocol's coordinator", () => {
    referral.given(CONFIRMED).when(cmd('EraseSubjectData'), as(ADMIN)).then([evt('SubjectDataErased', ADMIN, { subjectRef: 'subject-7f3a' }, AT)]);
    referral.given(ROUTED).when(cmd('EraseSubjectData'), as(PROVINCIA)).then([evt('SubjectDataErased', PROVINCIA, { subjectRef: 'subject-7f3a' }, AT)]);
  });

  it('leaves the case going on without personal data', () => {
    referral.given([...CONFIRMED, evt('SubjectDataErased', ADMIN, { subjectRef: 'subject-7f3a' })]).when(cmd('PutReferralOnHold'), as(CEIS)).then([
      evt('ReferralPutOnHold', CEIS, {}, AT),
    ]);
  });

  it('is for no one else', () => {
    for (const who of [CEIS, QUESTURA, AUDITOR, coordinator('questura-lucca'), liaison('provincia-lucca')]) {
      referral.given(CONFIRMED).when(cmd('EraseSubjectData'), as(who)).thenThrows(NotPermitted, 'requires-coordinator-or-admin');
    }
  });
});
