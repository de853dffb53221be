import { LUCCA_PROTOCOL_TERMS } from '@app/domain';
import { NewAgency } from '../directory.types';

const LUCCA_MUNICIPALITIES = LUCCA_PROTOCOL_TERMS.territory.provinces.find((province) => province.code === 'LU')!.municipalities;
/** The former USL 12 Versilia; USL 2 Lucca served the rest of the province. */
const VERSILIA = ['Camaiore', 'Forte dei Marmi', 'Massarosa', 'Pietrasanta', 'Seravezza', 'Stazzema', 'Viareggio'];

const toscana = (province: string | null, municipalities: readonly string[] = []) => ({ region: 'Toscana', province, municipalities });
const lazio = (province: string | null, municipalities: readonly string[] = []) => ({ region: 'Lazio', province, municipalities });

/**
 * The demo territories' agencies. Ids and kinds of the Lucca protocol's parties are those of the
 * domain's demo agreement, so that its referrals route to agencies that exist here. Capacities are
 * invented, and so is the Lazio NGO.
 */
export const DEMO_AGENCIES: readonly NewAgency[] = [
  // The 2007 Lucca protocol and its regional fallback.
  { id: 'provincia-lucca', name: 'Provincia di Lucca', kind: 'PROVINCIA', territory: toscana('LU') },
  { id: 'questura-lucca', name: 'Questura di Lucca', kind: 'QUESTURA', territory: toscana('LU') },
  { id: 'comune-altopascio', name: 'Comune di Altopascio', kind: 'COMUNE', territory: toscana('LU', ['Altopascio']) },
  { id: 'comune-capannori', name: 'Comune di Capannori', kind: 'COMUNE', territory: toscana('LU', ['Capannori']) },
  {
    id: 'comune-castelnuovo-garfagnana',
    name: 'Comune di Castelnuovo di Garfagnana',
    kind: 'COMUNE',
    territory: toscana('LU', ['Castelnuovo di Garfagnana']),
  },
  { id: 'comune-viareggio', name: 'Comune di Viareggio', kind: 'COMUNE', territory: toscana('LU', ['Viareggio']) },
  {
    id: 'usl-2-lucca',
    name: 'Azienda USL 2 Lucca',
    kind: 'ASL',
    territory: toscana('LU', LUCCA_MUNICIPALITIES.filter((name) => !VERSILIA.includes(name))),
    services: [{ kind: 'health', name: 'Screening sanitario e codice STP' }],
  },
  {
    id: 'usl-12-versilia',
    name: 'Azienda USL 12 Versilia',
    kind: 'ASL',
    territory: toscana('LU', VERSILIA),
    services: [{ kind: 'health', name: 'Screening sanitario e codice STP' }],
  },
  {
    id: 'ceis-lucca',
    name: 'Fondazione ETS Ce.I.S. - Gruppo "Giovani e Comunità" - Lucca',
    kind: 'NGO',
    territory: toscana('LU'),
    services: [
      { kind: 'shelter', name: 'Accoglienza in emergenza', capacity: 6 },
      { kind: 'desk', name: 'Consulenza per l’identificazione delle vittime' },
    ],
  },
  {
    id: 'coop-arnera',
    name: 'Coop. Arnera (unità di strada, Versilia)',
    kind: 'NGO',
    territory: toscana('LU', ['Viareggio']),
    services: [{ kind: 'street-unit', name: 'Unità di strada Viareggio – Torre del Lago' }],
  },
  {
    id: 'numero-verde-toscana',
    name: 'Numero Verde Antitratta Toscana',
    kind: 'NUMERO_VERDE',
    territory: toscana(null),
    services: [{ kind: 'hotline', name: 'Numero Verde Regionale' }],
  },

  // The rest of the Tuscan system.
  { id: 'regione-toscana', name: 'Regione Toscana', kind: 'REGIONE', territory: toscana(null) },
  { id: 'prefettura-lucca', name: 'Prefettura di Lucca', kind: 'PREFETTURA', territory: toscana('LU') },
  {
    id: 'tribunale-firenze',
    name: 'Tribunale di Firenze',
    kind: 'TRIBUNALE',
    territory: toscana('FI'),
    services: [{ kind: 'desk', name: 'Sportello SATIS, sezione civile' }],
  },
  {
    id: 'commissione-territoriale-firenze',
    name: 'Commissione territoriale per il riconoscimento della protezione internazionale di Firenze',
    kind: 'COMMISSIONE_TERRITORIALE',
    territory: toscana('FI'),
  },
  {
    id: 'procura-minorenni-firenze',
    name: 'Procura della Repubblica presso il Tribunale per i minorenni di Firenze',
    kind: 'PROCURA',
    territory: toscana(null),
  },

  // Lazio.
  { id: 'regione-lazio', name: 'Regione Lazio', kind: 'REGIONE', territory: lazio(null) },
  { id: 'questura-roma', name: 'Questura di Roma', kind: 'QUESTURA', territory: lazio('RM') },
  {
    id: 'commissione-territoriale-roma',
    name: 'Commissione territoriale per il riconoscimento della protezione internazionale di Roma',
    kind: 'COMMISSIONE_TERRITORIALE',
    territory: lazio('RM'),
  },
  {
    id: 'asl-roma-1',
    name: 'ASL Roma 1',
    kind: 'ASL',
    territory: lazio('RM', ['Roma']),
    services: [{ kind: 'health', name: 'Ambulatorio per stranieri temporaneamente presenti (STP)' }],
  },
  {
    id: 'ponte-aperto-roma',
    name: 'Cooperativa sociale Ponte Aperto (ente fittizio, demo)',
    kind: 'NGO',
    territory: lazio('RM'),
    services: [
      { kind: 'shelter', name: 'Casa di pronta accoglienza', capacity: 8 },
      { kind: 'desk', name: 'Sportello presso la Commissione territoriale' },
      { kind: 'street-unit', name: 'Unità di strada Roma' },
    ],
  },

  // National.
  {
    id: 'numero-verde-nazionale',
    name: 'Numero Verde Antitratta 800 290 290',
    kind: 'NUMERO_VERDE',
    territory: { region: null, province: null },
    services: [{ kind: 'hotline', name: 'Numero Verde nazionale' }],
  },
];
