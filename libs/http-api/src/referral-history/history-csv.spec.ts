import { HISTORY_CSV_COLUMNS, historyCsv } from './history-csv';
import { HistoryEntry } from './history-entry';
import { parseCsv } from '../testing/csv-reader';

const entry = (overrides: Partial<HistoryEntry> = {}): HistoryEntry => ({
  streamRevision: 0,
  eventId: 'e0',
  type: 'ReferralSubmitted',
  schemaVersion: 1,
  occurredAt: '2026-03-02T09:00:00.000Z',
  recordedAt: '2026-03-02T09:00:00.123Z',
  actor: { userId: 'u1', agencyId: 'questura-lucca' },
  correlationId: 'corr-1',
  causationId: null,
  integrity: { algorithm: 'sha256-jcs', previousHash: '00', hash: 'ab' },
  data: { municipality: 'Viareggio, "centro"\nsecond line', indicators: ['deception'] },
  ...overrides,
});

describe('history as CSV', () => {
  it('writes a header and one row per event that read back to the same values, data as JSON', () => {
    const entries = [entry(), entry({ streamRevision: 1, eventId: 'e1', type: 'ReferralRouted', actor: { userId: null, agencyId: null }, integrity: null, data: {} })];
    const text = historyCsv(entries);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, first, second, ...rest] = parseCsv(text);
    expect(rest).toEqual([]);
    expect(header).toEqual([...HISTORY_CSV_COLUMNS]);
    const cells = Object.fromEntries(header.map((name, i) => [name, first[i]]));
    expect(cells).toEqual({
      streamRevision: '0',
      eventId: 'e0',
      type: 'ReferralSubmitted',
      schemaVersion: '1',
      occurredAt: '2026-03-02T09:00:00.000Z',
      recordedAt: '2026-03-02T09:00:00.123Z',
      actorUserId: 'u1',
      actorAgencyId: 'questura-lucca',
      correlationId: 'corr-1',
      causationId: '',
      integrityAlgorithm: 'sha256-jcs',
      previousHash: '00',
      hash: 'ab',
      data: JSON.stringify(entry().data),
    });
    expect(JSON.parse(cells.data)).toEqual(entry().data);
    expect(second).toEqual(['1', 'e1', 'ReferralRouted', '1', '2026-03-02T09:00:00.000Z', '2026-03-02T09:00:00.123Z', '', '', 'corr-1', '', '', '', '', '{}']);
  });

  it('is only the header for an empty history', () => {
    expect(historyCsv([])).toBe(`${HISTORY_CSV_COLUMNS.join(',')}\r\n`);
  });
});
