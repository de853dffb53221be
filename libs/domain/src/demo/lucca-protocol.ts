import { AgreementTerms } from '../agreement/agreement.terms';

/**
 * The 2007 protocol "Interventi su prostituzione e tratta nel territorio della Provincia di Lucca",
 * with the regional hotline Tuscany added as the fallback. Parties are from the seeds; the rules,
 * obligations and data sharing are the kind the brief describes, not the protocol's text.
 */
export const LUCCA_AGREEMENT_ID = 'lucca-2007';

export const LUCCA_PROTOCOL_TERMS: AgreementTerms = {
  title: 'Interventi su prostituzione e tratta nel territorio della Provincia di Lucca',
  territory: {
    region: 'Toscana',
    provinces: [
      {
        code: 'LU',
        name: 'Lucca',
        municipalities: [
          'Altopascio', 'Bagni di Lucca', 'Barga', 'Borgo a Mozzano', 'Camaiore', 'Camporgiano', 'Capannori', 'Careggine',
          'Castelnuovo di Garfagnana', 'Castiglione di Garfagnana', 'Coreglia Antelminelli', 'Fabbriche di Vergemoli',
          'Forte dei Marmi', 'Fosciandora', 'Gallicano', 'Lucca', 'Massarosa', 'Minucciano', 'Molazzana', 'Montecarlo',
          'Pescaglia', 'Piazza al Serchio', 'Pietrasanta', 'Pieve Fosciana', 'Porcari', 'San Romano in Garfagnana', 'Seravezza',
          'Sillano Giuncugnano', 'Stazzema', 'Vagli Sotto', 'Viareggio', 'Villa Basilica', 'Villa Collemandina',
        ],
      },
    ],
  },
  validity: { from: '2007-01-01T00:00:00+01:00' },
  parties: [
    { agencyId: 'provincia-lucca', name: 'Provincia di Lucca', kind: 'PROVINCIA', roles: ['coordinator', 'referrer'] },
    { agencyId: 'questura-lucca', name: 'Questura di Lucca', kind: 'QUESTURA', roles: ['referrer', 'police'] },
    { agencyId: 'comune-altopascio', name: 'Comune di Altopascio', kind: 'COMUNE', roles: ['referrer'] },
    { agencyId: 'comune-capannori', name: 'Comune di Capannori', kind: 'COMUNE', roles: ['referrer'] },
    { agencyId: 'comune-castelnuovo-garfagnana', name: 'Comune di Castelnuovo di Garfagnana', kind: 'COMUNE', roles: ['referrer'] },
    { agencyId: 'comune-viareggio', name: 'Comune di Viareggio', kind: 'COMUNE', roles: ['referrer'] },
    { agencyId: 'usl-2-lucca', name: 'Azienda USL 2 Lucca', kind: 'ASL', roles: ['referrer', 'health'] },
    { agencyId: 'usl-12-versilia', name: 'Azienda USL 12 Versilia', kind: 'ASL', roles: ['referrer', 'health'] },
    {
      agencyId: 'ceis-lucca',
      name: 'Fondazione ETS Ce.I.S. - Gruppo "Giovani e Comunità" - Lucca',
      kind: 'NGO',
      roles: ['receiving-body', 'shelter', 'referrer'],
    },
    { agencyId: 'coop-arnera', name: 'Coop. Arnera (unità di strada, Versilia)', kind: 'NGO', roles: ['referrer'] },
    { agencyId: 'numero-verde-toscana', name: 'Numero Verde Antitratta Toscana', kind: 'NUMERO_VERDE', roles: ['receiving-body', 'referrer'] },
  ],
  routing: {
    rules: [{ id: 'province-of-lucca', match: { provinces: ['LU'] }, to: 'ceis-lucca' }],
    // The hotline arranges inter-territory transfers, so it takes whatever the territory cannot.
    fallbackAgencyId: 'numero-verde-toscana',
  },
  obligations: [
    {
      id: 'acknowledge-routed',
      description: 'The receiving body acknowledges a referral routed to it',
      after: 'ReferralRouted',
      responsible: 'receiving-body',
      mustCause: ['ReferralAcknowledged'],
      within: 'PT24H',
      withinIfUrgent: 'PT2H',
    },
    {
      id: 'acknowledge-transferred',
      description: 'The receiving body acknowledges a referral transferred to it',
      after: 'ReferralTransferred',
      responsible: 'receiving-body',
      mustCause: ['ReferralAcknowledged'],
      within: 'PT24H',
      withinIfUrgent: 'PT2H',
    },
    {
      id: 'decide-placement',
      description: 'The shelter decides a placement request',
      after: 'PlacementRequested',
      responsible: 'shelter',
      mustCause: ['PlacementAccepted', 'PlacementDeclined'],
      within: 'PT48H',
    },
    {
      id: 'feedback-to-referrer',
      description: 'The referrer hears the outcome of the identification',
      after: 'ReferralSubmitted',
      responsible: 'receiving-body',
      mustCause: ['ReferralAssessed', 'ReferralClosed'],
      within: 'P30D',
    },
  ],
  dataSharing: [
    { role: 'referrer', always: ['identity', 'contact'], withConsent: ['legal-status'] },
    { role: 'receiving-body', always: ['identity', 'contact', 'exploitation-narrative'], withConsent: ['health', 'legal-status'] },
    { role: 'shelter', always: ['identity', 'contact'], withConsent: ['health'] },
    { role: 'health', always: [], withConsent: ['identity', 'health'] },
    { role: 'police', always: [], withConsent: ['identity', 'legal-status', 'exploitation-narrative'] },
  ],
};
