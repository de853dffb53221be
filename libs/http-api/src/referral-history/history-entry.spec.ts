import { acknowledged, CEIS, QUESTURA, submitted } from '@app/domain/testing/referral.fixtures';
import { historyEntryOf } from './history-entry';
import { recorded } from '../testing/recorded-events';

describe('a history entry', () => {
  const [submission, acknowledgement] = recorded([
    [submitted(), '2026-03-02T09:00:00.000Z'],
    [acknowledged(), '2026-03-02T10:00:00.000Z'],
  ]);

  it('carries the envelope and the data as recorded', () => {
    expect(historyEntryOf(submission, { agencyId: 'regione-toscana', overseer: true })).toEqual({
      streamRevision: 0,
      eventId: 'event-0',
      type: 'ReferralSubmitted',
      schemaVersion: 1,
      occurredAt: submission.metadata.occurredAt,
      recordedAt: '2026-03-02T09:00:00.000Z',
      actor: { userId: QUESTURA.userId, agencyId: 'questura-lucca' },
      correlationId: 'c-0',
      causationId: null,
      integrity: null,
      data: submission.data,
    });
  });

  it('shows the integrity link when the event has one', () => {
    const linked = { ...acknowledgement, metadata: { ...acknowledgement.metadata, integrity: { algorithm: 'sha256-jcs' as const, previousHash: 'aa', hash: 'bb' } } };
    expect(historyEntryOf(linked, { agencyId: 'ceis-lucca', overseer: false }).integrity).toEqual({ algorithm: 'sha256-jcs', previousHash: 'aa', hash: 'bb' });
  });

  it('names the acting user to overseers and to the same agency only; other parties see the agency', () => {
    const forQuestura = historyEntryOf(acknowledgement, { agencyId: 'questura-lucca', overseer: false });
    expect(forQuestura.actor).toEqual({ userId: null, agencyId: 'ceis-lucca' });
    expect(forQuestura.data).toEqual({ ...acknowledgement.data as object, by: { userId: null, agencyId: 'ceis-lucca' } });
    expect(JSON.stringify(forQuestura)).not.toContain(CEIS.userId);
    expect(historyEntryOf(acknowledgement, { agencyId: 'ceis-lucca', overseer: false }).actor.userId).toBe(CEIS.userId);
    expect(historyEntryOf(acknowledgement, { agencyId: 'regione-toscana', overseer: true }).data).toEqual(acknowledgement.data);
  });
});
