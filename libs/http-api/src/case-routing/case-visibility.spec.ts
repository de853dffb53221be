import { AgreementTerms, LUCCA_PROTOCOL_TERMS, Referral } from '@app/domain';
import { DEMO_LAZIO_AGREEMENT } from '@app/directory';
import { agenciesThatMaySee } from '@app/projections';
import { placesOf } from '../referrals/referral-view';

const base: Referral = {
  stage: 'routed',
  referralId: '6f1c1b9e-2f43-4a3c-9d59-0a4b5e3c2d11',
  agreementId: 'lucca-2007',
  agreementVersion: 1,
  referrerAgencyId: 'comune-viareggio',
  recipientAgencyId: 'ceis-lucca',
  triedAgencyIds: ['ceis-lucca'],
  everAcknowledged: false,
  subject: { ref: 'subject-1', minor: false, gender: 'female', nationalityCategory: 'non-eu', erased: false },
  exploitationTypes: ['sexual'],
  indicators: ['deception'],
  urgency: 'ordinary',
  municipality: 'Viareggio',
  province: 'LU',
  consent: { dataSharing: true },
  indicatorsConfirmed: null,
  placement: null,
  programmes: [],
  onHold: false,
  outcome: null,
  submittedAt: '2026-11-24T09:00:00.000Z',
  updatedAt: '2026-11-24T09:00:00.000Z',
};

const shapes: [string, Referral][] = [
  ['routed', base],
  ['transferred', { ...base, recipientAgencyId: 'numero-verde-toscana', triedAgencyIds: ['ceis-lucca', 'numero-verde-toscana'] }],
  ['returned', { ...base, stage: 'returned', recipientAgencyId: null }],
  ['placed elsewhere', { ...base, stage: 'acknowledged', placement: { no: 2, shelterAgencyId: 'casa-versilia', status: 'started' } }],
  ['closed', { ...base, stage: 'closed', placement: { no: 1, shelterAgencyId: 'ceis-lucca', status: 'ended' } }],
  ['referred by a non-party', { ...base, referrerAgencyId: 'questura-roma' }],
];

/** The read model's `visible_to` must say exactly what the referral API's `placesOf` says, for every agency. */
describe('case routing visibility equals the referral API rule', () => {
  const agencies = (terms: AgreementTerms) => [...terms.parties.map((p) => p.agencyId), 'casa-versilia', 'questura-roma', 'nobody'];

  it.each(shapes)('%s (Lucca and Lazio terms)', (_, referral) => {
    for (const terms of [LUCCA_PROTOCOL_TERMS, DEMO_LAZIO_AGREEMENT]) {
      const visible = agenciesThatMaySee(referral, terms);
      for (const agencyId of agencies(terms)) {
        expect({ agencyId, sees: visible.includes(agencyId) }).toEqual({ agencyId, sees: placesOf(referral, terms, agencyId).length > 0 });
      }
    }
  });
});
