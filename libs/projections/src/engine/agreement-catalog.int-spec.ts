import { randomUUID } from 'node:crypto';
import { AgreementEvent, LUCCA_AGREEMENT_ID, LUCCA_PROTOCOL_TERMS, storedAgreementEvent } from '@app/domain';
import { EventStore, NewEvent, ReadAllOptions, RecordedEvent } from '@app/event-store';
import { newEvents } from '@app/event-store/testing/event-fixtures';
import { PostgresTarget, pgliteTarget } from '@app/event-store/testing/postgres-targets';
import { AgreementCatalog } from './agreement-catalog';

const AT = '2026-11-02T09:00:00.000Z';
const BY = { userId: 'u-provincia', agencyId: 'provincia-lucca' };

function agreementEvents(events: AgreementEvent[]): NewEvent[] {
  return events.map((event) => ({
    id: randomUUID(),
    ...storedAgreementEvent(event),
    metadata: { correlationId: randomUUID(), causationId: null, actorUserId: BY.userId, actorAgencyId: BY.agencyId, occurredAt: AT },
  }));
}

const drafted: AgreementEvent[] = [
  { type: 'AgreementDrafted', data: { agreementId: LUCCA_AGREEMENT_ID, at: AT, by: BY, version: 1, terms: LUCCA_PROTOCOL_TERMS } },
  { type: 'AgreementActivated', data: { agreementId: LUCCA_AGREEMENT_ID, at: AT, by: BY, version: 1 } },
];
const amended: AgreementEvent[] = [{ type: 'AgreementAmended', data: { agreementId: LUCCA_AGREEMENT_ID, at: AT, by: BY, version: 2, terms: LUCCA_PROTOCOL_TERMS } }];

/** The store, with every `readAll` it is asked for noted down. */
function recording(store: EventStore): { store: EventStore; reads: ReadAllOptions[] } {
  const reads: ReadAllOptions[] = [];
  const spy = Object.create(store) as EventStore;
  spy.readAll = (options?: ReadAllOptions) => {
    reads.push(options ?? {});
    return store.readAll(options);
  };
  return { store: spy, reads };
}

describe('AgreementCatalog', () => {
  let target: PostgresTarget;
  /** The referral events appended after the agreement was drafted, in order. */
  let referrals: RecordedEvent[];

  beforeEach(async () => {
    target = await pgliteTarget();
    await target.store.appendToStream(`agreement-${LUCCA_AGREEMENT_ID}`, agreementEvents(drafted), 'no_stream');
    for (let n = 0; n < 6; n++) await target.store.appendToStream(`referral-${n}`, newEvents(2), 'no_stream');
    referrals = await target.store.readAll({ filter: { streamPrefixes: ['referral-'] } });
  });

  afterEach(() => target.dispose());

  it('reads each stretch of the log once: the next catch-up starts where the last bound was', async () => {
    const { store, reads } = recording(target.store);
    const catalog = new AgreementCatalog(store);
    await catalog.catchUp(referrals[3].position);
    expect(catalog.version(LUCCA_AGREEMENT_ID).version).toBe(1);
    await catalog.catchUp(referrals[7].position);
    expect(reads.map((read) => [read.after, read.until])).toEqual([
      ['start', referrals[3].position],
      [referrals[3].position, referrals[7].position],
    ]);
    // A bound it has already read past costs no read at all.
    await catalog.catchUp(referrals[5].position);
    expect(reads).toHaveLength(2);
  });

  it('learns an amendment once a bound reaches it, and not before', async () => {
    await target.store.appendToStream(`agreement-${LUCCA_AGREEMENT_ID}`, agreementEvents(amended), 1);
    await target.store.appendToStream('referral-after', newEvents(1), 'no_stream');
    const [after] = await target.store.readAll({ after: referrals[referrals.length - 1].position, filter: { streamPrefixes: ['referral-'] } });
    const catalog = new AgreementCatalog(target.store);
    await catalog.catchUp(referrals[referrals.length - 1].position);
    expect(() => catalog.version(LUCCA_AGREEMENT_ID, 2)).toThrow('has no version 2');
    await catalog.catchUp(after.position);
    expect(catalog.version(LUCCA_AGREEMENT_ID, 2).version).toBe(2);
    expect(catalog.version(LUCCA_AGREEMENT_ID).version).toBe(2);
  });

  it('reads to the end of the log without a bound', async () => {
    await target.store.appendToStream(`agreement-${LUCCA_AGREEMENT_ID}`, agreementEvents(amended), 1);
    const catalog = new AgreementCatalog(target.store);
    await catalog.catchUp();
    expect(catalog.version(LUCCA_AGREEMENT_ID).version).toBe(2);
  });
});
