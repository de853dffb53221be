import { LUCCA_PROTOCOL_TERMS, Referral } from '@app/domain';
import { agenciesThatMaySee, holderOf, referralCaseRow } from './referral-case-row';

const referral: Referral = {
  stage: 'routed',
  referralId: '6f1c1b9e-2f43-4a3c-9d59-0a4b5e3c2d11',
  agreementId: 'lucca-2007',
  agreementVersion: 1,
  referrerAgencyId: 'comune-viareggio',
  recipientAgencyId: 'numero-verde-toscana',
  triedAgencyIds: ['ceis-lucca', 'numero-verde-toscana'],
  everAcknowledged: true,
  subject: { ref: 'subject-1', minor: true, gender: 'female', nationalityCategory: 'non-eu', erased: false },
  exploitationTypes: ['sexual'],
  indicators: ['deception'],
  urgency: 'urgent',
  municipality: 'Viareggio',
  province: 'LU',
  consent: { dataSharing: true },
  indicatorsConfirmed: null,
  placement: null,
  programmes: [],
  onHold: false,
  outcome: null,
  submittedAt: '2026-11-24T09:00:00.000Z',
  updatedAt: '2026-11-24T10:00:00.000Z',
};

describe('referral case row', () => {
  it('the holder is the recipient, the referrer while returned, nobody once ended', () => {
    expect(holderOf(referral)).toBe('numero-verde-toscana');
    expect(holderOf({ ...referral, stage: 'acknowledged' })).toBe('numero-verde-toscana');
    expect(holderOf({ ...referral, stage: 'returned', recipientAgencyId: null })).toBe('comune-viareggio');
    expect(holderOf({ ...referral, stage: 'closed' })).toBeNull();
    expect(holderOf({ ...referral, stage: 'cancelled' })).toBeNull();
  });

  it('lets the referral parties see it, and the parties whose role acts on every referral', () => {
    const placed = { ...referral, placement: { no: 1, shelterAgencyId: 'casa-versilia', status: 'requested' as const } };
    expect(agenciesThatMaySee(placed, LUCCA_PROTOCOL_TERMS)).toEqual(
      // referrer, past and current recipients, shelter; coordinator, police and health parties of the protocol.
      ['casa-versilia', 'ceis-lucca', 'comune-viareggio', 'numero-verde-toscana', 'provincia-lucca', 'questura-lucca', 'usl-12-versilia', 'usl-2-lucca'],
    );
  });

  it('keeps what case routing asks, and the folded referral to continue from', () => {
    expect(referralCaseRow(referral, 4, LUCCA_PROTOCOL_TERMS)).toMatchObject({
      referral_id: referral.referralId,
      region: 'Toscana',
      status: 'routed',
      urgency: 'urgent',
      minor: true,
      holder_agency_id: 'numero-verde-toscana',
      shelter_agency_id: null,
      placement_status: null,
      version: 4,
      state: referral,
    });
  });
});
