import { AgreementTerms, LUCCA_PROTOCOL_TERMS } from '@app/domain';

export const DEMO_LAZIO_AGREEMENT_ID = 'lazio-piano-antitratta';

/**
 * A territorial network in the spirit of the Regione Lazio "Piano Antitratta" (Regione Lazio as lead,
 * the territorial commission, the health authority, the police). The parties' ids are the directory's
 * demo agencies; the NGO is invented; the municipalities are a subset of each province's, enough for
 * the demo. Obligations and data sharing are the Lucca demo's.
 */
export const DEMO_LAZIO_AGREEMENT: AgreementTerms = {
  title: 'Piano Antitratta Lazio – rete territoriale di Roma e Latina (demo)',
  territory: {
    region: 'Lazio',
    provinces: [
      {
        code: 'RM',
        name: 'Roma',
        municipalities: [
          'Roma', 'Albano Laziale', 'Anzio', 'Ardea', 'Bracciano', 'Cerveteri', 'Ciampino', 'Civitavecchia', 'Colleferro', 'Fiumicino',
          'Fonte Nuova', 'Frascati', 'Guidonia Montecelio', 'Ladispoli', 'Marino', 'Monterotondo', 'Nettuno', 'Pomezia', 'Tivoli',
          'Velletri',
        ],
      },
      {
        code: 'LT',
        name: 'Latina',
        municipalities: ['Latina', 'Aprilia', 'Cisterna di Latina', 'Fondi', 'Sabaudia', 'San Felice Circeo', 'Sezze', 'Terracina'],
      },
    ],
  },
  validity: { from: '2024-01-01T00:00:00+01:00' },
  parties: [
    { agencyId: 'regione-lazio', name: 'Regione Lazio', kind: 'REGIONE', roles: ['coordinator', 'referrer'] },
    { agencyId: 'questura-roma', name: 'Questura di Roma', kind: 'QUESTURA', roles: ['referrer', 'police'] },
    {
      agencyId: 'commissione-territoriale-roma',
      name: 'Commissione territoriale per il riconoscimento della protezione internazionale di Roma',
      kind: 'COMMISSIONE_TERRITORIALE',
      roles: ['referrer'],
    },
    { agencyId: 'asl-roma-1', name: 'ASL Roma 1', kind: 'ASL', roles: ['referrer', 'health'] },
    {
      agencyId: 'ponte-aperto-roma',
      name: 'Cooperativa sociale Ponte Aperto (ente fittizio, demo)',
      kind: 'NGO',
      roles: ['receiving-body', 'shelter', 'referrer'],
    },
    { agencyId: 'numero-verde-nazionale', name: 'Numero Verde Antitratta 800 290 290', kind: 'NUMERO_VERDE', roles: ['receiving-body', 'referrer'] },
  ],
  routing: {
    rules: [
      { id: 'province-of-rome', match: { provinces: ['RM'] }, to: 'ponte-aperto-roma' },
      // Farm labour in the Agro Pontino is the reason Latina is in this network.
      { id: 'agro-pontino-labour', match: { provinces: ['LT'], exploitationTypes: ['labour'] }, to: 'ponte-aperto-roma' },
    ],
    // The national hotline arranges transfers to a territory that can take the person.
    fallbackAgencyId: 'numero-verde-nazionale',
  },
  obligations: LUCCA_PROTOCOL_TERMS.obligations,
  dataSharing: LUCCA_PROTOCOL_TERMS.dataSharing,
};
